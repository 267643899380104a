import type { EmulatorClock } from '../../lib/testing/emulator-clock.js';

/**
 * Sets an emulator clock to noon China Standard Time on the 10th of the current month. Quotas roll over at
 * midnight CST (daily) and at the month's end (monthly); a test that spends a quota and then advances the clock
 * would otherwise fail when it happens to run just before one of those instants. Time still flows from there.
 */
export function pinMidQuotaPeriod(clock: EmulatorClock): void {
  const cst = new Date(Date.now() + 8 * 3600_000);
  clock.set(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), 10, 4, 0, 0));
}
