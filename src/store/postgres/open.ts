/**
 * Opening a case in a PostgreSQL database: connect, make sure the database holds clew's schema
 * (created in an empty database, migrated when older, refused when newer), find the case by name
 * (creating it when asked) and bring it to this clew's schema (migrations.ts). Every error names
 * the database by its printable locator, never with its password.
 */
import { ClewError } from '../../model/errors.js';
import type { CaseStore } from '../types.js';
import { type CaseMigrationReport, createCase, ensureSchema, findCase, migrateCase } from './cases.js';
import { connectPool } from './db.js';
import type { PgOpenOptions, PostgresLocator } from './locator.js';
import { caseNodes, guardNodes } from './nodes.js';
import { PostgresCaseStore } from './store.js';

export async function openPostgresCase(loc: PostgresLocator, opts: PgOpenOptions = {}): Promise<CaseStore> {
  return openPostgresStore(loc, opts);
}

/** The same, typed as the PostgreSQL store (tests and tools inside src/store). */
export async function openPostgresStore(loc: PostgresLocator, opts: PgOpenOptions = {}): Promise<PostgresCaseStore> {
  const readonly = opts.readonly ?? false;
  const pool = await connectPool(loc);
  try {
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
    await migrateCase(pool, row.id, loc.printable);
    // a case with partitions on other servers: a node that does not answer is named (nodes.ts)
    guardNodes(pool, await caseNodes(pool, row.id), loc.printable);
    return new PostgresCaseStore({ pool, caseId: row.id, caseName: row.name }, loc.printable, readonly, undefined, loc);
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

/**
 * clew case migrate on a PostgreSQL case: the database's own objects, then the case, each in one
 * transaction (what opening it does too), saying what the case's migration applied.
 */
export async function migratePostgresCase(loc: PostgresLocator): Promise<CaseMigrationReport> {
  const pool = await connectPool(loc);
  try {
    await ensureSchema(pool, true, loc.printable);
    const row = await findCase(pool, loc.case);
    if (!row) throw new ClewError('CASE_NOT_FOUND', `no case "${loc.case}" in ${loc.printable}`, { locator: loc.printable, case: loc.case });
    return await migrateCase(pool, row.id, loc.printable);
  } finally {
    await pool.end().catch(() => {});
  }
}
