/**
 * The one place that picks a backend: a case file path opens the SQLite store, a postgres://
 * locator the PostgreSQL store (loaded on demand, so an SQLite-only run never loads `pg`).
 */
import { parseLocator } from './locator.js';
import { openSqliteCase } from './sqlite/store.js';
import { backfillTakenAt } from './sqlite/taken-at.js';
import type { CaseStore, OpenOptions } from './types.js';

export type { OpenOptions };

export async function openCase(locator: string, opts: OpenOptions = {}): Promise<CaseStore> {
  const loc = parseLocator(locator);
  if (loc.kind === 'sqlite') {
    const store = openSqliteCase(loc.path, opts);
    // the capture times of a case migrated to schema 8 (sqlite/taken-at.ts); nothing once done
    await backfillTakenAt(loc.path).catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    return store;
  }
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
 * Bring a case to this clew's schema (clew case migrate), in one transaction: a case file as
 * sqlite/migrations.ts migrates it, a PostgreSQL case (and its database's shared objects) as
 * postgres/migrations.ts does. A case from a newer clew is refused untouched (CASE_VERSION).
 */
export async function migrateCase(locator: string): Promise<CaseMigration> {
  const loc = parseLocator(locator);
  if (loc.kind === 'sqlite') {
    const { caseSchemaVersion, ensureMigrated } = await import('./sqlite/migrations.js');
    const from = caseSchemaVersion(loc.path);
    const r = ensureMigrated(loc.path);
    await backfillTakenAt(loc.path);
    return { backend: 'sqlite', ...(r ?? { from, to: from, applied: [] }) };
  }
  const { migratePostgresCase } = await import('./postgres/open.js');
  return { backend: 'postgres', ...(await migratePostgresCase(loc)) };
}
