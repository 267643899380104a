import { WechatEmulator } from '../../lib/testing/index.js';
import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { WechatApiError } from '../../lib/errors/wechat-api.error.js';
import { WechatConfigError } from '../../lib/errors/wechat-config.error.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import { APP, captureLogs, newClient } from './api-test-kit.js';

describe('TokenService (against the emulator)', () => {
  let emu: WechatEmulator;

  beforeEach(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
  });
  afterEach(async () => {
    emu.faults.clear();
    await emu.stop();
  });

  const calls = (path: string) => emu.requests.filter((r) => r.path === path);

  it('1,000 concurrent getAccessToken() on a cold start make exactly one token request', async () => {
    const { client } = newClient(emu.url);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => client.token.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(emu.tokenFetches()).toBe(1);
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
    // and later callers are served from the store
    await client.token.getAccessToken();
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('two clients sharing a store (two processes on one Redis) fetch one token between them', async () => {
    const store = new MemoryTokenStore();
    const a = newClient(emu.url, { store }).client;
    const b = newClient(emu.url, { store }).client;
    const tokens = await Promise.all([
      ...Array.from({ length: 50 }, () => a.token.getAccessToken()),
      ...Array.from({ length: 50 }, () => b.token.getAccessToken()),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('refreshes ahead of expiry (margin), not before', async () => {
    const { client } = newClient(emu.url, { client: { now: () => emu.clock.now(), tokenRefreshMarginSeconds: 300 } });
    const first = await client.token.getAccessToken();
    emu.clock.advance(7200 - 300 - 10);
    expect(await client.token.getAccessToken()).toBe(first);
    expect(emu.tokenFetches()).toBe(1);
    emu.clock.advance(20); // now inside the 5-minute margin
    const second = await client.token.getAccessToken();
    expect(second).not.toBe(first);
    expect(emu.tokenFetches()).toBe(2);
    // the new token works against the API
    await expect(client.call(ENDPOINTS.getCallbackIp)).resolves.toHaveProperty('ip_list');
  });

  it('refetches an expired token instead of sending it', async () => {
    const { client } = newClient(emu.url, { client: { now: () => emu.clock.now() } });
    await client.call(ENDPOINTS.getCallbackIp);
    emu.clock.advance(7300);
    await client.call(ENDPOINTS.getCallbackIp);
    expect(emu.tokenFetches()).toBe(2);
    expect(calls('/cgi-bin/getcallbackip').map((r) => r.errcode)).toEqual([0, 0]);
  });

  it('forceRefresh() uses stable_token with force_refresh: true and returns a new token', async () => {
    const { client } = newClient(emu.url);
    const first = await client.token.getAccessToken();
    const forced = await client.token.forceRefresh();
    expect(forced).not.toBe(first);
    expect(await client.token.getAccessToken()).toBe(forced);
    expect(calls('/cgi-bin/stable_token').map((r) => (r.body as { force_refresh?: boolean }).force_refresh)).toEqual([false, true]);
  });

  it('can use the classic /cgi-bin/token endpoint', async () => {
    const { client } = newClient(emu.url, { account: { tokenEndpoint: 'classic' } });
    await client.call(ENDPOINTS.getCallbackIp);
    expect(calls('/cgi-bin/token')).toHaveLength(1);
    expect(calls('/cgi-bin/token')[0].query).toMatchObject({ grant_type: 'client_credential', appid: APP.appId });
    expect(calls('/cgi-bin/stable_token')).toHaveLength(0);
  });

  it('token revoked mid-flight: the call succeeds after exactly one retry and one extra token fetch', async () => {
    const logs = captureLogs();
    try {
      const { client } = newClient(emu.url);
      const old = await client.token.getAccessToken();
      emu.revokeTokens();
      await expect(client.call(ENDPOINTS.getCallbackIp)).resolves.toHaveProperty('ip_list');
      expect(calls('/cgi-bin/getcallbackip').map((r) => r.errcode)).toEqual([40001, 0]);
      expect(emu.tokenFetches()).toBe(2);
      expect(await client.token.getAccessToken()).not.toBe(old);
      const printed = logs.lines.join('\n');
      expect(printed).toContain('40001');
      expect(printed).not.toContain(old);
      expect(printed).not.toContain(APP.appSecret);
    } finally {
      logs.restore();
    }
  });

  it('token revoked while the call is in flight: one retry, one extra token fetch', async () => {
    const { client } = newClient(emu.url);
    await client.token.getAccessToken();
    emu.faults.inject({ path: '/cgi-bin/get_api_domain_ip', kind: 'delay', delayMs: 150, times: 1 });
    const call = client.call(ENDPOINTS.getApiDomainIp);
    await new Promise((resolve) => setTimeout(resolve, 50));
    emu.revokeTokens(); // the request has left with the old token and is being held
    await expect(call).resolves.toHaveProperty('ip_list');
    expect(calls('/cgi-bin/get_api_domain_ip').map((r) => r.errcode)).toEqual([40001, 0]);
    expect(emu.tokenFetches()).toBe(2);
  });

  it('100 concurrent calls refused with the same token cause one refresh, not 100', async () => {
    const { client } = newClient(emu.url);
    await client.token.getAccessToken();
    emu.revokeTokens();
    await Promise.all(Array.from({ length: 100 }, () => client.call(ENDPOINTS.getCallbackIp)));
    expect(emu.tokenFetches()).toBe(2);
    expect(calls('/cgi-bin/stable_token')).toHaveLength(2);
    expect(calls('/cgi-bin/getcallbackip').filter((r) => r.errcode === 0)).toHaveLength(100);
  });

  it('never loops: a call refused again after the refresh surfaces the token error', async () => {
    const { client } = newClient(emu.url);
    emu.faults.inject({ path: '/cgi-bin/getcallbackip', kind: 'errcode', errcode: 40001 });
    const error = await client.call(ENDPOINTS.getCallbackIp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40001, path: '/cgi-bin/getcallbackip' });
    expect(calls('/cgi-bin/getcallbackip')).toHaveLength(2);
    // stable normal mode handed back the refused token, so exactly one forced refresh followed
    expect(calls('/cgi-bin/stable_token').map((r) => (r.body as { force_refresh?: boolean }).force_refresh)).toEqual([false, false, true]);
  });

  it('a forced refresh that times out is not repeated: it may already have replaced the token', async () => {
    const { client, sent } = newClient(emu.url, { account: { apiTimeoutMs: 200 } });
    await client.token.getAccessToken();
    emu.faults.inject({ path: '/cgi-bin/stable_token', kind: 'delay', delayMs: 400 });
    await expect(client.token.forceRefresh()).rejects.toMatchObject({ code: 'WECHAT_TRANSPORT_ERROR', reason: 'timeout' });
    // Seen from the client (the emulator does not log a request its client gave up on): one normal fetch, one forced.
    expect(sent.filter((r) => r === 'POST /cgi-bin/stable_token')).toHaveLength(2);
  });

  it('two clients sharing a store, both refused the same token, force one refresh between them, not two', async () => {
    const { client: a, store } = newClient(emu.url);
    const { client: b } = newClient(emu.url, { store });
    const refused = await a.token.getAccessToken();
    const [fromA, fromB] = await Promise.all([a.token.recoverFrom(refused), b.token.recoverFrom(refused)]);
    expect(fromA).not.toBe(refused);
    expect(fromB).toBe(fromA);
    const forced = calls('/cgi-bin/stable_token').filter((r) => (r.body as { force_refresh?: boolean }).force_refresh);
    expect(forced).toHaveLength(1);
  });

  it('expires a token only if it is still the stored one (compare-and-delete)', async () => {
    const { client, store } = newClient(emu.url);
    const current = await client.token.getAccessToken();
    expect(await client.token.invalidate('some-older-token')).toBe(false);
    expect((await store.get(APP.appId))?.accessToken).toBe(current);
    expect(await client.token.invalidate(current)).toBe(true);
    expect(await store.get(APP.appId)).toBeNull();
  });

  it('a wrong AppSecret is a WechatApiError (40125) without the secret, asked once', async () => {
    const { client } = newClient(emu.url, { account: { appSecret: 'wrong-secret-value-123456' } });
    const error = await client.call(ENDPOINTS.getCallbackIp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 40125, path: '/cgi-bin/stable_token' });
    expect(String((error as Error).message)).not.toContain('wrong-secret-value-123456');
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
    expect(calls('/cgi-bin/getcallbackip')).toHaveLength(0);
  });

  it('refuses to fetch a token without an AppSecret', async () => {
    const { client } = newClient(emu.url, { account: { appSecret: undefined } });
    await expect(client.token.getAccessToken()).rejects.toBeInstanceOf(WechatConfigError);
    expect(emu.requests).toHaveLength(0);
  });
});
