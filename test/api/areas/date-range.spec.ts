import fc from 'fast-check';
import { checkRange, dateOfDay, dayNumber, latestDataDay, splitRange } from '../../../lib/api/datacube/date-range.js';
import { WechatValidationError } from '../../../lib/errors/wechat-validation.error.js';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);

describe('datacube date ranges', () => {
  beforeAll(() => console.log(`date-range property seed: ${seed} (FC_SEED=${seed} to replay)`));

  it('splitRange covers the range exactly, in order, each part within the span (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16_000, max: 21_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 31 }), (begin, length, maxDays) => {
        const range = { begin_date: dateOfDay(begin), end_date: dateOfDay(begin + length) };
        const parts = splitRange(range, maxDays);
        const days = parts.flatMap((p) => {
          const [b, e] = [dayNumber(p.begin_date)!, dayNumber(p.end_date)!];
          expect(e - b + 1).toBeLessThanOrEqual(maxDays);
          expect(e).toBeGreaterThanOrEqual(b);
          return Array.from({ length: e - b + 1 }, (_, i) => b + i);
        });
        expect(days).toEqual(Array.from({ length: length + 1 }, (_, i) => begin + i));
      }),
      { seed, numRuns: 200 },
    );
  });

  it('yesterday is taken in China time: 2024-03-01 20:00 UTC is already 03-02 in Beijing', () => {
    expect(latestDataDay(Date.parse('2024-03-01T15:59:59Z'))).toBe('2024-02-29');
    expect(latestDataDay(Date.parse('2024-03-01T16:00:00Z'))).toBe('2024-03-01');
  });

  it('checkRange names the field at fault', () => {
    const now = Date.parse('2024-03-10T04:00:00Z');
    expect(checkRange({ begin_date: '2024-03-03', end_date: '2024-03-09' }, now, 7)).toEqual({ begin: dayNumber('2024-03-03'), end: dayNumber('2024-03-09') });
    const fail = (begin: string, end: string, max?: number) => {
      try {
        checkRange({ begin_date: begin, end_date: end }, now, max);
      } catch (error) {
        expect(error).toBeInstanceOf(WechatValidationError);
        return (error as WechatValidationError).field;
      }
      return 'accepted';
    };
    expect(fail('2024-03-02', '2024-03-09', 7)).toBe('end_date');
    expect(fail('2024-03-10', '2024-03-10')).toBe('end_date');
    expect(fail('2024-03-09', '2024-03-08')).toBe('begin_date');
    expect(fail('2023-02-29', '2024-03-08')).toBe('begin_date');
    expect(fail('2024-03-08', '2024/03/08')).toBe('end_date');
  });
});
