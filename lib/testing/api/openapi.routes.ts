import { quotaMonth } from '../emulator-clock.js';
import { fail } from '../emulator-errors.js';
import type { JsonObject } from '../emulator-state.js';
import { OK, isObject, requireString, type EmulatorCore, type EmulatorRoute } from '../route.js';

const RID_DOC = 'https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo';
const CLEAR_API_DOC = 'https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearapiquota';
const CLEAR_V2_DOC = 'https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret';

const RID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
/** "rid的有效期只有7天". */
const RID_TTL_MS = 7 * 86_400_000;
/**
 * "每个账号每月使用「重置 API 调用次数」与本接口共10次清零操作机会": clear_quota/v2 shares clear_quota's monthly
 * count (the same `quotaClears` counter basic.routes.ts keeps).
 */
const CLEARS_PER_MONTH = 10;
/** openapi/quota/clear: "每个账号每月共50次清零操作机会". */
const API_CLEARS_PER_MONTH = 50;

function takeMonthlyClear(core: EmulatorCore, clears: { month: string; count: number }, perMonth: number): void {
  const month = quotaMonth(core.clock.now());
  if (clears.month !== month) Object.assign(clears, { month, count: 0 });
  if (clears.count >= perMonth) fail(48006);
  clears.count += 1;
}

/** clear_quota/v2 takes `appid` and `appsecret` in the query (the docs' example) or in a JSON body (their table). */
function credentials(query: URLSearchParams, rawBody: string): { appid?: string; appsecret?: string } {
  let body: JsonObject = {};
  if (rawBody.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (isObject(parsed)) body = parsed;
    } catch {
      fail(47001);
    }
  }
  const pick = (name: string) => query.get(name) ?? (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  return { appid: pick('appid') || undefined, appsecret: pick('appsecret') || undefined };
}

export const OPENAPI_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/openapi/rid/get',
    doc: RID_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const rid = ctx.json().rid;
      if (typeof rid !== 'string' || !RID.test(rid)) fail(76002);
      const call = ctx.core.requestByRid(rid);
      if (!call || ctx.core.clock.now() - call.at > RID_TTL_MS) fail(76001);
      // "仅支持同账号的查询"
      if (call.appId !== ctx.account.appId) fail(76003);
      // "“/xxx/sns/xxx”这类接口不支持使用该接口，会出现76022报错"
      if (call.path.includes('/sns/')) fail(76022);
      return {
        ...OK,
        request: {
          invoke_time: Math.floor(call.at / 1000),
          cost_in_ms: 1,
          request_url: new URLSearchParams(call.query).toString(),
          request_body: call.body === undefined ? '' : JSON.stringify(call.body),
          response_body: call.response ?? '',
          client_ip: '127.0.0.1',
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/openapi/quota/clear',
    doc: CLEAR_API_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const cgiPath = requireString(ctx.json(), 'cgi_path', 76021);
      if (ctx.core.quotaLimit(cgiPath) === undefined) fail(76021);
      takeMonthlyClear(ctx.core, ctx.account.apiQuotaClears, API_CLEARS_PER_MONTH);
      ctx.account.quota.reset(cgiPath);
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/clear_quota/v2',
    doc: CLEAR_V2_DOC,
    // authenticated by the AppSecret, so it works when the access_token quota itself is spent
    needsToken: false,
    body: 'json',
    handler(ctx) {
      const { appid, appsecret } = credentials(ctx.query, ctx.rawText());
      if (!appid) fail(41002);
      if (!appsecret) fail(41004);
      const account = ctx.core.account(appid);
      if (!account) fail(40013);
      ctx.setAppId(appid);
      if (account.appSecret !== appsecret) fail(40125);
      takeMonthlyClear(ctx.core, account.quotaClears, CLEARS_PER_MONTH);
      account.quota.reset();
      return OK;
    },
  },
];
