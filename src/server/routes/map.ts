/**
 * The map's endpoints: GET /api/places (points with the records behind each count) and
 * GET /api/routes (where the messages say shipments go). See docs/map.md.
 */
import { z } from 'zod';
import { GEO_KINDS, type GeoKind, listPlaces, MAX_EVIDENCE, MAX_POINTS, MAX_ROUTES, placeRoutes, type RoutesResult } from '../../api/places.js';
import { caseState } from '../case-state.js';
import type { Route } from '../route.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { PlacesResponse, RoutesResponse } from '../wire/map.js';

/** An instant: a date (midnight UTC) or an ISO 8601 date-time with a zone; becomes UTC ms. */
const instant = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$/, {
    message: 'must be a date (2021-03-01) or an ISO date-time with a zone (2021-03-01T10:00Z)',
  })
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s))
  .pipe(z.number({ message: 'is not a real date' }).int().min(0, { message: 'must be after 1970' }).max(4_102_444_800_000, { message: 'must be before 2100' }));

const kinds = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter((k) => k !== ''))
  .pipe(z.array(z.enum(GEO_KINDS as [GeoKind, ...GeoKind[]], { message: `must list kinds among ${GEO_KINDS.join(', ')}` })).min(1, { message: 'lists no kind' }));

const filter = {
  account: z.string().min(1).max(300).optional(),
  after: instant.optional(),
  before: instant.optional(),
};

const placesQuery = z.strictObject({
  ...filter,
  kind: kinds.optional(),
  key: z.string().min(3).max(300).optional(),
  limit: wholeNumber(1, MAX_POINTS).optional(),
  evidence: wholeNumber(0, MAX_EVIDENCE).optional(),
});

const routesQuery = z.strictObject({
  ...filter,
  minEvidence: wholeNumber(1, 1000).optional(),
  minStops: wholeNumber(2, 20).optional(),
  limit: wholeNumber(1, MAX_ROUTES).optional(),
});

/**
 * Routes read every place mention of the case (seconds on a 1M-message case): the last few
 * answers are kept in the case's state until the case changes (case-state.ts).
 */
const ROUTE_CACHE = 16;

export const MAP_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/places$/,
    async handle({ store, query }): Promise<PlacesResponse> {
      const q = parseInput(placesQuery, queryObject(query));
      const r = await listPlaces(store, { account: q.account, after: q.after, before: q.before, kinds: q.kind, key: q.key, limit: q.limit, evidence: q.evidence });
      return {
        filter: { account: q.account ?? null, after: q.after ?? null, before: q.before ?? null, kinds: q.kind ?? [...GEO_KINDS] },
        points: r.points,
        truncated: r.truncated,
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/routes$/,
    async handle({ store, query }): Promise<RoutesResponse> {
      const q = parseInput(routesQuery, queryObject(query));
      const r = await caseState(store).cached(
        'routes',
        q,
        (): Promise<RoutesResult> =>
          placeRoutes(store, { account: q.account, after: q.after, before: q.before, minEvidence: q.minEvidence, minStops: q.minStops, limit: q.limit }),
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
    },
  },
];
