// Wire types of the map endpoints, derived from the contract (contract/views.ts). Types only: the web app imports this file.
import type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteMessage, RouteStop } from '../../api/places.js';
import type { ResponseOf } from '../endpoint.js';
import type { places, routes } from '../contract/views.js';

export type { GeoEvidence, GeoKind, GeoPointRow, PlaceRoute, RouteMessage, RouteStop };

/** GET /api/places: points, most counted first; each carries the newest records behind its count. */
export type PlacesResponse = ResponseOf<typeof places>;
/** GET /api/routes: where the messages say shipments go, most stated first (docs/map.md). */
export type RoutesResponse = ResponseOf<typeof routes>;
export type MapFilterEcho = RoutesResponse['filter'];
