import { quotaDay } from './emulator-clock.js';

/** Daily call counters of one account, keyed by API path. */
export class QuotaLedger {
  private readonly used = new Map<string, { day: number; count: number }>();

  /**
   * Counts one call of `path` at `nowMs` against `limit`. Returns false (and counts nothing) when the day's calls
   * are spent; an undefined limit never runs out.
   */
  take(path: string, limit: number | undefined, nowMs: number): boolean {
    const day = quotaDay(nowMs);
    let entry = this.used.get(path);
    if (!entry || entry.day !== day) {
      entry = { day, count: 0 };
      this.used.set(path, entry);
    }
    if (limit !== undefined && entry.count >= limit) return false;
    entry.count += 1;
    return true;
  }

  /** Calls of `path` counted today. */
  usedToday(path: string, nowMs: number): number {
    const entry = this.used.get(path);
    return entry && entry.day === quotaDay(nowMs) ? entry.count : 0;
  }

  /** `clear_quota`: every counter back to zero; `openapi/quota/clear`: one path's. */
  reset(path?: string): void {
    if (path === undefined) this.used.clear();
    else this.used.delete(path);
  }
}
