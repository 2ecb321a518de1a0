import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZoneClock, formatIsoWithOffset, intlOffsetMinutes, localHourAndWeekday } from './tz.js';

describe('time zones', () => {
  it('knows DST in Belgrade and Amsterdam and none in Bogota', () => {
    const winter = Date.UTC(2021, 0, 15, 12);
    const summer = Date.UTC(2020, 6, 15, 12);
    expect(intlOffsetMinutes('Europe/Belgrade', winter)).toBe(60);
    expect(intlOffsetMinutes('Europe/Belgrade', summer)).toBe(120);
    expect(intlOffsetMinutes('Europe/Amsterdam', summer)).toBe(120);
    expect(intlOffsetMinutes('America/Bogota', summer)).toBe(-300);
    expect(intlOffsetMinutes('Asia/Dubai', winter)).toBe(240);
    expect(intlOffsetMinutes('Africa/Lome', winter)).toBe(0);
  });

  it('the cache switches at the exact DST change hour (2020-10-25 01:00 UTC)', () => {
    const clock = new ZoneClock(Date.UTC(2020, 2, 1), Date.UTC(2021, 3, 1));
    expect(clock.format('Europe/Belgrade', Date.UTC(2020, 9, 25, 0, 59, 59))).toBe('2020-10-25T02:59:59+02:00');
    expect(clock.format('Europe/Belgrade', Date.UTC(2020, 9, 25, 1, 0, 0))).toBe('2020-10-25T02:00:00+01:00');
    expect(clock.format('America/Sao_Paulo', Date.UTC(2020, 9, 25, 1, 0, 0))).toBe('2020-10-24T22:00:00-03:00');
    expect(clock.format('Africa/Abidjan', Date.UTC(2020, 9, 25, 1, 0, 0))).toBe('2020-10-25T01:00:00Z');
  });

  it('the weekly-bisection cache agrees with Intl at every hour', () => {
    const start = Date.UTC(2020, 2, 1);
    const end = Date.UTC(2021, 3, 1);
    const clock = new ZoneClock(start, end);
    for (const zone of ['Europe/Belgrade', 'America/Sao_Paulo', 'Asia/Dubai', 'America/Santiago']) {
      for (let t = start; t < end; t += 3_600_000 * 5) expect(clock.offsetMinutes(zone, t + 1), `${zone} ${new Date(t).toISOString()}`).toBe(intlOffsetMinutes(zone, t + 1));
    }
  });

  it('formatted times parse back to the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        (ms, q) => {
          const s = formatIsoWithOffset(ms, q * 15);
          return Date.parse(s) === Math.floor(ms / 1000) * 1000;
        },
      ),
    );
  });

  it('gives local hour and weekday', () => {
    // 2021-02-03 (a Wednesday) 23:30 UTC is Thursday 00:30 in Belgrade.
    expect(localHourAndWeekday(Date.UTC(2021, 1, 3, 23, 30), 60)).toEqual([0, 4]);
  });
});
