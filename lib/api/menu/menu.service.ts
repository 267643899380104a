import { validateDto } from '../dto/validate-dto.js';
import type { WechatApiClient } from '../wechat-api.client.js';
import { MenuCreateDto, type MenuAddConditionalDto } from './menu.dto.js';
import { MENU_ENDPOINTS as E } from './menu.endpoints.js';
import type { ConditionalMenuDefinition, MenuButton, MenuDefinition, MenuGetResult, SelfMenuInfo } from './menu.types.js';

/** Custom menus: the default menu, conditional (个性化) menus, and what a user would see. */
export class MenuService {
  constructor(private readonly client: WechatApiClient) {}

  /**
   * 创建自定义菜单: replaces the default menu. Checked against the documented limits first. Takes the typed
   * `MenuDefinition` or the `MenuCreateDto` an admin endpoint validated with `ValidationPipe`.
   */
  async create(menu: MenuDefinition | MenuCreateDto): Promise<void> {
    await this.client.call(E.menuCreate, menu);
  }

  /** 获取自定义菜单配置: the default menu and the conditional menus set through the API (46003 when there is none). */
  get(): Promise<MenuGetResult> {
    return this.client.call(E.menuGet);
  }

  /** 删除自定义菜单: deletes the default menu and every conditional menu. */
  async delete(): Promise<void> {
    await this.client.call(E.menuDelete);
  }

  /**
   * 创建个性化菜单: adds a conditional menu; returns its `menuid`.
   * Docs: https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async addConditional(menu: ConditionalMenuDefinition | MenuAddConditionalDto): Promise<string> {
    return String((await this.client.call(E.menuAddConditional, menu)).menuid);
  }

  /** 删除个性化菜单. */
  async deleteConditional(menuId: string): Promise<void> {
    await this.client.call(E.menuDelConditional, { menuid: menuId });
  }

  /** 测试个性化菜单匹配: the menu a user would see; `userId` is an OpenID or a WeChat ID. */
  async tryMatch(userId: string): Promise<{ button: MenuButton[] }> {
    const answer = await this.client.call(E.menuTryMatch, { user_id: userId });
    return { button: answer.button ?? answer.menu?.button ?? [] };
  }

  /** 查询自定义菜单信息: the live menu, whether set through the API or in the 公众平台 console. */
  getCurrentSelfMenuInfo(): Promise<SelfMenuInfo> {
    return this.client.call(E.menuSelfMenuInfo);
  }
}

/** Checks a menu against the documented limits (`MenuCreateDto`); throws `WechatValidationError` naming the field. */
export function checkMenu(menu: MenuDefinition | MenuCreateDto): void {
  validateDto(MenuCreateDto, menu);
}
