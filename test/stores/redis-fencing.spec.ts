import { Redis } from 'ioredis';
import { RedisTokenStore } from '../../lib/stores/redis-token.store.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, newClient } from '../api/api-test-kit.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

describe('RedisTokenStore fencing (real redis-server)', () => {
  let server: RedisServer;
  let admin: Redis;
  let emu: WechatEmulator;
  const stores: RedisTokenStore[] = [];
  let seq = 0;
  let prefix: string;
  const newStore = (lockTtlMs = 10_000) => {
    const store = new RedisTokenStore({ connection: server.url, keyPrefix: prefix, lockTtlMs });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await admin?.quit();
    await server?.stop();
  });
  beforeEach(async () => {
    prefix = `fence${++seq}:`;
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
  });
  afterEach(async () => {
    emu.faults.clear();
    await emu.stop();
  });

  it('a fetch that outlasts the lock TTL cannot overwrite the newer token of the next lock holder', async () => {
    // Classic /cgi-bin/token issues a new token per fetch, so the two holders' tokens differ.
    const slow = newClient(emu.url, { store: newStore(300), account: { tokenEndpoint: 'classic' } }).client;
    const fast = newClient(emu.url, { store: newStore(300), account: { tokenEndpoint: 'classic' } }).client;
    emu.faults.inject({ path: '/cgi-bin/token', kind: 'delay', delayMs: 1_000, times: 1 });

    const fromSlow = slow.token.getAccessToken(); // takes the lock (fence n), its fetch is held 1 s
    await new Promise((resolve) => setTimeout(resolve, 150));
    const fromFast = await fast.token.getAccessToken(); // waits out the 300 ms lock, takes it (fence n+1), stores
    expect(await admin.get(`${prefix}token:${APP.appId}`)).toContain(fromFast);

    // The slow fetch lands afterwards: its write is refused and it adopts the newer stored token.
    expect(await fromSlow).toBe(fromFast);
    expect(JSON.parse((await admin.get(`${prefix}token:${APP.appId}`))!).accessToken).toBe(fromFast);
    expect(emu.tokenFetches()).toBe(2);
    expect(Number(await admin.get(`${prefix}fence:{${prefix}token:${APP.appId}}`))).toBe(2);
  });

  it('set() with a stale fence answers false and leaves the stored credential alone; no fence writes anyway', async () => {
    const store = newStore();
    const older = await store.withRefreshLock('wxF', async (fence) => fence!);
    const newer = await store.withRefreshLock('wxF', async (fence) => fence!);
    const at = Date.now() + 60_000;
    expect(await store.set('wxF', { accessToken: 'newer', expiresAt: at }, newer)).toBe(true);
    expect(await store.set('wxF', { accessToken: 'older', expiresAt: at }, older)).toBe(false);
    expect((await store.get('wxF'))?.accessToken).toBe('newer');
    expect(await store.set('wxF', { accessToken: 'seeded', expiresAt: at })).toBe(true);
    expect((await store.get('wxF'))?.accessToken).toBe('seeded');
  });

  it('keeps tickets next to the token, one key each, shared by every process', async () => {
    const a = newClient(emu.url, { store: newStore() }).client;
    const b = newClient(emu.url, { store: newStore() }).client;
    const [ta, tb] = await Promise.all([a.tickets.getTicket('jsapi'), b.tickets.getTicket('jsapi')]);
    expect(ta).toBe(tb);
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/ticket/getticket')).toHaveLength(1);
    expect(await admin.exists(`${prefix}token:${APP.appId}:jsapi_ticket`)).toBe(1);
  });
});
