/**
 * The JSON API under /api. Each route validates its input with zod and calls the typed API;
 * responses follow the contract in wire.ts. Routes are tables: the case routes here, each
 * view's own in routes/<view>.ts, joined in ROUTES below.
 */
import { caseName } from '../api/case.js';
import { ENTITY_TYPES, listEntities } from '../api/entities.js';
import type { NetworkLevel } from '../api/network.js';
import { search } from '../api/search.js';
import { show } from '../api/show.js';
import { labelTalkers, threadPage } from '../api/thread.js';
import type { CaseStore } from '../api/types.js';
import { caseState } from './case-state.js';
import { Reply } from './jobs.js';
import { computeKeyPlayerRanking, KEY_PLAYERS_FAMILY, type KeyPlayerRanking, MAX_KEY_PLAYERS } from './keyplayers.js';
import type { Route } from './route.js';
import { CHANGES_ROUTES } from './routes/changes.js';
import { DOSSIER_ROUTES } from './routes/dossier.js';
import { EXPORT_ROUTES } from './routes/export.js';
import { IDENTITY_ROUTES } from './routes/identity.js';
import { JOBS_ROUTES, keyPlayersViaJob } from './routes/jobs.js';
import { MAP_ROUTES } from './routes/map.js';
import { NETWORK_ROUTES } from './routes/network.js';
import { REPORT_ROUTES } from './routes/report.js';
import { SCOPE_ROUTES } from './routes/scope.js';
import { TIMELINE_ROUTES } from './routes/timeline.js';
import { WATCH_ROUTES } from './routes/watch.js';
import { ANNOTATION_ROUTES } from './routes/annotations.js';
import { TRANSLATE_ROUTES } from './routes/translate.js';
import { entitiesQuery, keyPlayersQuery, messageQuery, quarantineQuery, recordId, searchQuery, statsQuery, threadQuery } from './schemas.js';
import { parseInput, queryObject } from './validate.js';
import type {
  EntitiesResponse,
  KeyPlayersResponse,
  MessageResponse,
  QuarantineResponse,
  LanguagesResponse,
  SearchResponse,
  StatsResponse,
  ThreadResponse,
} from './wire.js';

export type { Route, RouteContext } from './route.js';

export { MAX_KEY_PLAYERS };

/**
 * The composite ranking takes seconds on a big case: kept in the case's state until the case
 * changes (case-state.ts). GET /api/keyplayers computes it as a job (routes/jobs.ts).
 */
export function keyPlayerRanking(store: CaseStore, level: NetworkLevel = 'account'): Promise<KeyPlayerRanking> {
  return caseState(store).cached(KEY_PLAYERS_FAMILY, level, () => computeKeyPlayerRanking(store, undefined, level));
}

const CASE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/stats$/,
    async handle({ store, query }): Promise<StatsResponse> {
      const q = parseInput(statsQuery, queryObject(query));
      const stats = await store.stats({ top: q.top ?? 10 });
      return {
        case: { path: store.locator, name: caseName(store.locator) },
        stats: { ...stats, topTalkers: await labelTalkers(store, stats.topTalkers) },
        sources: (await store.sources()).map((s) => ({
          id: s.id,
          name: s.name,
          path: s.path,
          sha256: s.sha256,
          format: s.format,
          status: s.status,
          records: s.records,
          rejected: s.rejected,
          duplicates: s.duplicates,
        })),
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/search$/,
    async handle({ store, query }): Promise<SearchResponse> {
      const q = parseInput(searchQuery, queryObject(query));
      const r = await search(store, { query: q.q, mode: q.mode ?? 'folded', limit: q.limit ?? 50, cursor: q.cursor, count: q.count, translated: q.translated === '1' });
      return { query: r.query, hits: r.hits, nextCursor: r.nextCursor, notes: r.notes, ...(r.total ? { total: r.total } : {}), elapsedMs: Math.round(r.elapsedMs * 10) / 10 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/languages$/,
    async handle({ store }): Promise<LanguagesResponse> {
      return { languages: await store.languages() };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)$/,
    async handle({ store, params, query }): Promise<MessageResponse> {
      const mid = parseInput(recordId, params[0]);
      const q = parseInput(messageQuery, queryObject(query));
      const r = await show(store, mid, { context: q.context ?? 20 });
      return { message: r.message, mentions: r.mentions, thread: r.thread, raw: r.raw };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)\/thread$/,
    async handle({ store, params, query }): Promise<ThreadResponse> {
      const mid = parseInput(recordId, params[0]);
      const q = parseInput(threadQuery, queryObject(query));
      return threadPage(store, mid, { before: q.before ?? 20, after: q.after ?? 20 });
    },
  },
  {
    method: 'GET',
    pattern: /^\/quarantine$/,
    async handle({ store, query }): Promise<QuarantineResponse> {
      const q = parseInput(quarantineQuery, queryObject(query));
      return { rows: await store.quarantine({ limit: q.limit ?? 100 }) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/entities$/,
    async handle({ store, query }): Promise<EntitiesResponse> {
      const q = parseInput(entitiesQuery, queryObject(query));
      return { type: q.type ?? null, types: [...ENTITY_TYPES], rows: await listEntities(store, { type: q.type, limit: q.limit ?? 200, offset: q.offset }) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/keyplayers$/,
    async handle({ store, query }): Promise<KeyPlayersResponse | Reply> {
      const q = parseInput(keyPlayersQuery, queryObject(query));
      // 202 + the job while it computes in a worker thread (the client polls, then asks again)
      const ranking = await keyPlayersViaJob(store, undefined, q.level ?? 'account');
      if (ranking instanceof Reply) return ranking;
      const { result, rows } = ranking;
      const b = result.betweenness;
      return {
        level: ranking.level,
        nodes: result.nodes,
        edges: result.edges,
        weights: result.weights ?? {},
        betweenness: b ? { sampled: b.sampled, samples: b.samples, errorBound: b.errorBound, confidence: b.confidence } : null,
        rows: rows.slice(0, q.top ?? 25),
      };
    },
  },
];

export const ROUTES: Route[] = [
  ...CASE_ROUTES,
  ...NETWORK_ROUTES,
  ...EXPORT_ROUTES,
  ...TIMELINE_ROUTES,
  ...MAP_ROUTES,
  ...DOSSIER_ROUTES,
  ...JOBS_ROUTES,
  ...IDENTITY_ROUTES,
  ...WATCH_ROUTES,
  ...CHANGES_ROUTES,
  ...SCOPE_ROUTES,
  ...ANNOTATION_ROUTES,
  ...TRANSLATE_ROUTES,
  ...REPORT_ROUTES,
];
