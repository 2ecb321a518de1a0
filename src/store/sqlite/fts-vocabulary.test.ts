/**
 * The SQLite search leaves out the alternatives its index does not hold (fts.ts FtsVocabulary,
 * text/query/alternatives.ts) and finds exactly what the full query finds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../text/query/parse.js';
import type { BatchItem } from '../types.js';
import { FtsVocabulary, toFts } from './fts.js';
import { type SqliteCaseStore, openSqliteCase } from './store.js';

/** Real sentences as investigators see them, with the language the analyse stage gives them. */
const SENTENCES: [string, string | null][] = [
  ['Donesi kafu sutra ujutru', 'sr'],
  ['Gde je kafa? Nema kafe u kafani', 'sr'],
  ['Kontejner stiže u luku sledeće nedelje', 'sr'],
  ['Paket je na brodu, novi broj ti šaljem', 'sr'],
  ['Нови број је код Марка, кафа сутра', 'sr'],
  ['Popio sam kafu u kafani kod Jovanovića', 'sr'],
  ['Kontejneri su u luci, novac je stigao jučer', 'hr'],
  ['De pakketten liggen in de haven van Antwerpen', 'nl'],
  ['Het schip vertrekt morgen met het pakket', 'nl'],
  ['Les livraisons arrivent demain au port', 'fr'],
  ['Le paquet est chez Ahmed', 'fr'],
  ['Los paquetes llegan mañana en el barco', 'es'],
  ['El barco sale de Guayaquil con la carga', 'es'],
  ['The packages arrived at the harbour', 'en'],
  ['Call me on the new number, Ahmed has the package', 'en'],
  ['وصلت الشحنة اليوم', 'ar'],
  ['أحمد في الميناء مع الشحنات', 'ar'],
  ['kafa kafa ok', null],
  ['broj 500 ok', null],
];

const WORDS = [
  'kafa', 'kafu', 'kafe', 'kafana', 'кафа', 'kontejner', 'kontejnera', 'paket', 'pakket', 'pakketten', 'livraison', 'paquete', 'package',
  'شحنة', 'Ahmed', 'أحمد', 'broj', 'novi', 'luka', 'haven', 'sutra', 'zzz', 'Antwerpen', 'barco', 'morgen', 'Jovanović', 'ok', '500',
  // the same tokens as the prefixes below, as words: no message holds them (the answers for a word and a prefix are kept apart)
  'kaf', 'kontej', 'pak', 'liv', 'br',
];
const PREFIXES = ['kaf*', 'kontej*', 'pak*', 'liv*', 'pa*', 'a*', 'zz*', 'br*', 'شح*'];
const PHRASES = ['"novi broj"', '"kafu sutra"', '"kafa sutra"', '"de haven"', '"the package"', '"الشحنة اليوم"', '"zzz ok"', '"kafa ok"'];

let dir: string;
let store: SqliteCaseStore;
let langs: string[];

async function addSource(s: SqliteCaseStore, name: string, sentences: [string, string | null][], t0: number): Promise<void> {
  const items: BatchItem[] = sentences.map(([body, lang], i) => ({
    kind: 'record',
    record: { type: 'message', from: `sky:${i % 4}`, to: [`sky:${(i + 1) % 4}`], ts: t0 + i * 60_000, tzOffset: 0, channel: 'chat', body },
    locator: { line: i + 1 },
    analysis: { lang, langConfidence: 1, mentions: [] },
  }));
  const w = await s.beginSource({ path: join(dir, name), name, size: 1, sha256: name.padEnd(64, '0').slice(0, 64), format: 'canonical', options: {} });
  await w.writeBatch(items, { offset: null, line: items.length, itemsDone: items.length });
  await w.finish();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clew-vocab-'));
  store = openSqliteCase(join(dir, 'c.clew'), { create: true, threadedWriter: false });
  await addSource(store, 'a.jsonl', SENTENCES, Date.UTC(2021, 0, 1));
  langs = (await store.languages()).flatMap((l) => (l.lang ? [l.lang] : []));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The message ids the full (unpruned) query matches, straight from the index. */
function unprunedIds(q: string): number[] {
  const text = parseQuery(q, 'folded', { langs }).text!;
  return store.raw.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC').pluck().all(toFts(text)) as number[];
}

async function searchIds(s: SqliteCaseStore, q: string): Promise<number[]> {
  return (await s.search(parseQuery(q, 'folded', { langs }), { limit: 1000 })).hits.map((h) => h.id);
}

describe('search without the alternatives the index does not hold', () => {
  it('leaves out what no message holds (Arabic spellings of a Latin word, other stemmers, absent phrase variants)', () => {
    const vocab = new FtsVocabulary(store.raw);
    const full = parseQuery('kafa', 'folded', { langs }).text!;
    const pruned = vocab.prune(full);
    expect(full.kind === 'term' && full.alternatives!.length).toBeGreaterThan(10);
    expect(pruned.kind === 'term' && [pruned.tokens[0], ...(pruned.alternatives ?? [])]).toEqual(['kafa', '\uE000shkaf']);
    const phrase = vocab.prune(parseQuery('"novi broj"', 'folded', { langs }).text!);
    expect(phrase.kind === 'phrase' && (phrase.stemPhrases ?? []).length).toBe(0);
    expect(vocab.prune(parseQuery('pakk*', 'folded', { langs }).text!)).toMatchObject({ tokens: ['\uE000nlpakk'] });
  });

  it('finds the same messages as the full query (words, prefixes, phrases, AND / OR / NOT)', async () => {
    const leaf = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...PREFIXES), fc.constantFrom(...PHRASES));
    const query = fc.oneof(
      leaf,
      fc.tuple(leaf, leaf).map(([a, b]) => `${a} ${b}`),
      fc.tuple(leaf, leaf).map(([a, b]) => `${a} OR ${b}`),
      fc.tuple(leaf, leaf).map(([a, b]) => `${a} -${b}`),
      fc.tuple(leaf, leaf, leaf).map(([a, b, c]) => `(${a} OR ${b}) ${c}`),
    );
    let found = 0;
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const want = unprunedIds(q);
        found += want.length;
        expect(await searchIds(store, q)).toEqual(want);
      }),
      { numRuns: 300, seed: 18 },
    );
    expect(found).toBeGreaterThan(100); // the queries do find messages
  });

  it('keeps the answers for a word and for a prefix of the same letters apart', async () => {
    const reader = openSqliteCase(join(dir, 'c.clew'), { readonly: true });
    try {
      // no message holds the word "kaf" (nor "pak"): looked up first; many hold words starting with it, in and out of a stemmed language
      expect(await searchIds(reader, 'kaf')).toEqual(unprunedIds('kaf'));
      expect(await searchIds(reader, 'pak')).toEqual(unprunedIds('pak'));
      expect(await searchIds(reader, 'kaf*')).toEqual(unprunedIds('kaf*'));
      expect(await searchIds(reader, 'pak*')).toEqual(unprunedIds('pak*'));
      expect(unprunedIds('kaf*').length).toBeGreaterThan(3);
    } finally {
      await reader.close();
    }
  });

  it('forgets what it knew when a source is added (by this connection or another one)', async () => {
    const reader = openSqliteCase(join(dir, 'c.clew'), { readonly: true });
    try {
      expect(await searchIds(store, 'zdravo')).toEqual([]);
      expect(await searchIds(reader, 'zdravo')).toEqual([]);
      expect(await searchIds(reader, 'pošiljke')).toEqual([]);
      await addSource(store, 'b.jsonl', [['Zdravo, gde su pošiljke?', 'sr']], Date.UTC(2021, 1, 1));
      expect(await searchIds(store, 'zdravo')).toHaveLength(1);
      expect(await searchIds(reader, 'zdravo')).toHaveLength(1);
      expect(await searchIds(reader, 'pošiljka')).toHaveLength(1); // its stem token, absent before
    } finally {
      await reader.close();
    }
  });
});
