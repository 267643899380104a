import { BASIC_ENDPOINTS } from './basic/basic.endpoints.js';
import { SHORTEN_ENDPOINTS } from './shorten/shorten.endpoints.js';
import { QRCODE_JUMP_ENDPOINTS } from './qrcode-jump/qrcode-jump.endpoints.js';
import { COMMENT_ENDPOINTS } from './comment/comment.endpoints.js';
import { KF_ENDPOINTS } from './kf/kf.endpoints.js';
import { OPENAPI_ENDPOINTS } from './openapi/openapi.endpoints.js';
import { AUTOREPLY_ENDPOINTS } from './autoreply/autoreply.endpoints.js';
import { TEMPLATE_BLOCK_ENDPOINTS } from './template-block/template-block.endpoints.js';
import { DRAFT_ENDPOINTS } from './draft/draft.endpoints.js';
import { FREEPUBLISH_ENDPOINTS } from './freepublish/freepublish.endpoints.js';
import { SUBSCRIBE_ENDPOINTS } from './subscribe/subscribe.endpoints.js';
import { MASS_HELPER_ENDPOINTS } from './mass-helpers/mass-helpers.endpoints.js';
import { DATACUBE_ENDPOINTS } from './datacube/datacube.endpoints.js';
import { INTELLIGENT_ENDPOINTS } from './intelligent/intelligent.endpoints.js';
import { INVOICE_ENDPOINTS } from './invoice/invoice.endpoints.js';
import { MARKETCODE_ENDPOINTS } from './marketcode/marketcode.endpoints.js';
import { STORE_ENDPOINTS } from './store/store.endpoints.js';
import { endpoint, type EndpointKind, type EndpointRow } from './endpoint.js';
import { JSSDK_ENDPOINTS } from './jssdk/jssdk.endpoints.js';
import { OAUTH_ENDPOINTS } from './oauth/oauth.endpoints.js';

/** Every platform API the services call, one row each (see `EndpointRow`). */

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount';

/** Rows not yet moved onto request DTOs: they take raw input through the legacy `client.request`. */
const get = (title: string, path: string, doc: string, kind: EndpointKind = 'read') =>
  endpoint<Record<string, unknown>>()({ title, method: 'GET', path, kind, response: 'json', doc });
const post = (title: string, path: string, doc: string, kind: EndpointKind) =>
  endpoint<Record<string, unknown>>()({ title, method: 'POST', path, kind, response: 'json', doc });

/**
 * The endpoint table: every platform API, one row each (see `EndpointRow`), one area per file.
 * `WechatApiClient.call(ENDPOINTS.row, input)` performs any row, including rows no service wraps yet.
 */
export const ENDPOINTS = {
  ...BASIC_ENDPOINTS,
  ...SHORTEN_ENDPOINTS,
  ...QRCODE_JUMP_ENDPOINTS,
  ...COMMENT_ENDPOINTS,
  ...KF_ENDPOINTS,
  ...OPENAPI_ENDPOINTS,
  ...AUTOREPLY_ENDPOINTS,
  ...TEMPLATE_BLOCK_ENDPOINTS,
  ...JSSDK_ENDPOINTS,
  ...OAUTH_ENDPOINTS,
  ...DATACUBE_ENDPOINTS,
  ...INTELLIGENT_ENDPOINTS,
  ...INVOICE_ENDPOINTS,
  ...MARKETCODE_ENDPOINTS,
  ...STORE_ENDPOINTS,
  // Tokens. A classic fetch replaces the previous token (after 5 minutes) and spends a 2000/day quota: `send`.
  stableToken: endpoint<Record<string, unknown>>()({
    title: '获取稳定版接口调用凭据',
    method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'read', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  }),
  /** The same endpoint with `force_refresh: true`: it replaces the token for everyone (20 a day), so never repeated. */
  stableTokenForced: endpoint<Record<string, unknown>>()({
    title: '获取稳定版接口调用凭据',
    method: 'POST', path: '/cgi-bin/stable_token', credential: 'none', kind: 'send', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  }),
  classicToken: endpoint<Record<string, unknown>>()({
    title: '获取接口调用凭据',
    method: 'GET', path: '/cgi-bin/token', credential: 'none', kind: 'send', body: 'none', response: 'json',
    doc: `${DOC}/Basic_Information/Get_access_token.html`,
  }),

  // Custom menus.
  menuCreate: post('创建自定义菜单', '/cgi-bin/menu/create', `${DOC}/Custom_Menus/Creating_Custom-Defined_Menu.html`, 'send'),
  menuGet: get('获取自定义菜单配置', '/cgi-bin/menu/get', `${DOC}/Custom_Menus/Getting_Custom_Menu_Configurations.html`),
  menuDelete: get('删除自定义菜单', '/cgi-bin/menu/delete', `${DOC}/Custom_Menus/Deleting_Custom-Defined_Menu.html`, 'send'),
  menuAddConditional: post('创建个性化菜单', '/cgi-bin/menu/addconditional', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'send'),
  menuDelConditional: post('删除个性化菜单', '/cgi-bin/menu/delconditional', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'send'),
  menuTryMatch: post('测试个性化菜单匹配', '/cgi-bin/menu/trymatch', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'read'),
  menuSelfMenuInfo: get('查询自定义菜单信息', '/cgi-bin/get_current_selfmenu_info', `${DOC}/Custom_Menus/Querying_Custom_Menus.html`),

  // Parametric QR codes. Same path, two policies: a temporary ticket is cheap, a permanent one spends a 100,000 quota.
  qrcodeCreateTemporary: post('生成带参数二维码', '/cgi-bin/qrcode/create', `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`, 'read'),
  qrcodeCreatePermanent: post('生成带参数二维码', '/cgi-bin/qrcode/create', `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`, 'send'),
  showQrcode: endpoint<Record<string, unknown>>()({
    title: '换取二维码图片',
    method: 'GET', path: '/cgi-bin/showqrcode', credential: 'none', kind: 'read', body: 'none', response: 'binary', host: 'mp',
    doc: `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`,
  }),

  // Materials. Temporary uploads expire after 3 days and count against no library limit: `read`.
  mediaUpload: endpoint<Record<string, unknown>>()({
    title: '新增临时素材',
    method: 'POST', path: '/cgi-bin/media/upload', kind: 'read', body: 'multipart', response: 'json',
    doc: `${DOC}/Asset_Management/New_temporary_materials.html`,
  }),
  mediaGet: endpoint<Record<string, unknown>>()({
    title: '获取临时素材',
    method: 'GET', path: '/cgi-bin/media/get', kind: 'read', body: 'none', response: 'binary',
    doc: `${DOC}/Asset_Management/Get_temporary_materials.html`,
  }),
  mediaUploadImg: endpoint<Record<string, unknown>>()({
    title: '上传图文消息内的图片',
    method: 'POST', path: '/cgi-bin/media/uploadimg', kind: 'read', body: 'multipart', response: 'json',
    doc: `${DOC}/Asset_Management/Adding_Permanent_Assets.html`,
  }),
  materialAdd: endpoint<Record<string, unknown>>()({
    title: '新增其他类型永久素材',
    method: 'POST', path: '/cgi-bin/material/add_material', kind: 'send', body: 'multipart',
    response: 'json', doc: `${DOC}/Asset_Management/Adding_Permanent_Assets.html`,
  }),
  materialGet: endpoint<Record<string, unknown>>()({
    title: '获取永久素材',
    method: 'POST', path: '/cgi-bin/material/get_material', kind: 'read', body: 'json',
    response: 'binary', doc: `${DOC}/Asset_Management/Getting_Permanent_Assets.html`,
  }),
  materialDelete: post('删除永久素材', '/cgi-bin/material/del_material', `${DOC}/Asset_Management/Deleting_Permanent_Assets.html`, 'send'),
  materialCount: get('获取素材总数', '/cgi-bin/material/get_materialcount', `${DOC}/Asset_Management/Get_the_total_of_all_materials.html`),
  materialBatchGet: post('获取素材列表', '/cgi-bin/material/batchget_material', `${DOC}/Asset_Management/Get_materials_list.html`, 'read'),

  // Customer-service messages.
  customSend: post('发送客服消息', '/cgi-bin/message/custom/send', `${DOC}/Message_Management/Service_Center_messages.html`, 'send'),
  customTyping: post('客服输入状态', '/cgi-bin/message/custom/typing', `${DOC}/Message_Management/Service_Center_messages.html`, 'read'),

  // Template messages.
  templateSend: post('发送模板消息', '/cgi-bin/message/template/send', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  /** Changeable once a month. */
  templateSetIndustry: post('设置所属行业', '/cgi-bin/template/api_set_industry', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  templateGetIndustry: get('获取设置的行业信息', '/cgi-bin/template/get_industry', `${DOC}/Message_Management/Template_Message_Interface.html`),
  templateAdd: post('获得模板ID', '/cgi-bin/template/api_add_template', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  templateList: get('获取模板列表', '/cgi-bin/template/get_all_private_template', `${DOC}/Message_Management/Template_Message_Interface.html`),
  templateDelete: post('删除模板', '/cgi-bin/template/del_private_template', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),

  // Mass sends.
  massSendAll: post('根据标签进行群发', '/cgi-bin/message/mass/sendall', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massSend: post('根据OpenID列表群发', '/cgi-bin/message/mass/send', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massPreview: post('预览接口', '/cgi-bin/message/mass/preview', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massDelete: post('删除群发', '/cgi-bin/message/mass/delete', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massGet: post('查询群发消息发送状态', '/cgi-bin/message/mass/get', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'read'),
  ...DRAFT_ENDPOINTS,
  ...FREEPUBLISH_ENDPOINTS,
  ...SUBSCRIBE_ENDPOINTS,
  ...MASS_HELPER_ENDPOINTS,
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** @deprecated Use `EndpointRow`. */
export type EndpointSpec = EndpointRow;
