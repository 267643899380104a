import { Redis } from 'ioredis';
import { WechatStoreUnavailableError } from '../../lib/errors/wechat-store-unavailable.error.js';
import { RedisDedupeStore } from '../../lib/stores/redis-dedupe.store.js';
import { captureLogs } from '../api/api-test-kit.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

describe('RedisDedupeStore (real redis-server)', () => {
  let server: RedisServer;
  let admin: Redis;
  const stores: RedisDedupeStore[] = [];
  const newStore = (prefix = 'd:') => {
    const store = new RedisDedupeStore({ connection: server.url, keyPrefix: prefix });
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

  it('bounds the size of the keys it writes: a long key is stored as its hash (issue 12, defect 2)', async () => {
    const store = newStore('bound:');
    const long = `wx1:${'9'.repeat(1 << 20)}`;
    expect(await store.claim(long, 30)).toBe(true);
    expect(await store.claim(long, 30)).toBe(false);
    const keys = await admin.keys('bound:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.length).toBeLessThan(80);
  });

  it('lets a claim expire with its lease unless a result is recorded; renew extends only a pending claim (defect 6)', async () => {
    const store = newStore('lease:');
    expect(await store.claim('wx1:m:lease', 0.3)).toBe(true);
    await new Promise((r) => setTimeout(r, 450));
    expect(await store.claim('wx1:m:lease', 0.3)).toBe(true); // the holder died: taken over
    await store.renew('wx1:m:lease', 30);
    expect(await admin.pttl('lease:dedupe:wx1:m:lease')).toBeGreaterThan(1_000);
    await store.setResult('wx1:m:lease', '"done"', 600);
    await store.renew('wx1:m:lease', 1);
    expect(await store.getResult('wx1:m:lease')).toBe('"done"');
    expect(await admin.pttl('lease:dedupe:wx1:m:lease')).toBeGreaterThan(500_000);
  });

  it('lets exactly one of many concurrent claims win, across separate connections', async () => {
    const many = [newStore(), newStore(), newStore()];
    const wins = await Promise.all(Array.from({ length: 30 }, (_, i) => many[i % 3].claim('wx1:m:100', 30)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await admin.exists('d:dedupe:wx1:m:100')).toBe(1);
    const ttl = await admin.ttl('d:dedupe:wx1:m:100');
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('answers null while pending and the recorded result afterwards, to every instance', async () => {
    const [a, b] = [newStore(), newStore()];
    expect(await a.claim('wx1:m:200', 30)).toBe(true);
    expect(await b.getResult('wx1:m:200')).toBeNull();
    await a.setResult('wx1:m:200', 'null', 30);
    expect(await b.getResult('wx1:m:200')).toBe('null');
    await a.setResult('wx1:m:200', '{"type":"text","content":"你好"}', 30);
    expect(await b.getResult('wx1:m:200')).toBe('{"type":"text","content":"你好"}');
    expect(await b.claim('wx1:m:200', 30)).toBe(false);
    expect(await b.getResult('wx1:m:never')).toBeNull();
  });

  it('forgets a key after its TTL', async () => {
    const store = newStore();
    expect(await store.claim('wx1:m:300', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await store.claim('wx1:m:300', 1)).toBe(true);
  });

  it('keeps key prefixes apart', async () => {
    expect(await newStore('p1:').claim('wx1:m:400', 30)).toBe(true);
    expect(await newStore('p2:').claim('wx1:m:400', 30)).toBe(true);
    expect(newStore('p3:').keyOf('wx1:m:1')).toBe('p3:dedupe:wx1:m:1');
  });

  it('fails fast with WECHAT_STORE_UNAVAILABLE when Redis is down, logged once', async () => {
    const own = await startRedisServer();
    const store = new RedisDedupeStore({ connection: own.url, commandTimeoutMs: 300 });
    const logs = captureLogs();
    try {
      expect(await store.claim('wx1:m:500', 30)).toBe(true);
      await own.stop();
      for (const op of [() => store.claim('wx1:m:501', 30), () => store.getResult('wx1:m:500'), () => store.setResult('wx1:m:500', 'null', 30)]) {
        await expect(op()).rejects.toBeInstanceOf(WechatStoreUnavailableError);
      }
      expect(logs.lines.filter((l) => l.includes('Redis dedupe store is unavailable'))).toHaveLength(1);
    } finally {
      logs.restore();
      await store.close();
      await own.stop();
    }
  });
});
