import { rawCall } from '../support/raw-call.js';
import { AutoreplyService } from '../../lib/api/autoreply/autoreply.service.js';
import { OpenApiService } from '../../lib/api/openapi/openapi.service.js';
import { TemplateBlockService } from '../../lib/api/template-block/template-block.service.js';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatConfigError } from '../../lib/errors/wechat-config.error.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { pinMidQuotaPeriod } from '../support/quota-clock.js';
import { APP, newClient } from './api-test-kit.js';

const OTHER = { appId: 'wx00000000000000c3', appSecret: 'other-app-secret-for-tests-3' };

describe('OpenApiService (against the emulator)', () => {
  let emu: WechatEmulator;
  let openapi: OpenApiService;
  let client: ReturnType<typeof newClient>['client'];
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, accounts: [OTHER], quotas: { '/cgi-bin/menu/get': 1 } });
    pinMidQuotaPeriod(emu.clock); // daily quota and monthly clear limits
    client = newClient(emu.url).client;
    openapi = new OpenApiService(client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('looks up the request behind a WechatApiError by its rid', async () => {
    const error = (await rawCall(client, ENDPOINTS.menuGet).catch((e: unknown) => e)) as WechatApiError;
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const info = await openapi.lookupRid(error);
    expect(info).toEqual({
      invoke_time: expect.any(Number),
      cost_in_ms: expect.any(Number),
      request_url: 'access_token=***',
      request_body: '',
      response_body: expect.stringContaining(`"errcode":${error.errcode}`),
      client_ip: '127.0.0.1',
    });
    expect(info?.response_body).toContain(error.rid);
    expect(emu.requests.at(-1)?.body).toEqual({ rid: error.rid });
  });

  it('has nothing to look up for an error without a rid', async () => {
    const bare = new WechatApiError(40001, 'invalid credential', '/cgi-bin/menu/get', undefined, undefined);
    await expect(openapi.lookupRid(bare)).resolves.toBeUndefined();
    expect(emu.requests).toHaveLength(0);
  });

  it('a rid the platform does not know is errcode 76001; another account’s 76003; a malformed one is refused before the call', async () => {
    await expect(openapi.getRid('00000000-00000000-00000000')).rejects.toMatchObject({ errcode: 76001, explanation: { en: expect.stringContaining('rid not found') } });
    const other = newClient(emu.url, { account: { appId: OTHER.appId, appSecret: OTHER.appSecret } }).client;
    const foreign = (await rawCall(other, ENDPOINTS.menuGet).catch((e: unknown) => e)) as WechatApiError;
    await expect(openapi.lookupRid(foreign)).rejects.toMatchObject({ errcode: 76003 });
    emu.clearRequests();
    await expect(openapi.getRid('not-a-rid')).rejects.toMatchObject({ field: 'rid' });
    expect(emu.requests).toHaveLength(0);
  });

  it('forgets rids after 7 days', async () => {
    const error = (await rawCall(client, ENDPOINTS.menuGet).catch((e: unknown) => e)) as WechatApiError;
    emu.clock.advance(7 * 86_400 + 1);
    emu.revokeTokens();
    await expect(openapi.lookupRid(error)).rejects.toMatchObject({ errcode: 76001 });
  });

  it('clears one API’s quota (openapi/quota/clear)', async () => {
    emu.clearRequests();
    await rawCall(client, ENDPOINTS.menuGet).catch(() => undefined);
    await expect(rawCall(client, ENDPOINTS.menuGet)).rejects.toMatchObject({ errcode: 45009 });
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(1);
    await openapi.clearApiQuota('/cgi-bin/menu/get');
    expect(emu.requests.at(-1)?.body).toEqual({ cgi_path: '/cgi-bin/menu/get' });
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(0);
    await expect(openapi.clearApiQuota('/cgi-bin/no/such/api')).rejects.toMatchObject({ errcode: 76021 });
    await expect(openapi.clearApiQuota('cgi-bin/menu/get')).rejects.toMatchObject({ field: 'cgi_path' });
  });

  it('allows 50 single-API resets a month, then answers 48006', async () => {
    for (let i = 1; i < 50; i++) await openapi.clearApiQuota('/cgi-bin/menu/get'); // one used above
    await expect(openapi.clearApiQuota('/cgi-bin/menu/get')).rejects.toMatchObject({ errcode: 48006 });
  });

  it('clears every quota with the AppSecret (clear_quota/v2): no access_token, the secret never logged', async () => {
    await rawCall(client, ENDPOINTS.menuGet).catch(() => undefined);
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(1);
    emu.clearRequests();
    await openapi.clearQuotaByAppSecret();
    const call = emu.requests.at(-1)!;
    expect(call.path).toBe('/cgi-bin/clear_quota/v2');
    expect(call.query).toEqual({ appid: APP.appId, appsecret: '***' });
    expect(call.query.access_token).toBeUndefined();
    expect(emu.quotaUsed('/cgi-bin/menu/get')).toBe(0);
  });

  it('a wrong AppSecret is errcode 40125; the monthly limit 48006; no AppSecret configured is a config error', async () => {
    const wrong = new OpenApiService(newClient(emu.url, { account: { appSecret: 'not-the-right-secret-000' } }).client);
    await expect(wrong.clearQuotaByAppSecret()).rejects.toMatchObject({ errcode: 40125, path: '/cgi-bin/clear_quota/v2' });
    for (let i = 0; i < 9; i++) await openapi.clearQuotaByAppSecret(); // one used above
    await expect(openapi.clearQuotaByAppSecret()).rejects.toMatchObject({ errcode: 48006 });
    const none = new OpenApiService(newClient(emu.url, { account: { appSecret: undefined } }).client);
    await expect(none.clearQuotaByAppSecret()).rejects.toBeInstanceOf(WechatConfigError);
  });
});

describe('AutoreplyService and TemplateBlockService (against the emulator)', () => {
  let emu: WechatEmulator;
  let autoreply: AutoreplyService;
  let blocked: TemplateBlockService;
  beforeAll(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    const client = newClient(emu.url).client;
    autoreply = new AutoreplyService(client);
    blocked = new TemplateBlockService(client);
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.clearRequests());

  it('reads the auto-reply rules (nothing set up, then the docs’ example)', async () => {
    await expect(autoreply.getInfo()).resolves.toEqual({ is_add_friend_reply_open: 0, is_autoreply_open: 0 });
    const example = {
      is_add_friend_reply_open: 1,
      is_autoreply_open: 1,
      add_friend_autoreply_info: { type: 'text', content: 'Thanks for your attention!' },
      message_default_autoreply_info: { type: 'text', content: 'Hello, this is autoreply!' },
      keyword_autoreply_info: {
        list: [
          {
            rule_name: 'autoreply-news',
            create_time: 1423028166,
            reply_mode: 'reply_all',
            keyword_list_info: [{ type: 'text', match_mode: 'contain', content: 'news测试' }],
            reply_list_info: [{ type: 'text', content: '你好' }],
          },
        ],
      },
    };
    emu.setAutoreplyInfo(example);
    await expect(autoreply.getInfo()).resolves.toEqual(example);
  });

  it('an account without the permission gets errcode 48001, typed', async () => {
    emu.faults.inject({ path: '/cgi-bin/get_current_autoreply_info', kind: 'errcode', errcode: 48001, errmsg: 'api unauthorized', times: 1 });
    await expect(autoreply.getInfo()).rejects.toMatchObject({ errcode: 48001, explanation: { zh: expect.stringContaining('未授权') } });
  });

  it('lists blocked template messages as a list, page by page', async () => {
    const id = 'f9KbMio42Ks3kzLwPP1aDkl2k98avIFbPtdLJ_yY7QY';
    for (let i = 0; i < 5; i++) emu.blockTemplateMessage({ tmplMsgId: id, title: '订单通知', content: `内容${i}`, openid: 'oBlocked' });
    emu.blockTemplateMessage({ tmplMsgId: 'another-template-message', title: 't', content: 'c', openid: 'o' });
    const first = await blocked.queryBlocked(id, { limit: 2 });
    expect(first).toEqual([
      { id: 1, tmpl_msg_id: id, title: '订单通知', content: '内容0', send_timestamp: expect.any(Number), openid: 'oBlocked' },
      { id: 2, tmpl_msg_id: id, title: '订单通知', content: '内容1', send_timestamp: expect.any(Number), openid: 'oBlocked' },
    ]);
    expect(emu.requests.at(-1)?.body).toEqual({ tmpl_msg_id: id, largest_id: 0, limit: 2 });
    const all: string[] = [];
    for await (const m of blocked.iterateBlocked(id, 2)) all.push(m.content);
    expect(all).toEqual(['内容0', '内容1', '内容2', '内容3', '内容4']);
  });

  it('an id the platform does not know answers an empty list (as the live API does); limits are checked first', async () => {
    await expect(blocked.queryBlocked('never-blocked')).resolves.toEqual([]);
    emu.clearRequests();
    await expect(blocked.queryBlocked('x', { limit: 101 })).rejects.toMatchObject({ field: 'limit' });
    await expect(blocked.queryBlocked('x', { largestId: -1 })).rejects.toMatchObject({ field: 'largest_id' });
    await expect(blocked.queryBlocked('')).rejects.toMatchObject({ field: 'tmpl_msg_id' });
    expect(emu.requests).toHaveLength(0);
  });
});
