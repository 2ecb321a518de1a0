import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../model/records.js';
import type { BatchItem } from '../types.js';
import { openSqliteCase, type SqliteCaseStore } from './store.js';
import { SqliteSourceWriter } from './writer.js';

const T = Date.UTC(2021, 2, 1, 12);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function caseFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'clew-writer-'));
  dirs.push(d);
  return join(d, 'c.clew');
}

const open = (path: string) => openSqliteCase(path, { create: true, threadedWriter: false });
const m = (from: string, ts: number, body: string): MessageRecord => ({ type: 'message', from, to: ['sky:z'], ts, tzOffset: 0, channel: 'chat', body });
const items = (ms: MessageRecord[], firstLine: number): BatchItem[] => ms.map((r, i) => ({ kind: 'record', record: r, locator: { line: firstLine + i } }));
const meta = (path: string, sha: string) => ({ path, name: 'a.jsonl', size: 1, sha256: sha.repeat(64), format: 'canonical', options: {} });
const ftsCount = (s: SqliteCaseStore, word: string) => (s.raw.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(word) as { n: number }).n;
const dups = (s: SqliteCaseStore) => (s.raw.prepare('SELECT count(*) AS n FROM messages WHERE dup_of IS NOT NULL').get() as { n: number }).n;

describe('SqliteSourceWriter', () => {
  it('links exact duplicates within one source, across batches and across a resume', async () => {
    const path = caseFile();
    let s = open(path);
    let w = await s.beginSource(meta(path, 'a'));
    // same sender, time and body twice in one batch; same time, other body or sender: not duplicates
    let r = await w.writeBatch(items([m('sky:a', T, 'one'), m('sky:a', T, 'one'), m('sky:a', T, 'two'), m('sky:b', T, 'one')], 1), { offset: null, line: 5, itemsDone: 4 });
    expect(r.duplicates).toBe(1);
    r = await w.writeBatch(items([m('sky:a', T, 'two'), m('sky:c', T + 1, 'three')], 5), { offset: null, line: 7, itemsDone: 6 });
    expect(r.duplicates).toBe(1);
    // the process stops here; a new writer resumes the same source and still finds earlier copies
    await s.close();
    s = open(path);
    w = await s.resumeSource((await s.sources())[0]!);
    r = await w.writeBatch(items([m('sky:c', T + 1, 'three'), m('sky:b', T, 'one'), m('sky:d', T + 2, 'four')], 7), { offset: null, line: 10, itemsDone: 9 });
    expect(r.duplicates).toBe(2);
    await w.finish();
    expect(dups(s)).toBe(4);
    await s.close();
  });

  it('indexes a source for full-text search when it completes, each first copy once', async () => {
    const path = caseFile();
    let s = open(path);
    let w = await s.beginSource(meta(path, 'b'));
    await w.writeBatch(items([m('sky:a', T, 'Kafa je spremna'), m('sky:a', T, 'Kafa je spremna')], 1), { offset: null, line: 3, itemsDone: 2 });
    expect(ftsCount(s, 'kafa')).toBe(0); // a partial source is not searchable yet
    await s.close();
    s = open(path);
    w = await s.resumeSource((await s.sources())[0]!);
    await w.writeBatch(items([m('sky:b', T + 5, 'kafa opet'), { ...m('sky:b', T + 6, 'nista'), subject: 'Kafa' }], 3), { offset: null, line: 5, itemsDone: 4 });
    const done = await w.finish();
    expect(done.status).toBe('complete');
    expect(ftsCount(s, 'kafa')).toBe(3);
    expect(ftsCount(s, 'spremna')).toBe(1);
    await s.close();
  });

  it('looks duplicates up in the case when another connection wrote messages meanwhile', async () => {
    const path = caseFile();
    const s = open(path);
    const w = await s.beginSource(meta(path, 'c'));
    await w.writeBatch(items([m('sky:a', T, 'first')], 1), { offset: null, line: 2, itemsDone: 1 });
    const other = open(path);
    const w2 = await other.beginSource(meta(path, 'd'));
    await w2.writeBatch(items([m('sky:b', T + 9, 'elsewhere')], 1), { offset: null, line: 2, itemsDone: 1 });
    await w2.finish();
    await other.close();
    const r = await w.writeBatch(items([m('sky:b', T + 9, 'elsewhere')], 2), { offset: null, line: 3, itemsDone: 2 });
    expect(r.duplicates).toBe(1);
    await w.finish();
    await s.close();
  });

  it('counts a source in the contact edges when it completes, never another partial source with it', async () => {
    const path = caseFile();
    const s = open(path);
    const edges = () => s.raw.prepare('SELECT a.ref AS src, b.ref AS dst, count, first, last FROM edges JOIN accounts a ON a.id = src JOIN accounts b ON b.id = dst ORDER BY 1').all();
    const w1 = await s.beginSource(meta(path, 'e'));
    await w1.writeBatch(items([m('sky:a', T, 'x'), m('sky:a', T + 60_000, 'y')], 1), { offset: null, line: 3, itemsDone: 2 });
    await w1.writeBatch(items([m('sky:b', T + 5, 'z')], 3), { offset: null, line: 4, itemsDone: 3 });
    expect(edges()).toEqual([]); // partial: not yet in the network
    const w2 = await s.beginSource(meta(path, 'f'));
    await w2.writeBatch(items([m('sky:a', T - 60_000, 'w'), m('sky:a', T, 'x')], 1), { offset: null, line: 3, itemsDone: 2 });
    await w2.finish();
    // the second source alone (its copy of "x" is a duplicate of the first source's: not counted again)
    expect(edges()).toEqual([{ src: 'sky:a', dst: 'sky:z', count: 1, first: T - 60_000, last: T - 60_000 }]);
    await w1.finish();
    expect(edges()).toEqual([
      { src: 'sky:a', dst: 'sky:z', count: 3, first: T - 60_000, last: T + 60_000 },
      { src: 'sky:b', dst: 'sky:z', count: 1, first: T + 5, last: T + 5 },
    ]);
    expect(s.raw.prepare('SELECT count(*) AS n FROM edge_deltas').get()).toEqual({ n: 0 });
    await s.close();
  });

  it('gives the same edges when the increments held in memory are written out early', async () => {
    const run = async (maxEdgesInMemory: number | undefined) => {
      const path = caseFile();
      const s = open(path);
      await s.beginSource(meta(path, 'g'));
      await new Promise((ok) => setImmediate(ok)); // the store's own writer for it is set up (and left unused)
      const w = new SqliteSourceWriter(s.raw, (await s.sources())[0]!, maxEdgesInMemory);
      const to = (from: string, dst: string, ts: number): MessageRecord => ({ ...m(from, ts, `${from}${dst}${ts}`), to: [dst] });
      w.writeBatch(items([to('sky:a', 'sky:b', T), to('sky:a', 'sky:c', T + 1), to('sky:b', 'sky:a', T + 2)], 1), { offset: null, line: 4, itemsDone: 3 });
      w.writeBatch(items([to('sky:a', 'sky:b', T + 3), to('sky:c', 'sky:d', T + 4)], 4), { offset: null, line: 6, itemsDone: 5 });
      w.writeBatch(items([to('sky:d', 'sky:a', T + 5), to('sky:a', 'sky:b', T - 1)], 6), { offset: null, line: 8, itemsDone: 7 });
      const spilled = (s.raw.prepare('SELECT count(*) AS n FROM edge_deltas').get() as { n: number }).n;
      w.finish();
      const edges = s.raw.prepare('SELECT a.ref AS src, b.ref AS dst, count, first, last FROM edges JOIN accounts a ON a.id = src JOIN accounts b ON b.id = dst ORDER BY 1, 2').all();
      await s.close();
      return { spilled, edges };
    };
    const inMemory = await run(undefined);
    const early = await run(2);
    expect(inMemory.spilled).toBe(0);
    expect(early.spilled).toBeGreaterThan(0);
    expect(early.edges).toEqual(inMemory.edges);
    expect(inMemory.edges).toContainEqual({ src: 'sky:a', dst: 'sky:b', count: 3, first: T - 1, last: T + 3 });
  });

  it('counts none of the edges of a batch that failed (its rows were rolled back)', async () => {
    const path = caseFile();
    const s = open(path);
    await s.beginSource(meta(path, 'h'));
    await new Promise((ok) => setImmediate(ok));
    const w = new SqliteSourceWriter(s.raw, (await s.sources())[0]!);
    w.writeBatch(items([m('sky:a', T, 'kept')], 1), { offset: null, line: 2, itemsDone: 1 });
    const broken = { ...m('sky:b', T + 1, 'x'), body: null as unknown as string }; // NOT NULL fails inside the batch
    expect(() => w.writeBatch(items([m('sky:c', T + 2, 'rolled back'), broken], 2), { offset: null, line: 4, itemsDone: 3 })).toThrow();
    w.writeBatch(items([m('sky:a', T + 3, 'later')], 4), { offset: null, line: 5, itemsDone: 4 });
    w.finish();
    expect(s.raw.prepare('SELECT a.ref AS src, count, first, last FROM edges JOIN accounts a ON a.id = src').all()).toEqual([{ src: 'sky:a', count: 2, first: T, last: T + 3 }]);
    await s.close();
  });
});
