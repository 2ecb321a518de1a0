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

/**
 * Each route as one line through its stops in order. A leg that crosses the antimeridian the
 * short way is unwrapped (longitude continues past ±180) so the line does not go round the world.
 */
export function routeFeatures(routes: PlaceRoute[], selected: string | null): FeatureCollection<LineString> {
  const max = Math.max(1, ...routes.map((r) => r.episodes));
  return {
    type: 'FeatureCollection',
    features: routes.map((r, i): Feature<LineString> => {
      const coords: [number, number][] = [];
      for (const s of r.stops) {
        let lon = s.lon;
        const prev = coords[coords.length - 1];
        if (prev) while (lon - prev[0] > 180) lon -= 360;
        if (prev) while (prev[0] - lon > 180) lon += 360;
        coords.push([lon, s.lat]);
      }
      return {
        type: 'Feature',
        id: i,
        geometry: { type: 'LineString', coordinates: coords },
        properties: { key: r.key, order: i, weight: 1 + (9 * r.episodes) / max, selected: r.key === selected },
      };
    }),
  };
}
