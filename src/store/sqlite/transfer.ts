/**
 * Moving a case whole (clew case copy): every stored row of every table, with its ids, out of a
 * case and into an empty one. What is derived from the rows (the full-text index, planner
 * statistics) is not moved but rebuilt where the rows land, so a copy searches exactly as the
 * original. The tables and columns are named as in the schema; both backends use the same names.
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { TableChunk } from '../types.js';
import { ftsRowsSql, registerFtsText } from './fts-build.js';
import { MultiRowInsert } from './multi-insert.js';
import { refreshStatistics } from './statistics.js';

/** Meta keys that belong to the file itself, not to the case's content. */
const OWN_META = new Set(['clew_schema', 'created_at']);

/** The case's stored tables: everything but SQLite's own and the full-text index (derived). */
export function transferTables(db: Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%' ORDER BY name`)
    .pluck()
    .all() as string[];
}

function columnsOf(db: Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every row of every stored table, in chunks of up to `rows` rows, in a stable order. */
export function* dumpRows(db: Database, rows = 5000): Generator<TableChunk> {
  for (const table of transferTables(db)) {
    const columns = columnsOf(db, table);
    const st = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw();
    let chunk: unknown[][] = [];
    for (const row of st.iterate() as Iterable<unknown[]>) {
      if (table === 'meta' && OWN_META.has(row[0] as string)) continue;
      chunk.push(row);
      if (chunk.length === rows) {
        yield { table, columns, rows: chunk };
        chunk = [];
      }
    }
    if (chunk.length > 0) yield { table, columns, rows: chunk };
  }
}

/** Writes dumped rows into an empty case; `finish` rebuilds what is derived. Inside the caller's transaction. */
export class RowRestorer {
  private readonly inserts = new Map<string, MultiRowInsert>();
  private readonly tables: Set<string>;

  constructor(private readonly db: Database) {
    this.tables = new Set(transferTables(db));
    if (db.prepare('SELECT 1 FROM sources LIMIT 1').get() !== undefined) throw new ClewError('CASE_NOT_EMPTY', 'a case is copied only into an empty case');
  }

  add(chunk: TableChunk): void {
    if (!this.tables.has(chunk.table)) throw new ClewError('CASE_INVALID', `the copied case has a table this clew does not know: ${chunk.table}`);
    const key = `${chunk.table}(${chunk.columns.join(',')})`;
    let ins = this.inserts.get(key);
    if (!ins) {
      const known = new Set(columnsOf(this.db, chunk.table));
      const unknown = chunk.columns.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new ClewError('CASE_INVALID', `the copied case's ${chunk.table} has columns this clew does not know: ${unknown.join(', ')}`);
      const verb = chunk.table === 'meta' ? 'INSERT OR REPLACE' : 'INSERT';
      ins = new MultiRowInsert(this.db, `${verb} INTO ${quote(chunk.table)} (${chunk.columns.map(quote).join(', ')})`, chunk.columns.length);
      this.inserts.set(key, ins);
    }
    for (const row of chunk.rows) ins.add(...row.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v)));
  }

  /** The full-text rows of every complete source (a partial one gets them when it completes), then statistics. */
  finish(): void {
    for (const ins of this.inserts.values()) ins.flush();
    registerFtsText(this.db);
    const fts = this.db.prepare(ftsRowsSql('messages_fts'));
    for (const id of this.db.prepare(`SELECT id FROM sources WHERE status = 'complete' ORDER BY id`).pluck().all() as number[]) fts.run(id);
    refreshStatistics(this.db);
  }
}
