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
 * `userReadRequest` is the same view for one read-only request of the team server: its plain reads
 * run in ONE `BEGIN READ ONLY` transaction on one connection (the user set once, with the BEGIN),
 * one round trip each, until `end()` commits it and gives the connection back; a read that fails
 * rolls it back (the next read begins another), so one failed statement fails only itself.
 * Whatever is not a plain read (a write, pool.connect() for a transaction or cursor of its own)
 * runs as userScopedPool runs it, beside the request's transaction, and so does every query after
 * end() (e.g. a download streamed after the answer). At most max - 1 requests of a shared pool hold
 * a connection at once (a gate per pool), so the connections a request needs beside its own are
 * never all held by requests waiting for them.
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

/**
 * The statement that names the user in the current transaction (SET LOCAL), and turns parallel
 * query off for it: a server answering many users at once has no idle core for a request's
 * workers, and each worker a plan starts is a process started and stopped (the team server's
 * dossier started six per request, for a few milliseconds of work each).
 */
export function setUserSql(userId: number): string {
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new ClewError('INVALID_ARGUMENT', 'a user id is a positive whole number');
  return `SELECT set_config('${USER_SETTING}', '${userId}', true), set_config('max_parallel_workers_per_gather', '0', true)`;
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

/** Whether `e` is a statement's error (a SQLSTATE), not a failed connection. */
const statementError = (e: unknown): boolean => e instanceof Error && 'code' in e && typeof (e as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((e as { code: string }).code);

/** The user-scoped pool's façade; `lease`, when given, answers its plain reads. */
function facadeOf(shared: pg.Pool, setUser: string, lease?: (q: QueryArg, values: unknown) => Promise<unknown> | null): pg.Pool {
  const connect = async (): Promise<pg.PoolClient> => scopedClient(await shared.connect(), setUser);
  const facade = {
    connect,
    async query(q: QueryArg, values?: unknown) {
      const leased = lease?.(q, values);
      if (leased) return leased;
      const c = await connect();
      let broken = false;
      try {
        return await c.query(q as string, values as unknown[]);
      } catch (e) {
        // a connection that failed (not a statement): not back into the pool
        broken = !statementError(e);
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

/**
 * The pool a user-scoped store queries through (typed as pg.Pool: the store's modules use its
 * query, connect and end only).
 */
export function userScopedPool(shared: pg.Pool, userId: number): pg.Pool {
  return facadeOf(shared, setUserSql(userId));
}

/** How many requests of a shared pool may hold one of its connections at once (see userReadRequest). */
class Gate {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((ok) => this.waiting.push(ok));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
const gates = new WeakMap<pg.Pool, Gate>();
function gateOf(shared: pg.Pool): Gate {
  let g = gates.get(shared);
  if (!g) gates.set(shared, (g = new Gate(Math.max(1, (shared.options?.max ?? 10) - 1))));
  return g;
}

/** One read-only request's view of the shared pool as its user (see the head of this file). */
export interface ReadRequest {
  /** The pool the request's store queries through. */
  pool: pg.Pool;
  /** Commit the request's transaction and give its connection back (queries after it run on their own); never fails. */
  end(): Promise<void>;
}

export function userReadRequest(shared: pg.Pool, userId: number): ReadRequest {
  const setUser = setUserSql(userId);
  const gate = gateOf(shared);
  let client: pg.PoolClient | null = null;
  /** Inside BEGIN READ ONLY (with the user set). */
  let open = false;
  /** Ended, or its connection failed: every query runs on its own. */
  let done = false;
  let ended: Promise<void> | null = null;
  /** The request's statements, one after the other (a failed one is rolled back before the next is sent). */
  let tail: Promise<unknown> = Promise.resolve();
  const fallback = facadeOf(shared, setUser);

  /** The connection failed: destroyed, not given back to the pool. */
  const drop = () => {
    done = true;
    open = false;
    if (!client) return;
    client.release(true);
    client = null;
    gate.give();
  };
  const read = async (q: QueryArg, values: unknown): Promise<unknown> => {
    if (done) return fallback.query(q as string, values as unknown[]);
    if (!client) {
      await gate.take();
      try {
        client = await shared.connect();
      } catch (e) {
        gate.give();
        throw e;
      }
    }
    const c = client;
    try {
      if (!open) {
        await c.query(`BEGIN READ ONLY; ${setUser}`);
        open = true;
      }
      return await (c.query as (q: QueryArg, v?: unknown) => Promise<pg.QueryResult>)(q, values as unknown[] | undefined);
    } catch (e) {
      if (!statementError(e)) drop();
      else {
        // the failed statement aborted the transaction: the next read begins another
        open = false;
        await c.query('ROLLBACK').catch(() => drop());
      }
      throw e;
    }
  };
  const lease = (q: QueryArg, values: unknown): Promise<unknown> | null => {
    const text = textOf(q);
    if (ended || text === null || !plainRead(text)) return null;
    const r = tail.then(() => read(q, values));
    tail = r.catch(() => {});
    return r;
  };
  return {
    pool: facadeOf(shared, setUser, lease),
    end() {
      ended ??= tail.then(async () => {
        if (done || !client) return;
        const c = client;
        try {
          if (open) await c.query('COMMIT');
        } catch {
          drop();
          return;
        }
        open = false;
        done = true;
        client = null;
        c.release();
        gate.give();
      });
      return ended;
    },
  };
}
