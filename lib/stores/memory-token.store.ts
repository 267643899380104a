import type { StoredToken, TokenStore } from './token-store.interface.js';

/**
 * Default `TokenStore`: tokens in a Map, refreshes serialized per AppID inside this process.
 * Enough for one process; a cluster needs a shared store so its processes do not invalidate each other.
 */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  /** Tail of each AppID's lock queue; each caller waits for the previous one. */
  private readonly locks = new Map<string, Promise<void>>();

  async get(appId: string): Promise<StoredToken | null> {
    const token = this.tokens.get(appId);
    return token ? { ...token } : null;
  }

  async set(appId: string, token: StoredToken): Promise<void> {
    this.tokens.set(appId, { ...token });
  }

  async invalidate(appId: string, accessToken: string): Promise<boolean> {
    if (this.tokens.get(appId)?.accessToken !== accessToken) return false;
    this.tokens.delete(appId);
    return true;
  }

  async withRefreshLock<T>(appId: string, refresh: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(appId) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.locks.set(appId, tail);
    await previous;
    try {
      return await refresh();
    } finally {
      release();
      // Last in the queue: drop the entry so the map does not grow with AppIDs no longer refreshing.
      if (this.locks.get(appId) === tail) this.locks.delete(appId);
    }
  }
}
