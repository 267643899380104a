import { MemoryDedupeStore } from '../../lib/stores/memory-dedupe.store.js';

describe('MemoryDedupeStore', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('lets the first claim of a key win, for at least its TTL', async () => {
    const store = new MemoryDedupeStore({ now: clock });
    expect(await store.claim('a', 15)).toBe(true);
    expect(await store.claim('a', 15)).toBe(false);
    expect(await store.claim('b', 15)).toBe(true);
    for (const step of [5_000, 5_000, 4_999]) {
      now += step;
      expect(await store.claim('a', 15)).toBe(false);
      expect(await store.claim('b', 15)).toBe(false);
    }
  });

  it('forgets a key within three TTLs, with traffic or without', async () => {
    const busy = new MemoryDedupeStore({ now: clock });
    await busy.claim('a', 15);
    for (let t = 0; t < 45_000; t += 1_000) {
      now += 1_000;
      await busy.claim(`other-${t}`, 15);
    }
    expect(await busy.claim('a', 15)).toBe(true);

    const idle = new MemoryDedupeStore({ now: clock });
    await idle.claim('a', 15);
    now += 30_000;
    expect(await idle.claim('a', 15)).toBe(true);
  });

  it('answers null while the first delivery runs, then its recorded result', async () => {
    const store = new MemoryDedupeStore({ now: clock });
    await store.claim('k', 30);
    expect(await store.getResult('k')).toBeNull();
    await store.setResult('k', '{"type":"text","content":"hi"}', 30);
    expect(await store.getResult('k')).toBe('{"type":"text","content":"hi"}');
    expect(await store.claim('k', 30)).toBe(false);
    expect(await store.getResult('never-claimed')).toBeNull();
  });

  it('keeps a result recorded after its key moved to the older generation', async () => {
    const store = new MemoryDedupeStore({ now: clock });
    await store.claim('slow', 20);
    now += 20_000;
    await store.claim('starts-a-new-generation', 20);
    await store.setResult('slow', 'null', 20);
    expect(await store.getResult('slow')).toBe('null');
    expect(await store.claim('slow', 20)).toBe(false);
  });

  it('never holds more than maxEntries keys; the most recent half is always remembered', async () => {
    const store = new MemoryDedupeStore({ maxEntries: 4, now: clock });
    for (let i = 0; i < 10; i++) {
      expect(await store.claim(`k${i}`, 60)).toBe(true);
      expect(store.size).toBeLessThanOrEqual(4);
      expect(await store.claim(`k${i}`, 60)).toBe(false);
      if (i > 0) expect(await store.claim(`k${i - 1}`, 60)).toBe(false);
    }
    // The oldest were dropped under pressure: they can be claimed again.
    expect(await store.claim('k0', 60)).toBe(true);
  });

  it('drops expired keys as new ones arrive, with no timers', async () => {
    const store = new MemoryDedupeStore({ now: clock });
    for (let i = 0; i < 1_000; i++) await store.claim(`old-${i}`, 15);
    expect(store.size).toBe(1_000);
    now += 15_000;
    await store.claim('new-1', 15);
    now += 15_000;
    await store.claim('new-2', 15);
    expect(store.size).toBe(2);
  });

  it('stays bounded over a million messages at a high rate (its speed is npm run bench\'s)', async () => {
    const store = new MemoryDedupeStore({ maxEntries: 50_000, now: clock });
    let maxSize = 0;
    for (let i = 0; i < 1_000_000; i++) {
      // 10 000 messages a second: a 15 s TTL alone would keep 150 000 keys; maxEntries caps it.
      if (i % 10 === 0) now += 1;
      await store.claim(`m:${i}`, 15);
      if (store.size > maxSize) maxSize = store.size;
    }
    expect(maxSize).toBe(50_000);
    expect(await store.claim('m:999999', 15)).toBe(false);
    expect(await store.claim('m:975000', 15)).toBe(false);
  });

  it('refuses a maxEntries below 2', () => {
    expect(() => new MemoryDedupeStore({ maxEntries: 1 })).toThrow(RangeError);
  });

  it('is bounded in bytes, not only in entries: big recorded answers push the oldest half out (issue 12, defect 2)', async () => {
    const store = new MemoryDedupeStore({ maxEntries: 1_000_000, maxBytes: 1024 * 1024 });
    const answer = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 200; i++) {
      await store.claim(`k${i}`, 600);
      await store.setResult(`k${i}`, answer, 600);
    }
    // 200 answers of 128 KiB (UTF-16) would be 25 MiB; at most two generations of ~512 KiB each are kept.
    expect(store.size).toBeLessThanOrEqual(16);
    expect(await store.getResult('k199')).toBe(answer);
  });

  it('lets a claim whose lease ran out unrecorded be taken over, but never a recorded one (issue 12, defect 6)', async () => {
    let clock = 0;
    const store = new MemoryDedupeStore({ now: () => clock });
    expect(await store.claim('a', 5)).toBe(true);
    clock = 4_000;
    expect(await store.claim('a', 5)).toBe(false);
    clock = 5_001;
    expect(await store.claim('a', 5)).toBe(true);
    await store.setResult('a', '"done"', 600);
    clock = 100_000;
    expect(await store.claim('a', 5)).toBe(false);
    expect(await store.getResult('a')).toBe('"done"');
  });

  it('refuses a maxBytes below 1 KiB', () => {
    expect(() => new MemoryDedupeStore({ maxBytes: 10 })).toThrow(RangeError);
  });
});
