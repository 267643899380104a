import { fail } from '../emulator-errors.js';
import type { AccountState, JsonObject } from '../emulator-state.js';
import type { EmulatorOAuthScope } from '../oauth-ledger.js';
import { OAUTH_TOKEN_TTL_SECONDS } from '../oauth-ledger.js';
import { PageBody, type EmulatorRoute, type PublicContext } from '../route.js';

const DOC = 'https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html';
const SCOPES: readonly string[] = ['snsapi_base', 'snsapi_userinfo'];
const LANGS: readonly string[] = ['zh_CN', 'zh_TW', 'en'];

/** Path of the consent form's target: the emulator's stand-in for the user tapping 允许 / 拒绝 in WeChat. */
export const OAUTH_CONFIRM_PATH = '/connect/oauth2/authorize/confirm';

interface AuthorizeRequest {
  account: AccountState;
  redirectUri: URL;
  scope: EmulatorOAuthScope;
  state: string;
}

/** WeChat shows an error page for a bad authorize link; the emulator answers 400 with the reason, in the page. */
function errorPage(title: string, detail: string): PageBody {
  return new PageBody(400, 'text/html; charset=utf-8', page(title, `<p role="alert">${escapeHtml(detail)}</p>`));
}

function readAuthorize(ctx: PublicContext): AuthorizeRequest | PageBody {
  const q = ctx.query;
  const appid = q.get('appid') ?? '';
  const account = ctx.core.account(appid);
  if (!account) return errorPage('appid 参数错误', `no account with appid "${appid.slice(0, 64)}" (10016)`);
  ctx.setAppId(appid);
  let redirectUri: URL;
  try {
    redirectUri = new URL(q.get('redirect_uri') ?? '');
    if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return errorPage('redirect_uri 参数错误', 'redirect_uri must be an absolute http(s) URL (10003)');
  }
  if (q.get('response_type') !== 'code') return errorPage('response_type 参数错误', 'response_type must be "code"');
  const scope = q.get('scope') ?? '';
  if (!SCOPES.includes(scope)) return errorPage('scope 参数错误', 'scope must be snsapi_base or snsapi_userinfo (10005)');
  const state = q.get('state') ?? '';
  if (!/^[A-Za-z0-9]{0,128}$/.test(state)) return errorPage('state 参数错误', 'state: at most 128 letters and digits');
  return { account, redirectUri, scope: scope as EmulatorOAuthScope, state };
}

/** Back to the app: `redirect_uri?code=CODE&state=STATE` (no code when the user refused). */
function backToApp(request: AuthorizeRequest, code: string | undefined): PageBody {
  const target = new URL(request.redirectUri);
  if (code !== undefined) target.searchParams.set('code', code);
  target.searchParams.set('state', request.state);
  return PageBody.redirect(target.toString());
}

function issueCode(ctx: PublicContext, request: AuthorizeRequest, openid: string): string {
  const snapshot = request.account.oauth.snapshotUsers.has(openid);
  return request.account.oauth.issueCode({ openid, scope: request.scope, snapshot }, ctx.core.clock.now());
}

/** The follower selected on the emulator's page: who "holds the phone". */
function visitorOf(ctx: PublicContext, request: AuthorizeRequest): string {
  return ctx.core.pageFollower(request.account.appId).openid;
}

/** WeChat's 网页授权 screen, preselecting the page's follower (the form can pick another user for tests). */
function consentPage(ctx: PublicContext, request: AuthorizeRequest): PageBody {
  const { account } = request;
  const visitor = ctx.core.pageFollower(account.appId);
  const candidates = [...new Set([visitor.openid, ...account.followers.keys(), ...account.oauth.profiles.keys()])];
  const options = candidates
    .map((openid) => {
      const label = `${nicknameOf(ctx, account, openid)} (${openid})`;
      return `<option value="${escapeHtml(openid)}"${openid === visitor.openid ? ' selected' : ''}>${escapeHtml(label)}</option>`;
    })
    .join('');
  const hidden = { appid: account.appId, redirect_uri: request.redirectUri.toString(), response_type: 'code', scope: request.scope, state: request.state };
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const body = `
<main>
  <h1>网页授权</h1>
  <p>公众号 <strong>${escapeHtml(account.appId)}</strong> 申请获得以下权限：</p>
  <p class="scope">获得你的公开信息（昵称、头像等）</p>
  <p class="who">当前微信用户：<strong id="visitor">${escapeHtml(visitor.nickname)}</strong></p>
  <p><small>${escapeHtml(request.redirectUri.host)} · ${escapeHtml(request.scope)}</small></p>
  <form method="get" action="${OAUTH_CONFIRM_PATH}">
    ${fields}
    <label for="openid">以此用户身份授权（模拟器）</label>
    <select id="openid" name="openid">${options}</select>
    <button type="submit" name="action" value="allow" class="allow">允许</button>
    <button type="submit" name="action" value="deny">拒绝</button>
  </form>
</main>`;
  return new PageBody(200, 'text/html; charset=utf-8', page('微信授权', body, CONSENT_CSS));
}

function oauthToken(ctx: PublicContext): { grant: { openid: string; scope: EmulatorOAuthScope }; account: AccountState } {
  const q = ctx.query;
  const token = q.get('access_token');
  const openid = q.get('openid');
  if (!token) fail(41001);
  if (!openid) fail(41009);
  for (const appId of ctx.core.accountIds()) {
    const account = ctx.core.account(appId)!;
    const check = account.oauth.checkToken(token, ctx.core.clock.now());
    if (check.ok) {
      ctx.setAppId(appId);
      if (check.grant.openid !== openid) fail(40003);
      return { grant: check.grant, account };
    }
    if (check.errcode === 42001) fail(42001);
  }
  return fail(40001);
}

function tokenAnswer(tokens: { accessToken: string; refreshToken: string }, grant: { openid: string; scope: string; snapshot: boolean }, unionid?: string): JsonObject {
  return {
    access_token: tokens.accessToken,
    expires_in: OAUTH_TOKEN_TTL_SECONDS,
    refresh_token: tokens.refreshToken,
    openid: grant.openid,
    scope: grant.scope,
    ...(grant.snapshot ? { is_snapshotuser: 1 } : {}),
    ...(unionid ? { unionid } : {}),
  };
}

/** OAuth2 网页授权: the authorize page (open.weixin.qq.com) and the /sns/* API. */
export const OAUTH_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/connect/oauth2/authorize',
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const request = readAuthorize(ctx);
      if (request instanceof PageBody) return request;
      // snsapi_base is silent: straight back with a code for the visitor (or `emulator_openid`, for tests).
      if (request.scope === 'snsapi_base' && ctx.query.get('forcePopup') !== 'true') {
        const openid = ctx.query.get('emulator_openid') || visitorOf(ctx, request);
        return backToApp(request, issueCode(ctx, request, openid));
      }
      return consentPage(ctx, request);
    },
  },
  {
    method: 'GET',
    path: OAUTH_CONFIRM_PATH,
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const request = readAuthorize(ctx);
      if (request instanceof PageBody) return request;
      if (ctx.query.get('action') !== 'allow') return backToApp(request, undefined);
      const openid = ctx.query.get('openid') || visitorOf(ctx, request);
      return backToApp(request, issueCode(ctx, request, openid));
    },
  },
  {
    method: 'GET',
    path: '/sns/oauth2/access_token',
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const q = ctx.query;
      const appid = q.get('appid');
      if (!appid) fail(41002);
      if (!q.get('secret')) fail(41004);
      const account = ctx.core.account(appid);
      if (!account) fail(40013);
      ctx.setAppId(appid);
      if (q.get('secret') !== account.appSecret) fail(40125);
      if (q.get('grant_type') !== 'authorization_code') fail(40002);
      const code = q.get('code');
      if (!code) fail(40029);
      const now = ctx.core.clock.now();
      const taken = account.oauth.redeem(code, now);
      if (!taken.ok) fail(taken.errcode);
      const tokens = account.oauth.issueTokens(taken.grant, now);
      return tokenAnswer(tokens, taken.grant, account.oauth.profiles.get(taken.grant.openid)?.unionid);
    },
  },
  {
    method: 'GET',
    path: '/sns/oauth2/refresh_token',
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const q = ctx.query;
      const appid = q.get('appid');
      if (!appid) fail(41002);
      const account = ctx.core.account(appid);
      if (!account) fail(40013);
      ctx.setAppId(appid);
      if (q.get('grant_type') !== 'refresh_token') fail(40002);
      const refreshToken = q.get('refresh_token');
      if (!refreshToken) fail(40030);
      const now = ctx.core.clock.now();
      const check = account.oauth.checkRefresh(refreshToken, now);
      if (!check.ok) fail(check.errcode);
      const tokens = account.oauth.issueTokens(check.grant, now, refreshToken);
      return tokenAnswer(tokens, check.grant, account.oauth.profiles.get(check.grant.openid)?.unionid);
    },
  },
  {
    method: 'GET',
    path: '/sns/userinfo',
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      const lang = ctx.query.get('lang') ?? 'zh_CN';
      if (!LANGS.includes(lang)) fail(40097);
      const { grant, account } = oauthToken(ctx);
      // "如果网页授权作用域为snsapi_userinfo，则此时开发者可以通过access_token和openid拉取用户信息"
      if (grant.scope !== 'snsapi_userinfo') fail(48001);
      const profile = account.oauth.profiles.get(grant.openid) ?? {};
      return {
        openid: grant.openid,
        nickname: nicknameOf(ctx, account, grant.openid),
        sex: profile.sex ?? 0,
        province: profile.province ?? '',
        city: profile.city ?? '',
        country: profile.country ?? '',
        headimgurl: profile.headimgurl ?? '',
        privilege: [],
        ...(profile.unionid ? { unionid: profile.unionid } : {}),
      };
    },
  },
  {
    method: 'GET',
    path: '/sns/auth',
    doc: DOC,
    needsToken: false,
    body: 'none',
    handler(ctx) {
      oauthToken(ctx);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The nickname the emulator's page shows for the follower (a `setOAuthProfile` nickname, when set, on both). */
function nicknameOf(ctx: PublicContext, account: AccountState, openid: string): string {
  return ctx.core.pageNickname(account.appId, openid);
}

const CONSENT_CSS = `body{margin:0;font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;background:#f7f7f7;color:#111}
main{padding:24px 20px;text-align:center}h1{font-size:18px}.scope{color:#576b95}
form{display:grid;gap:10px;margin-top:18px;text-align:left}select{padding:6px}
button{padding:10px;border-radius:6px;border:0;font-size:16px;background:#eee}button.allow{background:#07c160;color:#fff}`;

function page(title: string, body: string, css = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${css ? `<style>${css}</style>` : ''}</head><body>${body}</body></html>`;
}
