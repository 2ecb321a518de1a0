/**
 * Watchlist and saved-search routes (the Watchlists view). The server's case handle is
 * read-only: storing a list or a saved search goes through a short-lived writable one (as
 * identity decisions do). Saved searches run again inside every ingest (api/ingest.ts), so an
 * upload from the workspace flags their new hits with no route of its own.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { withCase } from '../../api/case.js';
import { saveSearch, savedSearchReport, MAX_SAVED_NAME, MAX_SAVED_QUERY } from '../../api/saved-search.js';
import { addWatchlist, MAX_WATCHLIST_NAME, runWatchlist, watchCsv } from '../../api/watch.js';
import { ClewError } from '../../model/errors.js';
import type { Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import { workspaceUser } from './identity.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { SavedSearchSaveResponse, WatchCsvResponse, WatchlistAddResponse, WatchOverviewResponse, WatchRemoveResponse, WatchRunResponse } from '../wire/watch.js';

/** The largest selector list uploaded (a million selectors is ~40 MB). */
export const MAX_WATCHLIST_BYTES = 64 * 1024 * 1024;
/** Rows one run answer carries (the CSV has them all). */
export const MAX_RUN_ROWS = 5000;

const name = (max: number) => z.string().trim().min(1, { message: 'is empty' }).max(max, { message: `is longer than ${max} characters` });
const addQuery = z.strictObject({ name: name(MAX_WATCHLIST_NAME), region: z.string().regex(/^[A-Za-z]{2}$/, { message: 'is not a two-letter country code' }).optional() });
const runQuery = z.strictObject({ all: z.enum(['0', '1']).optional(), ids: wholeNumber(0, 20).optional() });
const overviewQuery = z.strictObject({ hits: wholeNumber(0, 200).optional() });
const saveBody = z.strictObject({
  name: name(MAX_SAVED_NAME),
  query: name(MAX_SAVED_QUERY),
  mode: z.enum(['folded', 'exact']).optional(),
  scope: z.string().trim().max(200, { message: 'is longer than 200 characters' }).optional(),
});

function pathName(raw: string): string {
  let s: string;
  try {
    s = decodeURIComponent(raw);
  } catch {
    throw new ClewError('INVALID_ARGUMENT', 'the name in the path is not valid percent-encoding', { parameter: 'name' });
  }
  return parseInput(name(MAX_WATCHLIST_NAME), s);
}

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
  {
    method: 'GET',
    pattern: /^\/watch$/,
    async handle({ store, query }): Promise<WatchOverviewResponse> {
      const q = parseInput(overviewQuery, queryObject(query));
      const savedSearches = await savedSearchReport(store, { hits: q.hits ?? 20 });
      return { watchlists: await store.watchlists(), savedSearches, newHits: savedSearches.reduce((n, s) => n + (s.error ? 0 : s.newHits), 0), scope: { kind: 'case' } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/watch\/lists$/,
    streamBody: { maxBytes: MAX_WATCHLIST_BYTES },
    async handle({ store, query, req }): Promise<WatchlistAddResponse> {
      const q = parseInput(addQuery, queryObject(query));
      const bytes = await readBody(req, MAX_WATCHLIST_BYTES);
      return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => addWatchlist(w, q.name, bytes, { by: workspaceUser(), defaultRegion: q.region?.toUpperCase() }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/watch\/lists\/([^/]+)\/run$/,
    async handle({ store, params, query }): Promise<WatchRunResponse> {
      const q = parseInput(runQuery, queryObject(query));
      const r = await runWatchlist(store, pathName(params[0]!), { ids: q.ids ?? 5 });
      const wanted = q.all === '1' ? r.rows : r.rows.filter((x) => x.messages > 0 || x.accountsTotal > 0);
      const rows = wanted.slice(0, MAX_RUN_ROWS);
      return { watchlist: r.watchlist, scope: r.scope, rows, omitted: r.rows.length - rows.length, matched: r.matched, selectors: r.rows.length, elapsedMs: Math.round(r.elapsedMs) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/watch\/lists\/([^/]+)\/csv$/,
    async handle({ store, params }): Promise<WatchCsvResponse> {
      const n = pathName(params[0]!);
      const r = await runWatchlist(store, n);
      return { filename: `${n.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'watchlist'}.csv`, csv: watchCsv(r.rows) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/watch\/lists\/([^/]+)$/,
    async handle({ store, params }): Promise<WatchRemoveResponse> {
      const n = pathName(params[0]!);
      const ok = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => w.removeWatchlist(n));
      if (!ok) throw new ClewError('NOT_FOUND', `no watchlist named "${n}"`, { name: n });
      return { removed: n };
    },
  },
  {
    method: 'POST',
    pattern: /^\/watch\/searches$/,
    async handle({ store, body }): Promise<SavedSearchSaveResponse> {
      const b = parseInput(saveBody, body);
      const row = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) =>
        saveSearch(w, { name: b.name, query: b.query, mode: b.mode ?? 'folded', scope: b.scope || null, by: workspaceUser() }),
      );
      return { ...row, newHitList: [] };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/watch\/searches\/([^/]+)$/,
    async handle({ store, params }): Promise<WatchRemoveResponse> {
      const n = pathName(params[0]!);
      const ok = await withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => w.removeSavedSearch(n));
      if (!ok) throw new ClewError('NOT_FOUND', `no saved search named "${n}"`, { name: n });
      return { removed: n };
    },
  },
];
