import type { DedupeStore } from './dedupe-store.interface.js';

export interface MemoryDedupeStoreOptions {
  /** Most keys kept (at least 2); under pressure the oldest half goes. Default 100 000 (`DEFAULTS.dedupeMaxEntries`). */
  maxEntries?: number;
  /** Most bytes of keys and recorded answers kept (at least 1 KiB); under pressure the oldest half goes. Default 64 MiB. */
  maxBytes?: number;
  /** Clock in epoch milliseconds (tests). Default `Date.now`. */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** What a Map entry costs beyond its strings' characters (hash table slot, string headers, a number). */
const ENTRY_OVERHEAD_BYTES = 80;

/** A key's value: the recorded answer, or the epoch ms at which a pending claim's lease runs out. */
type Entry = string | number;

/**
 * Default `DedupeStore`: one process's memory, bounded in time, entries and bytes, with no timer.
 *
 * Keys live in two generations of Maps. A new generation starts when the current one is a TTL old or holds half
 * of `maxEntries` or of `maxBytes`; the generation before it is then dropped whole. So a key is remembered for at
 * least its TTL and less than three times it, unless a bound forces the oldest half out earlier, and memory stays
 * flat however many messages pass. Deleting single keys from the head of one big Map instead leaves V8 hash tables
 * full of holes that every scan walks again. Bytes are counted from the strings stored (keys are short hashes;
 * answers are the handlers' replies, serialized).
 *
 * Enough for one process; a cluster needs `RedisDedupeStore`, because WeChat's retries land on whichever
 * instance the load balancer picks. Size the bounds for your traffic: a replay is recognized only while its key
 * is held (traffic × retention, e.g. 100 messages/s × 600 s = 60 000 keys).
 */
export class MemoryDedupeStore implements DedupeStore {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private currentBytes = 0;
  private generationStartedAt = -Infinity;
  /** The longest TTL seen: a generation lasts at least this long. */
  private generationMs = 0;
  private readonly halfEntries: number;
  private readonly halfBytes: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 2) throw new RangeError('maxEntries must be an integer of at least 2');
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes < 1024) throw new RangeError('maxBytes must be an integer of at least 1024');
    this.halfEntries = Math.floor(maxEntries / 2);
    this.halfBytes = Math.floor(maxBytes / 2);
    this.now = options.now ?? Date.now;
  }

  /** Keys held right now. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  async claim(key: string, leaseSeconds: number): Promise<boolean> {
    return this.claimNow(key, leaseSeconds);
  }

  claimNow(key: string, leaseSeconds: number): boolean {
    const now = this.rotate(leaseSeconds);
    const held = this.current.get(key) ?? this.previous.get(key);
    if (held === undefined) {
      // The common case, a first delivery: one Map write.
      this.current.set(key, now + leaseSeconds * 1000);
      this.currentBytes += ENTRY_OVERHEAD_BYTES + 2 * key.length;
      return true;
    }
    // Held: a recorded answer, or a lease still running. A lease that ran out unrecorded is taken over.
    if (typeof held === 'string' || held > now) return false;
    this.put(key, now + leaseSeconds * 1000);
    return true;
  }

  async renew(key: string, leaseSeconds: number): Promise<void> {
    const now = this.rotate(leaseSeconds);
    const held = this.current.get(key) ?? this.previous.get(key);
    if (typeof held === 'number') this.put(key, now + leaseSeconds * 1000);
  }

  async setResult(key: string, result: string, ttlSeconds: number): Promise<void> {
    this.setResultNow(key, result, ttlSeconds);
  }

  setResultNow(key: string, result: string, ttlSeconds: number): void {
    this.rotate(ttlSeconds);
    this.put(key, result);
  }

  async getResult(key: string): Promise<string | null> {
    const held = this.current.get(key) ?? this.previous.get(key);
    return typeof held === 'string' ? held : null;
  }

  /** Stores in the current generation (a key found only in the older one moves up with its new value). */
  private put(key: string, value: Entry): void {
    if (this.previous.has(key)) this.previous.delete(key);
    const old = this.current.get(key);
    if (old === undefined) this.currentBytes += ENTRY_OVERHEAD_BYTES + 2 * key.length;
    else if (typeof old === 'string') this.currentBytes -= 2 * old.length;
    if (typeof value === 'string') this.currentBytes += 2 * value.length;
    this.current.set(key, value);
  }

  /**
   * Starts a new generation when the current one is a TTL old or half full (entries or bytes), dropping the one
   * before it. Every key of the current generation arrived within a TTL of its start, so once it is two TTLs old
   * all of them have expired. Returns the time.
   */
  private rotate(ttlSeconds: number): number {
    const now = this.now();
    this.generationMs = Math.max(this.generationMs, ttlSeconds * 1000);
    const age = now - this.generationStartedAt;
    if (age >= 2 * this.generationMs) {
      if (this.previous.size > 0) this.previous = new Map();
      if (this.current.size > 0) this.current = new Map();
      this.currentBytes = 0;
      this.generationStartedAt = now;
    } else if (this.current.size >= this.halfEntries || this.currentBytes >= this.halfBytes || age >= this.generationMs) {
      this.previous = this.current;
      this.current = new Map();
      this.currentBytes = 0;
      this.generationStartedAt = now;
    }
    return now;
  }
}
