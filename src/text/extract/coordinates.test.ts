import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coordinatesFromUrl, extractCoordinates } from './coordinates.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractCoordinates(s, {});
const vals = (s: string) => ex(s).map((m) => m.value);

describe('coordinates', () => {
  it('finds decimal pairs', () => {
    const s = 'dođi na 44.8125, 20.4612 sutra';
    const m = ex(s);
    expect(m.map((x) => x.value)).toEqual(['44.8125,20.4612']);
    expect(m[0]!.raw).toBe('44.8125, 20.4612');
    expect(m[0]!.attrs).toMatchObject({ lat: 44.8125, lon: 20.4612, source: 'decimal' });
    expect(vals('-33.86785 151.20732')).toEqual(['-33.86785,151.20732']);
    expect(vals('51.9225N, 4.47917E')).toEqual(['51.9225,4.47917']);
    expect(vals('40.7128 S, 74.0060 W')).toEqual(['-40.7128,-74.006']);
  });

  it('rejects money, out of range and short decimals', () => {
    expect(vals('1.500, 2.000')).toEqual([]);
    expect(vals('95.12345, 20.12345')).toEqual([]);
    expect(vals('44.81, 20.46')).toEqual([]);
    expect(vals('0.00000, 0.00000')).toEqual([]);
    expect(vals('v1.2.3.4567, 5.67890')).toEqual([]);
  });

  it('finds DMS', () => {
    expect(vals(`44°48'45"N 20°27'40"E`)).toEqual(['44.8125,20.461111']);
    expect(vals(`N 44° 48' 45" E 20° 27' 40"`)).toEqual(['44.8125,20.461111']);
    expect(vals(`44°48′45″S, 20°27′40″W`)).toEqual(['-44.8125,-20.461111']);
    expect(vals(`44°48.75'N 20°27.6667'E`)).toEqual(['44.8125,20.461112']);
    expect(vals(`44.8125°N 20.4612°E`)).toEqual(['44.8125,20.4612']);
    expect(vals(`20°27'40"E 44°48'45"N`)).toEqual(['44.8125,20.461111']);
    expect(vals(`44°75'45"N 20°27'40"E`)).toEqual([]);
  });

  it('reads map links', () => {
    const cases: [string, string][] = [
      ['https://www.google.com/maps?q=44.8125,20.4612', '44.8125,20.4612'],
      ['https://maps.google.com/?q=44.8125%2C20.4612', '44.8125,20.4612'],
      ['https://www.google.com/maps/@44.8125,20.4612,15z', '44.8125,20.4612'],
      ['https://www.google.com/maps/place/Knez+Mihailova/@44.81,20.45,17z/data=!3m1!4b1!4m6!3m5!1s0x0:0x0!8m2!3d44.8176!4d20.4569', '44.8176,20.4569'],
      ['https://www.google.com/maps/search/?api=1&query=51.9225,4.47917', '51.9225,4.47917'],
      ['https://maps.apple.com/?ll=51.9225,4.47917&q=Pin', '51.9225,4.47917'],
      ['https://maps.apple.com/?q=51.9225,4.47917', '51.9225,4.47917'],
      ['https://www.openstreetmap.org/#map=17/44.81250/20.46120', '44.8125,20.4612'],
      ['https://www.openstreetmap.org/?mlat=44.8125&mlon=20.4612#map=15/44.8/20.4', '44.8125,20.4612'],
      ['https://waze.com/ul?ll=44.8125,20.4612&navigate=yes', '44.8125,20.4612'],
      ['https://www.waze.com/ul?ll=44.8125%2C20.4612', '44.8125,20.4612'],
      ['https://ul.waze.com/ul?to=ll.44.8125,20.4612', '44.8125,20.4612'],
      ['geo:44.8125,20.4612', '44.8125,20.4612'],
    ];
    for (const [u, v] of cases) {
      const m = ex(`evo lokacija ${u}, vidimo se`);
      expect(m.map((x) => x.value), u).toEqual([v]);
      expect(m[0]!.raw, u).toBe(u);
    }
    expect(coordinatesFromUrl('https://www.google.com/maps/@95.0,20.0,15z')).toBeNull();
    expect(vals('https://maps.app.goo.gl/AbCdEf123')).toEqual([]);
  });

  it('never throws; spans match raw', () => {
    const arb = fc.stringMatching(/^[0-9 .,°'"NSEW\-]{0,60}$/);
    fc.assert(fc.property(fc.oneof(arb, fc.string({ maxLength: 100 })), (s) => ex(s).every((m) => s.slice(m.start, m.end) === m.raw)), { numRuns: 500 });
  });

  it('scales linearly', () => {
    expect(
      checkLinear(extractCoordinates, {}, [undefined, '44.8125, ', "20°27' ", '1.1.1.1', 'https://maps.google.com/?q=', '@44.', '° ', '44.81254 ', 'N 1° ']),
    ).toEqual([]);
  });
});
