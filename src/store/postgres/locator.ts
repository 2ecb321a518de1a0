/**
 * What openPostgresCase needs to find a case: the PostgreSQL form of the case locator
 * (src/store/locator.ts parses every locator), and helpers to make one for a database URI.
 */

export type { PostgresLocator } from '../locator.js';
import type { PostgresLocator } from '../locator.js';

export interface PgOpenOptions {
  /** Create the case when the database does not hold it yet. */
  create?: boolean;
  readonly?: boolean;
}

/** The URI with its password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** A locator for case `name` in the database at `url` (tests, clew db). */
export function postgresLocator(url: string, name: string): PostgresLocator {
  const u = new URL(url);
  u.searchParams.delete('case');
  const clean = u.toString();
  const printable = new URL(redactUrl(clean));
  printable.searchParams.set('case', name);
  return { kind: 'postgres', url: clean, case: name, printable: printable.toString() };
}
