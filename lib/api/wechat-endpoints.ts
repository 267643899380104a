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
import type { EndpointRow } from './endpoint.js';
import { TOKEN_ENDPOINTS } from './credentials/token.endpoints.js';
import { MATERIAL_ENDPOINTS } from './material/material.endpoints.js';
import { MENU_ENDPOINTS } from './menu/menu.endpoints.js';
import { MESSAGE_ENDPOINTS } from './message/message.endpoints.js';
import { QRCODE_ENDPOINTS } from './qrcode/qrcode.endpoints.js';
import { USER_ENDPOINTS } from './user/user.endpoints.js';

/** Every platform API the services call, one row each (see `EndpointRow`). */


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
  ...TOKEN_ENDPOINTS,
  ...DRAFT_ENDPOINTS,
  ...FREEPUBLISH_ENDPOINTS,
  ...SUBSCRIBE_ENDPOINTS,
  ...MASS_HELPER_ENDPOINTS,
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** @deprecated Use `EndpointRow`. */
export type EndpointSpec = EndpointRow;
