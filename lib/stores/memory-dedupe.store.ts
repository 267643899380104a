import type { DedupeStore } from './dedupe-store.interface.js';

export interface MemoryDedupeStoreOptions {
  /** Most keys kept (at least 2); under pressure the oldest half goes. Default 100 000 (`DEFAULTS.dedupeMaxEntries`). */
  maxEntries?: number;
  /** Clock in epoch milliseconds (tests). Default `Date.now`. */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * Default `DedupeStore`: one process's memory, bounded in time and size, with no timer and no per-entry bookkeeping.
 *
 * Keys live in two generations of Maps (key → recorded answer, or null while the first delivery runs). A new
 * generation starts when the current one is a TTL old or holds half of `maxEntries`; the generation before it is
 * then dropped whole. So a key is remembered for at least its TTL and less than three times it, unless
 * `maxEntries` forces the oldest half out earlier, and at most `maxEntries` keys are ever held: memory stays flat
 * however many messages pass (about 100 bytes a key). Deleting single keys from the head of one big Map instead
 * leaves V8 hash tables full of holes that every scan walks again.
 *
 * Enough for one process; a cluster needs `RedisDedupeStore`, because WeChat's retries land on whichever
 * instance the load balancer picks.
 */
export class MemoryDedupeStore implements DedupeStore {
  private current = new Map<string, string | null>();
  private previous = new Map<string, string | null>();
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

  /** Keys held right now. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    this.rotate(ttlSeconds);
    if (this.current.has(key) || this.previous.has(key)) return false;
    this.current.set(key, null);
    return true;
  }

  async setResult(key: string, result: string, ttlSeconds: number): Promise<void> {
    this.rotate(ttlSeconds);
    if (this.previous.has(key) && !this.current.has(key)) this.previous.set(key, result);
    else this.current.set(key, result);
  }

  async getResult(key: string): Promise<string | null> {
    return this.current.get(key) ?? this.previous.get(key) ?? null;
  }

  /**
   * Starts a new generation when the current one is a TTL old or half full, dropping the one before it. Every key
   * of the current generation arrived within a TTL of its start, so once it is two TTLs old all of them have expired.
   */
  private rotate(ttlSeconds: number): void {
    const now = this.now();
    this.generationMs = Math.max(this.generationMs, ttlSeconds * 1000);
    const age = now - this.generationStartedAt;
    if (age >= 2 * this.generationMs) {
      if (this.previous.size > 0) this.previous = new Map();
      if (this.current.size > 0) this.current = new Map();
      this.generationStartedAt = now;
    } else if (this.current.size >= this.half || age >= this.generationMs) {
      this.previous = this.current;
      this.current = new Map();
      this.generationStartedAt = now;
    }
  }
}
