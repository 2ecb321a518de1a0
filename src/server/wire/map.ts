// Wire types of the map endpoints (see ../wire.ts). Types only: the web app imports this file.
import type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteMessage, RouteStop } from '../../api/places.js';

export type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteMessage, RouteStop };

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

/** GET /api/routes: where the messages say shipments go, most stated first (docs/map.md). */
export interface RoutesResponse {
  filter: MapFilterEcho;
  /** Routes stated by fewer messages than this are left out (default 2). */
  minEvidence: number;
  /** Messages that state a route. */
  statements: number;
  /** Routes left out by minEvidence. */
  belowThreshold: number;
  routes: PlaceRoute[];
  truncated: boolean;
}
