/**
 * A case over two PostgreSQL servers (issue 22 part 3; store/postgres/nodes.ts): two embedded
 * servers on loopback, the same synthetic case ingested into two cases of server A; one of them
 * then has its older messages placed on server B (postgres_fdw foreign partition). Searches (pages
 * and totals), stats, languages, activity, the network, a thread and a dossier must give the same
 * answers from both, also after an ingest into each. Server B killed while a cursor reads the
 * case, and then for later queries, the split case's reads fail as a whole with DB_UNREACHABLE
 * naming B (without its password); B back, the same query answers again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { dropCase } from '../store/postgres/cases.js';
import { chunks, createPool } from '../store/postgres/db.js';
import { openPostgresStore } from '../store/postgres/open.js';
import { postgresLocator } from '../store/postgres/locator.js';
import { caseNodes, nodeLocator } from '../store/postgres/nodes.js';
import { placeCase, type PlaceResult } from './case.js';
import type { PostgresCaseStore } from '../store/postgres/store.js';
import { killServer, restartServer, startTestServer, type TestServer } from '../store/postgres/test-support/server.js';
import { dossier } from './dossier.js';
import { ingestFile } from './ingest.js';
import { loadCaseNetwork } from './network.js';
import { search } from './search.js';
import { writeCase } from '../synth/index.js';
import { threadPage } from './thread.js';

const N = 3000;
const QUERIES = ['kontejner', 'brod', 'roba', 'sutra OR morgen', '"u luci"', 'kont*', 'brod -kontejner', 'pošalji'];

/** An answer without its wall-clock time. */
function answer<T>(x: T): unknown {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'elapsedMs' ? undefined : v)));
}

let dir: string;
let a: TestServer;
let b: TestServer;
let one: PostgresCaseStore;
let split: PostgresCaseStore;
let placed: PlaceResult;
let splitUri: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clew-nodes-'));
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  await writeCase(join(dir, 'synth'), { messages: N, seed: 22 });
  const file = join(dir, 'synth', 'records.jsonl');
  const locOne = postgresLocator(a.url, 'one_node');
  const locSplit = postgresLocator(a.url, 'two_nodes');
  for (const loc of [locOne, locSplit]) {
    const s = await openPostgresStore(loc, { create: true });
    try {
      await ingestFile(s, file);
    } finally {
      await s.close();
    }
  }
  // the median message's time: half the messages go to B
  const probe = new pg.Client(a.url);
  await probe.connect();
  const mid = (await probe.query<{ ts: string }>(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ts) AS ts FROM messages m JOIN clew_cases c ON c.id = m.case_id WHERE c.name = 'two_nodes'`)).rows[0]!.ts;
  await probe.end();
    // as `clew case place` calls it: the locators as given, the time as an ISO string
  const u = new URL(a.url);
  u.searchParams.set('case', 'two_nodes');
  splitUri = u.toString();
  placed = await placeCase(splitUri, b.url, new Date(Number(mid)).toISOString());
  one = await openPostgresStore(locOne, { readonly: true });
  split = await openPostgresStore(locSplit, { readonly: true });
}, 300_000);

afterAll(async () => {
  await one?.close();
  await split?.close();
  await Promise.all([a?.stop(), b?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a case over two PostgreSQL servers', () => {
  it('moves the older messages to the node and keeps the rest', async () => {
    expect(placed.moved).toBeGreaterThan(N / 4);
    expect(placed.kept).toBeGreaterThan(N / 4);
    expect(placed.node).not.toContain(new URL(b.url).password);
    const nodes = await caseNodes(split.db.pool, split.db.caseId);
    expect(nodes.map((n) => n.table)).toEqual(['messages']);
    expect(nodes[0]!.printable).toBe(nodeLocator(b.url).printable);
    // the rows are on B: A's local part holds only the newer ones
    const local = await split.db.pool.query<{ n: number }>(`SELECT count(*) AS n FROM messages_c${split.db.caseId}_hot`);
    expect(local.rows[0]!.n).toBe(placed.kept);
    const onB = new pg.Client(b.url);
    await onB.connect();
    try {
      const t = await onB.query<{ relname: string; n: number }>(`SELECT relname, n_live_tup AS n FROM pg_stat_user_tables WHERE relname LIKE 'clew_%_messages_c%'`);
      expect(t.rows).toHaveLength(1);
      // the node's table has the full-text GIN index a foreign table cannot hold
      const gin = await onB.query(`SELECT 1 FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%USING gin%'`, [t.rows[0]!.relname]);
      expect(gin.rowCount).toBe(1);
    } finally {
      await onB.end();
    }
    await expect(placeCase(splitUri, b.url, '2030-01-01')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('gives the same search pages and totals as the case on one server', async () => {
    const found = new Map<string, number>();
    const bound = new Date(placed.before).getTime();
    let older = 0;
    let newer = 0;
    for (const mode of ['folded', 'exact'] as const)
      for (const query of QUERIES) {
        let cursor: number | undefined;
        for (let page = 0; page < 6; page++) {
          const req = { query, mode, limit: 8, count: 1000, ...(cursor !== undefined ? { cursor } : {}) };
          const [x, y] = await Promise.all([search(one, req), search(split, req)]);
          expect(answer(y), `${mode} ${query} page ${page}`).toEqual(answer(x));
          found.set(`${mode} ${query}`, (found.get(`${mode} ${query}`) ?? 0) + x.hits.length);
          for (const h of x.hits) if (h.ts < bound) older++;
          else newer++;
          if (x.nextCursor == null) break;
          cursor = x.nextCursor;
        }
      }
    // every query finds messages in folded mode, and the pages reach both servers' parts
    for (const q of QUERIES) expect(found.get(`folded ${q}`), q).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(10);
    expect(newer).toBeGreaterThan(10);
  });

  it('gives the same counts, activity, network, thread and dossier', async () => {
    expect(await split.stats({ top: 20 })).toEqual(await one.stats({ top: 20 }));
    expect(await split.languages()).toEqual(await one.languages());
    expect(await split.activity({ bucketMs: 86_400_000 })).toEqual(await one.activity({ bucketMs: 86_400_000 }));
    expect(await loadCaseNetwork(split)).toEqual(await loadCaseNetwork(one));
    const top = (await one.stats({ top: 1 })).topTalkers[0];
    expect(top).toBeDefined();
    const ref = top!.account.ref;
    expect(answer(await dossier(split, { account: ref }))).toEqual(answer(await dossier(one, { account: ref })));
    // a thread around the bound reads both servers
    const first = (await search(one, { query: 'kafa', limit: 500 })).hits;
    const near = first.reduce((best, h) => (Math.abs(h.ts - new Date(placed.before).getTime()) < Math.abs(best.ts - new Date(placed.before).getTime()) ? h : best));
    expect(await threadPage(split, near.id, { before: 20, after: 20 })).toEqual(await threadPage(one, near.id, { before: 20, after: 20 }));
  });

  it('ingests into the split case: older messages go to the node, the answers stay the same', async () => {
    await writeCase(join(dir, 'more'), { messages: 600, seed: 23 });
    const file = join(dir, 'more', 'records.jsonl');
    const countOnNode = async () => {
      const c = new pg.Client(b.url);
      await c.connect();
      try {
        return (await c.query<{ n: number }>(`SELECT sum(n_live_tup)::int AS n FROM pg_stat_user_tables WHERE relname LIKE 'clew_%_messages_c%'`)).rows[0]!.n;
      } finally {
        await c.end();
      }
    };
    const older = async () =>
      (await split.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages_c${split.db.caseId} WHERE id < $1`, [new Date(placed.before).getTime() * 2048])).rows[0]!.n;
    const before = await older();
    for (const loc of [postgresLocator(a.url, 'one_node'), postgresLocator(a.url, 'two_nodes')]) {
      const s = await openPostgresStore(loc);
      try {
        await ingestFile(s, file);
      } finally {
        await s.close();
      }
    }
    const after = await older();
    expect(after).toBeGreaterThan(before);
    expect(await countOnNode()).toBeGreaterThanOrEqual(after);
    expect(await split.stats({ top: 20 })).toEqual(await one.stats({ top: 20 }));
    for (const query of QUERIES) expect(answer(await search(split, { query, limit: 30, count: 1000 })), query).toEqual(answer(await search(one, { query, limit: 30, count: 1000 })));
  });

  it('fails a query as a whole, naming the node, when the node goes away; answers again when it is back', async () => {
    const password = new URL(b.url).password;
    const node = nodeLocator(b.url).printable;
    // during a query: a cursor over the case's messages, oldest first (the node's part), fetched
    // from the node 10 rows at a time; the node is killed once the first chunk is read
    const [n] = await caseNodes(split.db.pool, split.db.caseId);
    await split.db.pool.query(`ALTER SERVER ${n!.server} OPTIONS (SET fetch_size '10')`);
    const stream = chunks<{ id: number }>(split.db, 'SELECT id FROM messages WHERE case_id = $1 ORDER BY id', [split.db.caseId], 20)[Symbol.asyncIterator]();
    const first = await stream.next();
    expect(first.value).toHaveLength(20);
    killServer(b.dir);
    const midway = await (async () => {
      for (;;) if ((await stream.next()).done) return null;
    })().catch((e: unknown) => e);
    expect(midway).toBeInstanceOf(ClewError);
    expect((midway as ClewError).code).toBe('DB_UNREACHABLE');
    expect((midway as ClewError).details.node).toBe(node);
    const calls: [string, () => Promise<unknown>][] = [
      ['search', () => search(split, { query: 'kafa', limit: 50, count: 1000 })],
      ['stats', () => split.stats({ top: 5 })],
      ['activity', () => split.activity({ bucketMs: 86_400_000 })],
    ];
    for (const [what, call] of calls) {
      const e = await call().then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, what).toBeInstanceOf(ClewError);
      const err = e as ClewError;
      expect(err.code, what).toBe('DB_UNREACHABLE');
      expect(err.details.node, what).toBe(nodeLocator(b.url).printable);
      expect(err.message).toContain(nodeLocator(b.url).printable);
      expect(err.message).not.toContain(password);
      expect(JSON.stringify(err.details)).not.toContain(password);
    }
    // the case on one server is not affected
    expect((await search(one, { query: 'kafa', limit: 5 })).hits.length).toBeGreaterThan(0);
    await restartServer(b);
    await split.db.pool.query(`ALTER SERVER ${n!.server} OPTIONS (SET fetch_size '2000')`);
    const again = await search(split, { query: 'kafa', limit: 50, count: 1000 });
    expect(answer(again)).toEqual(answer(await search(one, { query: 'kafa', limit: 50, count: 1000 })));
  });

  it('gives a case created after the placement its own primary key on messages', async () => {
    const s = await openPostgresStore(postgresLocator(a.url, 'later'), { create: true });
    try {
      const r = await s.db.pool.query(`SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [`messages_c${s.db.caseId}`]);
      expect(r.rowCount).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('drops a placed case whole on its server, leaving the node\'s table (docs/scale.md)', async () => {
    const id = split.db.caseId;
    await split.close();
    const pool = createPool(postgresLocator(a.url, 'two_nodes'));
    try {
      expect(await dropCase(pool, 'two_nodes')).toBe(true);
    } finally {
      await pool.end();
    }
    const c = new pg.Client(a.url);
    await c.connect();
    try {
      const left = await c.query(`SELECT relname FROM pg_class WHERE relname LIKE $1`, [`messages\\_c${id}%`]);
      expect(left.rows).toEqual([]);
      // the other case of the database is untouched
      expect((await search(one, { query: 'brod', limit: 5 })).hits.length).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
    const onB = new pg.Client(b.url);
    await onB.connect();
    try {
      expect((await onB.query(`SELECT 1 FROM pg_class WHERE relkind = 'r' AND relname LIKE 'clew\\_%\\_messages\\_c%'`)).rowCount).toBe(1);
    } finally {
      await onB.end();
    }
  });
});
