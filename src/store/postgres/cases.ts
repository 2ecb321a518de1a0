/**
 * Cases in a PostgreSQL database: the schema (created in an empty database, migrated when
 * older, refused when newer than this clew: migrations.ts), and the registry of cases
 * (clew_cases), each with its own schema version and its own partition of every case table,
 * created with the case and dropped with it in one transaction.
 */
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import { type Queryable, one, pgCode, rows, transaction } from './db.js';
import { PG_MIGRATIONS } from './migrations.js';
import { ensurePartitionKeys } from './nodes.js';
import { PG_SCHEMA_VERSION, SCHEMA_SQL, createPartitionsSql, dropPartitionsSql, serverGrants } from './schema.js';
import { SERVER_ROLE } from './team/rls.js';

/** Advisory lock key (first half) for schema changes; the second half is 0. */
const SCHEMA_LOCK = 0x636c6577; // 'clew'
/** Advisory lock key (first half) for a case's writer; the second half is the case id. */
export const CASE_LOCK = 0x636c6578;

const MAX_NAME = 200;

export function checkCaseName(name: string): void {
   
  if (name.length === 0 || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name))
    throw new ClewError('INVALID_ARGUMENT', `a case name is 1 to ${MAX_NAME} printable characters`, { name: name.slice(0, MAX_NAME) });
}

/** The database-wide schema version (clew_meta), or null in a database without clew's schema. */
export async function schemaVersion(q: Queryable): Promise<number | null> {
  // no clew_meta: a database without clew's schema
  if ((await one<{ t: string | null }>(q, `SELECT to_regclass('clew_meta')::text AS t`))?.t == null) return null;
  const r = await one<{ value: string }>(q, `SELECT value FROM clew_meta WHERE key = 'schema_version'`);
  return r ? Number(r.value) : null;
}

/** A role that may not make a change (insufficient privilege, a read-only transaction or server). */
function mayNotWrite(e: unknown): boolean {
  const code = pgCode(e);
  return code === '42501' || code === '25006';
}

function newer(v: number, where: string, what = where): ClewError {
  return new ClewError('CASE_VERSION', `${what} has clew schema ${v}; this clew reads up to ${PG_SCHEMA_VERSION}: use a newer clew`, { locator: where });
}

function migrationNeeded(what: string, v: number, where: string, e: unknown): ClewError {
  return new ClewError(
    'CASE_MIGRATION_NEEDED',
    `${what} has clew schema ${v} and needs migrating to ${PG_SCHEMA_VERSION}, which this role may not do (${e instanceof Error ? e.message : String(e)}); as a role that may write it, run: clew case migrate --case '${where}'`,
    { locator: where },
  );
}

/**
 * Make sure the database holds clew's schema: create it in an empty database (unless
 * read-only), migrate the database-wide objects of an older one (migrations.ts, in one
 * transaction: even for a read-only open, as the reading code knows only this schema), refuse
 * one written by a newer clew. `where` names the database in errors (the printable locator).
 */
export async function ensureSchema(pool: pg.Pool, readonly: boolean, where: string): Promise<void> {
  const v = await schemaVersion(pool);
  if (v === PG_SCHEMA_VERSION) return;
  if (v !== null && v > PG_SCHEMA_VERSION) throw newer(v, where);
  if (v === null && readonly) throw new ClewError('CASE_NOT_FOUND', `${where} holds no clew cases yet (run clew ingest --case <locator> FILE to create one)`, { locator: where });
  try {
    await transaction(pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, 0)', [SCHEMA_LOCK]);
      // read again under the lock: another process may have created or migrated it meanwhile
      const again = await schemaVersion(c);
      if (again === null) await c.query(SCHEMA_SQL);
      else if (again > PG_SCHEMA_VERSION) throw newer(again, where);
      else if (again < PG_SCHEMA_VERSION) {
        for (const m of PG_MIGRATIONS.filter((x) => x.to > again)) await m.database?.(c);
        await c.query(`UPDATE clew_meta SET value = $1 WHERE key = 'schema_version'`, [String(PG_SCHEMA_VERSION)]);
      }
      // the team server's role (clew db start makes it) may read what its users may
      if (await one(c, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [SERVER_ROLE])) await c.query(serverGrants(SERVER_ROLE));
    });
  } catch (e) {
    if (v !== null && mayNotWrite(e)) throw migrationNeeded(`the database of ${where}`, v, where, e);
    throw e;
  }
}

export interface CaseMigrationReport {
  from: number;
  to: number;
  applied: { to: number; what: string }[];
}

/**
 * Bring case `id` to this clew's schema in one transaction: nothing when it is current, its
 * pending migrations (migrations.ts) when it is older, CASE_VERSION (touching nothing) when it is
 * newer. The database's own objects must be current (ensureSchema). The case's row in
 * clew_cases is locked, so two processes opening it at once migrate it once; an ingest writing
 * to it (an older clew's) makes it CASE_BUSY. `where` is the case's printable locator.
 */
export async function migrateCase(pool: pg.Pool, id: number, where: string): Promise<CaseMigrationReport> {
  const seen = await one<{ schema_version: number }>(pool, 'SELECT schema_version FROM clew_cases WHERE id = $1', [id]);
  if (!seen) throw new ClewError('CASE_NOT_FOUND', `the case of ${where} no longer exists`, { locator: where });
  const v = seen.schema_version;
  if (v > PG_SCHEMA_VERSION) throw newer(v, where, `case ${where}`);
  if (v === PG_SCHEMA_VERSION) return { from: v, to: v, applied: [] };
  try {
    return await transaction(pool, async (c) => {
      const row = await one<{ schema_version: number }>(c, 'SELECT schema_version FROM clew_cases WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw new ClewError('CASE_NOT_FOUND', `the case of ${where} no longer exists`, { locator: where });
      const from = row.schema_version;
      if (from > PG_SCHEMA_VERSION) throw newer(from, where, `case ${where}`);
      const pending = PG_MIGRATIONS.filter((m) => m.to > from);
      if (pending.length === 0) return { from, to: from, applied: [] };
      const free = await one<{ ok: boolean }>(c, 'SELECT pg_try_advisory_xact_lock($1, $2) AS ok', [CASE_LOCK, id]);
      if (!free?.ok)
        throw new ClewError('CASE_BUSY', `case ${where} needs migrating to schema ${PG_SCHEMA_VERSION} and an ingest is writing to it; open it once that ends`, {
          locator: where,
        });
      for (const m of pending) await m.case?.(c, id);
      await c.query('UPDATE clew_cases SET schema_version = $2 WHERE id = $1', [id, PG_SCHEMA_VERSION]);
      await c.query(
        `INSERT INTO meta (case_id, key, value) VALUES ($1, 'clew_schema', $2) ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value`,
        [id, String(PG_SCHEMA_VERSION)],
      );
      return { from, to: PG_SCHEMA_VERSION, applied: pending.map((m) => ({ to: m.to, what: m.what })) };
    });
  } catch (e) {
    if (mayNotWrite(e)) throw migrationNeeded(`case ${where}`, v, where, e);
    throw e;
  }
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
    // a database where a case was placed on a node keeps primary keys on the partitions (nodes.ts)
    await ensurePartitionKeys(c, row.id);
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
