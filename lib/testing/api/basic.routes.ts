import { quotaMonth } from '../emulator-clock.js';
import { fail } from '../emulator-errors.js';
import { OK, requireString, type EmulatorRoute } from '../route.js';

const IP_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html';
const CHECK_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Network_Detection.html';
const CLEAR_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/openApi/clear_quota.html';
const QUOTA_DOC = 'https://developers.weixin.qq.com/doc/offiaccount/openApi/get_api_quota.html';

/** The emulator pushes from loopback, so that is its "WeChat server" address. */
const EMULATOR_IPS = ['127.0.0.1'];
const CHECK_ACTIONS = new Set(['dns', 'ping', 'all']);
const OPERATORS = new Set(['CHINANET', 'UNICOM', 'CAP', 'DEFAULT']);
/** "每个账号每月共10次清零操作机会" (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/API_Call_Limits.html) */
const CLEARS_PER_MONTH = 10;

export const BASIC_ROUTES: readonly EmulatorRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/getcallbackip',
    doc: IP_DOC,
    needsToken: true,
    body: 'none',
    handler: () => ({ ip_list: EMULATOR_IPS }),
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_api_domain_ip',
    doc: IP_DOC,
    needsToken: true,
    body: 'none',
    handler: () => ({ ip_list: EMULATOR_IPS }),
  },
  {
    method: 'POST',
    path: '/cgi-bin/callback/check',
    doc: CHECK_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const body = ctx.json();
      const action = body.action;
      const operator = body.check_operator;
      if (typeof action !== 'string' || !CHECK_ACTIONS.has(action)) fail(40097);
      if (typeof operator !== 'string' || !OPERATORS.has(operator)) fail(40097);
      const realOperator = operator === 'DEFAULT' ? 'CAP' : operator;
      const result: Record<string, unknown> = {};
      if (action !== 'ping') result.dns = EMULATOR_IPS.map((ip) => ({ ip, real_operator: realOperator }));
      if (action !== 'dns') {
        result.ping = EMULATOR_IPS.map((ip) => ({ ip, from_operator: realOperator, package_loss: '0%', time: '1.000ms' }));
      }
      return result;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/clear_quota',
    doc: CLEAR_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const appid = requireString(ctx.json(), 'appid', 41002);
      if (appid !== ctx.account.appId) fail(40013);
      const month = quotaMonth(ctx.core.clock.now());
      const clears = ctx.account.quotaClears;
      if (clears.month !== month) Object.assign(clears, { month, count: 0 });
      if (clears.count >= CLEARS_PER_MONTH) fail(48006);
      clears.count += 1;
      ctx.account.quota.reset();
      return OK;
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/openapi/quota/get',
    doc: QUOTA_DOC,
    needsToken: true,
    body: 'json',
    handler(ctx) {
      const cgiPath = requireString(ctx.json(), 'cgi_path', 76021);
      const limit = ctx.core.quotaLimit(cgiPath);
      if (limit === undefined) fail(76021);
      const used = ctx.account.quota.usedToday(cgiPath, ctx.core.clock.now());
      return { ...OK, quota: { daily_limit: limit, used, remain: Math.max(0, limit - used) } };
    },
  },
];
