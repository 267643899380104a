import { fail } from '../emulator-errors.js';
import { OK, requireString, type EmulatorRoute } from '../route.js';

/** "单页查询的大小，最大100". */
const MAX_LIMIT = 100;

export const BLOCKED_TEMPLATE_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/wxa/sec/queryblocktmplmsg',
    doc: 'https://developers.weixin.qq.com/doc/service/api/notify/template/api_queryblocktmplmsg',
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const id = requireString(body, 'tmpl_msg_id');
      const { largest_id: after, limit } = body;
      if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) fail(40097);
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) fail(40097);
      // The live answer is a list (`"msginfo":[]` when nothing was blocked), though the docs' example shows one object.
      const page = ctx.account.blockedTemplates.filter((r) => r.tmplMsgId === id && r.id > after).slice(0, limit);
      return {
        ...OK,
        msginfo: page.map((r) => ({
          id: r.id,
          tmpl_msg_id: r.tmplMsgId,
          title: r.title,
          content: r.content,
          send_timestamp: r.sendTimestamp,
          openid: r.openid,
        })),
      };
    },
  },
];
