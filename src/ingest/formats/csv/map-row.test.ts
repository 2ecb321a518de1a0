import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountRef, mapRow, parseDuration } from './map-row.js';
import { parseMapping } from './mapping.js';

describe('parseDuration', () => {
  it.each([
    ['74', 74],
    ['74.6', 75],
    ['74,4', 74],
    ['01:14', 74],
    ['00:01:14', 74],
    ['1:00:00', 3600],
    ['', null],
    ['-5', null],
    ['1:75', null],
    ['five', null],
  ])('%j -> %j', (t, d) => {
    expect(parseDuration(t)).toBe(d);
  });

  it('round-trips HH:MM:SS', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (s) => {
        const hms = `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
        return parseDuration(hms) === s && parseDuration(String(s)) === s;
      }),
    );
  });
});

describe('accountRef', () => {
  it('builds refs per platform', () => {
    expect(accountRef(' +381641234567 ', 'phone', {})).toBe('phone:+381641234567');
    expect(accountRef('Vuk@Example.org', 'email', {})).toBe('email:vuk@example.org');
    expect(accountRef(' 4F2A9C ', 'skyecc', {})).toBe('skyecc:4F2A9C');
    expect(accountRef('  ', 'skyecc', {})).toBeNull();
  });
});

describe('mapRow', () => {
  const calls = parseMapping('from=a,to=b,ts=t,duration=d,lat=la,lon=lo,id=i');
  const index = { from: 0, to: 1, ts: 2, duration: 3, lat: 4, lon: 5, id: 6 };

  it('maps a call with a position to a call and an antenna location', () => {
    const r = mapRow(['+381641234567', '+31612345678', '2021-02-03T10:15:00Z', '5', '50,85', '4,35', 'k-1'], { mapping: calls, index });
    expect(r).toEqual({
      ok: true,
      records: [
        { type: 'call', from: 'phone:+381641234567', to: 'phone:+31612345678', duration: 5, ts: Date.UTC(2021, 1, 3, 10, 15), tzOffset: 0, channel: 'call', nativeId: 'k-1', lat: 50.85, lon: 4.35 },
        { type: 'location', kind: 'antenna', lat: 50.85, lon: 4.35, ts: Date.UTC(2021, 1, 3, 10, 15), account: 'phone:+381641234567', message: 'k-1' },
      ],
    });
  });

  it('rejects bad values with codes, never throws', () => {
    const bad = (fields: string[]): unknown => {
      const r = mapRow(fields, { mapping: calls, index });
      return r.ok ? 'ok' : r.code;
    };
    expect(bad(['+381641234567', '', '2021-02-03T10:15:00Z', '5', '', '', ''])).toBe('SCHEMA');
    expect(bad(['+381641234567', '+31612345678', 'soon', '5', '', '', ''])).toBe('TIMESTAMP_INVALID');
    expect(bad(['+381641234567', '+31612345678', '2021-02-03T10:15:00Z', '5', '91', '4', ''])).toBe('SCHEMA');
    expect(bad(['x'.repeat(300), '+31612345678', '2021-02-03T10:15:00Z', '5', '', '', ''])).toBe('SCHEMA');
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 7, maxLength: 7 }), (f) => typeof mapRow(f, { mapping: calls, index, timeZone: 'UTC' }).ok === 'boolean'));
  });
});
