import type { EmulatorRoute } from '../route.js';
import { BASIC_ROUTES } from './basic.routes.js';
import { BLACKLIST_ROUTES } from './blacklist.routes.js';
import { CHANGE_OPENID_ROUTES } from './changeopenid.routes.js';
import { KF_MESSAGE_ROUTES } from './kf-message.routes.js';
import { MASS_ROUTES } from './mass.routes.js';
import { MATERIAL_ROUTES } from './material.routes.js';
import { MEDIA_ROUTES } from './media.routes.js';
import { MENU_ROUTES } from './menu.routes.js';
import { QRCODE_ROUTES } from './qrcode.routes.js';
import { TEMPLATE_ROUTES } from './template.routes.js';
import { TOKEN_ROUTES } from './token.routes.js';
import { USER_TAG_ROUTES } from './user-tag.routes.js';
import { SHORTEN_ROUTES } from './shorten.routes.js';
import { COMMENT_ROUTES } from './comment.routes.js';
import { KF_ADMIN_ROUTES } from './kf-admin.routes.js';
import { OPENAPI_ROUTES } from './openapi.routes.js';
import { AUTOREPLY_ROUTES } from './autoreply.routes.js';
import { BLOCKED_TEMPLATE_ROUTES } from './blocked-template.routes.js';
import { DRAFT_ROUTES } from './draft.routes.js';
import { FREEPUBLISH_ROUTES } from './freepublish.routes.js';
import { SUBSCRIBE_ROUTES } from './subscribe.routes.js';
import { MASS_HELPER_ROUTES } from './mass-helper.routes.js';
import { JSSDK_PAGE_ROUTES } from './jssdk-page.routes.js';
import { OAUTH_ROUTES } from './oauth.routes.js';
import { TICKET_ROUTES } from './ticket.routes.js';
import { DATACUBE_ROUTES } from './datacube.routes.js';
import { INTELLIGENT_ROUTES } from './intelligent.routes.js';
import { INVOICE_ROUTES } from './invoice.routes.js';
import { MARKETCODE_ROUTES } from './marketcode.routes.js';
import { STORE_ROUTES } from './store.routes.js';

/** Every endpoint the emulator answers, one family per file. */
export const ALL_ROUTES: readonly EmulatorRoute[] = [
  ...TOKEN_ROUTES,
  ...BASIC_ROUTES,
  ...MENU_ROUTES,
  ...QRCODE_ROUTES,
  ...MEDIA_ROUTES,
  ...MATERIAL_ROUTES,
  ...KF_MESSAGE_ROUTES,
  ...TEMPLATE_ROUTES,
  ...MASS_ROUTES,
  ...USER_TAG_ROUTES,
  // issue 10: short keys and QR jump rules, comments, customer-service administration, openApi, auto-reply, blocked templates
  ...SHORTEN_ROUTES,
  ...COMMENT_ROUTES,
  ...KF_ADMIN_ROUTES,
  ...OPENAPI_ROUTES,
  ...AUTOREPLY_ROUTES,
  ...BLOCKED_TEMPLATE_ROUTES,
  ...DRAFT_ROUTES,
  ...FREEPUBLISH_ROUTES,
  ...SUBSCRIBE_ROUTES,
  ...MASS_HELPER_ROUTES,
  ...TICKET_ROUTES,
  ...OAUTH_ROUTES,
  ...JSSDK_PAGE_ROUTES,
  ...DATACUBE_ROUTES,
  ...INTELLIGENT_ROUTES,
  ...INVOICE_ROUTES,
  ...MARKETCODE_ROUTES,
  ...STORE_ROUTES,
  ...BLACKLIST_ROUTES,
  ...CHANGE_OPENID_ROUTES,
];
