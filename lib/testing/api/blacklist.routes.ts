import { fail } from '../emulator-errors.js';
import type { AccountState } from '../emulator-state.js';
import { OK, type AuthedContext, type EmulatorRoute } from '../route.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/User_Management/Manage_blacklist.html';

/** "该接口每次调用最多可拉取 10000 个OpenID"; "一次拉黑最多允许20个". */
const PAGE_SIZE = 10_000;
const MAX_BATCH = 20;

/** 1–20 OpenIDs of this account (40032 for the count, 40003 for a malformed one, 49003 for a stranger's). */
function openidList(ctx: AuthedContext, known: (account: AccountState, openid: string) => boolean): string[] {
  const list = ctx.json().openid_list;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) fail(40032);
  for (const openid of list) {
    if (typeof openid !== 'string' || openid === '') fail(40003);
    if (!known(ctx.account, openid)) fail(49003);
  }
  return list as string[];
}

/** Users who ever followed (or are blocked by) the account belong to it. */
const belongs = (account: AccountState, openid: string) => account.followers.has(openid) || account.blacklist.has(openid);

export const BLACKLIST_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/getblacklist',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const begin = ctx.json().begin_openid;
      const all = [...ctx.account.blacklist];
      let start = 0;
      if (typeof begin === 'string' && begin !== '') {
        start = all.indexOf(begin) + 1;
        if (start === 0) fail(40003);
      }
      const slice = all.slice(start, start + PAGE_SIZE);
      return {
        total: all.length,
        count: slice.length,
        ...(slice.length > 0 ? { data: { openid: slice } } : {}),
        next_openid: slice.at(-1) ?? '',
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchblacklist',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      for (const openid of openidList(ctx, belongs)) ctx.account.blacklist.add(openid);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchunblacklist',
    doc: DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      for (const openid of openidList(ctx, belongs)) ctx.account.blacklist.delete(openid);
      return OK;
    },
  },
];
