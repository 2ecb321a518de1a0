/** Opening cases: a case file path (SQLite) or a postgres:// locator; the store picks the backend. */
import { basename } from 'node:path';
import { parseLocator, printableLocator } from '../store/locator.js';
import { type CaseMigration, migrateCase, openCase as openStore } from '../store/open.js';
import type { CaseStore, OpenOptions } from '../store/types.js';
import { ClewError } from '../model/errors.js';
import { nodeLocator, placeCase as placePostgresCase, type PlaceResult } from '../store/postgres/nodes.js';
export type { PlaceResult };
export { copyCase, type CopyProgress, type CopyResult } from '../store/copy.js';

export type { CaseStore, OpenOptions };
export { printableLocator, migrateCase, type CaseMigration };

/**
 * Cases a server opens in its own process under a name of its making (team mode: a case as one
 * signed-in user sees it, through the team directory): what the workspace's writes and jobs open
 * again by locator. Looked up before the locator is parsed; never a file or a URI.
 */
const inProcess = new Map<string, (opts: OpenOptions) => Promise<CaseStore>>();

/** Make `locator` open through `open` in this process (until the returned function is called). */
export function registerInProcessCase(locator: string, open: (opts: OpenOptions) => Promise<CaseStore>): () => void {
  inProcess.set(locator, open);
  return () => {
    if (inProcess.get(locator) === open) inProcess.delete(locator);
  };
}

/** Whether `locator` opens only in this process (a job on it cannot run in a worker thread). */
export function isInProcessCase(locator: string): boolean {
  return inProcess.has(locator);
}

export function openCase(locator: string, opts: OpenOptions = {}): Promise<CaseStore> {
  const open = inProcess.get(locator);
  return open ? open(opts) : openStore(locator, opts);
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

/**
 * `clew case place`: the messages of a PostgreSQL case older than `before` move to a second
 * PostgreSQL server (the node), read through the case's own server (store/postgres/nodes.ts).
 */
export async function placeCase(locator: string, node: string, before: string): Promise<PlaceResult> {
  const loc = parseLocator(locator);
  if (loc.kind !== 'postgres') throw new ClewError('INVALID_ARGUMENT', 'only a case in PostgreSQL (postgres://…?case=NAME) can be spread over nodes; a case file lives in one file');
  const t = /^\d{4}-\d{2}-\d{2}$/.test(before) ? Date.parse(`${before}T00:00:00Z`) : Date.parse(before);
  if (!Number.isFinite(t)) throw new ClewError('INVALID_ARGUMENT', `--before ${JSON.stringify(before.slice(0, 40))} is not a date (e.g. 2024-01-01 or 2024-01-01T12:00:00Z)`);
  return placePostgresCase(loc, nodeLocator(node), { before: t });
}
