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
  ...BLACKLIST_ROUTES,
  ...CHANGE_OPENID_ROUTES,
];
