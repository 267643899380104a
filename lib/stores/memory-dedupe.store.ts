import type { DedupeStore } from './dedupe-store.interface.js';

export interface MemoryDedupeStoreOptions {
  /** Most keys kept (at least 2); under pressure the oldest half goes. Default 100 000 (`DEFAULTS.dedupeMaxEntries`). */
  maxEntries?: number;
  /** Clock in epoch milliseconds (tests). Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  /** null while the first delivery is still running. */
  result: string | null;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * Default `DedupeStore`: one process's memory, bounded in time and size with no timer and no per-entry deletion.
 *
 * Keys live in two generations of Maps. A new generation starts when the current one is a TTL old or holds half of
 * `maxEntries`; the generation before it is then dropped whole. Everything dropped by age is older than its TTL, and
 * at most `maxEntries` keys are ever held, so memory stays flat however many messages pass. (Deleting single keys
 * from the head of one big Map instead leaves V8 hash tables full of holes that every scan walks again.)
 *
 * Enough for one process; a cluster needs `RedisDedupeStore`, because WeChat's retries land on whichever
 * instance the load balancer picks.
 */
export class MemoryDedupeStore implements DedupeStore {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private generationStartedAt = -Infinity;
  /** The longest TTL seen: a generation lasts at least this long. */
  private generationMs = 0;
  private readonly half: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 2) throw new RangeError('maxEntries must be an integer of at least 2');
    this.half = Math.floor(maxEntries / 2);
    this.now = options.now ?? Date.now;
  }

  /** Keys held right now, expired ones included until their generation is dropped. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.now();
    if (this.live(key, now)) return false;
    this.insert(key, { expiresAt: now + ttlSeconds * 1000, result: null }, now, ttlSeconds);
    return true;
  }

  async setResult(key: string, result: string, ttlSeconds: number): Promise<void> {
    const now = this.now();
    const entry = this.live(key, now);
    if (entry) {
      entry.result = result;
      entry.expiresAt = Math.max(entry.expiresAt, now + ttlSeconds * 1000);
      return;
    }
    this.insert(key, { expiresAt: now + ttlSeconds * 1000, result }, now, ttlSeconds);
  }

  async getResult(key: string): Promise<string | null> {
    return this.live(key, this.now())?.result ?? null;
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.current.get(key) ?? this.previous.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  private insert(key: string, entry: Entry, now: number, ttlSeconds: number): void {
    this.generationMs = Math.max(this.generationMs, ttlSeconds * 1000);
    if (this.current.size >= this.half || now - this.generationStartedAt >= this.generationMs) {
      this.previous = this.current;
      this.current = new Map();
      this.generationStartedAt = now;
    }
    // A stale copy may remain in `previous`; `current` is read first and the copy goes with its generation.
    this.current.set(key, entry);
  }
}
