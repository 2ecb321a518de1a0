/**
 * clew case copy, SQLite → PostgreSQL → SQLite against the test run's real PostgreSQL: the last
 * case holds every row of the first (ids, provenance, raw bytes, decisions, lexicon, quarantine)
 * and answers the same (stats, searches, messages with their locators, identity, lexicon), and so
 * does the PostgreSQL case in between. A copy into a case that holds data is refused; a copy
 * killed midway leaves its destination empty, and the same copy then succeeds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../model/records.js';
import { DAY, analyserFor, codeOf, collect, meta, msg, query } from './conformance/support.js';
import { parseQuery } from '../text/query/parse.js';
import { copyCase } from './copy.js';
import { openCase } from './open.js';
import { postgresLocator } from './postgres/locator.js';
import { testPg } from './postgres/test-support/pg-case.js';
import type { BatchItem, CaseStore, TableChunk } from './types.js';

const T0 = Date.UTC(2021, 2, 1);
const WORDS = ['kafa', 'novi broj', 'kontejner', 'Đorđe', 'Antwerpen', 'luka', 'čaj', 'пошиљка', 'kilo', '500 eur', 'sutra', 'mark@x.com'];
const PEOPLE = ['sky:ana', 'sky:bob', 'sky:cy', 'sky:dado', 'phone:+381641234567', 'email:mark@x.com'];

function records(): ClewRecord[] {
  const out: ClewRecord[] = [
    { type: 'account', ref: 'sky:ana', displayName: 'Ana' },
    { type: 'account', ref: 'sky:bob', displayName: 'Bob Marley', kind: 'username' },
    { type: 'conversation', ref: 'g1', title: 'Grupa', members: ['sky:ana', 'sky:bob', 'sky:cy'] },
    { type: 'contact', owner: 'sky:ana', contact: 'sky:bob', name: 'Bobi' },
    { type: 'device', account: 'sky:ana', identifiers: { imei: '356938035643809' } },
    { type: 'attachment', nativeId: 'att1', message: 'm3', filename: 'foto.jpg', mime: 'image/jpeg', size: 4, content: new Uint8Array([0xff, 0xd8, 0, 1]) },
    { type: 'location', kind: 'exif', lat: 51.22, lon: 4.4, ts: T0, account: 'sky:ana', attachment: 'att1', label: 'Antwerpen' },
    { type: 'event', kind: 'joined', actor: 'sky:cy', conversation: 'g1', ts: T0, tzOffset: 60, text: 'cy joined' },
  ];
  for (let i = 0; i < 300; i++) {
    const from = PEOPLE[i % PEOPLE.length]!;
    const body = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i % 13 === 0 ? 'u 12:30 na 44.8125, 20.4612' : ''} ${i}`;
    const r = msg(from, i % 5 === 0 ? [] : [PEOPLE[(i + 1) % PEOPLE.length]!], T0 + i * 7 * 60_000, body, {
      ...(i % 5 === 0 ? { conversation: 'g1' } : {}),
      ...(i % 11 === 0 ? { subject: 'Ponuda' } : {}),
      nativeId: `m${i}`,
      tzOffset: 60,
      tsLocal: '2021-03-01T01:00:00',
    });
    out.push(r);
    if (i % 23 === 0) out.push({ ...r }); // a duplicate
    if (i % 10 === 3) out.push({ type: 'call', from, to: PEOPLE[(i + 2) % PEOPLE.length]!, ts: T0 + i * 7 * 60_000 + 5, tzOffset: 60, duration: i });
  }
  return out;
}

const item = (record: ClewRecord, i: number): BatchItem => ({ kind: 'record', record, locator: { line: i + 1, offset: i * 100, length: 99 } });

/** A case with every kind of row: two complete sources (one analysed), a partial one, rejects, lexicon, identity decisions. */
async function fill(store: CaseStore): Promise<void> {
  await store.addLexiconEntry({ term: 'kafa', means: 'cocaine', type: 'drug' });
  const all = records();
  const first = all.slice(0, 200);
  let w = await store.beginSource(meta('a', 'export-a.jsonl'));
  const items = (await analyserFor(store))(first.map(item));
  items.push({ kind: 'reject', locator: { line: 999, offset: 99_900 }, code: 'JSON_SYNTAX', message: 'not JSON', excerpt: '{"from": sky' });
  await w.writeBatch(items.slice(0, 100), { offset: 10_000, line: 101, itemsDone: 100 });
  await w.writeBatch(items.slice(100), { offset: 20_000, line: 1000, itemsDone: items.length });
  await w.finish();
  w = await store.beginSource(meta('b', 'export-b.jsonl'));
  await w.writeBatch(all.slice(200).map(item), { offset: 30_000, line: 200, itemsDone: all.length - 200 });
  await w.finish();
  // stopped midway: a partial source, stored but not searchable
  w = await store.beginSource(meta('c', 'export-c.jsonl'));
  await w.writeBatch((await analyserFor(store))([item(msg('sky:ana', ['sky:bob'], T0 + 99 * DAY, 'kafa sutra partial'), 0)]), { offset: 100, line: 2, itemsDone: 1 });
  await w.abort();
  const id = store.identity();
  const [ana, bob, cy] = await Promise.all(['sky:ana', 'sky:bob', 'sky:cy'].map(async (r) => (await store.resolveAccounts(r))[0]!.id));
  await id.merge(ana!, bob!, { by: 'analyst', why: 'same phone', at: T0 + DAY, score: 0.8 });
  await id.reject(ana!, cy!, { by: 'analyst', at: T0 + 2 * DAY });
  await id.split(bob!, { by: 'lead', at: T0 + 3 * DAY });
}

/** Every stored row, table by table, sorted: what a lossless copy keeps. */
async function rowsOf(store: CaseStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for await (const c of store.dumpRows({ rows: 97 }) as AsyncIterable<TableChunk>) {
    const t = (out[c.table] ??= []);
    for (const r of c.rows) t.push(JSON.stringify(Object.fromEntries(c.columns.map((col, i) => [col, r[i] instanceof Uint8Array ? Buffer.from(r[i] as Uint8Array).toString('hex') : r[i]]))));
  }
  for (const t of Object.values(out)) t.sort();
  return out;
}

const QUERIES = ['kafa', 'novi broj', '"novi broj"', 'kont*', 'dorde', 'kafa OR luka', 'kafa -sutra', 'ponuda', 'пошиљка', 'from:sky:ana kafa', 'to:email:mark@x.com'];

/** What the case answers: stats, searches, sample messages with provenance, identity, lexicon, sources, quarantine. */
async function answers(store: CaseStore) {
  const search: Record<string, unknown> = {};
  for (const q of QUERIES) {
    const p = await store.search(query(q), { limit: 50, count: 1000 });
    search[q] = { total: p.total?.count, notes: p.notes, hits: p.hits.map((h) => [h.id, h.body, h.sender.ref]) };
  }
  // a stemmed search: the copy's full-text index holds the stems of each message's own language
  const stemmed = await store.search(parseQuery('kafu', 'folded', { langs: ['sr', 'hr', 'bs'] }), { limit: 50, count: 1000 });
  search['stems: kafu'] = { total: stemmed.total?.count, hits: stemmed.hits.map((h) => [h.id, h.body]) };
  const messages = [];
  for (const h of (await store.search(query('kafa'), { limit: 50 })).hits.filter((_, i) => i % 6 === 0)) {
    messages.push({ m: await store.message(h.id), mentions: await store.mentions(h.id) });
  }
  const id = store.identity();
  return {
    stats: await store.stats({ top: 10 }),
    search,
    messages,
    sources: (await store.sources()).map((s) => ({ ...s, startedAt: 0, finishedAt: 0 })),
    quarantine: await store.quarantine({ limit: 10 }),
    lexicon: await store.lexicon(),
    decisions: await id.decisions(100),
    persons: await id.persons(),
    edges: (await collect(store.edges())).sort((a, b) => a.src - b.src || a.dst - b.dst || a.channel.localeCompare(b.channel)),
    entities: await store.entities({ limit: 100 }),
  };
}

let dir: string;
let pgUrl: string;
const pgCase = (name: string) => {
  const u = new URL(postgresLocator(pgUrl, name).url);
  u.searchParams.set('case', name);
  return u.toString();
};
const suffix = `${process.pid}_${Date.now() % 100000}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clew-copy-'));
  pgUrl = testPg().url;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clew case copy', () => {
  it('SQLite → PostgreSQL → SQLite keeps every row and every answer', async () => {
    const a = join(dir, 'a.clew');
    const b = pgCase(`copy_rt_${suffix}`);
    const c = join(dir, 'c.clew');
    const orig = await openCase(a, { create: true, threadedWriter: false });
    await fill(orig);
    const want = await answers(orig);
    const wantRows = await rowsOf(orig);
    await orig.close();
    expect((want.search['kafa'] as { total: number }).total).toBeGreaterThan(10);
    expect((want.search['stems: kafu'] as { total: number }).total).toBeGreaterThan(0);
    expect(want.messages.filter((m) => m.mentions.length > 0).length).toBeGreaterThan(0);
    expect(want.messages.filter((m) => m.mentions.length === 0).length).toBeGreaterThan(0);
    expect(want.decisions).toHaveLength(3);
    expect(wantRows['blobs']).toHaveLength(1);
    expect(wantRows['mentions']!.length).toBeGreaterThan(0);

    const progress: string[] = [];
    const r1 = await copyCase(a, b, { chunkRows: 50, onProgress: (p) => progress.push(p.phase) });
    expect(r1.rows).toBe(Object.values(wantRows).reduce((n, t) => n + t.length, 0));
    expect(progress.at(-1)).toBe('indexing');
    const mid = await openCase(b, { readonly: true });
    expect(await answers(mid)).toEqual(want);
    expect(await rowsOf(mid)).toEqual(wantRows);
    await mid.close();

    await copyCase(b, c);
    const last = await openCase(c, { readonly: true });
    expect(await answers(last)).toEqual(want);
    expect(await rowsOf(last)).toEqual(wantRows);
    await last.close();

    // the copies are cases like any other: new decisions and sources go on from the copied ids
    for (const loc of [b, c]) {
      const s = await openCase(loc, { threadedWriter: false });
      const [dado, cy] = await Promise.all(['sky:dado', 'sky:cy'].map(async (x) => (await s.resolveAccounts(x))[0]!.id));
      await s.identity().merge(dado!, cy!, { by: 'analyst' });
      // above every copied id (PostgreSQL's sequence is shared by the cases: other tests' decisions take ids too)
      const [latest, ...copied] = await s.identity().decisions(10);
      expect(copied.map((d) => d.id).sort((x, y) => x - y)).toEqual([1, 2, 3]);
      expect(latest!.id).toBeGreaterThan(3);
      if (loc === c) expect(latest!.id).toBe(4);
      const w = await s.beginSource(meta('d', 'more.jsonl'));
      await w.writeBatch((await analyserFor(s))([item(msg('sky:ana', ['sky:cy'], T0 + 200 * DAY, 'kafa posle kopije'), 0)]), { offset: 1, line: 2, itemsDone: 1 });
      await w.finish();
      expect((await s.search(query('kopije'), { limit: 5 })).hits).toHaveLength(1);
      await s.close();
    }
  });

  it('SQLite → SQLite too, and refuses a destination that holds data (CASE_NOT_EMPTY), untouched', async () => {
    const a = join(dir, 'src.clew');
    const s = await openCase(a, { create: true, threadedWriter: false });
    await fill(s);
    const want = await answers(s);
    await s.close();
    const c = join(dir, 'dst.clew');
    await copyCase(a, c);
    const copy = await openCase(c, { readonly: true });
    expect(await answers(copy)).toEqual(want);
    await copy.close();
    expect(await codeOf(copyCase(a, c))).toBe('CASE_NOT_EMPTY');
    // a destination holding only a lexicon entry is not empty either
    const p = pgCase(`copy_full_${suffix}`);
    const pg = await openCase(p, { create: true });
    await pg.addLexiconEntry({ term: 'lubenica', means: 'kilo' });
    await pg.close();
    expect(await codeOf(copyCase(a, p))).toBe('CASE_NOT_EMPTY');
    const still = await openCase(p, { readonly: true });
    expect(await still.lexicon()).toHaveLength(1);
    expect((await still.stats()).messages).toBe(0);
    await still.close();
    expect(await codeOf(copyCase(a, a))).toBe('INVALID_ARGUMENT');
  });

  it('a copy that fails midway leaves no destination behind; one killed midway leaves it empty, and the same copy then succeeds', async () => {
    const a = join(dir, 'k.clew');
    const s = await openCase(a, { create: true, threadedWriter: false });
    await fill(s);
    const want = await answers(s);
    await s.close();

    // killed: a process that has written half the rows into the destination dies (SIGKILL)
    const dist = join(process.cwd(), 'dist', 'store', 'open.js');
    expect(existsSync(dist), 'run npm run build first').toBe(true);
    for (const dst of [join(dir, 'killed.clew'), pgCase(`copy_killed_${suffix}`)]) {
      const script = `
        import { openCase } from ${JSON.stringify(dist)};
        const src = await openCase(process.argv[1], { readonly: true });
        const dst = await openCase(process.argv[2], { create: true, threadedWriter: false });
        const sink = await dst.restoreRows();
        let n = 0;
        for await (const chunk of src.dumpRows({ rows: 50 })) {
          await sink.add(chunk);
          if (++n === 8) process.kill(process.pid, 'SIGKILL');
        }`;
      expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', script, a, dst], { stdio: 'pipe' })).toThrow();
      const left = await openCase(dst, { readonly: true });
      expect((await left.stats()).messages).toBe(0);
      expect(await left.sources()).toEqual([]);
      await left.close();
      await copyCase(a, dst);
      const copy = await openCase(dst, { readonly: true });
      expect(await answers(copy)).toEqual(want);
      await copy.close();
    }

    // failed (a row the destination refuses): a destination the copy created is removed again
    const bad = join(dir, 'bad.clew');
    const src = await openCase(a, { readonly: true });
    const dst = await openCase(bad, { create: true, threadedWriter: false });
    const sink = await dst.restoreRows();
    expect(await codeOf(sink.add({ table: 'no_such_table', columns: ['x'], rows: [[1]] }))).toBe('CASE_INVALID');
    await sink.abort();
    // the sink's transaction is gone: the case takes a copy as if nothing had happened
    const again = await dst.restoreRows();
    for await (const chunk of src.dumpRows()) await again.add(chunk);
    await again.finish();
    expect((await dst.stats()).messages).toBe(want.stats.messages);
    await dst.close();
    await src.close();
    const gone = join(dir, 'gone.clew');
    expect(await codeOf(copyCase(join(dir, 'nope.clew'), gone))).toBe('CASE_NOT_FOUND');
    expect(existsSync(gone)).toBe(false);
  });
});
