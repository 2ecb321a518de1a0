/**
 * The connection to a case in a PostgreSQL database, and the small helpers every PostgreSQL
 * module of the store queries through. Every case table is partitioned by case_id: every query
 * names the case (`WHERE case_id = $1`, with db.caseId), which also prunes it to the case's
 * partitions.
 *
 * int8 (bigint, count(*)) and numeric (sum of bigints) come back as JavaScript numbers: every id,
 * time and count clew stores is below 2^53.
 */
import pg from 'pg';
import { ClewError } from '../../model/errors.js';
import type { PostgresLocator } from './locator.js';

export interface PgCase {
  pool: pg.Pool;
  caseId: number;
  caseName: string;
}

/** Anything that runs a query: the pool, or a client checked out of it (inside a transaction). */
export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return true;
  }
}

/**
 * A URI without a password gets one no server holds: a server that asks for a password then
 * refuses it with a SQLSTATE (28P01, typed DB_AUTH), where pg would fail on its own before
 * asking. A server that asks for none (trust) never sees it.
 */
function withPlaceholderPassword(url: string): string {
  if (hasPassword(url) || process.env.PGPASSWORD) return url;
  try {
    const u = new URL(url);
    u.password = `clew-no-password-${process.pid}`;
    return u.toString();
  } catch {
    return url;
  }
}

/** A pool for the locator's database (connects lazily; see connectError for what a failure means). */
export function createPool(loc: PostgresLocator, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString: withPlaceholderPassword(loc.url),
    max,
    types,
    application_name: 'clew',
    connectionTimeoutMillis: 15_000,
  });
  // an idle client whose server went away: the next query reports it, the process goes on
  pool.on('error', () => {});
  return pool;
}

/** createPool, with one connection made at once: a server that does not answer is named (connectError) and the pool ended. */
export async function connectPool(loc: PostgresLocator, max?: number): Promise<pg.Pool> {
  const pool = createPool(loc, max);
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw connectError(e, loc) ?? e;
  }
  return pool;
}

/** All rows of a query (int8 and numeric as numbers, whatever pool or client runs it). */
export async function rows<R>(db: PgCase | Queryable, sql: string, params: unknown[] = []): Promise<R[]> {
  const q = 'pool' in db ? db.pool : db;
  return (await q.query({ text: sql, values: params, types })).rows as R[];
}

/** The first row of a query, or null. */
export async function one<R>(db: PgCase | Queryable, sql: string, params: unknown[] = []): Promise<R | null> {
  return (await rows<R>(db, sql, params))[0] ?? null;
}

/**
 * A query's rows in chunks of `size`, through a cursor in a read-only transaction on a client
 * of its own (released when the iteration ends, early or not).
 */
export async function* chunks<R>(db: PgCase, sql: string, params: unknown[] = [], size = 5000): AsyncIterable<R[]> {
  const c = await db.pool.connect();
  let ok = false;
  try {
    await c.query('BEGIN READ ONLY');
    await c.query(`DECLARE clew_chunks NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const r = await c.query(`FETCH ${size} FROM clew_chunks`);
      if (r.rows.length > 0) yield r.rows as R[];
      if (r.rows.length < size) break;
    }
    await c.query('COMMIT');
    ok = true;
  } finally {
    if (!ok) await c.query('ROLLBACK').catch(() => {});
    c.release();
  }
}

/** Run `fn` in a transaction on a client of its own (`begin`: the statement that starts it, e.g. with an isolation level). */
export async function transaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query(begin);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/** A SQLSTATE of a PostgreSQL error, or the system error code of a connection failure. */
export function pgCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

function hostPort(loc: PostgresLocator): string {
  try {
    const u = new URL(loc.url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return loc.printable;
  }
}

function databaseName(loc: PostgresLocator): string {
  try {
    return decodeURIComponent(new URL(loc.url).pathname.slice(1)) || 'postgres';
  } catch {
    return '?';
  }
}

/**
 * A connection failure as a typed error that names the server by its printable locator only.
 * Returns null for errors that are not about connecting.
 */
export function connectError(e: unknown, loc: PostgresLocator, connecting = true): ClewError | null {
  const code = pgCode(e);
  const where = hostPort(loc);
  const details = { locator: loc.printable };
  switch (code) {
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ClewError(
        'DB_UNREACHABLE',
        `cannot reach PostgreSQL at ${where} (${code}) for ${loc.printable}; is the server running? (a local one: clew db start --dir DIR)`,
        details,
      );
    case '28P01':
    case '28000':
      return new ClewError(
        'DB_AUTH',
        hasPassword(loc.url)
          ? `PostgreSQL at ${where} refused the user or password of ${loc.printable}`
          : `PostgreSQL at ${where} asks for a password and ${loc.printable} gives none: put it in the URI (postgres://USER:PASSWORD@HOST:PORT/DB)`,
        details,
      );
    case '3D000': {
      const db = databaseName(loc);
      return new ClewError(
        'DB_NOT_FOUND',
        `database "${db}" does not exist on PostgreSQL at ${where}; create it first (e.g. CREATE DATABASE "${db}" as a user who may, or createdb), or use clew db start for a local one`,
        { ...details, database: db },
      );
    }
    case '57P03': // cannot_connect_now: starting up or shutting down
      return new ClewError('DB_UNREACHABLE', `PostgreSQL at ${where} is starting up or shutting down; try again (${loc.printable})`, details);
  }
  // anything else while connecting (no SQLSTATE: the connection dropped, timed out, …)
  if (connecting && !(code && /^[0-9A-Z]{5}$/.test(code))) {
    const msg = e instanceof Error ? e.message : String(e);
    return new ClewError('DB_UNREACHABLE', `cannot connect to PostgreSQL at ${where} (${loc.printable}): ${msg}`, details);
  }
  return null;
}
