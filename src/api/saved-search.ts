/**
 * Saved searches: a query (filters included) kept in the case under a name, run again after
 * every ingest (ingest.ts calls refreshSavedSearches once the source is complete). The hits of
 * a run that no earlier run had are its new hits (the store keeps every hit and the run that
 * first had it); the first run, when the search is saved, is the baseline. Runs go through the
 * search API (search.ts), so a saved search finds exactly what the same query finds in the
 * Search view; a query that no longer parses (QUERY_SYNTAX after a syntax change) is recorded
 * with its reason and never fails the ingest.
 */
import { ClewError } from '../model/errors.js';
import type { SearchMode } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import type { MessagePort, SavedSearchRow, WatchPort } from '../store/types.js';
import { makeSnippet } from './snippet.js';
import { MAX_PAGE, search, type SearchResultHit, type SearchStore } from './search.js';
import { defaultUser } from './identity.js';

/** Hits one run records (the newest): a run stays bounded on any case. */
export const MAX_SAVED_HITS = 10_000;
export const MAX_SAVED_NAME = 200;
export const MAX_SAVED_QUERY = 2000;

export type SavedSearchStore = SearchStore & Pick<WatchPort, 'savedSearches' | 'putSavedSearch' | 'recordSavedSearchRun' | 'savedSearchHits' | 'removeSavedSearch'>;

export interface SaveSearchRequest {
  name: string;
  query: string;
  mode?: SearchMode;
  /** Where it applies, kept verbatim (team mode will read it; today: this case). */
  scope?: string | null;
  by?: string;
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > MAX_SAVED_NAME) throw new ClewError('INVALID_ARGUMENT', `a saved search needs a name of 1 to ${MAX_SAVED_NAME} characters`, { parameter: 'name' });
  return n;
}

/** The message ids a query hits now, newest first, up to MAX_SAVED_HITS. */
async function hitsOf(store: SearchStore, query: string, mode: SearchMode): Promise<number[]> {
  const ids: number[] = [];
  let cursor: number | undefined;
  do {
    const r = await search(store, { query, mode, limit: MAX_PAGE, cursor });
    for (const h of r.hits) ids.push(h.id);
    cursor = r.nextCursor ?? undefined;
  } while (cursor !== undefined && ids.length < MAX_SAVED_HITS);
  return ids.slice(0, MAX_SAVED_HITS);
}

/** Run one saved search and record the run (its hits, or why it could not run). */
export async function runSavedSearch(store: SavedSearchStore, s: Pick<SavedSearchRow, 'name' | 'query' | 'mode'>): Promise<SavedSearchRow> {
  let hits: number[];
  try {
    hits = await hitsOf(store, s.query, s.mode);
  } catch (e) {
    if (!(e instanceof ClewError)) throw e;
    return store.recordSavedSearchRun(s.name, { at: Date.now(), error: { code: e.code, message: e.message } });
  }
  return store.recordSavedSearchRun(s.name, { at: Date.now(), hits });
}

/**
 * Save a search and run it once (the baseline). A query that does not parse is refused here
 * (QUERY_SYNTAX), before anything is stored.
 */
export async function saveSearch(store: SavedSearchStore, req: SaveSearchRequest): Promise<SavedSearchRow> {
  const name = checkName(req.name);
  const query = req.query.trim();
  if (query.length === 0 || query.length > MAX_SAVED_QUERY) throw new ClewError('INVALID_ARGUMENT', `a saved search needs a query of 1 to ${MAX_SAVED_QUERY} characters`, { parameter: 'query' });
  const mode = req.mode ?? 'folded';
  await search(store, { query, mode, limit: 1 }); // parses (and runs) it: QUERY_SYNTAX now, not after the next ingest
  const row = await store.putSavedSearch({ name, query, mode, scope: req.scope?.trim() || null, by: req.by ?? defaultUser() });
  return row.runs === 0 ? runSavedSearch(store, row) : row;
}

export interface SavedSearchRefresh {
  name: string;
  newHits: number;
  error: { code: string; message: string } | null;
}

/**
 * Run every saved search of the case again (after an ingest). One that fails is recorded with
 * its reason and the others still run; this never throws for a saved search's sake.
 */
export async function refreshSavedSearches(store: SavedSearchStore): Promise<SavedSearchRefresh[]> {
  const out: SavedSearchRefresh[] = [];
  for (const s of await store.savedSearches()) {
    try {
      const r = await runSavedSearch(store, s);
      out.push({ name: r.name, newHits: r.error ? 0 : r.newHits, error: r.error });
    } catch (e) {
      out.push({ name: s.name, newHits: 0, error: { code: e instanceof ClewError ? e.code : 'INTERNAL', message: (e as Error).message } });
    }
  }
  return out;
}

export interface SavedSearchReport extends SavedSearchRow {
  /** The new hits of the last run, newest first (up to the limit asked for), as search hits. */
  newHitList: SearchResultHit[];
}

/** Every saved search with the new hits of its last run (read: nothing is run). */
export async function savedSearchReport(store: SavedSearchStore & Pick<MessagePort, 'message'>, opts: { hits?: number } = {}): Promise<SavedSearchReport[]> {
  const out: SavedSearchReport[] = [];
  for (const s of await store.savedSearches()) {
    let highlight = null;
    try {
      highlight = parseQuery(s.query, 'folded').text;
    } catch {
      // a query that no longer parses: its error says so, the hits show without highlights
    }
    const ids = s.newHits > 0 ? await store.savedSearchHits(s.name, { onlyNew: true, limit: Math.min(opts.hits ?? 20, 500) }) : [];
    const newHitList: SearchResultHit[] = [];
    for (const id of ids) {
      const m = await store.message(id);
      newHitList.push({
        id: m.id,
        ts: m.ts,
        sender: m.sender,
        conversationId: m.conversationId,
        conversationTitle: m.conversationTitle,
        snippet: makeSnippet(m.body, highlight),
      });
    }
    out.push({ ...s, newHitList });
  }
  return out;
}
