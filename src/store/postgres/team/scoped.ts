/**
 * One user's view of a shared pool: what `openCaseAs` gives the PostgreSQL case store in place of
 * its pool (PgCase.pool), so that every query the store makes, through any helper (db.ts rows,
 * one, chunks, transaction; read-util.ts all, cursor, transaction; the direct pool.query and
 * pool.connect calls), runs in a transaction that first names the user with
 * `set_config('clew.user', ID, true)`, i.e. SET LOCAL: row-level security (rls.ts) then lets it
 * see only that user's cases, and the setting ends with the transaction, so a connection back in
 * the pool carries no user.
 *
 * - pool.query(...) outside a transaction: BEGIN and the setting (one round trip), the query,
 *   COMMIT (ROLLBACK when it fails). A plain read (plainRead) runs in BEGIN READ ONLY and is answered
 *   before its COMMIT, which the client finishes before it goes back to the pool: one round trip
 *   less per read the caller waits for (the team server's requests are mostly such reads).
 * - pool.connect(): the shared pool's client, whose query() follows the transactions its caller
 *   opens: a BEGIN (any form: READ ONLY, ISOLATION LEVEL …) is sent together with the setting,
 *   COMMIT/ROLLBACK/END/ABORT end it, and a statement outside a transaction gets one of its own as
 *   above. release() of a client still inside a transaction destroys the connection rather than
 *   return an open transaction to the pool.
 * - pool.end(): nothing (the pool is the directory's, shared by every user).
 *
 * Nothing here parses SQL beyond the transaction keywords at the head of a statement; a streamed
 * query (a Submittable such as COPY) is accepted inside a transaction only.
 */
import type pg from 'pg';
import { ClewError } from '../../../model/errors.js';
import { USER_SETTING } from './rls.js';

type QueryArg = string | pg.QueryConfig | pg.Submittable;

const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const CHAIN = /\bAND\s+CHAIN\b/i;
const END = /^\s*(COMMIT|END|ABORT|ROLLBACK(?!\s+(TO|PREPARED)\b)|PREPARE\s+TRANSACTION)\b/i;

function textOf(q: QueryArg): string | null {
  if (typeof q === 'string') return q;
  if (typeof (q as pg.Submittable).submit === 'function') return null;
  return (q as pg.QueryConfig).text;
}

/**
 * A statement that only reads, as the store sends them outside a transaction: a SELECT or WITH
 * naming no writing statement, row lock, sequence, advisory lock or setting. Anything else keeps
 * the plain path (its COMMIT awaited). A SELECT of a function that writes runs in its caller's
 * own transaction (e.g. discovery.ts).
 */
const READ = /^\s*(SELECT|WITH)\b/i;
const NOT_PLAIN = /\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(UPDATE|SHARE|NO\s+KEY|KEY)|nextval|setval|set_config|pg_\w*lock\w*)\b/i;
const plainRead = (text: string): boolean => READ.test(text) && !NOT_PLAIN.test(text) && !text.includes(';');

/** The statement that names the user in the current transaction (SET LOCAL). */
export function setUserSql(userId: number): string {
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new ClewError('INVALID_ARGUMENT', 'a user id is a positive whole number');
  return `SELECT set_config('${USER_SETTING}', '${userId}', true)`;
}

/** A client of the shared pool whose every statement runs with the user set (see above). */
function scopedClient(raw: pg.PoolClient, setUser: string): pg.PoolClient {
  let inTx = false;
  const run = (q: QueryArg, values?: unknown) =>
    (raw.query as (q: QueryArg, v?: unknown) => Promise<pg.QueryResult>)(q, values as unknown[] | undefined);
  const query = async (q: QueryArg, values?: unknown): Promise<unknown> => {
    const text = textOf(q);
    if (text === null) {
      if (!inTx) throw new ClewError('INTERNAL', 'a streamed query of a user-scoped store runs inside a transaction only');
      return run(q, values);
    }
    if (BEGIN.test(text)) {
      const hasValues = Array.isArray(values) ? values.length > 0 : typeof q !== 'string' && (q as pg.QueryConfig).values?.length;
      if (hasValues || text.includes(';')) {
        const r = await run(q, values);
        inTx = true;
        await raw.query(setUser);
        return r;
      }
      // one round trip: the BEGIN and the setting in one simple query (its first result is the BEGIN's)
      const r = (await raw.query(`${text}; ${setUser}`)) as unknown as pg.QueryResult[];
      inTx = true;
      return Array.isArray(r) ? r[0] : r;
    }
    if (END.test(text)) {
      try {
        const r = await run(q, values);
        if (CHAIN.test(text)) await raw.query(setUser);
        else inTx = false;
        return r;
      } catch (e) {
        // a failed COMMIT ends the transaction too
        inTx = false;
        throw e;
      }
    }
    if (inTx) return run(q, values);
    if (committing) await committing;
    if (plainRead(text)) {
      // a read alone: in a READ ONLY transaction (a write in it fails, never lost), answered as soon
      // as its rows are in; its COMMIT runs while the caller goes on, and the connection goes back
      // to the pool only once it is done (release below)
      await raw.query(`BEGIN READ ONLY; ${setUser}`);
      let r: unknown;
      try {
        r = await run(q, values);
      } catch (e) {
        await raw.query('ROLLBACK').catch(() => {});
        throw e;
      }
      committing = raw.query('COMMIT').then(
        () => false,
        () => true,
      );
      return r;
    }
    await raw.query(`BEGIN; ${setUser}`);
    try {
      const r = await run(q, values);
      await raw.query('COMMIT');
      return r;
    } catch (e) {
      await raw.query('ROLLBACK').catch(() => {});
      throw e;
    }
  };
  /** The COMMIT of a plain read still under way (resolves true when it failed: the connection is then not reused). */
  let committing: Promise<boolean> | null = null;
  const release = (err?: Error | boolean) => {
    if (!committing) return raw.release(inTx ? true : err);
    const tx = inTx;
    void committing.then((failed) => raw.release(tx || failed ? true : err));
  };
  return new Proxy(raw, {
    get(target, p) {
      if (p === 'query') return query;
      if (p === 'release') return release;
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The shared pool under a user's view of it (userScopedPool), for caches every user of a case may share. */
const SHARED = Symbol('clew.sharedPool');

/**
 * The pool under `pool`: the shared one for a user's view (whose queries read the same rows for
 * every user who may read the case), else `pool` itself. What a cache of a case's read answers is
 * kept per (with the case id), so that the team server, which opens a case per request, keeps it.
 */
export function poolIdentity(pool: pg.Pool): object {
  return (pool as unknown as { [SHARED]?: pg.Pool })[SHARED] ?? pool;
}

/**
 * The pool a user-scoped store queries through (typed as pg.Pool: the store's modules use its
 * query, connect and end only).
 */
export function userScopedPool(shared: pg.Pool, userId: number): pg.Pool {
  const setUser = setUserSql(userId);
  const connect = async (): Promise<pg.PoolClient> => scopedClient(await shared.connect(), setUser);
  const facade = {
    connect,
    async query(q: QueryArg, values?: unknown) {
      const c = await connect();
      let broken = false;
      try {
        return await c.query(q as string, values as unknown[]);
      } catch (e) {
        // a connection that failed (not a statement): not back into the pool
        broken = !(e instanceof Error && 'code' in e && typeof (e as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((e as { code: string }).code));
        throw e;
      } finally {
        c.release(broken);
      }
    },
    async end() {},
    on() {
      return facade;
    },
    [SHARED]: shared,
  };
  return facade as unknown as pg.Pool;
}
