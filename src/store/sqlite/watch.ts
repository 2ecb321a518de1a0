/**
 * Watchlists and saved searches in the case file (tables in schema.ts WATCH_SCHEMA_SQL). The
 * watchlist match reads the entity mentions by (type, value) and the accounts' messages by
 * sender and recipient, each through its index: one small query per selector, all in one read
 * transaction, so 100k selectors cost 100k index probes and no scan.
 */
import type { Database, Statement } from 'better-sqlite3';
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
import { toSavedSearch, type SavedDbRow } from '../rows.js';

const SAVED_SELECT = `SELECT s.*, (SELECT count(*) FROM saved_search_hits h WHERE h.search = s.name) AS hits FROM saved_searches s`;

export class SqliteWatch {
  private readonly shapes = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly assertWritable: () => void,
  ) {}

  /** The statement for a query of m mention keys and a accounts (cached per shape): the matching first copies' ids and times. */
  private statement(m: number, a: number): Statement {
    const key = `${m}/${a}`;
    let s = this.shapes.get(key);
    if (s) return s;
    const parts: string[] = [];
    for (let i = 0; i < m; i++) parts.push('SELECT message_id AS id FROM mentions WHERE type = ? AND value = ?');
    if (a > 0) {
      const list = `(${new Array<string>(a).fill('?').join(',')})`;
      parts.push(`SELECT id FROM messages WHERE sender IN ${list}`, `SELECT message_id AS id FROM message_recipients WHERE account_id IN ${list}`);
    }
    s = this.db.prepare(`WITH hit(id) AS (${parts.join(' UNION ')}) SELECT m.id, m.ts FROM hit JOIN messages m ON m.id = hit.id WHERE m.dup_of IS NULL`).raw();
    if (this.shapes.size < 64) this.shapes.set(key, s);
    return s;
  }

  watchMessages(queries: readonly WatchMessageQuery[], opts: { ids: number }): WatchMessageRow[] {
    // one pass over a query's messages gives the count, the first and last times and the smallest ids (a count
    // query and a separate ids query read every matching message twice)
    const run = this.db.transaction(() =>
      queries.map((q): WatchMessageRow => {
        if (q.mentions.length === 0 && q.accounts.length === 0) return { messages: 0, ids: [], first: null, last: null };
        const params = [...q.mentions.flatMap((k) => [k.type, k.value]), ...q.accounts, ...q.accounts];
        const rows = this.statement(q.mentions.length, q.accounts.length).all(...params) as [number, number][];
        if (rows.length === 0) return { messages: 0, ids: [], first: null, last: null };
        let first = Infinity;
        let last = -Infinity;
        const ids: number[] = []; // the smallest opts.ids ids, ascending
        for (const [id, ts] of rows) {
          if (ts < first) first = ts;
          if (ts > last) last = ts;
          if (ids.length < opts.ids || (opts.ids > 0 && id < ids[ids.length - 1]!)) {
            let i = ids.length;
            while (i > 0 && ids[i - 1]! > id) i--;
            ids.splice(i, 0, id);
            if (ids.length > opts.ids) ids.pop();
          }
        }
        return { messages: rows.length, ids, first, last };
      }),
    );
    return run.deferred();
  }

  watchlists(): WatchlistSummary[] {
    return (this.db.prepare('SELECT name, selector_count, added_at, added_by FROM watchlists ORDER BY name').all() as { name: string; selector_count: number; added_at: number; added_by: string }[]).map(
      (r) => ({ name: r.name, selectors: r.selector_count, addedAt: r.added_at, addedBy: r.added_by }),
    );
  }

  watchlist(name: string): { summary: WatchlistSummary; selectors: StoredSelector[] } | null {
    const r = this.db.prepare('SELECT * FROM watchlists WHERE name = ?').get(name) as
      | { name: string; selector_count: number; added_at: number; added_by: string; selectors: string }
      | undefined;
    if (!r) return null;
    return { summary: { name: r.name, selectors: r.selector_count, addedAt: r.added_at, addedBy: r.added_by }, selectors: JSON.parse(r.selectors) as StoredSelector[] };
  }

  putWatchlist(name: string, selectors: readonly StoredSelector[], by: string): WatchlistSummary {
    this.assertWritable();
    const at = Date.now();
    this.db
      .prepare(
        `INSERT INTO watchlists (name, added_at, added_by, selector_count, selectors) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET added_at = excluded.added_at, added_by = excluded.added_by, selector_count = excluded.selector_count, selectors = excluded.selectors`,
      )
      .run(name, at, by, selectors.length, JSON.stringify(selectors));
    return { name, selectors: selectors.length, addedAt: at, addedBy: by };
  }

  removeWatchlist(name: string): boolean {
    this.assertWritable();
    return this.db.prepare('DELETE FROM watchlists WHERE name = ?').run(name).changes > 0;
  }

  savedSearches(): SavedSearchRow[] {
    return (this.db.prepare(`${SAVED_SELECT} ORDER BY s.name`).all() as SavedDbRow[]).map(toSavedSearch);
  }

  private saved(name: string): SavedSearchRow {
    const r = this.db.prepare(`${SAVED_SELECT} WHERE s.name = ?`).get(name) as SavedDbRow | undefined;
    if (!r) throw new ClewError('NOT_FOUND', `no saved search named "${name}"`, { name });
    return toSavedSearch(r);
  }

  putSavedSearch(s: SavedSearchInput): SavedSearchRow {
    this.assertWritable();
    const put = this.db.transaction(() => {
      const old = this.db.prepare('SELECT query, mode, scope FROM saved_searches WHERE name = ?').get(s.name) as { query: string; mode: string; scope: string | null } | undefined;
      if (old && old.query === s.query && old.mode === s.mode && old.scope === s.scope) return;
      this.db.prepare('DELETE FROM saved_search_hits WHERE search = ?').run(s.name);
      this.db.prepare('DELETE FROM saved_searches WHERE name = ?').run(s.name);
      this.db
        .prepare('INSERT INTO saved_searches (name, query, mode, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(s.name, s.query, s.mode, s.scope, s.at ?? Date.now(), s.by);
    });
    put.immediate();
    return this.saved(s.name);
  }

  removeSavedSearch(name: string): boolean {
    this.assertWritable();
    const rm = this.db.transaction(() => {
      this.db.prepare('DELETE FROM saved_search_hits WHERE search = ?').run(name);
      return this.db.prepare('DELETE FROM saved_searches WHERE name = ?').run(name).changes > 0;
    });
    return rm.immediate();
  }

  recordSavedSearchRun(name: string, run: SavedSearchRun): SavedSearchRow {
    this.assertWritable();
    const rec = this.db.transaction(() => {
      const cur = this.saved(name);
      if ('error' in run) {
        this.db.prepare('UPDATE saved_searches SET last_run_at = ?, error_code = ?, error = ? WHERE name = ?').run(run.at, run.error.code, run.error.message, name);
        return;
      }
      const n = cur.runs + 1;
      const ins = this.db.prepare('INSERT OR IGNORE INTO saved_search_hits (search, message_id, run) VALUES (?, ?, ?)');
      let added = 0;
      for (const id of run.hits) added += ins.run(name, id, n).changes;
      this.db
        .prepare('UPDATE saved_searches SET runs = ?, last_run_at = ?, error_code = NULL, error = NULL, new_hits = ? WHERE name = ?')
        .run(n, run.at, cur.runs === 0 ? 0 : added, name);
    });
    rec.immediate();
    return this.saved(name);
  }

  savedSearchHits(name: string, opts: { onlyNew: boolean; limit: number }): number[] {
    const cur = this.saved(name);
    if (opts.onlyNew && (cur.runs < 2 || cur.newHits === 0)) return [];
    return this.db
      .prepare(`SELECT message_id FROM saved_search_hits WHERE search = ? ${opts.onlyNew ? 'AND run = ?' : ''} ORDER BY message_id DESC LIMIT ?`)
      .pluck()
      .all(...(opts.onlyNew ? [name, cur.runs, opts.limit] : [name, opts.limit])) as number[];
  }
}
