import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isClewError } from '../../../model/errors.js';
import { compileTimeFormat, parseCsvTime } from './tsformat.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isClewError(e) ? e.code : 'OTHER';
  }
  return undefined;
};

describe('parseCsvTime', () => {
  const iso = compileTimeFormat(undefined);

  it('reads ISO with offset, keeping the offset', () => {
    expect(parseCsvTime('2021-02-03T10:15:00+01:00', iso)).toEqual({ ts: Date.UTC(2021, 1, 3, 9, 15), tzOffset: 60 });
  });

  it('reads local ISO in the given zone, keeping the local text', () => {
    expect(parseCsvTime('2021-07-03 10:15:00', iso, 'Europe/Belgrade')).toEqual({
      ts: Date.UTC(2021, 6, 3, 8, 15),
      tzOffset: null,
      tsLocal: '2021-07-03 10:15:00',
    });
    expect(code(() => parseCsvTime('2021-07-03 10:15:00', iso))).toBe('TIMESTAMP_AMBIGUOUS');
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(parseCsvTime('1612343700', iso).ts).toBe(1612343700000);
    expect(parseCsvTime('1612343700123', iso).ts).toBe(1612343700123);
    expect(parseCsvTime('1612343700', compileTimeFormat('epoch')).ts).toBe(1612343700000);
    expect(parseCsvTime('1612343700123', compileTimeFormat('epoch_ms')).ts).toBe(1612343700123);
  });

  it('reads declared operator patterns', () => {
    const eu = compileTimeFormat('dd/MM/yyyy HH:mm:ss');
    expect(parseCsvTime('03/02/2021 10:15:07', eu, 'Europe/Brussels')).toEqual({
      ts: Date.UTC(2021, 1, 3, 9, 15, 7),
      tzOffset: null,
      tsLocal: '03/02/2021 10:15:07',
    });
    const compact = compileTimeFormat('yyyyMMddHHmmss');
    expect(parseCsvTime('20210203101507', compact, 'UTC').ts).toBe(Date.UTC(2021, 1, 3, 10, 15, 7));
    const withZone = compileTimeFormat('dd-MM-yyyy HH:mm:ssXXX');
    expect(parseCsvTime('03-02-2021 10:15:07+02:00', withZone)).toEqual({ ts: Date.UTC(2021, 1, 3, 8, 15, 7), tzOffset: 120 });
  });

  it('rejects impossible and mismatching times', () => {
    const eu = compileTimeFormat('dd/MM/yyyy HH:mm:ss');
    expect(code(() => parseCsvTime('30/02/2021 10:15:07', eu, 'UTC'))).toBe('TIMESTAMP_INVALID');
    expect(code(() => parseCsvTime('2021-02-03 10:15:07', eu, 'UTC'))).toBe('TIMESTAMP_INVALID');
    expect(code(() => parseCsvTime('', iso, 'UTC'))).toBe('TIMESTAMP_INVALID');
  });

  it('rejects bad patterns as CSV_MAPPING', () => {
    expect(code(() => compileTimeFormat('dd/MM/yy'))).toBe('CSV_MAPPING');
    expect(code(() => compileTimeFormat('dd/MM/yyyy hh:mm'))).toBe('CSV_MAPPING');
    expect(code(() => compileTimeFormat('yyyyyyyyMMddHHmm'))).toBe('CSV_MAPPING');
  });

  it('round-trips any valid wall clock through a pattern', () => {
    const f = compileTimeFormat('yyyyMMddHHmmss');
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1971, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const ms = Math.floor(d.getTime() / 1000) * 1000;
        const text = new Date(ms).toISOString().replace(/[-T:]/g, '').slice(0, 14);
        return parseCsvTime(text, f, 'UTC').ts === ms;
      }),
    );
  });
});
