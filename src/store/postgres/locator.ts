/**
 * What openPostgresCase needs to find a case: the database's connection URI (with its
 * password, without the `case` parameter), the case's name, and the URI as it may be printed.
 * (The general case locator, path or URI, is parsed in src/store/locator.ts; these local types
 * are structurally the same.)
 */

export interface PostgresLocator {
  kind: 'postgres';
  /** Connection URI including the password, without the case parameter. */
  url: string;
  case: string;
  /** The locator with the password replaced by ***: the only form errors and logs show. */
  printable: string;
}

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
