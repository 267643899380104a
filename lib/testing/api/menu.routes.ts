import { fail, type WechatErrcode } from '../emulator-errors.js';
import type { AccountState, JsonObject } from '../emulator-state.js';
import { OK, byteLength, isObject, requireString, type EmulatorRoute } from '../route.js';

const CREATE_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html';
const GET_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Querying_Custom_Menus.html';
const DELETE_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Deleting_Custom-Defined_Menu.html';
const CONDITIONAL_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html';
const CURRENT_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Getting_Custom_Menu_Configurations.html';

/** Button types and the field each one needs (createCustomMenu's 枚举值). */
const BUTTON_TYPES: Readonly<Record<string, 'key' | 'url' | 'media_id' | 'article_id' | 'miniprogram'>> = {
  click: 'key',
  scancode_push: 'key',
  scancode_waitmsg: 'key',
  pic_sysphoto: 'key',
  pic_photo_or_album: 'key',
  pic_weixin: 'key',
  location_select: 'key',
  view: 'url',
  media_id: 'media_id',
  view_limited: 'media_id',
  article_id: 'article_id',
  article_view_limited: 'article_id',
  miniprogram: 'miniprogram',
};

/** Limits from the docs: 1–3 buttons, 1–5 sub-buttons, name ≤16 / ≤60 bytes, key ≤128, url ≤1024. */
const LEVELS = {
  top: { maxCount: 3, maxName: 16, count: 40016, type: 40017, name: 40018, key: 40019, url: 40020, domain: 40055 },
  sub: { maxCount: 5, maxName: 60, count: 40023, type: 40024, name: 40025, key: 40026, url: 40027, domain: 40054 },
} as const satisfies Record<string, { maxCount: number; maxName: number } & Record<string, number>>;
type Level = (typeof LEVELS)[keyof typeof LEVELS];

const MAX_KEY_BYTES = 128;
const MAX_URL_BYTES = 1024;
const URL_PATTERN = /^https?:\/\/[^\s/]+/i;
const UNICODE_ESCAPE = /\\u[0-9a-fA-F]{4}/;

/** Validates a `button` array and returns it as WeChat stores it (every button gets a `sub_button` array). */
function validateButtons(buttons: unknown, rawText: string): JsonObject[] {
  // "不合法的请求字符，不能包含\uxxxx格式的字符" (40033)
  if (UNICODE_ESCAPE.test(rawText)) fail(40033);
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > LEVELS.top.maxCount) fail(40016);
  return buttons.map((button) => {
    if (!isObject(button)) fail(40016);
    const subs = button.sub_button;
    if (Array.isArray(subs) && subs.length > 0) {
      checkName(button, LEVELS.top);
      if (subs.length > LEVELS.sub.maxCount) fail(LEVELS.sub.count);
      const children = subs.map((sub) => {
        if (!isObject(sub)) fail(LEVELS.sub.count);
        return { ...validateLeaf(sub, LEVELS.sub), sub_button: [] };
      });
      return { name: button.name, sub_button: children };
    }
    return { ...validateLeaf(button, LEVELS.top), sub_button: [] };
  });
}

function checkName(button: JsonObject, level: Level): void {
  const name = button.name;
  if (typeof name !== 'string' || name.length === 0 || byteLength(name) > level.maxName) fail(level.name);
}

function validateLeaf(button: JsonObject, level: Level): JsonObject {
  checkName(button, level);
  const type = button.type;
  // a button with neither a type nor sub-buttons: "包含没有响应类型的 button"
  if (type === undefined) fail(65308);
  if (typeof type !== 'string' || !Object.hasOwn(BUTTON_TYPES, type)) fail(level.type);
  const leaf: JsonObject = { type, name: button.name };
  switch (BUTTON_TYPES[type]) {
    case 'key':
      leaf.key = checkSized(button.key, MAX_KEY_BYTES, level.key);
      break;
    case 'url':
      leaf.url = checkUrl(button.url, level);
      break;
    case 'media_id':
      leaf.media_id = checkSized(button.media_id, 128, 40007);
      break;
    case 'article_id':
      leaf.article_id = checkSized(button.article_id, 128, 40097);
      break;
    case 'miniprogram':
      leaf.url = checkUrl(button.url, level);
      leaf.appid = checkSized(button.appid, 64, 40097);
      leaf.pagepath = checkSized(button.pagepath, 1024, 40097);
      break;
  }
  return leaf;
}

function checkSized(value: unknown, maxBytes: number, errcode: WechatErrcode): string {
  if (typeof value !== 'string' || value.length === 0 || byteLength(value) > maxBytes) fail(errcode);
  return value;
}

function checkUrl(value: unknown, level: Level): string {
  const url = checkSized(value, MAX_URL_BYTES, level.url);
  if (!URL_PATTERN.test(url)) fail(level.domain);
  return url;
}

const MATCH_RULE_FIELDS = ['tag_id', 'sex', 'country', 'province', 'city', 'client_platform_type', 'language'] as const;

function validateMatchRule(value: unknown): JsonObject {
  if (!isObject(value)) fail(65304);
  const rule: JsonObject = {};
  for (const field of MATCH_RULE_FIELDS) {
    const v = value[field];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' && typeof v !== 'number') fail(40097);
    rule[field] = String(v);
  }
  if (Object.keys(rule).length === 0) fail(65304);
  if ((rule.province || rule.city) && !rule.country) fail(65310);
  if (rule.city && !rule.province) fail(65311);
  return rule;
}

/** The menu a user sees: newest conditional menu whose tag rule matches, else the default menu. */
export function resolveMenu(account: AccountState, openid: string): { button: unknown[]; menuid?: string } | undefined {
  const follower = account.followers.get(openid);
  const conditionals = [...account.conditionalMenus.values()].reverse();
  for (const menu of conditionals) {
    const tag = menu.matchrule.tag_id;
    if (tag === undefined || follower?.tagIds.includes(Number(tag))) return { button: menu.button, menuid: menu.menuid };
  }
  return account.menu ? { button: account.menu.button as unknown[] } : undefined;
}

function menuFor(account: AccountState, openid: string): unknown[] | undefined {
  return resolveMenu(account, openid)?.button;
}

/** get_current_selfmenu_info wraps sub-buttons in `{ list: [...] }`. */
function toSelfMenuInfo(buttons: unknown[]): unknown[] {
  return buttons.map((button) => {
    const { sub_button: subs, ...rest } = button as JsonObject;
    return Array.isArray(subs) && subs.length > 0
      ? { name: rest.name, sub_button: { list: subs.map((s) => ({ ...(s as JsonObject), sub_button: undefined })) } }
      : rest;
  });
}

export const MENU_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    doc: CREATE_DOC,
    needsToken: true,
    quota: 1000,
    body: 'json',
    handler(ctx) {
      const button = validateButtons(ctx.json().button, ctx.rawText());
      ctx.account.menu = { button };
      return OK;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    doc: GET_DOC,
    needsToken: true,
    quota: 10_000,
    body: 'none',
    handler(ctx) {
      const { menu, conditionalMenus } = ctx.account;
      if (!menu) fail(46003);
      const result: JsonObject = { menu: { button: menu.button } };
      if (conditionalMenus.size > 0) {
        result.conditionalmenu = [...conditionalMenus.values()].map((m) => ({ button: m.button, matchrule: m.matchrule, menuid: Number(m.menuid) }));
      }
      return result;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    doc: DELETE_DOC,
    needsToken: true,
    quota: 1000,
    body: 'none',
    handler(ctx) {
      ctx.account.menu = null;
      ctx.account.conditionalMenus.clear();
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/addconditional',
    doc: CONDITIONAL_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      if (!ctx.account.menu) fail(65303);
      if (body.button === undefined) fail(65307);
      const button = validateButtons(body.button, ctx.rawText());
      const matchrule = validateMatchRule(body.matchrule);
      const menuid = String(208_379_000 + ctx.account.nextId());
      ctx.account.conditionalMenus.set(menuid, { menuid, button, matchrule });
      return { menuid };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/delconditional',
    doc: CONDITIONAL_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const menuid = ctx.json().menuid;
      if ((typeof menuid !== 'string' && typeof menuid !== 'number') || !ctx.account.conditionalMenus.delete(String(menuid))) {
        fail(65301);
      }
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/trymatch',
    doc: CONDITIONAL_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const userId = requireString(ctx.json(), 'user_id', 40097);
      if (!ctx.account.followers.has(userId)) fail(65302);
      const button = menuFor(ctx.account, userId);
      if (!button) fail(46003);
      // Docs (menu/trymatch): the answer is `{ button }`, unlike menu/get's `{ menu: { button } }`.
      return { button };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_current_selfmenu_info',
    doc: CURRENT_DOC,
    needsToken: true,
    body: 'none',
    handler(ctx) {
      const menu = ctx.account.menu;
      if (!menu) return { is_menu_open: 0 };
      return { is_menu_open: 1, selfmenu_info: { button: toSelfMenuInfo(menu.button as unknown[]) } };
    },
  },
];
