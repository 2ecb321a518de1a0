/**
 * The one place that picks a backend: a case file path opens the SQLite store, a postgres://
 * locator the PostgreSQL store (loaded on demand, so an SQLite-only run never loads `pg`).
 */
import { parseLocator } from './locator.js';
import { openSqliteCase } from './sqlite/store.js';
import type { CaseStore, OpenOptions } from './types.js';

export type { OpenOptions };

export async function openCase(locator: string, opts: OpenOptions = {}): Promise<CaseStore> {
  const loc = parseLocator(locator);
  if (loc.kind === 'sqlite') return openSqliteCase(loc.path, opts);
  const { openPostgresCase } = await import('./postgres/open.js');
  return openPostgresCase(loc, opts);
}

export interface CaseMigration {
  backend: 'sqlite' | 'postgres';
  from: number;
  to: number;
  applied: { to: number; what: string }[];
}

/**
 * Bring a case to this clew's schema (clew case migrate): a case file is migrated in one
 * transaction (sqlite/migrations.ts); a PostgreSQL database is checked when opened (it has had
 * one schema version so far). A case from a newer clew is refused untouched (CASE_VERSION).
 */
export async function migrateCase(locator: string): Promise<CaseMigration> {
  const loc = parseLocator(locator);
  if (loc.kind === 'sqlite') {
    const { caseSchemaVersion, ensureMigrated } = await import('./sqlite/migrations.js');
    const from = caseSchemaVersion(loc.path);
    const r = ensureMigrated(loc.path);
    return { backend: 'sqlite', ...(r ?? { from, to: from, applied: [] }) };
  }
  const store = await openCase(locator);
  await store.close();
  const { PG_SCHEMA_VERSION } = await import('./postgres/schema.js');
  return { backend: 'postgres', from: PG_SCHEMA_VERSION, to: PG_SCHEMA_VERSION, applied: [] };
}
