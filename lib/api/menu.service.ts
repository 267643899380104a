import { checkArray, checkObject, checkOneOf, checkString, invalid } from './api-validation.js';
import type { WechatApiClient } from './wechat-api.client.js';
import { ENDPOINTS } from './wechat-endpoints.js';
import {
  MENU_BUTTON_FIELDS,
  MENU_LIMITS,
  type ConditionalMenuDefinition,
  type MenuButton,
  type MenuButtonType,
  type MenuDefinition,
  type MenuGetResult,
  type MenuMatchRule,
  type SelfMenuInfo,
} from './menu.types.js';

const BUTTON_TYPES = Object.keys(MENU_BUTTON_FIELDS) as MenuButtonType[];
const WEB_URL = /^https?:\/\/[^\s/]+/i;
const MATCH_RULE_FIELDS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;

/** Custom menus: the default menu, conditional (个性化) menus, and what a user would see. */
export class MenuService {
  constructor(private readonly client: WechatApiClient) {}

  /** Replaces the default menu. Checked against the documented limits first. */
  async create(menu: MenuDefinition): Promise<void> {
    checkMenu(menu);
    await this.client.request(ENDPOINTS.menuCreate, { body: { button: menu.button } });
  }

  /** The default menu and the conditional menus set through the API (errcode 46003 when there is none). */
  get(): Promise<MenuGetResult> {
    return this.client.request<MenuGetResult>(ENDPOINTS.menuGet);
  }

  /** Deletes the default menu and every conditional menu. */
  async delete(): Promise<void> {
    await this.client.request(ENDPOINTS.menuDelete);
  }

  /**
   * Adds a conditional menu; returns its `menuid`.
   * Docs: https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async addConditional(menu: ConditionalMenuDefinition): Promise<string> {
    checkMenu(menu);
    checkMatchRule(menu.matchrule);
    const answer = await this.client.request<{ menuid: string | number }>(ENDPOINTS.menuAddConditional, {
      body: { button: menu.button, matchrule: menu.matchrule },
    });
    return String(answer.menuid);
  }

  async deleteConditional(menuId: string): Promise<void> {
    checkString(menuId, 'menuid');
    await this.client.request(ENDPOINTS.menuDelConditional, { body: { menuid: menuId } });
  }

  /** The menu a user would see; `userId` is an OpenID or a WeChat ID. */
  async tryMatch(userId: string): Promise<{ button: MenuButton[] }> {
    checkString(userId, 'user_id');
    const answer = await this.client.request<{ button?: MenuButton[]; menu?: { button: MenuButton[] } }>(
      ENDPOINTS.menuTryMatch,
      { body: { user_id: userId } },
    );
    // The docs answer `{ button }`; some answers wrap it as `{ menu: { button } }`.
    return { button: answer.button ?? answer.menu?.button ?? [] };
  }

  /** The live menu, whether set through the API or in the 公众平台 console. */
  getCurrentSelfMenuInfo(): Promise<SelfMenuInfo> {
    return this.client.request<SelfMenuInfo>(ENDPOINTS.menuSelfMenuInfo);
  }
}

/** Checks a menu against the documented limits; throws `WechatValidationError` naming the field. */
export function checkMenu(menu: MenuDefinition): void {
  checkObject(menu, 'menu');
  const buttons = checkArray<MenuButton>(menu.button, 'button', MENU_LIMITS.topLevelButtons.min, MENU_LIMITS.topLevelButtons.max);
  buttons.forEach((button, i) => {
    const field = `button[${i}]`;
    checkObject(button, field);
    checkString(button.name, `${field}.name`, { maxBytes: MENU_LIMITS.topLevelNameBytes });
    const subs = (button as { sub_button?: unknown }).sub_button;
    if (Array.isArray(subs) && subs.length > 0) {
      checkArray(subs, `${field}.sub_button`, MENU_LIMITS.subButtons.min, MENU_LIMITS.subButtons.max);
      subs.forEach((sub: unknown, j) => {
        const subField = `${field}.sub_button[${j}]`;
        const leaf = checkObject(sub, subField);
        checkString(leaf.name, `${subField}.name`, { maxBytes: MENU_LIMITS.subButtonNameBytes });
        if (Array.isArray(leaf.sub_button) && leaf.sub_button.length > 0) invalid(`${subField}.sub_button`, 'menus have two levels at most');
        checkLeaf(leaf, subField);
      });
    } else {
      checkLeaf(button as unknown as Record<string, unknown>, field);
    }
  });
}

function checkLeaf(button: Record<string, unknown>, field: string): void {
  const type = checkOneOf(button.type, `${field}.type`, BUTTON_TYPES);
  const required: Record<string, number | null> = MENU_BUTTON_FIELDS[type];
  for (const [name, maxBytes] of Object.entries(required)) {
    checkString(button[name], `${field}.${name}`, maxBytes === null ? {} : { maxBytes });
  }
  // WeChat refuses links that are not http(s) (errcode 40054/40055).
  if ('url' in required && !WEB_URL.test(button.url as string)) invalid(`${field}.url`, 'must be an http:// or https:// URL');
}

function checkMatchRule(rule: MenuMatchRule): void {
  const fields = checkObject(rule, 'matchrule');
  for (const name of MATCH_RULE_FIELDS) checkString(fields[name], `matchrule.${name}`, { optional: true });
  if (!MATCH_RULE_FIELDS.some((name) => fields[name])) invalid('matchrule', 'needs at least one non-empty field');
  // Region is checked country → province → city: a province needs its country, a city its province.
  if (rule.province && !rule.country) invalid('matchrule.country', 'is required when province is set');
  if (rule.city && !rule.province) invalid('matchrule.province', 'is required when city is set');
}
