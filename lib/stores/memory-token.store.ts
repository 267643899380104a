import type { StoredToken, TokenStore } from './token-store.interface.js';

/**
 * Default `TokenStore`: credentials in a Map, refreshes serialized per key inside this process.
 * Enough for one process; a cluster needs a shared store so its processes do not invalidate each other.
 */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  /** Tail of each key's lock queue; each caller waits for the previous one. */
  private readonly locks = new Map<string, Promise<void>>();
  /** Last fence handed out per key. */
  private readonly fences = new Map<string, number>();

  async get(key: string): Promise<StoredToken | null> {
    const token = this.tokens.get(key);
    return token ? { ...token } : null;
  }

  async set(key: string, token: StoredToken, fence?: number): Promise<boolean> {
    if (fence !== undefined && fence < (this.fences.get(key) ?? 0)) return false;
    this.tokens.set(key, { ...token });
    return true;
  }

  async invalidate(key: string, value: string): Promise<boolean> {
    if (this.tokens.get(key)?.accessToken !== value) return false;
    this.tokens.delete(key);
    return true;
  }

  async withRefreshLock<T>(key: string, refresh: (fence?: number) => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.locks.set(key, tail);
    await previous;
    try {
      const fence = (this.fences.get(key) ?? 0) + 1;
      this.fences.set(key, fence);
      return await refresh(fence);
    } finally {
      release();
      // Last in the queue: drop the entry so the map does not grow with keys no longer refreshing.
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }
}
