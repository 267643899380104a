import type { EmulatorRoute } from '../route.js';

/** What an account that set up no rule answers: everything off. */
const NOTHING_SET_UP = { is_add_friend_reply_open: 0, is_autoreply_open: 0 };

export const AUTOREPLY_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/get_current_autoreply_info',
    doc: 'https://developers.weixin.qq.com/doc/service/api/notify/autoreplies/api_getcurrentautoreplyinfo.html',
    needsToken: true,
    body: 'none',
    handler: (ctx) => structuredClone(ctx.account.autoreply ?? NOTHING_SET_UP),
  },
];
