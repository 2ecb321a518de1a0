/**
 * The map's endpoints: GET /api/places (points with the records behind each count) and
 * GET /api/routes (where the messages say shipments go). See docs/map.md.
 */
import { GEO_KINDS, listPlaces, placeRoutes, type RoutesResult } from '../../api/places.js';
import { caseState } from '../case-state.js';
import * as api from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';

/**
 * Routes read every place mention of the case (seconds on a 1M-message case): the last few
 * answers are kept in the case's state until the case changes (case-state.ts).
 */
const ROUTE_CACHE = 16;

export const MAP_ROUTES: Route[] = [
  defineRoute(api.places, async ({ store, query: q }) => {
    const r = await listPlaces(store, { account: q.account, after: q.after, before: q.before, kinds: q.kind, key: q.key, limit: q.limit, evidence: q.evidence });
    return {
      filter: { account: q.account ?? null, after: q.after ?? null, before: q.before ?? null, kinds: q.kind ?? [...GEO_KINDS] },
      points: r.points,
      truncated: r.truncated,
    };
  }),
  defineRoute(api.routes, async ({ store, query: q }) => {
    const r = await caseState(store).cached(
      'routes',
      q,
      (): Promise<RoutesResult> => placeRoutes(store, { account: q.account, after: q.after, before: q.before, minEvidence: q.minEvidence, minStops: q.minStops, limit: q.limit }),
      ROUTE_CACHE,
    );
    return {
      filter: { account: q.account ?? null, after: q.after ?? null, before: q.before ?? null },
      minEvidence: r.minEvidence,
      statements: r.statements,
      belowThreshold: r.belowThreshold,
      routes: r.routes,
      truncated: r.truncated,
    };
  }),
];
