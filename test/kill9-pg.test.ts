/**
 * `kill -9` in the middle of an ingest into a PostgreSQL case, then the same command again, must
 * end in exactly the state of one clean run. Runs the built CLI (npm test builds first) in a child
 * process, so it writes through the PostgreSQL writer thread (src/store/postgres/threaded-writer.ts),
 * which the tests of the store, running the TypeScript sources, do not reach.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmp } from '../src/api/test-support/tmp.js';
import { CASE_LOCK } from '../src/store/postgres/cases.js';
import { one } from '../src/store/postgres/db.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import type { PostgresLocator } from '../src/store/postgres/locator.js';
import { dumpCase } from '../src/store/postgres/test-support/dump.js';
import { testPg } from '../src/store/postgres/test-support/pg-case.js';
import { postgresLocator } from '../src/store/postgres/locator.js';
import { randomBytes } from 'node:crypto';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const tmp = useTmp();

function bigFile(path: string, n: number): void {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2021, 0, 1) + Math.floor(i / 3) * 37_000).toISOString();
    const to = i % 7 === 0 ? [`skyecc:U${(i * 13) % 199}`, `skyecc:U${(i * 17) % 193}`] : [`skyecc:U${(i * 13) % 199}`];
    const line = JSON.stringify({ type: 'message', from: `skyecc:U${i % 211}`, to, ts, body: `the shipment ${i % 997} kafa ${i} ČAČAK` });
    lines.push(line);
    // every 500th message twice (the second a duplicate); every 10,000th line broken (quarantined)
    if (i % 500 === 0) lines.push(line);
    if (i % 10_000 === 5) lines.push('{"type":"message","broken":');
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** A new case of the test run's PostgreSQL, named as the CLI takes case names. */
const newCase = (name: string) => postgresLocator(testPg().url, `${name}_${process.pid}_${randomBytes(3).toString('hex')}`);

/** The URI the CLI takes for a test case. */
const uri = (loc: PostgresLocator) => {
  const u = new URL(loc.url);
  u.searchParams.set('case', loc.case);
  return u.toString();
};

async function withCase<T>(loc: PostgresLocator, fn: (s: Awaited<ReturnType<typeof openPostgresStore>>) => Promise<T>): Promise<T> {
  const s = await openPostgresStore(loc, {});
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

async function itemsDone(loc: PostgresLocator): Promise<number> {
  try {
    return await withCase(loc, async (s) => (await one<{ n: number }>(s.db, 'SELECT coalesce(max(items_done), 0) AS n FROM sources WHERE case_id = $1', [s.db.caseId]))!.n);
  } catch {
    return 0; // not created yet
  }
}

async function ingestAndKill(loc: PostgresLocator, file: string, afterItems: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'ingest', '--case', uri(loc), '--batch', '2000', file], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (child.exitCode !== null) throw new Error('ingest finished before it could be killed: use a bigger file');
    if ((await itemsDone(loc)) >= afterItems) break;
  }
  child.kill('SIGKILL');
  await exited;
  // the server ends the killed writer's session (and its lock on the case) when it sees the socket close
  for (;;) {
    const held = await withCase(loc, async (s) =>
      (await one<{ n: number }>(s.db, "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2", [CASE_LOCK, s.db.caseId]))!.n,
    );
    if (held === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kill -9 during an ingest into PostgreSQL (the writer thread)', () => {
  it('resumes to exactly the state of one clean run', async () => {
    expect(existsSync(BIN), 'run `npm run build` first (npm test does)').toBe(true);
    const d = tmp();
    const file = join(d, 'big.jsonl');
    bigFile(file, 40_000);

    const clean = newCase('kill9_clean');
    const first = spawnSync(process.execPath, [BIN, '--json', 'ingest', '--case', uri(clean), '--batch', '2000', file], { encoding: 'utf8' });
    expect(first.status, first.stderr + first.stdout).toBe(0);
    const added = JSON.parse(first.stdout).ingested[0].added;
    expect(added).toEqual({ records: 40_080, rejected: 4, duplicates: 80 });

    const killed = newCase('kill9_killed');
    await ingestAndKill(killed, file, 8_000);
    await ingestAndKill(killed, file, 20_000);
    const partial = await withCase(killed, (s) => s.sources());
    expect(partial.map((x) => x.status)).toEqual(['partial']);
    const again = spawnSync(process.execPath, [BIN, '--json', 'ingest', '--case', uri(killed), '--batch', '2000', file], { encoding: 'utf8' });
    expect(again.status, again.stderr + again.stdout).toBe(0);
    expect(JSON.parse(again.stdout).ingested[0].outcome).toBe('resumed');

    const want = await withCase(clean, (s) => dumpCase(s.db));
    const got = await withCase(killed, (s) => dumpCase(s.db));
    expect((want.messages as unknown[]).length).toBe(40_080);
    expect((want.quarantine as unknown[]).length).toBe(4);
    expect(got).toEqual(want);
  }, 600_000); // three ingests of 40,000 messages on a shared 2-core machine (280 s of 60,000 at load 20)
});
