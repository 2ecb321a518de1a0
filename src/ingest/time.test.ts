import { describe, expect, it } from 'vitest';
import type { ClewError } from '../model/errors.js';
import fc from 'fast-check';
import { fastIsoTimestamp, parseTimestamp, parseTimestampGeneral, zonedToUtc } from './time.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ClewError).code;
  }
  return 'none';
};

describe('parseTimestamp', () => {
  it('keeps the original offset', () => {
    expect(parseTimestamp('2021-02-03T10:15:00+01:00')).toEqual({ ts: Date.UTC(2021, 1, 3, 9, 15), tzOffset: 60 });
    expect(parseTimestamp('2021-02-03T10:15:00.5Z')).toEqual({ ts: Date.UTC(2021, 1, 3, 10, 15, 0, 500), tzOffset: 0 });
    expect(parseTimestamp('2021-02-03 10:15-0530').tzOffset).toBe(-330);
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(parseTimestamp(1612345678).ts).toBe(1612345678000);
    expect(parseTimestamp(1612345678123).ts).toBe(1612345678123);
  });
  it('refuses impossible dates instead of rolling them over', () => {
    for (const bad of ['2021-02-29T00:00:00Z', '2021-13-01T00:00:00Z', '2021-01-01T24:00:00Z', '2021-01-01T10:61:00Z', '1969-12-31T00:00:00Z', '2021-01-01T00:00:00+15:00', 'yesterday'])
      expect(code(() => parseTimestamp(bad)), bad).toBe('TIMESTAMP_INVALID');
    expect(code(() => parseTimestamp(-5))).toBe('TIMESTAMP_INVALID');
    expect(parseTimestamp('2020-02-29T00:00:00Z').ts).toBe(Date.UTC(2020, 1, 29));
  });
  it('calls a time without a zone ambiguous unless a zone is given', () => {
    expect(code(() => parseTimestamp('2021-02-03T10:15:00'))).toBe('TIMESTAMP_AMBIGUOUS');
    expect(parseTimestamp('2021-02-03T10:15:00', 'Europe/Belgrade')).toEqual({ ts: Date.UTC(2021, 1, 3, 9, 15), tzOffset: 60 });
  });
});

describe('zonedToUtc', () => {
  it('handles daylight saving time', () => {
    const w = { year: 2021, month: 7, day: 1, hour: 12, minute: 0, second: 0 };
    expect(zonedToUtc(w, 'Europe/Amsterdam')).toEqual({ ts: Date.UTC(2021, 6, 1, 10), tzOffset: 120 });
    expect(zonedToUtc(w, 'America/Bogota')).toEqual({ ts: Date.UTC(2021, 6, 1, 17), tzOffset: -300 });
    // autumn overlap: the earlier instant
    const overlap = zonedToUtc({ year: 2021, month: 10, day: 31, hour: 2, minute: 30, second: 0 }, 'Europe/Belgrade');
    expect(overlap.ts).toBe(Date.UTC(2021, 9, 31, 0, 30));
    // spring gap: moved forward
    const gap = zonedToUtc({ year: 2021, month: 3, day: 28, hour: 2, minute: 30, second: 0 }, 'Europe/Belgrade');
    expect(gap.ts).toBe(Date.UTC(2021, 2, 28, 1, 30));
  });
  it('rejects unknown zones', () => {
    expect(code(() => zonedToUtc({ year: 2021, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, 'Mars/Olympus'))).toBe('INVALID_ARGUMENT');
  });
});

describe('fastIsoTimestamp', () => {
  const outcome = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return (e as ClewError).code;
    }
  };
  // strings of the common shape with every field drawn over (and past) its range
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const shaped = fc
    .record({
      y: fc.integer({ min: 1900, max: 2200 }),
      mo: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
      s: fc.integer({ min: 0, max: 61 }),
      ms: fc.option(fc.integer({ min: 0, max: 999 })),
      zone: fc.oneof(fc.constant('Z'), fc.constant('z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 61 })).map(([sg, h, m]) => `${sg}${pad(h, 2)}:${pad(m, 2)}`)),
    })
    .map((r) => `${pad(r.y, 4)}-${pad(r.mo, 2)}-${pad(r.d, 2)}T${pad(r.h, 2)}:${pad(r.mi, 2)}:${pad(r.s, 2)}${r.ms === null ? '' : `.${pad(r.ms, 3)}`}${r.zone}`);

  it('agrees with the general parser on every string of the common shape, valid or not', () => {
    fc.assert(
      fc.property(shaped, (s) => {
        const fast = fastIsoTimestamp(s);
        const general = outcome(() => parseTimestampGeneral(s));
        if (fast) expect(fast).toEqual(general);
        expect(outcome(() => parseTimestamp(s))).toEqual(general);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the general parser on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 32 }), (s) => {
        expect(outcome(() => parseTimestamp(s))).toEqual(outcome(() => parseTimestampGeneral(s)));
      }),
    );
  });

  it('takes the common shapes itself', () => {
    expect(fastIsoTimestamp('2020-03-01T15:10:57+01:00')).toEqual({ ts: Date.UTC(2020, 2, 1, 14, 10, 57), tzOffset: 60 });
    expect(fastIsoTimestamp('2099-12-31T23:59:59.999Z')).toEqual({ ts: Date.UTC(2099, 11, 31, 23, 59, 59, 999), tzOffset: 0 });
    expect(fastIsoTimestamp('2021-02-29T00:00:00Z')).toBeNull();
  });
});
