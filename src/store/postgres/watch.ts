/**
 * Watchlists and saved searches in a PostgreSQL case (the same tables as SQLite's, by case_id).
 * The watchlist match runs a chunk of selectors per query: the keys go in as arrays (unnest),
 * joined to the mentions by (type, value) and to the messages by sender and recipient, grouped
 * per selector, so 100k selectors are a few dozen round trips, not 100k.
 */
import { ClewError } from '../../model/errors.js';
import type {
  SavedSearchInput,
  SavedSearchRow,
  SavedSearchRun,
  StoredSelector,
  WatchlistSummary,
  WatchMessageQuery,
  WatchMessageRow,
} from '../types.js';
import { type PgReadCase, type Queryable, all, one, transaction } from './read-util.js';
import { toSavedSearch, type SavedDbRow } from '../rows.js';

/** Selectors per query. */
const CHUNK = 5000;

const SAVED_SELECT = `SELECT s.*, (SELECT count(*) FROM saved_search_hits h WHERE h.case_id = s.case_id AND h.search = s.name) AS hits
  FROM saved_searches s WHERE s.case_id = $1`;

export async function watchMessages(db: PgReadCase, queries: readonly WatchMessageQuery[], opts: { ids: number }): Promise<WatchMessageRow[]> {
  const out: WatchMessageRow[] = queries.map(() => ({ messages: 0, ids: [], first: null, last: null }));
  for (let from = 0; from < queries.length; from += CHUNK) {
    const mi: number[] = [], mt: string[] = [], mv: string[] = [], ai: number[] = [], aa: number[] = [];
    for (let i = from; i < Math.min(queries.length, from + CHUNK); i++) {
      for (const k of queries[i]!.mentions) {
        mi.push(i);
        mt.push(k.type);
        mv.push(k.value);
      }
      for (const a of queries[i]!.accounts) {
        ai.push(i);
        aa.push(a);
      }
    }
    if (mi.length === 0 && ai.length === 0) continue;
    const r = await all<{ i: number; n: number; first: number; last: number; ids: number[] | null }>(
      db.pool,
      `WITH mk AS (SELECT * FROM unnest($2::int[], $3::text[], $4::text[]) AS k(i, type, value)),
            ak AS (SELECT * FROM unnest($5::int[], $6::bigint[]) AS a(i, account)),
            hit AS (SELECT mk.i, x.message_id AS id FROM mk JOIN mentions x ON x.case_id = $1 AND x.type = mk.type AND x.value = mk.value
                    UNION SELECT ak.i, m.id FROM ak JOIN messages m ON m.case_id = $1 AND m.sender = ak.account
                    UNION SELECT ak.i, r.message_id FROM ak JOIN message_recipients r ON r.case_id = $1 AND r.account_id = ak.account)
       SELECT h.i, count(*) AS n, min(m.ts) AS first, max(m.ts) AS last, (array_agg(m.id ORDER BY m.id))[1:$7] AS ids
       FROM hit h JOIN messages m ON m.case_id = $1 AND m.id = h.id WHERE m.dup_of IS NULL GROUP BY h.i`,
      [db.caseId, mi, mt, mv, ai, aa, opts.ids],
    );
    for (const x of r) out[x.i] = { messages: x.n, ids: opts.ids > 0 ? (x.ids ?? []).map(Number) : [], first: x.first, last: x.last };
  }
  return out;
}

export async function watchlists(db: PgReadCase): Promise<WatchlistSummary[]> {
  const r = await all<{ name: string; selector_count: number; added_at: number; added_by: string }>(
    db.pool,
    'SELECT name, selector_count, added_at, added_by FROM watchlists WHERE case_id = $1 ORDER BY name',
    [db.caseId],
  );
  return r.map((x) => ({ name: x.name, selectors: x.selector_count, addedAt: x.added_at, addedBy: x.added_by }));
}

export async function watchlist(db: PgReadCase, name: string): Promise<{ summary: WatchlistSummary; selectors: StoredSelector[] } | null> {
  const r = await one<{ name: string; selector_count: number; added_at: number; added_by: string; selectors: string }>(
    db.pool,
    'SELECT * FROM watchlists WHERE case_id = $1 AND name = $2',
    [db.caseId, name],
  );
  if (!r) return null;
  return { summary: { name: r.name, selectors: r.selector_count, addedAt: r.added_at, addedBy: r.added_by }, selectors: JSON.parse(r.selectors) as StoredSelector[] };
}

export async function putWatchlist(db: PgReadCase, name: string, selectors: readonly StoredSelector[], by: string): Promise<WatchlistSummary> {
  const at = Date.now();
  await db.pool.query(
    `INSERT INTO watchlists (case_id, name, added_at, added_by, selector_count, selectors) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id, name) DO UPDATE SET added_at = excluded.added_at, added_by = excluded.added_by, selector_count = excluded.selector_count, selectors = excluded.selectors`,
    [db.caseId, name, at, by, selectors.length, JSON.stringify(selectors)],
  );
  return { name, selectors: selectors.length, addedAt: at, addedBy: by };
}

export async function removeWatchlist(db: PgReadCase, name: string): Promise<boolean> {
  return ((await db.pool.query('DELETE FROM watchlists WHERE case_id = $1 AND name = $2', [db.caseId, name])).rowCount ?? 0) > 0;
}

export async function savedSearches(db: PgReadCase): Promise<SavedSearchRow[]> {
  return (await all<SavedDbRow>(db.pool, `${SAVED_SELECT} ORDER BY s.name`, [db.caseId])).map(toSavedSearch);
}

async function saved(q: Queryable, caseId: number, name: string): Promise<SavedSearchRow> {
  const r = await one<SavedDbRow>(q, `${SAVED_SELECT} AND s.name = $2`, [caseId, name]);
  if (!r) throw new ClewError('NOT_FOUND', `no saved search named "${name}"`, { name });
  return toSavedSearch(r);
}

export async function putSavedSearch(db: PgReadCase, s: SavedSearchInput): Promise<SavedSearchRow> {
  return transaction(
    db,
    async (c) => {
      const old = await one<{ query: string; mode: string; scope: string | null }>(c, 'SELECT query, mode, scope FROM saved_searches WHERE case_id = $1 AND name = $2', [db.caseId, s.name]);
      if (!(old && old.query === s.query && old.mode === s.mode && old.scope === s.scope)) {
        await c.query('DELETE FROM saved_search_hits WHERE case_id = $1 AND search = $2', [db.caseId, s.name]);
        await c.query('DELETE FROM saved_searches WHERE case_id = $1 AND name = $2', [db.caseId, s.name]);
        await c.query('INSERT INTO saved_searches (case_id, name, query, mode, scope, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          db.caseId, s.name, s.query, s.mode, s.scope, s.at ?? Date.now(), s.by,
        ]);
      }
      return saved(c, db.caseId, s.name);
    },
    'watch',
  );
}

export async function removeSavedSearch(db: PgReadCase, name: string): Promise<boolean> {
  return transaction(
    db,
    async (c) => {
      await c.query('DELETE FROM saved_search_hits WHERE case_id = $1 AND search = $2', [db.caseId, name]);
      return ((await c.query('DELETE FROM saved_searches WHERE case_id = $1 AND name = $2', [db.caseId, name])).rowCount ?? 0) > 0;
    },
    'watch',
  );
}

export async function recordSavedSearchRun(db: PgReadCase, name: string, run: SavedSearchRun): Promise<SavedSearchRow> {
  return transaction(
    db,
    async (c) => {
      const cur = await saved(c, db.caseId, name);
      if ('error' in run) {
        await c.query('UPDATE saved_searches SET last_run_at = $3, error_code = $4, error = $5 WHERE case_id = $1 AND name = $2', [db.caseId, name, run.at, run.error.code, run.error.message]);
      } else {
        const n = cur.runs + 1;
        const ins = await c.query(
          `INSERT INTO saved_search_hits (case_id, search, message_id, run) SELECT $1, $2, id, $3 FROM unnest($4::bigint[]) AS id ON CONFLICT DO NOTHING`,
          [db.caseId, name, n, [...run.hits]],
        );
        await c.query('UPDATE saved_searches SET runs = $3, last_run_at = $4, error_code = NULL, error = NULL, new_hits = $5 WHERE case_id = $1 AND name = $2', [
          db.caseId, name, n, run.at, cur.runs === 0 ? 0 : (ins.rowCount ?? 0),
        ]);
      }
      return saved(c, db.caseId, name);
    },
    'watch',
  );
}

export async function savedSearchHits(db: PgReadCase, name: string, opts: { onlyNew: boolean; limit: number }): Promise<number[]> {
  const cur = await saved(db.pool, db.caseId, name);
  if (opts.onlyNew && (cur.runs < 2 || cur.newHits === 0)) return [];
  const r = await all<{ message_id: number }>(
    db.pool,
    `SELECT message_id FROM saved_search_hits WHERE case_id = $1 AND search = $2 ${opts.onlyNew ? 'AND run = $4' : ''} ORDER BY message_id DESC LIMIT $3`,
    opts.onlyNew ? [db.caseId, name, opts.limit, cur.runs] : [db.caseId, name, opts.limit],
  );
  return r.map((x) => x.message_id);
}
