/**
 * What the PostgreSQL read modules share: the case they read (a pool and the case's id, the
 * first key column of every table), queries whose 64-bit integers and numerics come back as
 * JavaScript numbers (message ids are below 2^53, counts far below), transactions, and
 * server-side cursors that stream rows in chunks.
 */
import pg from 'pg';
import { ClewError } from '../../model/errors.js';
import type { AccountView } from '../types.js';
import type { PgCase } from './db.js';
import { type AccountDbRow, toAccount } from './rows.js';
import { bumpGeneration } from './generation.js';

export { pgCode } from './db.js';
export { type AccountDbRow, parseLoc, toAccount } from './rows.js';

/** A case in a PostgreSQL database, as the read modules need it: its pool and its id (the first key column of every table). */
export type PgReadCase = Pick<PgCase, 'pool' | 'caseId'>;

export type Queryable = pg.Pool | pg.PoolClient;
export type Param = string | number | boolean | null | readonly (string | number | boolean | null)[];

const INT8 = 20;
const NUMERIC = 1700;

/** int8 and numeric as numbers, everything else as pg parses it. */
export const NUMBER_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export async function all<T>(q: Queryable, sql: string, values: readonly Param[] = []): Promise<T[]> {
  const r = await q.query({ text: sql, values: values as unknown[], types: NUMBER_TYPES });
  return r.rows as T[];
}

export async function one<T>(q: Queryable, sql: string, values: readonly Param[] = []): Promise<T | undefined> {
  return (await all<T>(q, sql, values))[0];
}

/** The first column of the first row (undefined when there is no row). */
export async function scalar<T>(q: Queryable, sql: string, values: readonly Param[] = []): Promise<T | undefined> {
  const r = await q.query({ text: sql, values: values as unknown[], types: NUMBER_TYPES, rowMode: 'array' });
  return (r.rows[0] as unknown[] | undefined)?.[0] as T | undefined;
}

/**
 * Run `fn` in one transaction on one connection. `lock`: serialise with every other
 * transaction taking the same lock on this case (identity decisions, the lexicon); such a
 * transaction changes the case, so it also increases the case's change counter (generation.ts).
 */
export async function transaction<T>(db: PgReadCase, fn: (c: pg.PoolClient) => Promise<T>, lock?: 'identity' | 'lexicon' | 'watch' | 'annotation' | 'translation' | 'ocr'): Promise<T> {
  const c = await db.pool.connect();
  try {
    await c.query('BEGIN');
    if (lock) {
      await c.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [LOCK_KEYS[lock], db.caseId]);
      await bumpGeneration(c, db.caseId);
    }
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

const LOCK_KEYS = { identity: 0x636c6964, lexicon: 0x636c6c78, watch: 0x636c7763, annotation: 0x636c616e, translation: 0x636c7472, ocr: 0x636c6f63 } as const; // 'clid', 'cllx', 'clwc', 'clan', 'cltr', 'cloc'

export const CHUNK_ROWS = 5000;

/**
 * Stream a query's rows in chunks through a server-side cursor (DECLARE / FETCH in a read-only
 * transaction on a connection of its own): memory stays at one chunk however big the case.
 * Stopping early (break) closes the cursor and returns the connection. `map` may query on the
 * same connection between fetches.
 */
export async function* cursor<R, T>(
  db: PgReadCase,
  sql: string,
  values: readonly Param[],
  map: (rows: R[], c: pg.PoolClient) => T[] | Promise<T[]>,
  chunk = CHUNK_ROWS,
): AsyncGenerator<T[]> {
  const c = await db.pool.connect();
  let broken = false;
  let open = false;
  try {
    await c.query('BEGIN READ ONLY');
    open = true;
    await c.query({ text: `DECLARE clew_rows NO SCROLL CURSOR FOR ${sql}`, values: values as unknown[] });
    for (;;) {
      const r = await c.query({ text: `FETCH FORWARD ${chunk} FROM clew_rows`, types: NUMBER_TYPES });
      const rows = r.rows as R[];
      if (rows.length > 0) {
        const out = await map(rows, c);
        if (out.length > 0) yield out;
      }
      if (rows.length < chunk) break;
    }
    open = false;
    await c.query('COMMIT');
  } finally {
    // stopped early or failed: end the transaction, which closes the cursor
    if (open)
      await c.query('ROLLBACK').catch(() => {
        broken = true;
      });
    c.release(broken);
  }
}

export function assertEpochMs(...ts: number[]): void {
  for (const t of ts) if (!(Number.isSafeInteger(t) && t >= 0)) throw new ClewError('INVALID_ARGUMENT', 'time bounds must be epoch milliseconds');
}

/** Message ids are ts * 2048 + slot (src/store/sqlite/ids.ts): the id bound of an instant, kept inside bigint. */
export const SLOTS = 2048;
export function idBound(ts: number): number {
  return Math.min(Math.max(ts, -(2 ** 42)), 2 ** 42) * SLOTS;
}

export async function accountsByIds(db: PgReadCase, ids: readonly number[]): Promise<Map<number, AccountView>> {
  const out = new Map<number, AccountView>();
  const want = [...new Set(ids)].filter((i) => Number.isSafeInteger(i));
  if (want.length === 0) return out;
  const rows = await all<AccountDbRow>(db.pool, 'SELECT id, ref, platform, handle, kind, display_name FROM accounts WHERE case_id = $1 AND id = ANY($2::bigint[])', [
    db.caseId,
    want,
  ]);
  for (const r of rows) out.set(r.id, toAccount(r));
  return out;
}

/** A JSON column read back (text or jsonb). */
export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
