import { afterAll, describe, expect, it } from 'vitest';
import type { ClewRecord, MessageRecord } from '../../model/records.js';
import { ClewError } from '../../model/errors.js';
import type { BatchItem, SourceMeta } from '../types.js';
import { rows } from './db.js';
import { openPostgresStore } from './open.js';
import type { PostgresLocator } from './locator.js';
import type { PostgresCaseStore } from './store.js';
import { dumpCase } from './test-support/dump.js';
import { testCaseLocator } from './test-support/pg-case.js';
import { ftsTokens, ftsVector } from './writer.js';
import fc from 'fast-check';
import { indexTokens } from '../../text/query/parse.js';
import { searchableSql } from './schema.js';
import { analyserFor } from '../conformance/support.js';

/** Messages analysed as the ingest pipeline does (with languages and mentions to store), a case without code words. */
const NO_LEXICON = { lexicon: async () => [] };

const T = Date.UTC(2021, 2, 1, 12);
const stores: PostgresCaseStore[] = [];
afterAll(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const locators = new WeakMap<PostgresCaseStore, PostgresLocator>();

async function fresh(name: string): Promise<PostgresCaseStore> {
  const loc = testCaseLocator(name);
  const s = await openPostgresStore(loc, { create: true });
  locators.set(s, loc);
  stores.push(s);
  return s;
}

/** The same case opened anew (another process, as it were). */
async function reopen(s: PostgresCaseStore): Promise<PostgresCaseStore> {
  const again = await openPostgresStore(locators.get(s)!, {});
  stores.push(again);
  return again;
}

const m = (from: string, ts: number, body: string): MessageRecord => ({ type: 'message', from, to: ['sky:z'], ts, tzOffset: 0, channel: 'chat', body });
const items = (rs: ClewRecord[], firstLine: number): BatchItem[] => rs.map((r, i) => ({ kind: 'record', record: r, locator: { line: firstLine + i, offset: (firstLine + i) * 100, length: 99 } }));
const meta = (sha: string): SourceMeta => ({ path: `/cases/${sha}.jsonl`, name: `${sha}.jsonl`, size: 1, sha256: sha.repeat(64), format: 'canonical', options: {} });
const pos = (itemsDone: number) => ({ offset: itemsDone * 100, line: itemsDone + 1, itemsDone });
const ftsCount = async (s: PostgresCaseStore, word: string) =>
  (await rows<{ n: number }>(s.db, `SELECT count(*) AS n FROM messages m WHERE case_id = $1 AND fts @@ $2::tsquery AND ${searchableSql('m', '$1')}`, [s.db.caseId, word]))[0]!
    .n;
const dups = async (s: PostgresCaseStore) => (await s.stats()).duplicates;

/** A source with every kind of record: late members, duplicates, calls, attachments, rejects. */
function corpus(): BatchItem[] {
  const rs: ClewRecord[] = [
    { type: 'account', ref: 'sky:a', displayName: 'Vuk' },
    { type: 'conversation', ref: 'g1', title: 'Ekipa', members: ['sky:a', 'sky:b'] },
  ];
  for (let i = 0; i < 60; i++) {
    const from = ['sky:a', 'sky:b', 'sky:c'][i % 3]!;
    const ts = T + Math.floor(i / 4) * 1000; // several messages per second, some the same millisecond
    if (i % 5 === 0) rs.push({ type: 'message', from, to: [], conversation: 'g1', ts, tzOffset: 60, channel: 'chat', body: `grupa ${i % 10} kafa` });
    else rs.push({ type: 'message', from, to: [i % 2 ? 'sky:d' : 'phone:+38164000000'], ts, tzOffset: 0, channel: 'chat', body: `Poruka ${i % 7} Čačak`, subject: i % 11 === 0 ? 'Naslov' : undefined });
    if (i === 30) rs.push({ type: 'conversation', ref: 'g1', title: 'Ekipa 2', members: ['sky:c', 'sky:e'] }); // late members
    if (i % 13 === 0) rs.push({ ...(rs[rs.length - 1] as MessageRecord) }); // an exact duplicate
    if (i % 9 === 0) rs.push({ type: 'call', from, to: 'sky:d', ts: ts + 1, tzOffset: 0, duration: 12 });
    if (i % 9 === 0) rs.push({ type: 'call', from, to: 'sky:d', ts: ts + 1, tzOffset: 0, duration: 12 }); // duplicate call
  }
  rs.push(
    { type: 'contact', owner: 'sky:a', contact: 'sky:b', name: 'Bata' },
    { type: 'contact', owner: 'sky:a', contact: 'sky:b', name: 'Bata' },
    { type: 'device', account: 'sky:a', identifiers: { imei: '356938035643809', pin: '4F2A9C' } },
    { type: 'attachment', nativeId: 'att1', message: 'm1', filename: 'slika.jpg', mime: 'image/jpeg', content: new Uint8Array([0, 1, 2, 255, 92, 10]) },
    { type: 'event', kind: 'joined', actor: 'sky:e', conversation: 'g1', ts: T + 40_000, tzOffset: 0, text: 'E joined\twith a tab\\' },
    { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, ts: T, account: 'sky:a', label: 'Beograd' },
    { type: 'account', ref: 'sky:a', kind: 'pin' },
  );
  const out = items(rs, 1);
  out.splice(20, 0, { kind: 'reject', locator: { line: 999 }, code: 'JSON_SYNTAX', message: 'bad line', excerpt: '{"x":' });
  return out;
}

/** Write `all` in batches of `size` from item `from` on; returns the writer unfinished. */
async function writeFrom(s: PostgresCaseStore, w: Awaited<ReturnType<PostgresCaseStore['beginSource']>>, all: BatchItem[], from: number, size: number): Promise<void> {
  for (let i = from; i < all.length; i += size) await w.writeBatch(all.slice(i, i + size), pos(Math.min(i + size, all.length)));
}

describe('PgSourceWriter', () => {
  it('links exact duplicates within one source, across batches and across a resume', async () => {
    let s = await fresh('dups');
    let w = await s.beginSource(meta('a'));
    let r = await w.writeBatch(items([m('sky:a', T, 'one'), m('sky:a', T, 'one'), m('sky:a', T, 'two'), m('sky:b', T, 'one')], 1), pos(4));
    expect(r.duplicates).toBe(1);
    r = await w.writeBatch(items([m('sky:a', T, 'two'), m('sky:c', T + 1, 'three')], 5), pos(6));
    expect(r.duplicates).toBe(1);
    // the process stops here (its connection with it); a new one resumes the same source
    await w.abort();
    await s.close();
    s = await reopen(s);
    w = await s.resumeSource((await s.sources())[0]!);
    r = await w.writeBatch(items([m('sky:c', T + 1, 'three'), m('sky:b', T, 'one'), m('sky:d', T + 2, 'four')], 7), pos(9));
    expect(r.duplicates).toBe(2);
    await w.finish();
    expect(await dups(s)).toBe(4);
  });

  it('indexes a source for full-text search when it completes, each first copy once', async () => {
    const s = await fresh('fts');
    let w = await s.beginSource(meta('b'));
    await w.writeBatch(items([m('sky:a', T, 'Kafa je spremna'), m('sky:a', T, 'Kafa je spremna')], 1), pos(2));
    expect(await ftsCount(s, 'kafa')).toBe(0); // a partial source is not searchable yet
    await w.abort();
    w = await s.resumeSource((await s.sources())[0]!);
    await w.writeBatch(items([m('sky:b', T + 5, 'kafa opet'), { ...m('sky:b', T + 6, 'nista'), subject: 'Kafa' }], 3), pos(4));
    const done = await w.finish();
    expect(done.status).toBe('complete');
    expect(await ftsCount(s, 'kafa')).toBe(3);
    expect(await ftsCount(s, 'spremna')).toBe(1);
    expect(await ftsCount(s, `'kafa' <-> 'je' <-> 'spremna'`)).toBe(1); // positions: phrases match
    expect(await ftsCount(s, `'je' <-> 'kafa'`)).toBe(0);
    expect(await ftsCount(s, `'spre':*`)).toBe(1);
  });

  it('takes ASCII text\'s tokens as indexTokens does, without normalising it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...' aZ09\'-_.,\t\n\r\u0001\u007eAbcXyz!?é'.split('')) }), (s) => {
        expect(ftsTokens(s)).toEqual(indexTokens(s));
      }),
    );
  });

  it('stores the tokens SQLite indexes, folded, with positions', () => {
    expect(ftsVector(null, 'Čačak, ČAČAK i kafa!')).toBe("'cacak':1,2 'i':3 'kafa':4");
    expect(ftsVector('Naslov', 'tekst')).toBe("'naslov':1 'tekst':2");
    expect(ftsVector(null, '...')).toBe('');
  });

  it('refuses a second writer on the same case with CASE_BUSY, and frees the case when the first ends', async () => {
    const s = await fresh('busy');
    const other = await reopen(s);
    const w = await s.beginSource(meta('c'));
    await w.writeBatch(items([m('sky:a', T, 'x')], 1), pos(1));
    const busy = await other.beginSource(meta('d')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(busy).toBeInstanceOf(ClewError);
    expect((busy as ClewError).code).toBe('CASE_BUSY');
    const resume = await other.resumeSource((await other.sources())[0]!).catch((e: unknown) => e);
    expect((resume as ClewError).code).toBe('CASE_BUSY');
    await w.finish();
    const w2 = await other.beginSource(meta('d'));
    await w2.writeBatch(items([m('sky:b', T + 9, 'elsewhere'), m('sky:a', T, 'x')], 1), pos(2));
    await w2.finish();
    expect((await other.stats()).duplicates).toBe(1);
  });

  it('counts a source in the contact edges when it completes, never a partial one', async () => {
    const s = await fresh('edges');
    const edges = () =>
      rows(s.db, `SELECT a.ref AS src, b.ref AS dst, count, first, last FROM edges e JOIN accounts a ON a.case_id = e.case_id AND a.id = e.src
                  JOIN accounts b ON b.case_id = e.case_id AND b.id = e.dst WHERE e.case_id = $1 ORDER BY 1`, [s.db.caseId]);
    const w1 = await s.beginSource(meta('e'));
    await w1.writeBatch(items([m('sky:a', T, 'x'), m('sky:a', T + 60_000, 'y')], 1), pos(2));
    await w1.writeBatch(items([m('sky:b', T + 5, 'z')], 3), pos(3));
    expect(await edges()).toEqual([]);
    await w1.finish();
    const w2 = await s.beginSource(meta('f'));
    await w2.writeBatch(items([m('sky:a', T - 60_000, 'w'), m('sky:a', T, 'x')], 1), pos(2));
    await w2.finish();
    expect(await edges()).toEqual([
      { src: 'sky:a', dst: 'sky:z', count: 3, first: T - 60_000, last: T + 60_000 },
      { src: 'sky:b', dst: 'sky:z', count: 1, first: T + 5, last: T + 5 },
    ]);
    expect(await rows(s.db, 'SELECT * FROM edge_deltas WHERE case_id = $1', [s.db.caseId])).toEqual([]);
  });

  it('takes back a failed batch whole and goes on: the case ends as after one clean run', async () => {
    const all = (await analyserFor(NO_LEXICON))(corpus());
    const clean = await fresh('clean');
    const wc = await clean.beginSource(meta('g'));
    await writeFrom(clean, wc, all, 0, 25);
    await wc.finish();

    const s = await fresh('failed');
    const w = await s.beginSource(meta('g'));
    await writeFrom(s, w, all.slice(0, 50), 0, 25);
    // a batch that fails inside the database, after most of its rows were sent (a time no id can hold)
    const broken = [...all.slice(50, 75), ...items([m('sky:q', 1e300, 'impossible')], 500)];
    await expect(w.writeBatch(broken, pos(75))).rejects.toThrow();
    await writeFrom(s, w, all, 50, 25);
    await w.finish();
    expect(await dumpCase(s.db)).toEqual(await dumpCase(clean.db));
  });

  it('resumes after the process stopped mid-source, ending as one clean run', async () => {
    const all = (await analyserFor(NO_LEXICON))(corpus());
    const clean = await fresh('clean2');
    const wc = await clean.beginSource(meta('h'));
    await writeFrom(clean, wc, all, 0, 10);
    await wc.finish();

    const s = await fresh('resumed');
    const w = await s.beginSource(meta('h'));
    await writeFrom(s, w, all.slice(0, 40), 0, 10);
    await w.abort(); // the process stops: nothing after the last committed batch
    const src = (await s.sources())[0]!;
    expect(src.status).toBe('partial');
    expect(src.itemsDone).toBe(40);
    const w2 = await s.resumeSource(src);
    await writeFrom(s, w2, all, src.itemsDone, 10);
    await w2.finish();
    const a = await dumpCase(s.db);
    const b = await dumpCase(clean.db);
    expect(a).toEqual(b);
    // and the corpus exercised what it should
    expect(b.quarantine).toHaveLength(1);
    expect(b.blobs).toHaveLength(1);
    expect((b.calls as { dup_of: number | null }[]).filter((c) => c.dup_of !== null).length).toBeGreaterThan(0);
    expect((b.messages as { dup_of: number | null }[]).filter((c) => c.dup_of !== null).length).toBeGreaterThan(0);
    expect(b.mentions!.length).toBeGreaterThan(0);
    const st = await s.stats();
    expect(st.sources).toEqual({ total: 1, complete: 1, partial: 0 });
    expect(st.edges).toBeGreaterThan(0);
  });

  it('gives late conversation members the messages addressed to the members before them', async () => {
    const s = await fresh('late');
    const w = await s.beginSource(meta('i'));
    const toMembers = (from: string, ts: number, body: string): MessageRecord => ({ ...m(from, ts, body), to: [], conversation: 'g' });
    await w.writeBatch(items([{ type: 'conversation', ref: 'g', members: ['sky:a', 'sky:b'] }, toMembers('sky:a', T, 'prva')], 1), pos(2));
    await w.writeBatch(items([{ type: 'conversation', ref: 'g', members: ['sky:c'] }, toMembers('sky:b', T + 1, 'druga')], 3), pos(4));
    await w.finish();
    const rec = await rows<{ body: string; to: string }>(
      s.db,
      `SELECT m.body, a.ref AS to FROM message_recipients r JOIN messages m ON m.case_id = r.case_id AND m.id = r.message_id
       JOIN accounts a ON a.case_id = r.case_id AND a.id = r.account_id WHERE r.case_id = $1 ORDER BY 1, 2`,
      [s.db.caseId],
    );
    expect(rec).toEqual([
      { body: 'druga', to: 'sky:a' },
      { body: 'druga', to: 'sky:c' },
      { body: 'prva', to: 'sky:b' },
      { body: 'prva', to: 'sky:c' },
    ]);
    expect((await s.stats()).edges).toBe(4);
  });

  it('keeps text with NUL, tabs and backslashes (NUL as U+FFFD: PostgreSQL text cannot hold it)', async () => {
    const s = await fresh('text');
    const w = await s.beginSource(meta('j'));
    await w.writeBatch(items([m('sky:a', T, 'a\tb\\c\nd\re\0f')], 1), pos(1));
    await w.finish();
    expect((await rows<{ body: string }>(s.db, 'SELECT body FROM messages WHERE case_id = $1', [s.db.caseId]))[0]!.body).toBe('a\tb\\c\nd\re\uFFFDf');
  });
});
