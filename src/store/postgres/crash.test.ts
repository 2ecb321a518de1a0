/**
 * A PostgreSQL server killed in the middle of an ingest: after it restarts, the same ingest
 * resumes and the case ends as after one clean run (nothing lost, nothing doubled).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { ClewError } from '../../model/errors.js';
import type { BatchItem, SourceMeta } from '../types.js';
import { postgresLocator } from './locator.js';
import { openPostgresStore } from './open.js';
import { dumpCase } from './test-support/dump.js';
import { testCaseLocator } from './test-support/pg-case.js';
import { killServer, restartServer, startTestServer, type TestServer } from './test-support/server.js';

const T = Date.UTC(2022, 5, 1);
const BATCH = 2000;

function corpus(n: number): BatchItem[] {
  const out: BatchItem[] = [];
  for (let i = 0; i < n; i++) {
    const from = `sky:u${i % 97}`;
    const r: ClewRecord =
      i % 50 === 7
        ? { type: 'call', from, to: `sky:u${(i * 7) % 89}`, ts: T + i * 1000, tzOffset: 0, duration: i % 60 }
        : { type: 'message', from, to: [`sky:u${(i * 13) % 89}`], ts: T + Math.floor(i / 3) * 1000, tzOffset: 0, channel: 'chat', body: `poruka ${i % 400} kafa ${i % 11}` };
    out.push({ kind: 'record', record: r, locator: { line: i + 1, offset: i * 80, length: 79 } });
  }
  return out;
}

const meta: SourceMeta = { path: '/x/big.jsonl', name: 'big.jsonl', size: 1, sha256: 'c'.repeat(64), format: 'canonical', options: {} };
const pos = (done: number) => ({ offset: done * 80, line: done + 1, itemsDone: done });

let server: TestServer | null = null;
afterAll(async () => {
  await server?.stop();
});

describe('a server killed mid-ingest', () => {
  it('loses nothing and doubles nothing: the resumed ingest ends as one clean run', async () => {
    const all = corpus(16_000);
    // the clean run, on the test run's server
    const clean = await openPostgresStore(testCaseLocator('clean'), { create: true });
    const wc = await clean.beginSource(meta);
    for (let i = 0; i < all.length; i += BATCH) await wc.writeBatch(all.slice(i, i + BATCH), pos(Math.min(i + BATCH, all.length)));
    await wc.finish();
    const want = await dumpCase(clean.db);
    await clean.close();

    // the same on a server of its own, killed while a batch is being written
    server = await startTestServer();
    const loc = postgresLocator(server.url, 'crash');
    let s = await openPostgresStore(loc, { create: true });
    const w = await s.beginSource(meta);
    for (let i = 0; i < 3 * BATCH; i += BATCH) await w.writeBatch(all.slice(i, i + BATCH), pos(i + BATCH));
    const inFlight = w.writeBatch(all.slice(3 * BATCH, 4 * BATCH), pos(4 * BATCH));
    await new Promise((ok) => setTimeout(ok, 30));
    killServer(server.dir);
    const failed = await inFlight.then(
      () => null,
      (e: unknown) => e,
    );
    await w.abort();
    await s.close();
    await restartServer(server);

    s = await openPostgresStore(loc, {});
    const src = (await s.findSource(meta.sha256))!;
    expect(src.status).toBe('partial');
    // the batch in flight either committed before the kill or left nothing
    expect([3 * BATCH, 4 * BATCH]).toContain(src.itemsDone);
    if (failed !== null) {
      expect(failed).toBeInstanceOf(ClewError);
      expect((failed as ClewError).code).toBe('DB_UNREACHABLE');
    }
    const w2 = await s.resumeSource(src);
    for (let i = src.itemsDone; i < all.length; i += BATCH) await w2.writeBatch(all.slice(i, i + BATCH), pos(Math.min(i + BATCH, all.length)));
    await w2.finish();
    const got = await dumpCase(s.db);
    await s.close();
    expect(got).toEqual(want);
  }, 180_000);
});
