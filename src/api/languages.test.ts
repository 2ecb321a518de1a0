import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { addCodeword } from './entities.js';
import { ingestFile } from './ingest.js';
import { languageOptions } from './languages.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';

describe('the language filter', () => {
  it('lists the case languages with their counts, most first, and keeps a typed language the case lacks', () => {
    const counts = [
      { lang: 'sr', messages: 1234 },
      { lang: 'nl', messages: 7 },
      { lang: null, messages: 3 },
    ];
    expect(languageOptions(counts)).toEqual([
      { value: 'sr', label: 'Serbian (sr) · 1,234', messages: 1234 },
      { value: 'nl', label: 'Dutch (nl) · 7', messages: 7 },
    ]);
    expect(languageOptions(counts, 'AR').at(-1)).toEqual({ value: 'ar', label: 'Arabic (ar) · none in this case', messages: null });
    expect(languageOptions(counts, 'sr')).toHaveLength(2);
    expect(languageOptions(counts, '<b>')).toHaveLength(2);
    expect(languageOptions([], 'zz')).toEqual([{ value: 'zz', label: 'zz · none in this case', messages: null }]);
  });
});

describe('search with the case languages and the lexicon', () => {
  it('finds inflected forms, highlights them, finds code words by meaning and says why', async () => {
    const d = tmp();
    const at = (i: number) => new Date(Date.UTC(2021, 2, 1, 10, i)).toISOString();
    const bodies = [
      'Jesi li popio kafu sa bratom u gradu juče',
      'Попио сам две кафе у граду са пријатељима',
      'De pakketten zijn gisteren aangekomen in de haven van Antwerpen',
      'Kapa je na stolu u kuhinji, uzmi je kad kreneš',
    ];
    const f = join(d, 'a.jsonl');
    writeFileSync(f, jsonl(bodies.map((b, i) => msg(A, B, at(i), b))));
    const casePath = join(d, 'c.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
    await withCase(casePath, {}, async (store) => {
      const langs = await store.languages();
      expect(langs.map((l) => l.lang)).toEqual(expect.arrayContaining(['sr', 'nl']));
      expect(langs.reduce((n, l) => n + l.messages, 0)).toBe(4);

      const kafa = await search(store, { query: 'kafa' });
      expect(kafa.hits.map((h) => h.snippet.text)).toEqual([bodies[1], bodies[0]]);
      const shown = kafa.hits.map((h) => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b)));
      expect(shown).toEqual([['кафе'], ['kafu']]);
      expect(kafa.hits.every((h) => h.via === undefined)).toBe(true);
      expect((await search(store, { query: 'kafa', mode: 'exact' })).hits).toEqual([]);
      expect((await search(store, { query: 'pakket' })).hits.map((h) => h.snippet.text)).toEqual([bodies[2]]);

      // a code word added after the ingest: its meaning finds it, and the hit says why
      await addCodeword(store, 'kafa', 'cocaine', 'drug');
      const cocaine = await search(store, { query: 'cocaine' });
      expect(cocaine.hits.map((h) => h.snippet.text)).toEqual([bodies[1], bodies[0]]);
      for (const h of cocaine.hits) expect(h.via).toEqual([{ codeword: 'kafa', means: 'cocaine' }]);
      expect(cocaine.hits.map((h) => h.snippet.highlights.length)).toEqual([1, 1]);
      expect((await search(store, { query: 'entity:drug=cocaine' })).hits.map((h) => h.snippet.text)).toEqual([bodies[1], bodies[0]]);
      expect((await search(store, { query: 'entity:codeword=kafa' })).hits.map((h) => h.snippet.text)).toEqual([bodies[1], bodies[0]]);
      expect((await search(store, { query: 'cocaine -kapa' })).hits).toHaveLength(2);
      expect((await search(store, { query: 'heroin' })).hits).toEqual([]);
    });
  });
});
