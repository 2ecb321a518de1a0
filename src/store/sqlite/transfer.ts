/**
 * Moving a case whole (clew case copy), the SQLite side of TransferPort: every stored row of
 * every table, with its ids, out of a case and into an empty one. What is derived from the rows
 * (the full-text index, planner statistics) is not moved but rebuilt where the rows land, so a
 * copy searches exactly as the original. The tables and columns are named as in the schema;
 * both backends use the same names (postgres/schema.ts mirrors sqlite/schema.ts).
 *
 * A restore is one transaction: a copy that stops midway (killed, disk full) leaves the case as
 * empty as it was, and the same copy can simply run again.
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { RowSink, TableChunk } from '../types.js';
import { ftsRowsSql, registerFtsText } from './fts-build.js';
import { MultiRowInsert } from './multi-insert.js';
import { DEFERRED_INDEXES } from './schema.js';
import { reindexAllTranslations } from './translations.js';
import { refreshStatistics } from './statistics.js';
import { acquireWriterLock, translateStoreError } from './writer-lock.js';

/** Meta keys that belong to the case itself (its creation, its schema), not to its content. */
export const OWN_META = new Set(['clew_schema', 'created_at']);

/** The case's stored tables: everything but SQLite's own and the full-text index (derived). */
export function transferTables(db: Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%' AND name NOT LIKE 'translations_fts%' ORDER BY name`)
    .pluck()
    .all() as string[];
}

function columnsOf(db: Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per stored table (meta counts its content keys only). */
export function transferCounts(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of transferTables(db)) {
    out[t] = db.prepare(`SELECT count(*) FROM ${quote(t)}`).pluck().get() as number;
    if (t === 'meta') out[t] -= db.prepare(`SELECT count(*) FROM meta WHERE key IN (${[...OWN_META].map(() => '?').join(', ')})`).pluck().get(...OWN_META) as number;
  }
  return out;
}

/** Every row of every stored table, in chunks of up to `rows` rows, in one read transaction. */
export async function* dumpRows(db: Database, rows = 5000): AsyncGenerator<TableChunk> {
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    for (const table of transferTables(db)) {
      const columns = columnsOf(db, table);
      const st = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw();
      let chunk: unknown[][] = [];
      const it = st.iterate() as IterableIterator<unknown[]>;
      try {
        for (const row of it) {
          if (table === 'meta' && OWN_META.has(row[0] as string)) continue;
          chunk.push(row);
          if (chunk.length === rows) {
            yield { table, columns, rows: chunk };
            chunk = [];
          }
        }
      } finally {
        it.return?.();
      }
      if (chunk.length > 0) yield { table, columns, rows: chunk };
    }
  } finally {
    if (own && db.inTransaction) db.exec('COMMIT');
  }
}

/** The first stored table that holds a row (meta's own keys aside), or null: a copy lands only in an empty case. */
export function firstNonEmptyTable(db: Database): string | null {
  for (const t of transferTables(db)) {
    const sql = t === 'meta' ? `SELECT 1 FROM meta WHERE key NOT IN (${[...OWN_META].map(() => '?').join(', ')}) LIMIT 1` : `SELECT 1 FROM ${quote(t)} LIMIT 1`;
    if (db.prepare(sql).get(...(t === 'meta' ? OWN_META : [])) !== undefined) return t;
  }
  return null;
}

/** Writes dumped rows into an empty case in one transaction; `finish` rebuilds what is derived and commits. */
export class SqliteRowSink implements RowSink {
  private readonly inserts = new Map<string, MultiRowInsert>();
  private readonly tables: Set<string>;
  private done = false;

  private constructor(
    private readonly db: Database,
    private readonly path: string,
    private readonly release: () => void,
  ) {
    this.tables = new Set(transferTables(db));
  }

  /** Take the case's writer lock, open the transaction, refuse a case that holds anything. */
  static open(db: Database, path: string): SqliteRowSink {
    const release = acquireWriterLock(path);
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      release();
      throw translateStoreError(e, path);
    }
    const sink = new SqliteRowSink(db, path, release);
    try {
      const full = firstNonEmptyTable(db);
      if (full !== null) throw new ClewError('CASE_NOT_EMPTY', `${path} already holds data (${full}): a case is copied only into a new or empty case`, { case: path, table: full });
      // the read-side indexes are built once at the end, a sort being far cheaper than as many inserts
      for (const i of DEFERRED_INDEXES) db.exec(`DROP INDEX IF EXISTS ${i.name}`);
    } catch (e) {
      sink.rollback();
      throw e;
    }
    return sink;
  }

  async add(chunk: TableChunk): Promise<void> {
    if (this.done) throw new ClewError('INTERNAL', 'the copy has ended');
    try {
      this.addRows(chunk);
    } catch (e) {
      throw translateStoreError(e, this.path);
    }
  }

  private addRows(chunk: TableChunk): void {
    if (!this.tables.has(chunk.table)) throw new ClewError('CASE_INVALID', `the copied case has a table this clew does not know: ${chunk.table}`, { table: chunk.table });
    const key = `${chunk.table}(${chunk.columns.join(',')})`;
    let ins = this.inserts.get(key);
    if (!ins) {
      const known = new Set(columnsOf(this.db, chunk.table));
      const unknown = chunk.columns.filter((c) => !known.has(c));
      if (unknown.length > 0)
        throw new ClewError('CASE_INVALID', `the copied case's ${chunk.table} has columns this clew does not know: ${unknown.join(', ')}`, { table: chunk.table });
      const verb = chunk.table === 'meta' ? 'INSERT OR REPLACE' : 'INSERT';
      ins = new MultiRowInsert(this.db, `${verb} INTO ${quote(chunk.table)} (${chunk.columns.map(quote).join(', ')})`, chunk.columns.length);
      this.inserts.set(key, ins);
    }
    for (const row of chunk.rows) {
      if (chunk.table === 'meta' && OWN_META.has(row[0] as string)) continue;
      ins.add(...row.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v)));
    }
  }

  /** The read indexes, the full-text rows of every complete source (a partial one gets them when it completes), statistics; commit. */
  async finish(): Promise<void> {
    if (this.done) throw new ClewError('INTERNAL', 'the copy has ended');
    try {
      for (const ins of this.inserts.values()) ins.flush();
      for (const i of DEFERRED_INDEXES) this.db.exec(i.sql);
      registerFtsText(this.db);
      const fts = this.db.prepare(ftsRowsSql('messages_fts'));
      for (const id of this.db.prepare(`SELECT id FROM sources WHERE status = 'complete' ORDER BY id`).pluck().all() as number[]) fts.run(id);
      reindexAllTranslations(this.db);
      refreshStatistics(this.db);
      this.db.exec('COMMIT');
    } catch (e) {
      this.rollback();
      throw translateStoreError(e, this.path);
    }
    this.done = true;
    this.release();
  }

  async abort(): Promise<void> {
    this.rollback();
  }

  private rollback(): void {
    if (this.done) return;
    this.done = true;
    for (const ins of this.inserts.values()) ins.discard();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.release();
  }
}
