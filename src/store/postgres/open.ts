/**
 * Opening a case in a PostgreSQL database: connect, make sure the database holds clew's schema
 * (created in an empty database, refused when newer), find the case by name (creating it when
 * asked). Every error names the database by its printable locator, never with its password.
 */
import { ClewError } from '../../model/errors.js';
import type { CaseStore } from '../types.js';
import { PG_SCHEMA_VERSION } from './schema.js';
import { createCase, ensureSchema, findCase } from './cases.js';
import { connectError, createPool } from './db.js';
import type { PgOpenOptions, PostgresLocator } from './locator.js';
import { PostgresCaseStore } from './store.js';

export async function openPostgresCase(loc: PostgresLocator, opts: PgOpenOptions = {}): Promise<CaseStore> {
  return openPostgresStore(loc, opts);
}

/** The same, typed as the PostgreSQL store (tests and tools inside src/store). */
export async function openPostgresStore(loc: PostgresLocator, opts: PgOpenOptions = {}): Promise<PostgresCaseStore> {
  const readonly = opts.readonly ?? false;
  const pool = createPool(loc);
  try {
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      throw connectError(e, loc) ?? e;
    }
    await ensureSchema(pool, readonly || !opts.create, loc.printable);
    let row = await findCase(pool, loc.case);
    if (!row) {
      if (readonly || !opts.create)
        throw new ClewError('CASE_NOT_FOUND', `no case "${loc.case}" in ${loc.printable}; run clew ingest --case '${loc.printable}' FILE to create it`, {
          locator: loc.printable,
          case: loc.case,
        });
      row = await createCase(pool, loc.case);
    }
    if (row.schema_version > PG_SCHEMA_VERSION)
      throw new ClewError('CASE_VERSION', `case "${loc.case}" in ${loc.printable} has clew schema ${row.schema_version}; this clew reads up to ${PG_SCHEMA_VERSION}: use a newer clew`, {
        locator: loc.printable,
      });
    return new PostgresCaseStore({ pool, caseId: row.id, caseName: row.name }, loc.printable, readonly);
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}
