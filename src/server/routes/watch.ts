/**
 * Watchlist and saved-search routes (the Watchlists view). The server's case handle is
 * read-only: storing a list or a saved search goes through a short-lived writable one (as
 * identity decisions do). Saved searches run again inside every ingest (api/ingest.ts), so an
 * upload from the workspace flags their new hits with no route of its own. A run also says which
 * other cases, that the user may not read, hold a selector of the list (cross-case discovery: their
 * names and owners only, within discovery's limits; api/discovery.ts discoverList).
 */
import type { IncomingMessage } from 'node:http';
import { withCase } from '../../api/case.js';
import { discoverList } from '../../api/discovery.js';
import { saveSearch, savedSearchReport } from '../../api/saved-search.js';
import { addWatchlist, runWatchlist, watchCsv } from '../../api/watch.js';
import { ClewError } from '../../model/errors.js';
import * as api from '../contract/views.js';
import { MAX_WATCHLIST_BYTES } from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import { workspaceUser } from './identity.js';

/** The largest selector list uploaded (a million selectors is ~40 MB). */
export { MAX_WATCHLIST_BYTES };
/** Rows one run answer carries (the CSV has them all). */
export const MAX_RUN_ROWS = 5000;

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > max) throw new ClewError('TOO_LARGE', `the list is larger than ${max} bytes`, { maxBytes: max });
    parts.push(c);
  }
  return Buffer.concat(parts);
}

export const WATCH_ROUTES: Route[] = [
  defineRoute(api.watchOverview, async ({ store, query: q }) => {
    const savedSearches = await savedSearchReport(store, { hits: q.hits ?? 20 });
    return { watchlists: await store.watchlists(), savedSearches, newHits: savedSearches.reduce((n, s) => n + (s.error ? 0 : s.newHits), 0), scope: { kind: 'case' as const } };
  }),
  defineRoute(api.watchlistAdd, async ({ store, query: q, req }) => {
    const bytes = await readBody(req, MAX_WATCHLIST_BYTES);
    return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => addWatchlist(w, q.name, bytes, { by: workspaceUser(), defaultRegion: q.region?.toUpperCase() }));
  }),
  defineRoute(api.watchRun, async ({ store, params, query: q }) => {
    const r = await runWatchlist(store, params.name, { ids: q.ids ?? 5 });
    const wanted = q.all === '1' ? r.rows : r.rows.filter((x) => x.messages > 0 || x.accountsTotal > 0);
    const rows = wanted.slice(0, MAX_RUN_ROWS);
    // every selector of the list, matched here or not: another case may hold one this case does not
    const otherCases = await discoverList(store, r.rows.map((x) => `${x.type}:${x.value}`));
    return { watchlist: r.watchlist, scope: r.scope, rows, omitted: r.rows.length - rows.length, matched: r.matched, selectors: r.rows.length, elapsedMs: Math.round(r.elapsedMs), otherCases };
  }),
  defineRoute(api.watchCsv, async ({ store, params }) => {
    const n = params.name;
    const r = await runWatchlist(store, n);
    return { filename: `${n.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'watchlist'}.csv`, csv: watchCsv(r.rows) };
  }),
  defineRoute(api.watchlistRemove, async ({ store, params }) => {
    const n = params.name;
    const ok = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => w.removeWatchlist(n));
    if (!ok) throw new ClewError('NOT_FOUND', `no watchlist named "${n}"`, { name: n });
    return { removed: n };
  }),
  defineRoute(api.savedSearchSave, async ({ store, body: b }) => {
    const row = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) =>
      saveSearch(w, { name: b.name, query: b.query, mode: b.mode ?? 'folded', scope: b.scope || null, by: workspaceUser() }),
    );
    return { ...row, newHitList: [] };
  }),
  defineRoute(api.savedSearchRemove, async ({ store, params }) => {
    const n = params.name;
    const ok = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => w.removeSavedSearch(n));
    if (!ok) throw new ClewError('NOT_FOUND', `no saved search named "${n}"`, { name: n });
    return { removed: n };
  }),
];
