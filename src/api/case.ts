/** Opening cases: a case file path (SQLite) or a postgres:// locator; the store picks the backend. */
import { basename } from 'node:path';
import { parseLocator, printableLocator } from '../store/locator.js';
import { type CaseMigration, migrateCase, openCase as openStore } from '../store/open.js';
import type { CaseStore, OpenOptions } from '../store/types.js';
export { copyCase, type CopyProgress, type CopyResult } from '../store/copy.js';

export type { CaseStore, OpenOptions };
export { printableLocator, migrateCase, type CaseMigration };

export function openCase(locator: string, opts: OpenOptions = {}): Promise<CaseStore> {
  return openStore(locator, opts);
}

/** Run `fn` with an open case and always close it. */
export async function withCase<T>(locator: string, opts: OpenOptions, fn: (store: CaseStore) => Promise<T> | T): Promise<T> {
  const store = await openCase(locator, opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The case file of a locator, null for a case in a database. */
export function caseFile(locator: string): string | null {
  const loc = parseLocator(locator);
  return loc.kind === 'sqlite' ? loc.path : null;
}

/** A short name for a case: the file name, or the case name in its database. */
export function caseName(locator: string): string {
  const loc = parseLocator(locator);
  return loc.kind === 'sqlite' ? basename(loc.path) : loc.case;
}
