import { Redis } from 'ioredis';
import { WechatStoreUnavailableError } from '../../lib/errors/wechat-store-unavailable.error.js';
import { RedisTokenStore } from '../../lib/stores/redis-token.store.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { APP, captureLogs, newClient } from '../api/api-test-kit.js';
import { freePort, startRedisServer, type RedisServer } from '../support/redis-server.js';

const APP_ID = 'wx00000000000000a1';
const token = (accessToken: string, lifetimeMs = 7_200_000) => ({ accessToken, expiresAt: Date.now() + lifetimeMs });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisTokenStore (real redis-server)', () => {
  let server: RedisServer;
  let admin: Redis;
  const stores: RedisTokenStore[] = [];
  const clients: Redis[] = [];
  let prefixSeq = 0;
  let prefix: string;

  /** A store with its own connection, as another process would have. */
  const newStore = (options: Partial<ConstructorParameters<typeof RedisTokenStore>[0]> = {}) => {
    const store = new RedisTokenStore({ connection: server.url, keyPrefix: prefix, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await admin?.quit();
    await server?.stop();
  });
  beforeEach(() => {
    prefix = `t${++prefixSeq}:`;
  });

  it('shares one token per AppID under <prefix>token:<appId>, as JSON with a TTL that ends with the token', async () => {
    const a = newStore();
    const b = newStore();
    expect(await b.get(APP_ID)).toBeNull();
    const stored = { ...token('TOKEN-1', 60_000), refreshAt: Date.now() + 30_000 };
    await a.set(APP_ID, stored);
    expect(await b.get(APP_ID)).toEqual(stored);
    expect(a.tokenKey(APP_ID)).toBe(`${prefix}token:${APP_ID}`);
    expect(JSON.parse((await admin.get(`${prefix}token:${APP_ID}`))!)).toEqual(stored);
    const pttl = await admin.pttl(`${prefix}token:${APP_ID}`);
    expect(pttl).toBeGreaterThan(55_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await b.get('wx_other_app')).toBeNull();
  });

  it('uses wechat-mp: as the default prefix', async () => {
    const store = new RedisTokenStore({ connection: server.url });
    stores.push(store);
    await store.set('wxdefaultprefix', token('T'));
    expect(await admin.exists('wechat-mp:token:wxdefaultprefix')).toBe(1);
    await admin.del('wechat-mp:token:wxdefaultprefix');
  });

  it('invalidates only while the stored token is still the one that failed (compare-and-delete across processes)', async () => {
    const a = newStore();
    const b = newStore();
    await a.set(APP_ID, token('OLD'));
    await b.set(APP_ID, token('NEW'));
    expect(await a.invalidate(APP_ID, 'OLD')).toBe(false);
    expect((await a.get(APP_ID))?.accessToken).toBe('NEW');
    expect(await a.invalidate(APP_ID, 'NEW')).toBe(true);
    expect(await b.get(APP_ID)).toBeNull();
    expect(await b.invalidate(APP_ID, 'NEW')).toBe(false);
  });

  it('treats an unreadable entry as no token (and invalidate leaves it alone)', async () => {
    const store = newStore();
    const logs = captureLogs();
    try {
      await admin.set(`${prefix}token:${APP_ID}`, 'not json');
      expect(await store.get(APP_ID)).toBeNull();
      expect(await store.invalidate(APP_ID, 'not json')).toBe(false);
      expect(logs.lines.join('\n')).toContain('unreadable access token entry');
    } finally {
      logs.restore();
    }
  });

  it('lets one holder at a time refresh, across stores with separate connections', async () => {
    const many = [newStore(), newStore(), newStore()];
    let inside = 0;
    let maxInside = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        many[i % many.length].withRefreshLock(APP_ID, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          runs++;
          await sleep(5);
          inside--;
        }),
      ),
    );
    expect(runs).toBe(12);
    expect(maxInside).toBe(1);
    expect(await admin.exists(`${prefix}lock:${APP_ID}`)).toBe(0);
  });

  it('holds the lock under SET NX PX with lockTtlMs and releases it after a failing refresh', async () => {
    const store = newStore({ lockTtlMs: 7_000 });
    let pttl = 0;
    await expect(
      store.withRefreshLock(APP_ID, async () => {
        pttl = await admin.pttl(`${prefix}lock:${APP_ID}`);
        throw new Error('fetch failed');
      }),
    ).rejects.toThrow('fetch failed');
    expect(pttl).toBeGreaterThan(6_000);
    expect(pttl).toBeLessThanOrEqual(7_000);
    expect(await admin.exists(`${prefix}lock:${APP_ID}`)).toBe(0);
  });

  it('a crashed holder (lock taken and never released) blocks the others only until the lock TTL', async () => {
    const store = newStore();
    await admin.set(`${prefix}lock:${APP_ID}`, 'crashed-process', 'PX', 400, 'NX');
    const started = Date.now();
    const result = await store.withRefreshLock(APP_ID, async () => 'refreshed');
    const waited = Date.now() - started;
    expect(result).toBe('refreshed');
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(1_200);
  });

  it('gives up waiting after lockWaitMs with a typed lock_wait_timeout error (no endless wait)', async () => {
    const store = newStore({ lockTtlMs: 5_000, lockWaitMs: 300 });
    await admin.set(`${prefix}lock:${APP_ID}`, 'stuck-process', 'PX', 10_000);
    let ran = false;
    const started = Date.now();
    const error = await store.withRefreshLock(APP_ID, async () => (ran = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatStoreUnavailableError);
    expect(error).toMatchObject({ code: 'WECHAT_STORE_UNAVAILABLE', reason: 'lock_wait_timeout', store: 'token' });
    expect(ran).toBe(false);
    expect(Date.now() - started).toBeLessThan(800);
    expect(await admin.get(`${prefix}lock:${APP_ID}`)).toBe('stuck-process');
  });

  it('polls with backoff instead of hammering Redis while it waits', async () => {
    const store = newStore({ lockWaitMs: 1_000 });
    await admin.set(`${prefix}lock:${APP_ID}`, 'other', 'PX', 10_000);
    const before = Number(/cmdstat_set:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    await store.withRefreshLock(APP_ID, async () => undefined).catch(() => undefined);
    const after = Number(/cmdstat_set:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    // 20, 40, 80, 160, 200, 200, ... ms: about 8 attempts in one second.
    expect(after - before).toBeGreaterThanOrEqual(5);
    expect(after - before).toBeLessThanOrEqual(12);
  });

  it('never releases a lock it no longer owns (its TTL ran out and another process took it)', async () => {
    const slow = newStore({ lockTtlMs: 150 });
    const other = newStore();
    let otherHolds = false;
    await slow.withRefreshLock(APP_ID, async () => {
      await sleep(250);
      // Our lock has expired; another process takes it while we are still "refreshing".
      await admin.set(`${prefix}lock:${APP_ID}`, 'someone-else', 'PX', 5_000);
    });
    expect(await admin.get(`${prefix}lock:${APP_ID}`)).toBe('someone-else');
    await admin.del(`${prefix}lock:${APP_ID}`);
    await other.withRefreshLock(APP_ID, async () => (otherHolds = true));
    expect(otherHolds).toBe(true);
  });

  it('lets several processes fetch one token between them (TokenService + emulator)', async () => {
    const emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    try {
      const processes = Array.from({ length: 4 }, () => newClient(emu.url, { store: newStore() }).client);
      const tokens = await Promise.all(processes.flatMap((client) => Array.from({ length: 5 }, () => client.token.getAccessToken())));
      expect(new Set(tokens).size).toBe(1);
      expect(emu.tokenFetches(APP.appId)).toBe(1);
      // One process refreshes; the others see the new token without fetching.
      const forced = await processes[0].token.forceRefresh();
      expect(forced).not.toBe(tokens[0]);
      expect(await Promise.all(processes.map((client) => client.token.getAccessToken()))).toEqual([forced, forced, forced, forced]);
      expect(emu.tokenFetches(APP.appId)).toBe(2);
    } finally {
      await emu.stop();
    }
  });

  it('works on a client you pass in, and leaves that client open on close()', async () => {
    const client = new Redis(server.url);
    clients.push(client);
    const store = new RedisTokenStore({ client, keyPrefix: prefix });
    await store.set(APP_ID, token('BORROWED'));
    await store.close();
    expect(await client.get(`${prefix}token:${APP_ID}`)).toContain('BORROWED');
  });

  it('closes the client it created, so it does not hold the process open', async () => {
    const name = `wechat-close-${prefixSeq}`;
    const store = new RedisTokenStore({ connection: { host: '127.0.0.1', port: server.port, connectionName: name }, keyPrefix: prefix });
    await store.get(APP_ID);
    expect(await admin.client('LIST')).toContain(`name=${name}`);
    await store.onModuleDestroy();
    await sleep(50);
    expect(await admin.client('LIST')).not.toContain(`name=${name}`);
  });

  it('refuses options with neither or both of client and connection', () => {
    expect(() => new RedisTokenStore({} as never)).toThrow(/exactly one of `client`/);
    expect(() => new RedisTokenStore({ client: admin, connection: server.url })).toThrow(/exactly one of `client`/);
  });
});

describe('RedisTokenStore when Redis is unreachable', () => {
  let server: RedisServer;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.restore());

  it('fails fast with WECHAT_STORE_UNAVAILABLE, logs the outage once, and recovers when Redis is back', async () => {
    const store = new RedisTokenStore({ connection: server.url, keyPrefix: 'outage:', commandTimeoutMs: 500 });
    try {
      await store.set(APP_ID, token('SECRET-TOKEN-VALUE'));
      await server.stop();
      for (const operation of [
        () => store.get(APP_ID),
        () => store.set(APP_ID, token('SECRET-TOKEN-VALUE-2')),
        () => store.invalidate(APP_ID, 'SECRET-TOKEN-VALUE'),
        () => store.withRefreshLock(APP_ID, async () => 'never'),
      ]) {
        const started = Date.now();
        const error = await operation().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WechatStoreUnavailableError);
        expect(error).toMatchObject({ code: 'WECHAT_STORE_UNAVAILABLE', store: 'token' });
        expect((error as Error).message).not.toContain('SECRET-TOKEN-VALUE');
        expect(Date.now() - started).toBeLessThan(1_500);
      }
      const outageLines = logs.lines.filter((line) => line.includes('Redis token store is unavailable'));
      expect(outageLines).toHaveLength(1);
      expect(logs.lines.join('\n')).not.toContain('SECRET-TOKEN-VALUE');

      await server.restart();
      const deadline = Date.now() + 8_000;
      let value: Awaited<ReturnType<typeof store.get>> | 'down' = 'down';
      while (value === 'down' && Date.now() < deadline) {
        value = await store.get(APP_ID).catch(() => 'down' as const);
        if (value === 'down') await sleep(100);
      }
      // The restarted server has no data (no persistence) but answers again.
      expect(value).toBeNull();
      expect(logs.lines.filter((line) => line.includes('reachable again'))).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('fails with a typed error when nothing listens on the port at all', async () => {
    const port = await freePort();
    const store = new RedisTokenStore({ connection: `redis://127.0.0.1:${port}`, commandTimeoutMs: 300 });
    try {
      await expect(store.get(APP_ID)).rejects.toMatchObject({ code: 'WECHAT_STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });
});
