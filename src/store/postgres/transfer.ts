/**
 * Moving a case whole (clew case copy), the PostgreSQL side of TransferPort: every stored row of
 * the case's tables with its ids, read through cursors in one snapshot; restored into an empty
 * case with COPY, in one transaction that holds the case's write lock. What is derived is
 * rebuilt, not moved: each first copy's full-text vector (messages.fts, from its subject and
 * body as the ingest writer makes it), the read indexes, the id sequences, planner statistics.
 *
 * A copy that stops midway (killed, connection lost) is rolled back by the server with its
 * session: the case is left as empty as it was, and the same copy can simply run again.
 */
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import type { RowSink, TableChunk } from '../types.js';
import { type CopyValue, copyRows, pgText } from './copy.js';
import { type PgCase, one } from './db.js';
import { CASE_TABLES, type PgTable, deferredIndexes, partitionName } from './schema.js';
import { PgSourceWriter, ftsVector } from './writer.js';
import { translationVector } from './translations.js';

/** Meta keys that belong to the case itself (its creation, its schema), not to its content. */
const OWN_META = ['clew_schema', 'created_at'];

/** Columns derived from the others: rebuilt where the rows land, never moved. */
const DERIVED: Record<string, string[]> = { messages: ['fts'], translations: ['fts'] };

const bare = (name: string) => name.replaceAll('"', '');
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A table's moved columns, by their plain names. */
function movedColumns(t: PgTable): string[] {
  return t.columns.map((c) => bare(c.name)).filter((c) => !(DERIVED[t.name] ?? []).includes(c));
}

function contentWhere(t: PgTable): string {
  return t.name === 'meta' ? ` AND key NOT IN (${OWN_META.map((k) => `'${k}'`).join(', ')})` : '';
}

/** Rows per stored table (meta counts its content keys only). */
export async function transferCounts(db: PgCase): Promise<Record<string, number>> {
  const sql = CASE_TABLES.map((t) => `SELECT '${t.name}' AS t, count(*) AS n FROM ${t.name} WHERE case_id = $1${contentWhere(t)}`).join(' UNION ALL ');
  const r = await db.pool.query<{ t: string; n: number }>(sql, [db.caseId]);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.n]));
}

/** Every row of every case table, in chunks of up to `size` rows, from one snapshot (a repeatable-read transaction). */
export async function* dumpRows(db: PgCase, size = 5000): AsyncGenerator<TableChunk> {
  const c = await db.pool.connect();
  let ok = false;
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const t of CASE_TABLES) {
      const columns = movedColumns(t);
      await c.query(`DECLARE clew_dump NO SCROLL CURSOR FOR SELECT ${columns.map(quote).join(', ')} FROM ${t.name} WHERE case_id = $1${contentWhere(t)}`, [db.caseId]);
      for (;;) {
        const r = await c.query<unknown[]>({ text: `FETCH ${size} FROM clew_dump`, rowMode: 'array' });
        if (r.rows.length > 0) yield { table: t.name, columns, rows: r.rows };
        if (r.rows.length < size) break;
      }
      await c.query('CLOSE clew_dump');
    }
    await c.query('COMMIT');
    ok = true;
  } finally {
    if (!ok) await c.query('ROLLBACK').catch(() => {});
    c.release();
  }
}

/** Writes dumped rows into an empty case with COPY, in one transaction on the client that holds the case's write lock. */
export class PgRowSink implements RowSink {
  private done = false;

  private constructor(
    private readonly db: PgCase,
    private readonly c: pg.PoolClient,
    private readonly locator: string,
  ) {}

  /** On `c`, which holds the case's write lock (released by finish or abort): open the transaction, refuse a case that holds anything. */
  static async open(db: PgCase, c: pg.PoolClient, locator: string): Promise<PgRowSink> {
    const sink = new PgRowSink(db, c, locator);
    try {
      await c.query('BEGIN');
      const full = await one<{ t: string }>(
        c,
        CASE_TABLES.map((t) => `(SELECT '${t.name}' AS t FROM ${t.name} WHERE case_id = $1${contentWhere(t)} LIMIT 1)`).join(' UNION ALL ') + ' LIMIT 1',
        [db.caseId],
      );
      if (full !== null)
        throw new ClewError('CASE_NOT_EMPTY', `case "${db.caseName}" in ${locator} already holds data (${full.t}): a case is copied only into a new or empty case`, {
          locator,
          table: full.t,
        });
      // the read-side indexes (the full-text GIN above all) are built once at the end
      for (const i of deferredIndexes(db.caseId)) await c.query(`DROP INDEX IF EXISTS ${i.name}`);
    } catch (e) {
      await sink.rollback();
      throw e;
    }
    return sink;
  }

  async add(chunk: TableChunk): Promise<void> {
    if (this.done) throw new ClewError('INTERNAL', 'the copy has ended');
    const t = CASE_TABLES.find((x) => x.name === chunk.table);
    if (!t) throw new ClewError('CASE_INVALID', `the copied case has a table this clew does not know: ${chunk.table}`, { table: chunk.table });
    const known = new Set(movedColumns(t));
    const unknown = chunk.columns.filter((col) => !known.has(col));
    if (unknown.length > 0)
      throw new ClewError('CASE_INVALID', `the copied case's ${chunk.table} has columns this clew does not know: ${unknown.join(', ')}`, { table: chunk.table });
    try {
      if (t.name === 'meta') {
        for (const [key, value] of chunk.rows as [string, string][]) {
          if (OWN_META.includes(key)) continue;
          await this.c.query('INSERT INTO meta (case_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value', [
            this.db.caseId,
            pgText(key),
            pgText(value),
          ]);
        }
        return;
      }
      let columns = chunk.columns;
      let rows = chunk.rows as CopyValue[][];
      if (t.name === 'messages') {
        // each first copy's full-text vector, as the ingest writer makes it
        const [subject, body, dup, lang] = ['subject', 'body', 'dup_of', 'lang'].map((n) => columns.indexOf(n));
        if (subject! < 0 || body! < 0 || dup! < 0 || lang! < 0) throw new ClewError('CASE_INVALID', 'the copied case\'s messages lack subject, body, dup_of or lang');
        columns = [...columns, 'fts'];
        rows = rows.map((r) => [
          ...r,
          r[dup!] == null ? ftsVector((r[subject!] as string | null) ?? null, pgText(String(r[body!])), (r[lang!] as string | null) ?? null) : null,
        ]);
      }
      if (t.name === 'translations') {
        // each translation's full-text vector, as saveTranslations makes it
        const [text, target, failure] = ['text', 'target', 'failure'].map((n) => columns.indexOf(n));
        if (text! < 0 || target! < 0 || failure! < 0) throw new ClewError('CASE_INVALID', 'the copied case\'s translations lack text, target or failure');
        columns = [...columns, 'fts'];
        rows = rows.map((r) => [...r, translationVector({ text: String(r[text!]), target: String(r[target!]), failure: (r[failure!] as string | null) ?? null })]);
      }
      await copyRows(this.c, t.name, columns.map(quote), this.db.caseId, rows);
    } catch (e) {
      await this.rollback();
      throw e;
    }
  }

  /** The read indexes, the id sequences past the copied ids, statistics; commit and release the case. */
  async finish(): Promise<void> {
    if (this.done) throw new ClewError('INTERNAL', 'the copy has ended');
    const { c } = this;
    const id = this.db.caseId;
    try {
      for (const i of deferredIndexes(id)) await c.query(i.sql);
      // persons and decisions take their ids from sequences shared by the database's cases
      for (const [seq, table] of [
        ['clew_persons_id', 'persons'],
        ['clew_identity_decisions_id', 'identity_decisions'],
      ] as const)
        await c.query(`SELECT setval('${seq}', greatest((SELECT last_value FROM ${seq}), (SELECT coalesce(max(id), 0) FROM ${table} WHERE case_id = $1)))`, [id]);
      await c.query(`ANALYZE ${CASE_TABLES.map((t) => partitionName(t.name, id)).join(', ')}`);
      await c.query('COMMIT');
    } catch (e) {
      await this.rollback();
      throw e;
    }
    this.done = true;
    await PgSourceWriter.unlock(c, id);
  }

  async abort(): Promise<void> {
    await this.rollback();
  }

  private async rollback(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.c.query('ROLLBACK').catch(() => {});
    await PgSourceWriter.unlock(this.c, this.db.caseId);
  }
}
