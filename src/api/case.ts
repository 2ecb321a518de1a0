/** Opening case files. One case = one SQLite file (PostgreSQL arrives with team mode). */
import type { CaseStore } from '../store/types.js';
import { openSqliteCase, type OpenOptions } from '../store/sqlite/store.js';

export type { CaseStore, OpenOptions };

export function openCase(path: string, opts: OpenOptions = {}): CaseStore {
  return openSqliteCase(path, opts);
}

/** Run `fn` with an open case and always close it. */
export async function withCase<T>(path: string, opts: OpenOptions, fn: (store: CaseStore) => Promise<T> | T): Promise<T> {
  const store = openCase(path, opts);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
