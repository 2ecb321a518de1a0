/** The case's points and routes as GeoJSON for the map sources (numbers and keys only, no text). */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { GeoPointRow, PlaceRoute } from '../lib/api';
import { routeLine } from './route-geometry';
import { POINT_COLOURS } from './style';

export { declutter, routeLabels } from './route-geometry';

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

/** Each route as one line (routeLine), weighted by the messages that state it. */
export function routeFeatures(routes: PlaceRoute[], selected: string | null): FeatureCollection<LineString> {
  const max = Math.max(1, ...routes.map((r) => r.messages));
  return {
    type: 'FeatureCollection',
    features: routes.map((r, i): Feature<LineString> => {
      const coords = routeLine(r);
      return {
        type: 'Feature',
        id: i,
        geometry: { type: 'LineString', coordinates: coords },
        properties: { key: r.key, order: i, weight: 1 + (9 * r.messages) / max, selected: r.key === selected },
      };
    }),
  };
}
