/**
 * Case locators: where a case lives. A filesystem path is an SQLite case file (one case = one
 * file); `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?case=NAME` (or `postgresql://`) is a case in a
 * PostgreSQL database that holds many. Anything else with a scheme is refused (CASE_LOCATOR).
 *
 * A locator may hold a password: print only `printable` (the password replaced by ***). Errors
 * about a URI never quote it.
 */
import { ClewError } from '../model/errors.js';

export interface SqliteLocator {
  kind: 'sqlite';
  path: string;
  printable: string;
}

export interface PostgresLocator {
  kind: 'postgres';
  /** The connection URI, with the password, without the `case` parameter. */
  url: string;
  /** The case inside the database. */
  case: string;
  /** The locator with the password replaced by ***. */
  printable: string;
}

export type CaseLocator = SqliteLocator | PostgresLocator;

/** A case name in a PostgreSQL database: a lower-case identifier (it names a partition). */
export const CASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

function refuse(message: string, details: Record<string, string> = {}): ClewError {
  return new ClewError('CASE_LOCATOR', message, details);
}

export function parseLocator(locator: string): CaseLocator {
  if (locator.trim() === '') throw refuse('the case locator is empty: give a case file path or a postgres:// URI');
  const scheme = SCHEME.exec(locator)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'sqlite', path: locator, printable: locator };
  if (scheme !== 'postgres' && scheme !== 'postgresql')
    throw refuse(`a case is a file path or postgres://USER[:PASSWORD]@HOST:PORT/DB?case=NAME, not a ${scheme.slice(0, 20)}:// URI`, { scheme: scheme.slice(0, 20) });
  let u: URL;
  try {
    u = new URL(locator);
  } catch {
    throw refuse('the postgres:// URI cannot be read; write it as postgres://USER[:PASSWORD]@HOST:PORT/DB?case=NAME (percent-encode special characters)');
  }
  if (u.hostname === '') throw refuse('the postgres:// URI names no host: postgres://USER[:PASSWORD]@HOST:PORT/DB?case=NAME');
  const db = u.pathname.replace(/^\//, '');
  if (db === '' || db.includes('/')) throw refuse('the postgres:// URI names no database: postgres://USER[:PASSWORD]@HOST:PORT/DB?case=NAME');
  const cases = u.searchParams.getAll('case');
  if (cases.length !== 1) throw refuse('the postgres:// URI needs exactly one case, e.g. ?case=op_nightfall (a database holds many cases)');
  const name = cases[0]!;
  if (!CASE_NAME.test(name))
    throw refuse('a case name starts with a lower-case letter and has at most 63 lower-case letters, digits and underscores', { case: name.slice(0, 70) });
  u.searchParams.delete('case');
  const url = u.toString();
  const shown = new URL(url);
  if (shown.password !== '') shown.password = '***';
  shown.searchParams.append('case', name);
  return { kind: 'postgres', url, case: name, printable: shown.toString() };
}

/** The locator safe to print: a path as given, a URI without its password. */
export function printableLocator(locator: string): string {
  return parseLocator(locator).printable;
}
