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
