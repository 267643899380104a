import { endpoint } from '../endpoint.js';
import { MenuAddConditionalDto, MenuCreateDto, MenuDelConditionalDto, MenuTryMatchDto } from './menu.dto.js';
import type { MenuButton, MenuGetResult, SelfMenuInfo } from './menu.types.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus';

/** Custom menus: the default menu, conditional (个性化) menus, and what a user would see. */
export const MENU_ENDPOINTS = {
  menuCreate: endpoint()({
    title: '创建自定义菜单', method: 'POST', path: '/cgi-bin/menu/create', kind: 'send', request: MenuCreateDto,
    response: 'json', doc: `${DOC}/Creating_Custom-Defined_Menu.html`,
  }),
  menuGet: endpoint<MenuGetResult>()({
    title: '获取自定义菜单配置', method: 'GET', path: '/cgi-bin/menu/get', kind: 'read', response: 'json',
    doc: `${DOC}/Getting_Custom_Menu_Configurations.html`,
  }),
  menuDelete: endpoint()({
    title: '删除自定义菜单', method: 'GET', path: '/cgi-bin/menu/delete', kind: 'send', response: 'json',
    doc: `${DOC}/Deleting_Custom-Defined_Menu.html`,
  }),
  menuAddConditional: endpoint<{ menuid: string | number }>()({
    title: '创建个性化菜单', method: 'POST', path: '/cgi-bin/menu/addconditional', kind: 'send',
    request: MenuAddConditionalDto, response: 'json', expect: ['menuid'], doc: `${DOC}/Personalized_menu_interface.html`,
  }),
  menuDelConditional: endpoint()({
    title: '删除个性化菜单', method: 'POST', path: '/cgi-bin/menu/delconditional', kind: 'send',
    request: MenuDelConditionalDto, response: 'json', doc: `${DOC}/Personalized_menu_interface.html`,
  }),
  /** The docs answer `{ button }`; some answers wrap it as `{ menu: { button } }`. */
  menuTryMatch: endpoint<{ button?: MenuButton[]; menu?: { button: MenuButton[] } }>()({
    title: '测试个性化菜单匹配', method: 'POST', path: '/cgi-bin/menu/trymatch', kind: 'read', request: MenuTryMatchDto,
    response: 'json', doc: `${DOC}/Personalized_menu_interface.html`,
  }),
  menuSelfMenuInfo: endpoint<SelfMenuInfo>()({
    title: '查询自定义菜单信息', method: 'GET', path: '/cgi-bin/get_current_selfmenu_info', kind: 'read',
    response: 'json', expect: ['is_menu_open'], doc: `${DOC}/Querying_Custom_Menus.html`,
  }),
} as const;
