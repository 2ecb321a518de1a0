// Wire types of the map endpoints, derived from the contract (contract/views.ts). Types only: the web app imports this file.
import type { z } from 'zod';
import type { GeoKind } from '../../api/places.js';
import type { ResponseOf } from '../endpoint.js';
import type { geoPoint, placeRoute, places, routes } from '../contract/views.js';

export type { GeoKind };

/** A place on the map: a gazetteer place or coordinate found in message text, or a location record. */
export type GeoPointRow = z.output<typeof geoPoint>;
/** One record behind a point: a message, or a location record by its source locator. */
export type GeoEvidence = GeoPointRow['evidence'][number];
/** A route the messages state shipments take. */
export type PlaceRoute = z.output<typeof placeRoute>;
export type RouteStop = PlaceRoute['stops'][number];
/** One message stating a route. */
export type RouteMessage = PlaceRoute['evidence'][number];

/** GET /api/places: points, most counted first; each carries the newest records behind its count. */
export type PlacesResponse = ResponseOf<typeof places>;
/** GET /api/routes: where the messages say shipments go, most stated first (docs/map.md). */
export type RoutesResponse = ResponseOf<typeof routes>;
export type MapFilterEcho = RoutesResponse['filter'];
