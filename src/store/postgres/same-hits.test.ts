/**
 * The same query on the same case gives the same answer on both backends: one generated corpus
 * (case and script variants, duplicates, conversations, subjects, several channels, calls) is
 * written into a SQLite case file and a PostgreSQL case, then generated searches — words,
 * phrases, prefixes, AND/OR/NOT, folded and exact, with filters, pages and totals — must return
 * the same pages (message ids, bodies, cursors, totals, notes) from both, and every other read
 * (messages, threads, mentions, stats, network, entities, activity, dossiers, identity data,
 * places) the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import type { SearchQuery } from '../../text/query/ast.js';
import { parseQuery } from '../../text/query/parse.js';
import { openSqliteCase } from '../sqlite/store.js';
import type { BatchItem, SearchOptions, SearchPage } from '../types.js';
import { dropCase } from './cases.js';
import { openPostgresStore } from './open.js';
import type { PostgresCaseStore } from './store.js';
import { testCaseLocator } from './test-support/pg-case.js';
import { analyserFor } from '../conformance/support.js';

const WORDS = ['kafa', 'Kafa', 'KAFA', 'kafu', 'кафа', 'novi', 'Novi', 'broj', 'Đorđe', 'Djordje', 'Ђорђе', 'kontejner', 'kontejnera', 'čaj', 'caj', 'luka', 'Antwerpen', '500', 'e-mail'];
const ACCOUNTS = ['sky:a', 'sky:b', 'sky:c', 'sky:d', 'phone:+38164', 'email:x@y.org'];
const T0 = Date.UTC(2021, 0, 1);

function corpus(): ClewRecord[] {
  const body = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(',', '.', '!', '-')), { minLength: 1, maxLength: 9 }).map((a) => a.join(' '));
  const msg = fc.record({
    from: fc.constantFrom(...ACCOUNTS),
    to: fc.uniqueArray(fc.constantFrom(...ACCOUNTS), { minLength: 1, maxLength: 3 }),
    minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
    body,
    subject: fc.option(fc.constantFrom('Ponuda', 'novi broj', 'Re: kafa'), { freq: 5 }),
    channel: fc.constantFrom('chat', 'chat', 'sms', 'email'),
    conversation: fc.option(fc.constantFrom('g1', 'g2'), { freq: 3 }),
  });
  const sample = fc.sample(msg, { numRuns: 400, seed: 15 });
  const out: ClewRecord[] = [
    { type: 'account', ref: 'sky:a', displayName: 'Ana' },
    { type: 'conversation', ref: 'g1', title: 'Grupa', members: ['sky:a', 'sky:b', 'sky:c'] },
    { type: 'conversation', ref: 'g2', members: ['sky:c', 'sky:d'] },
  ];
  sample.forEach((m, i) => {
    const r: ClewRecord = {
      type: 'message',
      from: m.from,
      to: m.conversation ? [] : m.to,
      ts: T0 + m.minute * 60_000,
      tzOffset: 0,
      channel: m.channel as 'chat',
      body: m.body,
      ...(m.subject ? { subject: m.subject } : {}),
      ...(m.conversation ? { conversation: m.conversation } : {}),
    };
    out.push(r);
    if (i % 17 === 0) out.push({ ...r }); // an exact duplicate
    if (i % 9 === 0) out.push({ type: 'call', from: m.from, to: m.to[0]!, ts: T0 + m.minute * 60_000 + 1, tzOffset: 0, duration: i % 60 });
  });
  return out;
}

/** Inflected sentences the analyser detects (Serbian in both scripts, Dutch, French, Spanish, Arabic): a second source. */
function inflectedCorpus(): ClewRecord[] {
  const pick = <T>(a: readonly T[], i: number, k: number) => a[(i * k + Math.floor(i / a.length)) % a.length]!;
  const templates: ((i: number) => string)[] = [
    (i) => `Donesi ${pick(['kafa', 'kafe', 'kafu', 'kafom', 'kafi'], i, 1)} i ${pick(['paket', 'paketa', 'paketu', 'paketom', 'paketi'], i, 3)} sutra u grad kod brata`,
    (i) => `Донеси ${pick(['кафа', 'кафе', 'кафу', 'кафом'], i, 1)} и ${pick(['пакет', 'пакета', 'пакету'], i, 2)} сутра у град код брата`,
    (i) => `De ${pick(['pakket komt', 'pakketten komen'], i, 1)} morgen in de haven van Antwerpen aan`,
    (i) => `La ${pick(['livraison', 'livraisons'], i, 1)} du colis arrive demain au port de Marseille`,
    (i) => `El ${pick(['paquete llega', 'paquetes llegan'], i, 1)} mañana al puerto con la ${pick(['entrega', 'entregas'], i, 3)} nueva`,
    (i) => `وصلت ${pick(['الشحنة', 'شحنة', 'الشحنات'], i, 1)} إلى الميناء صباح اليوم مع السفينة`,
  ];
  const out: ClewRecord[] = [];
  for (let i = 0; i < 120; i++)
    out.push({ type: 'message', from: ACCOUNTS[i % 4]!, to: [ACCOUNTS[(i + 1) % 4]!], ts: T0 + 40 * 86_400_000 + i * 60_000, tzOffset: 0, channel: 'chat', body: templates[i % templates.length]!(i) });
  return out;
}
const INFLECTED_QUERIES = ['kafa', 'кафа', 'kafu', 'KAFOM', 'paket', 'пакет', 'pakket', 'livraison', 'paquete', 'entrega', 'llegar', 'شحنة', 'الشحنة', 'kaf*', 'paket*', 'pakket*', '"kafu i paket"', '"donesi kafa"', 'kafa -paket', 'kafa OR pakket', 'kafa lang:sr', 'καφές'];

const query = fc.record({
  text: fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('OR', 'AND', 'NOT', '-kafa', '(', ')', 'ka*', 'kon*', 'Ko*', '"novi broj"', '"broj novi"', '"ponuda kafa"', 'e-mail')), { maxLength: 5 }).map((a) => a.join(' ')),
  filters: fc.array(fc.constantFrom('from:sky:a', 'from:Ana', 'to:sky:b', 'to:sky:c', 'channel:sms', 'channel:chat', 'after:2021-01-10', 'before:2021-01-20', 'from:nobody', 'lang:sr'), { maxLength: 2 }),
  mode: fc.constantFrom('folded', 'exact'),
  limit: fc.constantFrom(1, 3, 10, 50),
  count: fc.option(fc.constantFrom(1, 5, 1000)),
});

describe('the same answers on SQLite and PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clew-same-hits-'));
  const lite = openSqliteCase(join(dir, 'case.clew'), { create: true, threadedWriter: false });
  let pgs: PostgresCaseStore;
  let name: string;

  beforeAll(async () => {
    const loc = testCaseLocator('same-hits');
    name = loc.case;
    pgs = await openPostgresStore(loc, { create: true });
    const records = corpus();
    const items: BatchItem[] = records.map((record, i) => ({ kind: 'record', record, locator: { line: i + 1 } }));
    const meta = { path: '/x/a.jsonl', name: 'a.jsonl', size: 1, sha256: 'e'.repeat(64), format: 'canonical', options: {} };
    for (const s of [lite, pgs]) {
      // analysed as the ingest pipeline does: both stores keep the same languages and entities
      const analyse = await analyserFor(s);
      const w = await s.beginSource(meta);
      await w.writeBatch(analyse(items.slice(0, 200)), { offset: null, line: 201, itemsDone: 200 });
      await w.writeBatch(analyse(items.slice(200)), { offset: null, line: items.length + 1, itemsDone: items.length });
      await w.finish();
      const inflected = inflectedCorpus().map((record, i): BatchItem => ({ kind: 'record', record, locator: { line: i + 1 } }));
      const w2 = await s.beginSource({ ...meta, path: '/x/b.jsonl', name: 'b.jsonl', sha256: 'f'.repeat(64) });
      await w2.writeBatch((await analyserFor(s))(inflected), { offset: null, line: inflected.length + 1, itemsDone: inflected.length });
      await w2.finish();
    }
  }, 120_000);
  afterAll(async () => {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
    await dropCase(pgs.db.pool, name);
    await pgs.close();
  });

  type Page = { ids: unknown[][]; next: number | null; notes: string[]; total: SearchPage['total'] | null } | { error: string };
  const page = async (s: { search(q: SearchQuery, o: SearchOptions): SearchPage | Promise<SearchPage> }, q: SearchQuery, o: SearchOptions): Promise<Page> => {
    try {
      const p = await s.search(q, o);
      return { ids: p.hits.map((h) => [h.id, h.body, h.sender.ref, h.conversationTitle ?? null]), next: p.nextCursor, notes: p.notes, total: p.total ?? null };
    } catch (e) {
      return { error: (e as { code?: string }).code ?? String(e) };
    }
  };

  it('holds the same messages', async () => {
    expect((await pgs.stats()).messages).toBe((await lite.stats()).messages);
    expect((await pgs.stats()).duplicates).toBe((await lite.stats()).duplicates);
  });

  it('answers generated queries with the same pages, page after page', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const g of fc.sample(query, { numRuns: 250, seed: 15 })) {
      let q: SearchQuery;
      try {
        q = parseQuery([g.text, ...g.filters].join(' '), g.mode);
      } catch {
        continue;
      }
      const opts: SearchOptions = { limit: g.limit, ...(g.count !== null ? { count: g.count } : {}) };
      let cursor: number | undefined;
      for (let n = 0; n < 4; n++) {
        const o = cursor === undefined ? opts : { ...opts, cursor };
        const [a, b] = [await page(lite, q, o), await page(pgs, q, o)];
        expect(b, `${g.text} ${g.filters.join(' ')} (${g.mode}, page ${n + 1})`).toEqual(a);
        compared++;
        if ('ids' in a && a.ids.length > 0) nonEmpty++;
        if ('error' in a || a.next === null) break;
        cursor = a.next;
      }
    }
    expect(compared).toBeGreaterThan(200);
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('finds the same inflected forms (Serbian Latin and Cyrillic, Dutch, French, Spanish, Arabic), folded and exact, and counts the same languages', async () => {
    const langs = await lite.languages();
    expect(await pgs.languages()).toEqual(langs);
    for (const l of ['sr', 'nl', 'fr', 'es', 'ar']) expect(langs.map((x) => x.lang)).toContain(l);
    const caseLangs = langs.flatMap((l) => (l.lang ? [l.lang] : []));
    let nonEmpty = 0;
    for (const text of INFLECTED_QUERIES)
      for (const mode of ['folded', 'exact'] as const)
        for (const q of [parseQuery(text, mode, { langs: caseLangs }), parseQuery(text, mode)]) {
          const [a, b] = [await page(lite, q, { limit: 200, count: 1000 }), await page(pgs, q, { limit: 200, count: 1000 })];
          expect(b, `${text} (${mode})`).toEqual(a);
          if ('ids' in a && a.ids.length > 0) nonEmpty++;
        }
    expect(nonEmpty).toBeGreaterThan(40);
    // and the stemmed search finds more than the form as typed
    const n = async (t: string, mode: 'folded' | 'exact') => (await lite.search(parseQuery(t, mode, { langs: caseLangs }), { limit: 500 })).hits.length;
    for (const t of ['kafa', 'pakket', 'livraison', 'paquete', 'شحنة']) expect(await n(t, 'folded'), t).toBeGreaterThan(await n(t, 'exact'));
  });

  it('reads the same messages, threads, mentions, stats, network, entities, activity, dossiers, identity data and places', async () => {
    type Any = Record<string, (...a: unknown[]) => unknown>;
    const both = async (f: (s: Any) => unknown): Promise<[unknown, unknown]> => {
      const run = async (s: Any) => {
        try {
          return await rowsOf(await f(s));
        } catch (e) {
          return { error: (e as { code?: string }).code ?? String(e) };
        }
      };
      return [await run(lite as unknown as Any), await run(pgs as unknown as Any)];
    };
    const same = async (what: string, f: (s: Any) => unknown, sort = false) => {
      const [a, b] = await both(f);
      if (sort && Array.isArray(a) && Array.isArray(b)) expect(sortRows(b), what).toEqual(sortRows(a));
      else expect(b, what).toEqual(a);
      return a;
    };
    const all = (await pgs.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded' }, { limit: 1000 })).hits.map((h) => h.id);
    expect(all.length).toBeGreaterThan(300);
    for (const id of all.slice(0, 120)) {
      const m = (await same(`message ${id}`, (s) => s.message!(id))) as { duplicates: number[] };
      for (const d of m.duplicates) await same(`copy ${d}`, (s) => s.message!(d));
      await same(`mentions ${id}`, (s) => s.mentions!(id));
    }
    for (const id of all.filter((_, i) => i % 25 === 0)) await same(`thread ${id}`, (s) => s.thread!(id, { before: 4, after: 4 }));
    await same('stats', (s) => s.stats!({ top: 10 }));
    await same('accounts', (s) => s.accounts!());
    expect(await same('edges', (s) => s.edges!(), true)).not.toEqual([]);
    for (const f of [{ channels: ['sms', 'call'] }, { minCount: 3 }, { after: T0 + 5 * 86_400_000, before: T0 + 20 * 86_400_000 }, { after: T0, minCount: 2, channels: ['chat'] }])
      await same(`edges ${JSON.stringify(f)}`, (s) => s.edges!(f), true);
    await same('communications', (s) => s.communications!({ after: T0 + 86_400_000 }), true);
    expect(await same('entities', (s) => s.entities!({ limit: 100 }))).not.toEqual([]);
    await same('entities of a type, paged', (s) => s.entities!({ type: 'number', limit: 5, offset: 1, accounts: 2 }));
    const accounts = (await pgs.accountsByIds([1, 2, 3, 4, 5, 6, 7])).size;
    expect(accounts).toBe(6);
    for (const b of [3_600_000, 86_400_000]) {
      await same(`activity ${b}`, (s) => s.activity!({ bucketMs: b, after: T0 + 86_400_000 }));
      for (const set of [[1], [2, 3], [1, 4, 6]]) await same(`activity ${b} ${set.join()}`, (s) => s.activity!({ bucketMs: b, accounts: set }));
    }
    const conv = (await pgs.search(parseQuery('to:sky:b'), { limit: 1000 })).hits.find((h) => h.conversationId !== null)!.conversationId!;
    await same('activity of a conversation', (s) => s.activity!({ bucketMs: 86_400_000, conversation: conv }));
    for (const set of [[1], [2], [3, 4], [5, 6], [1, 2, 3, 4, 5, 6]]) await same(`dossier ${set.join()}`, (s) => s.dossier!(set, { contacts: 4, entitiesPerType: 3 }));
    // (the lists as sets: their order is not part of the contract)
    type Ix = { data(p: string[]): Promise<Record<string, unknown[]>>; dataFor(ids: number[]): Promise<Record<string, unknown[]>> };
    const sets = (d: Record<string, unknown[]>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, sortRows(v)]));
    await same('identity data', async (s) => sets(await (s.identity!() as Ix).data(['novi broj', 'kafa'])));
    await same('identity data of two', async (s) => sets(await (s.identity!() as Ix).dataFor([1, 3])));
    expect(await same('map points', async (s) => (s.geo!() as { points(f: unknown, o: unknown): unknown }).points({}, { limit: 20, evidence: 3 }))).not.toEqual([]);
    expect(await same('place mentions', async (s) => (s.geo!() as { placeMentions(f: unknown): unknown }).placeMentions({ after: T0 + 86_400_000 }))).not.toEqual([]);
    for (const t of ['Ana', 'ana', 'sky:a', 'a', 'x@y.org', '+38164', 'nobody']) await same(`resolve ${t}`, (s) => s.resolveAccounts!(t));
  });
});

/** The rows of a value that may be a row stream (sync rows or async chunks), else the value. */
async function rowsOf(x: unknown): Promise<unknown> {
  if (x !== null && typeof x === 'object' && Symbol.asyncIterator in x) {
    const out: unknown[] = [];
    for await (const chunk of x as AsyncIterable<unknown[]>) out.push(...chunk);
    return out;
  }
  if (x !== null && typeof x === 'object' && !Array.isArray(x) && Symbol.iterator in x && !(x instanceof Map)) return [...(x as Iterable<unknown>)];
  return x;
}

function sortRows(rows: unknown[]): unknown[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
