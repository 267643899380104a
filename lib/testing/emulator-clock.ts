/**
 * The emulator's notion of "now". Real time plus an offset, so time still flows (CreateTime, media dates) while
 * tests jump ahead to reach token expiry, the 5-minute overlap or the next quota day without waiting.
 */
export class EmulatorClock {
  private offsetMs = 0;

  /** Epoch milliseconds, like `Date.now()`. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, the unit WeChat uses in payloads (`CreateTime`, `created_at`). */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves time forward (or back, with a negative value) by `seconds`. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError('clock.advance() needs a finite number of seconds');
    this.offsetMs += seconds * 1000;
  }

  /** Jumps to an absolute instant (epoch milliseconds or a Date). */
  set(instant: number | Date): void {
    const target = typeof instant === 'number' ? instant : instant.getTime();
    if (!Number.isFinite(target)) throw new RangeError('clock.set() needs a valid instant');
    this.offsetMs = target - Date.now();
  }
}

/** WeChat's quota day starts at midnight China Standard Time (UTC+8). */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Day number in China Standard Time; quotas roll over when it changes. */
export function quotaDay(epochMs: number): number {
  return Math.floor((epochMs + CST_OFFSET_MS) / 86_400_000);
}

/** Month key (`2024-05`) in China Standard Time; `clear_quota` allows 10 resets per month. */
export function quotaMonth(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 7);
}
