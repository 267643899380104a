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
import { JSSDK_ENDPOINTS } from './jssdk/jssdk.endpoints.js';
import { OAUTH_ENDPOINTS } from './oauth/oauth.endpoints.js';
import { endpoint, type EndpointRow } from './endpoint.js';
import { MATERIAL_ENDPOINTS } from './material/material.endpoints.js';
import { MENU_ENDPOINTS } from './menu/menu.endpoints.js';
import { MESSAGE_ENDPOINTS } from './message/message.endpoints.js';
import { QRCODE_ENDPOINTS } from './qrcode/qrcode.endpoints.js';
import { USER_ENDPOINTS } from './user/user.endpoints.js';

/** Every platform API the services call, one row each (see `EndpointRow`). */

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount';

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
  ...MENU_ENDPOINTS,
  ...QRCODE_ENDPOINTS,
  ...MATERIAL_ENDPOINTS,
  ...MESSAGE_ENDPOINTS,
  ...USER_ENDPOINTS,
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
  ...DRAFT_ENDPOINTS,
  ...FREEPUBLISH_ENDPOINTS,
  ...SUBSCRIBE_ENDPOINTS,
  ...MASS_HELPER_ENDPOINTS,
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** @deprecated Use `EndpointRow`. */
export type EndpointSpec = EndpointRow;
