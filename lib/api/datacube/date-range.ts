import { WechatValidationError } from '../../errors/wechat-validation.error.js';
import { DATE_PATTERN } from './datacube.dto.js';

/**
 * Day arithmetic for the datacube APIs. WeChat's days are China Standard Time (UTC+8): "yesterday", the latest day
 * with figures ("结束日期(最大值为昨日)"), is yesterday in Beijing.
 */
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export interface DayRange {
  begin_date: string;
  end_date: string;
}

/** Day number since 1970-01-01 of a `YYYY-MM-DD` date; undefined when it is not a real date. */
export function dayNumber(date: string): number | undefined {
  if (!DATE_PATTERN.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Yesterday in China Standard Time: the latest day WeChat has figures for. */
export function latestDataDay(nowMs: number): string {
  return dateOfDay(Math.floor((nowMs + CST_OFFSET_MS) / DAY_MS) - 1);
}

function day(value: unknown, field: string): number {
  const found = typeof value === 'string' ? dayNumber(value) : undefined;
  if (found === undefined) throw new WechatValidationError(field, 'must be a real date as YYYY-MM-DD');
  return found;
}

/**
 * Checks a range before any call: real dates, begin not after end, end not after yesterday (CST), and, when
 * `maxDays` is given, at most that many days (both ends counted). Names the field at fault.
 */
export function checkRange(range: DayRange, nowMs: number, maxDays?: number, api = 'this API'): { begin: number; end: number } {
  const begin = day(range.begin_date, 'begin_date');
  const end = day(range.end_date, 'end_date');
  const latest = latestDataDay(nowMs);
  if (end > (dayNumber(latest) as number)) {
    throw new WechatValidationError('end_date', `must be at most ${latest} (yesterday, China time): WeChat has no figures for today or later`);
  }
  if (begin > end) throw new WechatValidationError('begin_date', 'must not be after end_date');
  const days = end - begin + 1;
  if (maxDays !== undefined && days > maxDays) {
    throw new WechatValidationError('end_date', `${api} takes at most ${maxDays} day${maxDays === 1 ? '' : 's'} per call (got ${days}); use the range helper to split it`);
  }
  return { begin, end };
}

/** Splits `[begin, end]` into consecutive ranges of at most `maxDays` days, oldest first. */
export function splitRange(range: DayRange, maxDays: number): DayRange[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError('maxDays must be a positive integer');
  const begin = day(range.begin_date, 'begin_date');
  const end = day(range.end_date, 'end_date');
  const parts: DayRange[] = [];
  for (let start = begin; start <= end; start += maxDays) {
    parts.push({ begin_date: dateOfDay(start), end_date: dateOfDay(Math.min(end, start + maxDays - 1)) });
  }
  return parts;
}
