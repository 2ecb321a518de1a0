/** The map's drawing rules (web/src/map): sea-going legs over the bundled sea-lane graph, route labels at midpoints, decluttered. */
import { describe, expect, it } from 'vitest';
import { declutter, legPoints, midpoint, routeLabels, type RouteLike } from '../web/src/map/route-geometry.js';
import { distanceKm, seaWay, seaWayNames } from '../web/src/map/sea-lanes.js';


const GUAYAQUIL: [number, number] = [-79.9, -2.19];
const ROTTERDAM: [number, number] = [4.48, 51.92];
const ANTWERP: [number, number] = [4.4, 51.22];
const LOME: [number, number] = [1.22, 6.13];
const BELGRADE: [number, number] = [20.46, 44.82];
const BAR: [number, number] = [19.1, 42.09];
const DUBAI: [number, number] = [55.27, 25.2];

describe('sea-going legs', () => {
  it('takes Guayaquil → Rotterdam through the Panama canal and the English Channel, not over land', () => {
    const names = seaWayNames(GUAYAQUIL, ROTTERDAM)!;
    expect(names[0]).toBe('ecuador');
    expect(names).toEqual(expect.arrayContaining(['panamaPacific', 'colon', 'channelWest', 'dover']));
    expect(names.indexOf('panamaPacific')).toBeLessThan(names.indexOf('colon'));
    expect(names[names.length - 1]).toBe('northSea');
    // every point drawn of that leg is west of the Andes until Panama: none inland in South America
    const pts = legPoints(GUAYAQUIL, ROTTERDAM);
    expect(pts.length).toBeGreaterThan(40);
    expect(pts[0]).toEqual(GUAYAQUIL);
    expect(pts[pts.length - 1]![0]).toBeCloseTo(ROTTERDAM[0], 6);
    for (const [lon, lat] of pts) if (lat < 8) expect(lon).toBeLessThan(-79);
  });

  it('goes round West Africa from Lomé to Antwerp, and through Suez from Dubai to Antwerp', () => {
    const westAfrica = seaWayNames(LOME, ANTWERP)!;
    expect(westAfrica).toEqual(expect.arrayContaining(['liberia', 'dakar', 'canaries']));
    expect(westAfrica).not.toContain('gibraltar');
    const suez = seaWayNames(DUBAI, ANTWERP)!;
    expect(suez).toEqual(expect.arrayContaining(['hormuz', 'babElMandeb', 'suez', 'portSaid', 'gibraltar', 'channelWest']));
  });

  it('draws an inland end or a short hop as its great circle', () => {
    expect(seaWay(BELGRADE, ROTTERDAM)).toBeNull(); // Belgrade is inland
    expect(seaWay(ANTWERP, ROTTERDAM)).toBeNull(); // 80 km
    expect(seaWay(BAR, ANTWERP)).not.toBeNull(); // Bar is a port: round Italy, Gibraltar, the Channel
    expect(distanceKm(GUAYAQUIL, ROTTERDAM)).toBeGreaterThan(9000);
  });
});

describe('route labels', () => {
  const route = (key: string, messages: number, stops: [string, [number, number]][]): RouteLike =>
    ({ key, messages, stops: stops.map(([name, [lon, lat]]) => ({ name, lon, lat })) });

  it('puts one label per route at its midpoint, the selected route first, then the most stated', () => {
    expect(midpoint([[0, 0], [10, 0], [10, 10]])).toEqual([10, 0]);
    const rs = [route('a', 2, [['Guayaquil', GUAYAQUIL], ['Lomé', LOME], ['Antwerp', ANTWERP]]), route('b', 5, [['Bar', BAR], ['Antwerp', ANTWERP]])];
    expect(routeLabels(rs, null).map((l) => [l.key, l.text])).toEqual([
      ['b', 'Bar → Antwerp'],
      ['a', 'Guayaquil → Lomé → Antwerp'],
    ]);
    expect(routeLabels(rs, 'a').map((l) => l.key)).toEqual(['a', 'b']);
  });

  it('hides a label that overlaps one placed before it', () => {
    const box = (x: number, y: number) => ({ x, y, w: 100, h: 14 });
    expect(declutter([box(0, 0), box(50, 5), box(0, 40), box(200, 0)])).toEqual([true, false, true, true]);
  });
});
