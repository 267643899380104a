import { EmulatorApiFault, fail } from '../emulator-errors.js';
import type { AccountState } from '../emulator-state.js';
import { chargeQuota, type EmulatorRoute, type PublicContext } from '../route.js';

const GET_TOKEN_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html';
const STABLE_TOKEN_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html';

/**
 * Checks grant_type, appid, secret in WeChat's order: 40002 wrong grant_type, 41002 no appid, 41004 no secret,
 * 40013 unknown appid, 40164 caller IP not whitelisted, 40125 wrong secret.
 */
function authenticateApp(ctx: PublicContext, grantType: unknown, appid: unknown, secret: unknown): AccountState {
  if (grantType !== 'client_credential') fail(40002);
  if (typeof appid !== 'string' || !appid) fail(41002);
  if (typeof secret !== 'string' || !secret) fail(41004);
  const account = ctx.core.account(appid);
  if (!account) fail(40013);
  ctx.setAppId(appid);
  const whitelist = ctx.core.ipWhitelist;
  if (whitelist && !whitelist.includes(normalizeIp(ctx.remoteAddress))) {
    // e.g. {"errcode":40164,"errmsg":"invalid ip 61.172.68.219, not in whitelist rid: …"}
    throw new EmulatorApiFault(40164, `invalid ip ${normalizeIp(ctx.remoteAddress)}, not in whitelist`);
  }
  if (secret !== account.appSecret) fail(40125);
  return account;
}

function normalizeIp(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export const TOKEN_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/token',
    doc: GET_TOKEN_DOC,
    needsToken: false,
    quota: 2000,
    body: 'none',
    handler(ctx) {
      const q = ctx.query;
      const account = authenticateApp(ctx, q.get('grant_type'), q.get('appid'), q.get('secret'));
      chargeQuota(ctx.core, account, ctx.path);
      const record = ctx.core.tokens.issueClassic(account.appId, ctx.core.clock.now());
      return { access_token: record.token, expires_in: 7200 };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/stable_token',
    doc: STABLE_TOKEN_DOC,
    needsToken: false,
    // "每天限制调用 50万 次"
    quota: 500_000,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const account = authenticateApp(ctx, body.grant_type, body.appid, body.secret);
      const force = body.force_refresh ?? false;
      if (typeof force !== 'boolean') fail(40097);
      chargeQuota(ctx.core, account, ctx.path);
      const now = ctx.core.clock.now();
      const record = ctx.core.tokens.stable(account.appId, now, force);
      // forced refreshes: "每天限用20次"
      if (record === 'force-quota') fail(45009);
      return { access_token: record.token, expires_in: Math.ceil((record.expiresAt - now) / 1000) };
    },
  },
];
