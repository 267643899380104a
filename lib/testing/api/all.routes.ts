import type { EmulatorRoute } from '../route.js';
import { BASIC_ROUTES } from './basic.routes.js';
import { MENU_ROUTES } from './menu.routes.js';
import { TOKEN_ROUTES } from './token.routes.js';

/** Every endpoint the emulator answers, one family per file. */
export const ALL_ROUTES: readonly EmulatorRoute[] = [...TOKEN_ROUTES, ...BASIC_ROUTES, ...MENU_ROUTES];
