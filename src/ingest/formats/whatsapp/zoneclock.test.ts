import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../time.js';
import { ZoneClock } from './zoneclock.js';

describe('ZoneClock', () => {
  it('agrees with zonedToUtc everywhere, DST gaps and overlaps included', () => {
    for (const tz of ['Europe/Belgrade', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
      const clock = new ZoneClock(tz);
      fc.assert(
        fc.property(
          fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
          fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
          (year, month, day, hour, minute, second) => {
            const w = { year, month, day, hour, minute, second };
            expect(clock.toUtc(w)).toBe(zonedToUtc(w, tz).ts);
          },
        ),
        { numRuns: 300 },
      );
      // the transition hours themselves
      for (const w of [
        { year: 2021, month: 3, day: 28, hour: 2, minute: 30, second: 0 },
        { year: 2021, month: 10, day: 31, hour: 2, minute: 30, second: 0 },
        { year: 2021, month: 3, day: 14, hour: 2, minute: 30, second: 0 },
        { year: 2021, month: 11, day: 7, hour: 1, minute: 30, second: 0 },
        { year: 2021, month: 4, day: 4, hour: 1, minute: 45, second: 0 },
        { year: 2021, month: 10, day: 3, hour: 2, minute: 15, second: 0 },
      ]) expect(clock.toUtc(w), `${tz} ${JSON.stringify(w)}`).toBe(zonedToUtc(w, tz).ts);
    }
  });
  it('rejects impossible dates', () => {
    expect(() => new ZoneClock('UTC').toUtc({ year: 2021, month: 2, day: 30, hour: 0, minute: 0, second: 0 })).toThrow(expect.objectContaining({ code: 'TIMESTAMP_INVALID' }));
  });
});
