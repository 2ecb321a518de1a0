/**
 * Cases in a PostgreSQL database: the schema (created in an empty database, refused when
 * newer than this clew), and the registry of cases (clew_cases), each with its own partition of
 * every case table, created with the case and dropped with it in one transaction.
 */
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import { type Queryable, one, rows } from './db.js';
import { PG_SCHEMA_VERSION, SCHEMA_SQL, createPartitionsSql, dropPartitionsSql } from './schema.js';

/** Advisory lock key (first half) for schema changes; the second half is 0. */
const SCHEMA_LOCK = 0x636c6577; // 'clew'
/** Advisory lock key (first half) for a case's writer; the second half is the case id. */
export const CASE_LOCK = 0x636c6578;

const MAX_NAME = 200;

export function checkCaseName(name: string): void {
   
  if (name.length === 0 || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name))
    throw new ClewError('INVALID_ARGUMENT', `a case name is 1 to ${MAX_NAME} printable characters`, { name: name.slice(0, MAX_NAME) });
}

async function schemaVersion(q: Queryable): Promise<number | null> {
  // no clew_meta: a database without clew's schema
  if ((await one<{ t: string | null }>(q, `SELECT to_regclass('clew_meta')::text AS t`))?.t == null) return null;
  const r = await one<{ value: string }>(q, `SELECT value FROM clew_meta WHERE key = 'schema_version'`);
  return r ? Number(r.value) : null;
}

/**
 * Make sure the database holds clew's schema: create it in an empty database (unless
 * read-only), refuse one written by a newer clew. `where` names the database in errors.
 */
export async function ensureSchema(pool: pg.Pool, readonly: boolean, where: string): Promise<void> {
  const v = await schemaVersion(pool);
  if (v !== null) {
    checkVersion(v, where);
    return;
  }
  if (readonly) throw new ClewError('CASE_NOT_FOUND', `${where} holds no clew cases yet (run clew ingest --case <locator> FILE to create one)`, { locator: where });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1, 0)', [SCHEMA_LOCK]);
    const again = await schemaVersion(c);
    if (again === null) await c.query(SCHEMA_SQL);
    else checkVersion(again, where);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

function checkVersion(v: number, where: string): void {
  if (v > PG_SCHEMA_VERSION)
    throw new ClewError('CASE_VERSION', `${where} has clew schema ${v}; this clew reads up to ${PG_SCHEMA_VERSION}: use a newer clew`, { locator: where });
  if (v < PG_SCHEMA_VERSION) throw new ClewError('CASE_VERSION', `${where} has clew schema ${v}, older than ${PG_SCHEMA_VERSION}, and no migration exists for it`, { locator: where });
}

export interface CaseRow {
  id: number;
  name: string;
  schema_version: number;
}

export async function findCase(q: Queryable, name: string): Promise<CaseRow | null> {
  return one<CaseRow>(q, 'SELECT id, name, schema_version FROM clew_cases WHERE name = $1', [name]);
}

export async function listCases(q: Queryable): Promise<CaseRow[]> {
  return rows<CaseRow>(q, 'SELECT id, name, schema_version FROM clew_cases ORDER BY name');
}

/** Create case `name` with its partitions (or return it when another process just did). */
export async function createCase(pool: pg.Pool, name: string): Promise<CaseRow> {
  checkCaseName(name);
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // creating partitions takes locks on the parent tables: one case creation at a time
    await c.query('SELECT pg_advisory_xact_lock($1, 0)', [SCHEMA_LOCK]);
    const existing = await findCase(c, name);
    if (existing) {
      await c.query('COMMIT');
      return existing;
    }
    const row = (await one<CaseRow>(c, 'INSERT INTO clew_cases (name, schema_version) VALUES ($1, $2) RETURNING id, name, schema_version', [name, PG_SCHEMA_VERSION]))!;
    await c.query(createPartitionsSql(row.id));
    await c.query(`INSERT INTO meta (case_id, key, value) VALUES ($1, 'created_at', $2), ($1, 'clew_schema', $3)`, [
      row.id,
      new Date().toISOString(),
      String(PG_SCHEMA_VERSION),
    ]);
    await c.query('COMMIT');
    return row;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/** Drop case `name` whole: its partitions and its registry row. Returns whether it existed. */
export async function dropCase(pool: pg.Pool, name: string): Promise<boolean> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1, 0)', [SCHEMA_LOCK]);
    const row = await findCase(c, name);
    if (!row) {
      await c.query('ROLLBACK');
      return false;
    }
    // an ingest writing to it holds its lock: never drop a case under a writer
    const free = await one<{ ok: boolean }>(c, 'SELECT pg_try_advisory_xact_lock($1, $2) AS ok', [CASE_LOCK, row.id]);
    if (!free?.ok) throw new ClewError('CASE_BUSY', `case ${name} is being written by an ingest; drop it once that ends`, { case: name });
    await c.query(dropPartitionsSql(row.id));
    await c.query('DELETE FROM clew_cases WHERE id = $1', [row.id]);
    await c.query('COMMIT');
    return true;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
