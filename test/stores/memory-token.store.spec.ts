import { MemoryTokenStore } from '../../lib/stores/memory-token.store.js';

describe('MemoryTokenStore', () => {
  it('keeps one token per AppID and hands out copies', async () => {
    const store = new MemoryTokenStore();
    await store.set('wxA', { accessToken: 'a1', expiresAt: 10 });
    await store.set('wxB', { accessToken: 'b1', expiresAt: 20 });
    const a = await store.get('wxA');
    expect(a).toEqual({ accessToken: 'a1', expiresAt: 10 });
    a!.accessToken = 'mutated';
    expect((await store.get('wxA'))?.accessToken).toBe('a1');
    expect((await store.get('wxB'))?.accessToken).toBe('b1');
    expect(await store.get('wxC')).toBeNull();
  });

  it('invalidates only the token it was asked about (compare-and-delete)', async () => {
    const store = new MemoryTokenStore();
    await store.set('wxA', { accessToken: 'new', expiresAt: 10 });
    expect(await store.invalidate('wxA', 'old')).toBe(false);
    expect((await store.get('wxA'))?.accessToken).toBe('new');
    expect(await store.invalidate('wxA', 'new')).toBe(true);
    expect(await store.get('wxA')).toBeNull();
    expect(await store.invalidate('wxA', 'new')).toBe(false);
  });

  it('runs refreshes of one AppID one at a time, and of different AppIDs side by side', async () => {
    const store = new MemoryTokenStore();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const firstGate = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = store.withRefreshLock('wxA', async () => {
      events.push('A1 start');
      await firstGate;
      events.push('A1 end');
      return 1;
    });
    const second = store.withRefreshLock('wxA', async () => {
      events.push('A2 start');
      return 2;
    });
    const other = store.withRefreshLock('wxB', async () => {
      events.push('B start');
      return 3;
    });
    expect(await other).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['A1 start', 'B start']);
    releaseFirst();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(events).toEqual(['A1 start', 'B start', 'A1 end', 'A2 start']);
  });

  it('releases the lock when a refresh throws', async () => {
    const store = new MemoryTokenStore();
    await expect(
      store.withRefreshLock('wxA', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(store.withRefreshLock('wxA', async () => 'next')).resolves.toBe('next');
  });
});
