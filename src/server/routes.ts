/**
 * The JSON API under /api. Each route serves an endpoint of the contract (contract.ts: its input
 * parsed and its answer typed by the endpoint's zod schemas) and calls the typed API. Routes are
 * tables: the case routes here, each view's own in routes/<view>.ts, joined in ROUTES below.
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
import { GALLERY_ROUTES } from './routes/gallery.js';
import { SCOPE_ROUTES } from './routes/scope.js';
import { TIMELINE_ROUTES } from './routes/timeline.js';
import { WATCH_ROUTES } from './routes/watch.js';
import { DISCOVERY_ROUTES } from './routes/discovery.js';
import { LEGAL_ROUTES } from './routes/legal.js';
import { ANNOTATION_ROUTES } from './routes/annotations.js';
import { TRANSLATE_ROUTES } from './routes/translate.js';
import { AUDIT_ROUTES } from './routes/audit.js';
import { OCR_ROUTES } from './routes/ocr.js';
import * as api from './contract/case.js';
import { defineRoute } from './route.js';

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
  defineRoute(api.stats, async ({ store, query }) => {
    const stats = await store.stats({ top: query.top ?? 10 });
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
  }),
  defineRoute(api.search, async ({ store, query: q }) => {
    const r = await search(store, { query: q.q, mode: q.mode ?? 'folded', limit: q.limit ?? 50, cursor: q.cursor, count: q.count, translated: q.translated === '1' });
    return { query: r.query, hits: r.hits, nextCursor: r.nextCursor, notes: r.notes, ...(r.total ? { total: r.total } : {}), elapsedMs: Math.round(r.elapsedMs * 10) / 10 };
  }),
  defineRoute(api.languages, async ({ store }) => ({ languages: await store.languages() })),
  defineRoute(api.message, async ({ store, params, query }) => {
    const r = await show(store, params.id, { context: query.context ?? 20 });
    return { message: r.message, mentions: r.mentions, thread: r.thread, raw: r.raw };
  }),
  defineRoute(api.thread, ({ store, params, query }) => threadPage(store, params.id, { before: query.before ?? 20, after: query.after ?? 20 })),
  defineRoute(api.quarantine, async ({ store, query }) => ({ rows: await store.quarantine({ limit: query.limit ?? 100 }) })),
  defineRoute(api.entities, async ({ store, query: q }) => ({
    type: q.type ?? null,
    types: [...ENTITY_TYPES],
    rows: await listEntities(store, { type: q.type, limit: q.limit ?? 200, offset: q.offset }),
  })),
  defineRoute(api.keyPlayers, async ({ store, query: q }) => {
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
  }),
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
  ...AUDIT_ROUTES,
  ...OCR_ROUTES,
  ...REPORT_ROUTES,
  ...GALLERY_ROUTES,
  ...DISCOVERY_ROUTES,
  ...LEGAL_ROUTES,
];
