import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../model/records.js';
import type { BatchItem } from '../types.js';
import { buildSideFts, sideFtsPath } from './fts-build.js';
import { openSqliteCase, type SqliteCaseStore } from './store.js';
import { SqliteSourceWriter } from './writer.js';

const T = Date.UTC(2021, 2, 1, 12);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const bodies = ['Kafa je spremna', 'Šta ima, brate?', 'Ђорђе стиже сутра', 'أحمد في الميناء', 'container MSCU1234565 at Antwerp', 'ok'];
const records: BatchItem[] = bodies.flatMap((body, i) => {
  const r: MessageRecord = { type: 'message', from: `sky:u${i % 3}`, to: [`sky:u${(i + 1) % 3}`], ts: T + i * 1000, tzOffset: 0, channel: 'chat', body };
  if (i === 4) r.subject = 'Brod';
  const item: BatchItem = { kind: 'record', record: r, locator: { line: i + 1 } };
  return i === 1 ? [item, { ...item, locator: { line: 99 } }] : [item]; // one exact duplicate: not indexed
});

/** A case with one partial source holding `records`, and a writer for it. */
async function loaded(sha: string): Promise<{ path: string; store: SqliteCaseStore; writer: SqliteSourceWriter }> {
  const d = mkdtempSync(join(tmpdir(), 'clew-fts-build-'));
  dirs.push(d);
  const path = join(d, 'c.clew');
  const store = openSqliteCase(path, { create: true, threadedWriter: false });
  await store.beginSource({ path, name: 'a.jsonl', size: 1, sha256: sha.repeat(64), format: 'canonical', options: {} });
  await new Promise((ok) => setImmediate(ok)); // the store's own writer for it is set up (and left unused)
  const writer = new SqliteSourceWriter(store.raw, (await store.sources())[0]!);
  writer.writeBatch(records, { offset: null, line: 100, itemsDone: records.length });
  return { path, store, writer };
}

const shadow = (s: SqliteCaseStore) =>
  Object.fromEntries(['data', 'idx', 'docsize', 'config'].map((t) => [t, s.raw.prepare(`SELECT * FROM messages_fts_${t} ORDER BY 1, 2`).all()]));
const hits = (s: SqliteCaseStore, q: string) => s.raw.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(q);

describe('full-text rows built in a side file', () => {
  it('are adopted as exactly the rows an in-place build writes', async () => {
    const inPlace = await loaded('a');
    inPlace.writer.finish();
    const side = await loaded('a');
    side.writer.buildIndexes();
    const sidePath = sideFtsPath(side.path, 1);
    expect(buildSideFts(side.path, 1, sidePath)).toBe(true);
    expect(side.writer.complete(sidePath).status).toBe('complete');
    expect(shadow(side.store)).toEqual(shadow(inPlace.store));
    expect(shadow(side.store).docsize).toHaveLength(bodies.length);
    side.store.raw.exec(`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)`);
    for (const q of ['kafa', 'sta', 'djordje', 'احمد', 'brod', 'mscu1234565'])
      expect(hits(side.store, q), q).toEqual(hits(inPlace.store, q));
    expect(hits(side.store, 'djordje')).toHaveLength(1);
    // the case file is still usable: another source is indexed on top of the adopted rows
    const w2 = await side.store.beginSource({ path: side.path, name: 'b.jsonl', size: 1, sha256: 'b'.repeat(64), format: 'canonical', options: {} });
    await w2.writeBatch([{ kind: 'record', record: { ...(records[0]!.kind === 'record' ? (records[0]!.record as MessageRecord) : ({} as MessageRecord)), ts: T - 5000, body: 'kafa opet' }, locator: { line: 1 } }], { offset: null, line: 2, itemsDone: 1 });
    await w2.finish();
    expect(hits(side.store, 'kafa')).toHaveLength(2);
    side.store.raw.exec(`INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)`);
    await inPlace.store.close();
    await side.store.close();
  });

  it('are built only into an empty index, and adopted only if it is still empty', async () => {
    const c = await loaded('c');
    const sidePath = sideFtsPath(c.path, 1);
    expect(buildSideFts(c.path, 1, sidePath)).toBe(true);
    // another source completes in between: the side rows are ignored and the source indexed in place
    const other = await c.store.beginSource({ path: c.path, name: 'd.jsonl', size: 1, sha256: 'd'.repeat(64), format: 'canonical', options: {} });
    await other.writeBatch([{ kind: 'record', record: { type: 'message', from: 'sky:x', to: ['sky:y'], ts: T - 9000, tzOffset: 0, channel: 'chat', body: 'kafa drugde' }, locator: { line: 1 } }], { offset: null, line: 2, itemsDone: 1 });
    await other.finish();
    expect(buildSideFts(c.path, 1, sidePath)).toBe(false);
    expect(existsSync(sidePath)).toBe(false);
    expect(buildSideFts(c.path, 1, `${sidePath}.2`)).toBe(false);
    c.writer.buildIndexes();
    c.writer.complete(null);
    expect(hits(c.store, 'kafa')).toHaveLength(2);
    await c.store.close();
  });

  it('are what the completed source is searched by (the copy, not a rebuild)', async () => {
    const c = await loaded('e');
    const sidePath = sideFtsPath(c.path, 1);
    expect(buildSideFts(c.path, 1, sidePath)).toBe(true);
    // a rebuild now would no longer index this message; the adopted side rows still do
    c.store.raw.prepare(`UPDATE messages SET body = 'changed' WHERE body = 'Kafa je spremna'`).run();
    c.writer.buildIndexes();
    c.writer.complete(sidePath);
    expect(hits(c.store, 'spremna')).toHaveLength(1);
    expect(hits(c.store, 'changed')).toHaveLength(0);
    await c.store.close();
  });
});
