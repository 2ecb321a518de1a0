// Wire types of the map endpoints (see ../wire.ts). Types only: the web app imports this file.
import type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteEpisode, RouteStop } from '../../api/places.js';

export type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteEpisode, RouteStop };

/** The filter a map response was computed with (times in UTC ms). */
export interface MapFilterEcho {
  account: string | null;
  after: number | null;
  before: number | null;
}

/** GET /api/places: points, most counted first; each carries the newest records behind its count. */
export interface PlacesResponse {
  filter: MapFilterEcho & { kinds: GeoKind[] };
  points: GeoPointRow[];
  truncated: boolean;
}

/** GET /api/routes: places in the order shipment threads name them (docs/map.md). */
export interface RoutesResponse {
  filter: MapFilterEcho;
  windowDays: number;
  /** Which places were stops: seaports only, or every place. */
  stops: 'ports' | 'all';
  episodes: number;
  routes: PlaceRoute[];
  truncated: boolean;
}
