/**
 * One read-only request of the team server as its user (scoped.ts userReadRequest): its reads share
 * one READ ONLY transaction on one connection, the user set once; a failed read fails only itself;
 * what is not a plain read runs beside it; and nothing of it (the user, the transaction) is left
 * on the pooled connection for the next request. Against the test run's PostgreSQL, as the team
 * server's role connects (row-level security binding).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../conformance/support.js';
import type { PostgresCaseStore } from '../store.js';
import { NUMBER_TYPES } from '../read-util.js';
import { PgTeamDirectory } from './directory.js';
import { userReadRequest, userScopedPool } from './scoped.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser } from './test-support/team.js';

let f: TeamFixture;
let A: PostgresCaseStore;
let B: PostgresCaseStore;
let admin: pg.Client;
let reader = 0;
let ownerB = 0;

beforeAll(async () => {
  f = await teamFixture();
  A = await caseWith('scopeda', ['kafa u gradu', 'brod stiže sutra', 'kafa opet']);
  B = await caseWith('scopedb', ['tajna kafa b', 'brod b'], Date.UTC(2022, 5, 1));
  const add = async (role: 'reader' | 'owner', on: PostgresCaseStore) => {
    const name = uniqueUser(role);
    const id = (await f.admin.addUser(name, PASSWORD)).id;
    await f.admin.grant(name, on.db.caseName, role);
    return id;
  };
  reader = await add('reader', A);
  ownerB = await add('owner', B);
  admin = await f.adminClient();
});
afterAll(async () => {
  await A?.close();
  await B?.close();
  await f?.close();
});

/** What a statement sees of its connection and transaction (tx: when the transaction began, to the microsecond). */
const WHERE_AM_I = `SELECT pg_backend_pid() AS pid, current_setting('clew.user', true) AS "user", current_setting('transaction_read_only') AS ro,
  now()::text AS tx, (SELECT count(*)::int FROM messages) AS messages`;
interface Here {
  pid: number;
  user: string | null;
  ro: string;
  tx: string;
  messages: number;
}
const here = async (p: pg.Pool): Promise<Here> => (await p.query<Here>(WHERE_AM_I)).rows[0]!;

/** A pool of the server's role of `max` connections, named so that pg_stat_activity finds them. */
function serverPool(max: number): { pool: pg.Pool; app: string } {
  const app = `clew-scoped-${randomBytes(4).toString('hex')}`;
  return { pool: new pg.Pool({ connectionString: f.serverUrl, max, application_name: app, types: NUMBER_TYPES }), app };
}

describe('a read request as a user (userReadRequest)', () => {
  it("shares one read-only transaction on one connection, the user set once; the next request on that connection gets neither the user nor the transaction", async () => {
    const { pool } = serverPool(1);
    try {
      const r1 = userReadRequest(pool, reader);
      const seen = [await here(r1.pool), ...(await Promise.all([here(r1.pool), here(r1.pool), here(r1.pool)])), await here(r1.pool)];
      expect(new Set(seen.map((s) => s.pid)).size).toBe(1);
      expect(new Set(seen.map((s) => s.tx)).size).toBe(1);
      for (const s of seen) expect(s).toMatchObject({ user: String(reader), ro: 'on', messages: 3 });
      await r1.end();
      // the same (only) connection without the façade: no user, another transaction, no row
      const after = await here(pool);
      expect(after.pid).toBe(seen[0]!.pid);
      expect(after.tx).not.toBe(seen[0]!.tx);
      expect(after.user ?? '').toBe('');
      expect(after.messages).toBe(0);
      // the next request on it, as another user: their case only, in a transaction of its own
      const r2 = userReadRequest(pool, ownerB);
      const next = await here(r2.pool);
      expect(next).toMatchObject({ pid: seen[0]!.pid, user: String(ownerB), messages: 2 });
      expect(next.tx).not.toBe(seen[0]!.tx);
      expect((await r2.pool.query('SELECT DISTINCT case_id FROM messages')).rows.map((r: { case_id: string }) => Number(r.case_id))).toEqual([B.db.caseId]);
      await r2.end();
      expect((await here(pool)).user ?? '').toBe('');
      expect(pool.totalCount).toBe(1);
      expect(pool.idleCount).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('a failed read fails only itself: the next one runs, as the user (in a new transaction); reads after end() still run as the user, each on its own', async () => {
    const { pool } = serverPool(1);
    try {
      const r = userReadRequest(pool, reader);
      const first = await here(r.pool);
      const [bad, good] = await Promise.allSettled([r.pool.query('SELECT 1 / 0 AS x'), here(r.pool)]);
      expect(bad.status).toBe('rejected');
      expect((bad as PromiseRejectedResult).reason.code).toBe('22012');
      expect(good.status).toBe('fulfilled');
      const again = (good as PromiseFulfilledResult<Here>).value;
      expect(again).toMatchObject({ pid: first.pid, user: String(reader), ro: 'on', messages: 3 });
      expect(again.tx).not.toBe(first.tx);
      await r.end();
      // the store may read after its request ended (a download streamed after the answer)
      const late = await here(r.pool);
      expect(late).toMatchObject({ user: String(reader), messages: 3 });
      expect(late.tx).not.toBe(again.tx);
      // its only connection is back in the pool, with no user
      expect((await here(pool)).user ?? '').toBe('');
    } finally {
      await pool.end();
    }
  });

  it('what is not a plain read (a transaction of its own, a statement that sets something) runs beside the request, as the user', async () => {
    const { pool } = serverPool(2);
    try {
      const r = userReadRequest(pool, reader);
      const mine = await here(r.pool);
      const c = await r.pool.connect();
      try {
        await c.query('BEGIN');
        const beside = (await c.query<Here>(WHERE_AM_I)).rows[0]!;
        expect(beside).toMatchObject({ user: String(reader), ro: 'off', messages: 3 });
        expect(beside.pid).not.toBe(mine.pid);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
      // a setting changed by a statement of the request would outlive it: such a statement runs on its own
      await r.pool.query(`SELECT set_config('application_name', 'changed', true)`);
      expect((await r.pool.query(`SELECT current_setting('application_name') AS a`)).rows[0].a).not.toBe('changed');
      expect(await here(r.pool)).toMatchObject({ pid: mine.pid, tx: mine.tx });
      await r.end();
    } finally {
      await pool.end();
    }
  });

  it('at most max - 1 requests of a pool hold a connection at once: the next waits until one ends', async () => {
    const { pool } = serverPool(2);
    try {
      const r1 = userReadRequest(pool, reader);
      await here(r1.pool);
      const r2 = userReadRequest(pool, ownerB);
      let answered = false;
      const waiting = here(r2.pool).then((h) => {
        answered = true;
        return h;
      });
      // the pool's other connection stays free for what runs beside a request
      expect((await here(userScopedPool(pool, reader))).messages).toBe(3);
      expect(answered).toBe(false);
      await r1.end();
      expect((await waiting).messages).toBe(2);
      await r2.end();
    } finally {
      await pool.end();
    }
  });
});

describe('a case opened for one read request (caseAs readRequest)', () => {
  it("the role query and the store's reads (stats, languages, a search) are one transaction on one connection, ended by end()", async () => {
    const { pool, app } = serverPool(3);
    const dir = new PgTeamDirectory(pool, 'test');
    let found: Awaited<ReturnType<PgTeamDirectory['caseAs']>> = null;
    const activity = async () =>
      (await admin.query(`SELECT pid, state, xact_start FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle' ORDER BY pid`, [app])).rows;
    try {
      found = await dir.caseAs(reader, A.db.caseName, { readRequest: true });
      expect(found?.role).toBe('reader');
      const store = found!.open();
      const during = await activity();
      expect(during).toHaveLength(1);
      expect(during[0].state).toBe('idle in transaction');
      expect((await store.stats()).messages).toBe(3);
      await store.languages();
      expect((await store.search(query('kafa'), { limit: 10 })).hits).toHaveLength(2);
      expect(await activity()).toEqual(during);
      await found!.end();
      expect(await activity()).toEqual([]);
      // a user without a role on the case: null, and nothing held
      expect(await dir.caseAs(ownerB, A.db.caseName, { readRequest: true })).toBeNull();
      expect(await activity()).toEqual([]);
      expect(pool.idleCount).toBe(pool.totalCount);
      expect(pool.totalCount).toBe(1);
    } finally {
      await found?.end();
      await pool.end();
    }
  });
});
