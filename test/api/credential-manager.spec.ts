import { ENDPOINTS } from '../../lib/api/wechat-endpoints.js';
import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';
import { credentialKey } from '../../lib/stores/token-store.interface.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { freePort } from '../support/redis-server.js';
import { APP, captureLogs, newClient } from './api-test-kit.js';

describe('CredentialManager: fallback during early refresh, fencing, tickets in the same store', () => {
  let emu: WechatEmulator;

  beforeEach(async () => {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
  });
  afterEach(async () => {
    emu.faults.clear();
    await emu.stop();
  });

  const calls = (path: string) => emu.requests.filter((r) => r.path === path);
  const clocked = () => newClient(emu.url, { client: { now: () => emu.clock.now(), tokenRefreshMarginSeconds: 300 } });

  it.each([
    ['HTTP 503', { kind: 'http5xx' as const, status: 503 }],
    ['a reset connection', { kind: 'reset' as const }],
  ])('an early refresh failing with %s while the token has minutes left: the API call still succeeds', async (_label, fault) => {
    const logs = captureLogs();
    try {
      const { client } = clocked();
      const token = await client.token.getAccessToken();
      emu.clock.advance(7200 - 240); // 4 minutes left: inside the 5-minute margin
      emu.faults.inject({ path: '/cgi-bin/stable_token', ...fault });
      const results = await Promise.all(Array.from({ length: 20 }, () => client.call(ENDPOINTS.getCallbackIp)));
      expect(results.every((r) => Array.isArray(r.ip_list))).toBe(true);
      expect(calls('/cgi-bin/stable_token').length).toBeGreaterThan(1); // the refresh was tried (and retried)
      expect(calls('/cgi-bin/getcallbackip').map((r) => r.errcode)).toEqual(Array(20).fill(0));
      // 20 concurrent callers shared one failing refresh and one warning
      expect(logs.lines.filter((l) => l.includes('Early refresh'))).toHaveLength(1);
      // Further calls use the stored token without hammering the broken token endpoint for a while.
      const tried = calls('/cgi-bin/stable_token').length;
      await client.call(ENDPOINTS.getCallbackIp);
      expect(calls('/cgi-bin/stable_token')).toHaveLength(tried);
      const printed = logs.lines.join('\n');
      expect(printed).toMatch(/Early refresh of the access_token of wx00000000000000a1 failed .*using the stored one, valid \d+ s more/);
      expect(printed).not.toContain(token);
      // Once the platform is back (and the backoff over), the next call refreshes.
      emu.faults.clear();
      emu.clock.advance(31);
      expect(await client.token.getAccessToken()).not.toBe(token);
    } finally {
      logs.restore();
    }
  });

  it('an early refresh failing with ECONNREFUSED still hands out the stored token', async () => {
    const store = new MemoryTokenStore();
    const { client: up } = newClient(emu.url, { store, client: { now: () => emu.clock.now() } });
    const token = await up.token.getAccessToken();
    emu.clock.advance(7200 - 240);
    // A second process whose platform address refuses connections, sharing the store.
    const down = newClient(`http://127.0.0.1:${await freePort()}`, { store, client: { now: () => emu.clock.now() } }).client;
    expect(await down.token.getAccessToken()).toBe(token);
  });

  it('no fallback past expiry: an expired token is never handed out, the refresh error surfaces', async () => {
    const { client } = clocked();
    await client.token.getAccessToken();
    emu.clock.advance(7200);
    emu.faults.inject({ path: '/cgi-bin/stable_token', kind: 'http5xx' });
    await expect(client.call(ENDPOINTS.getCallbackIp)).rejects.toMatchObject({ code: 'WECHAT_TRANSPORT_ERROR' });
    expect(calls('/cgi-bin/getcallbackip')).toHaveLength(0);
  });

  it('fencing (memory store): a write with an older fence than the last lock taken is refused', async () => {
    const store = new MemoryTokenStore();
    const first = await store.withRefreshLock('k', async (fence) => fence);
    const second = await store.withRefreshLock('k', async (fence) => fence);
    expect(second).toBeGreaterThan(first!);
    expect(await store.set('k', { accessToken: 'newer', expiresAt: Date.now() + 60_000 }, second)).toBe(true);
    expect(await store.set('k', { accessToken: 'older', expiresAt: Date.now() + 60_000 }, first)).toBe(false);
    expect((await store.get('k'))?.accessToken).toBe('newer');
    // an unfenced write (an app seeding the store) is unconditional
    expect(await store.set('k', { accessToken: 'seeded', expiresAt: Date.now() + 60_000 })).toBe(true);
  });

  it('tickets share the store with the token under their own keys, with single-flight fetches', async () => {
    const { client, store } = newClient(emu.url);
    const tickets = await Promise.all(Array.from({ length: 50 }, () => client.tickets.getTicket('jsapi')));
    expect(new Set(tickets).size).toBe(1);
    expect(calls('/cgi-bin/ticket/getticket')).toHaveLength(1);
    expect(calls('/cgi-bin/ticket/getticket')[0].query).toMatchObject({ type: 'jsapi', access_token: '***' });
    expect((await store.get(credentialKey(APP.appId, 'jsapi')))?.accessToken).toBe(tickets[0]);
    expect((await store.get(APP.appId))?.accessToken).toBe(await client.token.getAccessToken());
    const card = await client.tickets.getTicket('wx_card');
    expect(card).not.toBe(tickets[0]);
    expect(credentialKey(APP.appId, 'wx_card')).toBe(`${APP.appId}:wx_card_ticket`);
    expect(emu.currentTicket('jsapi')).toBe(tickets[0]);
  });

  it('a ticket fetch refused for the access token (40001) recovers the token and tries once more', async () => {
    const { client } = newClient(emu.url);
    await client.token.getAccessToken();
    emu.revokeTokens();
    await expect(client.tickets.getTicket()).resolves.toEqual(expect.any(String));
    expect(calls('/cgi-bin/ticket/getticket').map((r) => r.errcode)).toEqual([40001, 0]);
  });

  it('recoverFrom(ticket) expires the ticket only if it is still the cached one, then fetches a new one', async () => {
    const { client } = newClient(emu.url);
    const first = await client.tickets.getTicket();
    expect(await client.tickets.recoverFrom('someone-elses-old-ticket')).toBe(first);
    const next = await client.tickets.recoverFrom(first);
    expect(next).not.toBe(first);
    expect(calls('/cgi-bin/ticket/getticket')).toHaveLength(2);
  });
});
