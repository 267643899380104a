/**
 * Every platform API this package calls, described once. The client reads `needsToken` to add the
 * access_token, `body`/`response` to encode and decode, and `kind` to choose the retry policy:
 *
 * - `read`: safe to repeat — reads, and writes whose repeat changes nothing anyone sees (a second temporary
 *   upload or temporary QR ticket, a second "typing" indicator). Retried on network errors, timeouts, HTTP 5xx
 *   and errcode -1.
 * - `send`: a repeat could duplicate a side effect (a message delivered twice, a menu or permanent material
 *   changed twice, a quota spent twice). Never repeated once the request may have reached WeChat, except after
 *   a token error (40001/40014/42001), which means WeChat refused it.
 *
 * `host: 'mp'` endpoints live on mp.weixin.qq.com rather than api.weixin.qq.com.
 */
export interface EndpointSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly needsToken: boolean;
  readonly kind: 'read' | 'send';
  readonly body: 'none' | 'json' | 'multipart';
  readonly response: 'json' | 'binary';
  readonly host?: 'api' | 'mp';
  readonly doc: string;
}

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount';

const get = (path: string, doc: string, kind: 'read' | 'send' = 'read') =>
  ({ method: 'GET', path, needsToken: true, kind, body: 'none', response: 'json', doc }) as const;
const post = (path: string, doc: string, kind: 'read' | 'send') =>
  ({ method: 'POST', path, needsToken: true, kind, body: 'json', response: 'json', doc }) as const;

export const ENDPOINTS = {
  // Tokens. A classic fetch replaces the previous token (after 5 minutes) and spends a 2000/day quota: `send`.
  stableToken: {
    method: 'POST', path: '/cgi-bin/stable_token', needsToken: false, kind: 'read', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  },
  /** The same endpoint with `force_refresh: true`: it replaces the token for everyone (20 a day), so never repeated. */
  stableTokenForced: {
    method: 'POST', path: '/cgi-bin/stable_token', needsToken: false, kind: 'send', body: 'json', response: 'json',
    doc: `${DOC}/Basic_Information/getStableAccessToken.html`,
  },
  classicToken: {
    method: 'GET', path: '/cgi-bin/token', needsToken: false, kind: 'send', body: 'none', response: 'json',
    doc: `${DOC}/Basic_Information/Get_access_token.html`,
  },

  // Basics.
  getCallbackIp: get('/cgi-bin/getcallbackip', `${DOC}/Basic_Information/Get_the_WeChat_server_IP_address.html`),
  getApiDomainIp: get('/cgi-bin/get_api_domain_ip', `${DOC}/Basic_Information/Get_the_WeChat_server_IP_address.html`),
  callbackCheck: post('/cgi-bin/callback/check', `${DOC}/Basic_Information/Network_Detection.html`, 'read'),
  getApiQuota: post('/cgi-bin/openapi/quota/get', `${DOC}/openApi/get_api_quota.html`, 'read'),
  /** Limited to 10 resets a month: never repeat it blindly. */
  clearQuota: post('/cgi-bin/clear_quota', `${DOC}/openApi/clear_quota.html`, 'send'),

  // Custom menus.
  menuCreate: post('/cgi-bin/menu/create', `${DOC}/Custom_Menus/Creating_Custom-Defined_Menu.html`, 'send'),
  menuGet: get('/cgi-bin/menu/get', `${DOC}/Custom_Menus/Getting_Custom_Menu_Configurations.html`),
  menuDelete: get('/cgi-bin/menu/delete', `${DOC}/Custom_Menus/Deleting_Custom-Defined_Menu.html`, 'send'),
  menuAddConditional: post('/cgi-bin/menu/addconditional', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'send'),
  menuDelConditional: post('/cgi-bin/menu/delconditional', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'send'),
  menuTryMatch: post('/cgi-bin/menu/trymatch', `${DOC}/Custom_Menus/Personalized_menu_interface.html`, 'read'),
  menuSelfMenuInfo: get('/cgi-bin/get_current_selfmenu_info', `${DOC}/Custom_Menus/Querying_Custom_Menus.html`),

  // Parametric QR codes. Same path, two policies: a temporary ticket is cheap, a permanent one spends a 100,000 quota.
  qrcodeCreateTemporary: post('/cgi-bin/qrcode/create', `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`, 'read'),
  qrcodeCreatePermanent: post('/cgi-bin/qrcode/create', `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`, 'send'),
  showQrcode: {
    method: 'GET', path: '/cgi-bin/showqrcode', needsToken: false, kind: 'read', body: 'none', response: 'binary', host: 'mp',
    doc: `${DOC}/Account_Management/Generating_a_Parametric_QR_Code.html`,
  },

  // Materials. Temporary uploads expire after 3 days and count against no library limit: `read`.
  mediaUpload: {
    method: 'POST', path: '/cgi-bin/media/upload', needsToken: true, kind: 'read', body: 'multipart', response: 'json',
    doc: `${DOC}/Asset_Management/New_temporary_materials.html`,
  },
  mediaGet: {
    method: 'GET', path: '/cgi-bin/media/get', needsToken: true, kind: 'read', body: 'none', response: 'binary',
    doc: `${DOC}/Asset_Management/Get_temporary_materials.html`,
  },
  mediaUploadImg: {
    method: 'POST', path: '/cgi-bin/media/uploadimg', needsToken: true, kind: 'read', body: 'multipart', response: 'json',
    doc: `${DOC}/Asset_Management/Adding_Permanent_Assets.html`,
  },
  materialAdd: {
    method: 'POST', path: '/cgi-bin/material/add_material', needsToken: true, kind: 'send', body: 'multipart',
    response: 'json', doc: `${DOC}/Asset_Management/Adding_Permanent_Assets.html`,
  },
  materialGet: {
    method: 'POST', path: '/cgi-bin/material/get_material', needsToken: true, kind: 'read', body: 'json',
    response: 'binary', doc: `${DOC}/Asset_Management/Getting_Permanent_Assets.html`,
  },
  materialDelete: post('/cgi-bin/material/del_material', `${DOC}/Asset_Management/Deleting_Permanent_Assets.html`, 'send'),
  materialCount: get('/cgi-bin/material/get_materialcount', `${DOC}/Asset_Management/Get_the_total_of_all_materials.html`),
  materialBatchGet: post('/cgi-bin/material/batchget_material', `${DOC}/Asset_Management/Get_materials_list.html`, 'read'),

  // Customer-service messages.
  customSend: post('/cgi-bin/message/custom/send', `${DOC}/Message_Management/Service_Center_messages.html`, 'send'),
  customTyping: post('/cgi-bin/message/custom/typing', `${DOC}/Message_Management/Service_Center_messages.html`, 'read'),

  // Template messages.
  templateSend: post('/cgi-bin/message/template/send', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  /** Changeable once a month. */
  templateSetIndustry: post('/cgi-bin/template/api_set_industry', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  templateGetIndustry: get('/cgi-bin/template/get_industry', `${DOC}/Message_Management/Template_Message_Interface.html`),
  templateAdd: post('/cgi-bin/template/api_add_template', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),
  templateList: get('/cgi-bin/template/get_all_private_template', `${DOC}/Message_Management/Template_Message_Interface.html`),
  templateDelete: post('/cgi-bin/template/del_private_template', `${DOC}/Message_Management/Template_Message_Interface.html`, 'send'),

  // Mass sends.
  massSendAll: post('/cgi-bin/message/mass/sendall', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massSend: post('/cgi-bin/message/mass/send', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massPreview: post('/cgi-bin/message/mass/preview', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massDelete: post('/cgi-bin/message/mass/delete', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'send'),
  massGet: post('/cgi-bin/message/mass/get', `${DOC}/Message_Management/Batch_Sends_and_Originality_Checks.html`, 'read'),
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof ENDPOINTS;
