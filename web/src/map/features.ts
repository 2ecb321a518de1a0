/** The case's points and routes as GeoJSON for the map sources (numbers and keys only, no text). */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { GeoPointRow, PlaceRoute } from '../lib/api';
import { POINT_COLOURS } from './style';

export function pointFeatures(points: GeoPointRow[], selected: string | null): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map(
      (p, i): Feature<Point> => ({
        type: 'Feature',
        id: i,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { key: p.key, count: p.count, colour: POINT_COLOURS[p.kind] ?? '#1f5fbf', selected: p.key === selected },
      }),
    ),
  };
}

const RAD = Math.PI / 180;

/**
 * The great circle from a to b ([lon, lat] in degrees) as `steps` + 1 points: the way a ship's
 * or plane's track bends on the map, never a straight line across a continent's projection.
 */
export function greatCircle(a: [number, number], b: [number, number], steps = 48): [number, number][] {
  const [l1, p1] = [a[0] * RAD, a[1] * RAD];
  const [l2, p2] = [b[0] * RAD, b[1] * RAD];
  const v1 = [Math.cos(p1) * Math.cos(l1), Math.cos(p1) * Math.sin(l1), Math.sin(p1)];
  const v2 = [Math.cos(p2) * Math.cos(l2), Math.cos(p2) * Math.sin(l2), Math.sin(p2)];
  const dot = Math.min(1, Math.max(-1, v1[0]! * v2[0]! + v1[1]! * v2[1]! + v1[2]! * v2[2]!));
  const omega = Math.acos(dot);
  if (omega < 1e-9) return [a, b];
  const out: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const k1 = Math.sin((1 - t) * omega) / Math.sin(omega);
    const k2 = Math.sin(t * omega) / Math.sin(omega);
    const x = k1 * v1[0]! + k2 * v2[0]!;
    const y = k1 * v1[1]! + k2 * v2[1]!;
    const z = k1 * v1[2]! + k2 * v2[2]!;
    out.push([Math.atan2(y, x) / RAD, Math.atan2(z, Math.hypot(x, y)) / RAD]);
  }
  return out;
}

/**
 * Each route as one curve through its stops in order, each leg a great circle. Longitudes are
 * unwrapped (continuing past ±180) so a leg across the antimeridian does not go round the world.
 */
export function routeFeatures(routes: PlaceRoute[], selected: string | null): FeatureCollection<LineString> {
  const max = Math.max(1, ...routes.map((r) => r.messages));
  return {
    type: 'FeatureCollection',
    features: routes.map((r, i): Feature<LineString> => {
      const coords: [number, number][] = [];
      for (let j = 1; j < r.stops.length; j++) {
        const a = r.stops[j - 1]!;
        const b = r.stops[j]!;
        for (const pt of greatCircle([a.lon, a.lat], [b.lon, b.lat]).slice(j === 1 ? 0 : 1)) coords.push(pt);
      }
      for (let j = 1; j < coords.length; j++) {
        const prev = coords[j - 1]!;
        let lon = coords[j]![0];
        while (lon - prev[0] > 180) lon -= 360;
        while (prev[0] - lon > 180) lon += 360;
        coords[j] = [lon, coords[j]![1]];
      }
      return {
        type: 'Feature',
        id: i,
        geometry: { type: 'LineString', coordinates: coords },
        properties: { key: r.key, order: i, weight: 1 + (9 * r.messages) / max, selected: r.key === selected },
      };
    }),
  };
}

/** The distinct stops of the routes (for their name labels), those of the selected route marked. */
export function routeStops(routes: PlaceRoute[], selected: string | null): { placeId: string; name: string; lon: number; lat: number; selected: boolean }[] {
  const byId = new Map<string, { placeId: string; name: string; lon: number; lat: number; selected: boolean }>();
  for (const r of routes)
    for (const s of r.stops) {
      const e = byId.get(s.placeId) ?? { placeId: s.placeId, name: s.name, lon: s.lon, lat: s.lat, selected: false };
      e.selected ||= r.key === selected;
      byId.set(s.placeId, e);
    }
  return [...byId.values()];
}
