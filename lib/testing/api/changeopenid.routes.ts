import { createHash } from 'node:crypto';
import { fail } from '../emulator-errors.js';
import { requireString, type EmulatorRoute } from '../route.js';

const DOC = 'https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html';
/** "一次最多100个". */
const MAX_BATCH = 100;

/** The OpenID a user of the old account has on the new one: stable, 28 characters like WeChat's. */
export function migratedOpenid(newAppId: string, oldOpenid: string): string {
  return `o${createHash('sha256').update(`${newAppId}\n${oldOpenid}`).digest('base64url').slice(0, 27)}`;
}

/**
 * `changeopenid`: converts OpenIDs of another account the emulator hosts (`from_appid`, its AppID) into this
 * account's. An OpenID that does not follow the old account comes back with `err_msg: "ori_openid error"`, as
 * captured answers show; an unknown `from_appid` is 63178.
 */
export const CHANGE_OPENID_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/changeopenid',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const from = ctx.core.account(requireString(body, 'from_appid', 63178));
      if (!from || from.appId === ctx.account.appId) fail(63178);
      const list = body.openid_list;
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) fail(40032);
      return {
        errcode: 0,
        errmsg: 'ok',
        result_list: list.map((openid) => {
          if (typeof openid !== 'string' || !from.followers.has(openid)) return { ori_openid: String(openid), err_msg: 'ori_openid error' };
          return { ori_openid: openid, new_openid: migratedOpenid(ctx.account.appId, openid), err_msg: 'ok' };
        }),
      };
    },
  },
];
