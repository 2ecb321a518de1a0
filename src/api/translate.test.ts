/** Translating a case's messages against the real Apertium and a real SQLite case; skipped without Apertium's hbs-eng pair. */
import { describe, expect, it } from 'vitest';
import type { ClewError } from '../model/errors.js';
import { detectApertium } from '../text/translate/apertium.js';
import { openCase, withCase } from './case.js';
import { ARABIC_BODY, SERBIAN, buildSerbianCase } from './test-support/serbian-case.js';
import { useTmp } from './test-support/tmp.js';
import { protectedSpans, translateMessages, translationLabel, wordSpans } from './translate.js';

const engine = await detectApertium();
const ready = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;
if (!ready) console.warn('SKIPPED src/api/translate.test.ts: Apertium with apertium-hbs-eng is not installed (run `npm test`, which installs it)');

const tmp = useTmp();

describe('protected spans', () => {
  it('find lexicon words whole and case-insensitively, never inside another word', () => {
    const t = 'Plavi konj i plavi konjić, KUM i kuma';
    expect(wordSpans(t, ['plavi konj', 'kum']).map((s) => t.slice(s.start, s.end))).toEqual(['Plavi konj', 'KUM']);
    expect(wordSpans(t, ['', '  '])).toEqual([]);
  });
  it('add the mentions within the text', () => {
    const t = 'zovi +381641234567 sutra';
    const m = { type: 'phone' as const, start: 5, end: 18, raw: '+381641234567', value: '+381641234567', confidence: 1 };
    expect(protectedSpans(t, [], [m, { ...m, start: 20, end: 99 }])).toEqual([{ start: 5, end: 18 }]);
  });
});

describe.skipIf(!ready)('translating a case\'s messages', () => {
  it('translates a Serbian thread beside the original, keeps code words and entities, caches by pair and version, says when no pair exists', async () => {
    const { casePath } = await buildSerbianCase(tmp());
    await withCase(casePath, {}, async (store) => {
      const found = await translateMessages(store, { query: 'kontejner', limit: 10 });
      expect(found.messages.map((m) => m.original).sort()).toEqual([SERBIAN[0], SERBIAN[1], SERBIAN[2]].sort());
      const ids = found.messages.map((m) => m.id);
      const arabic = (await store.search((await import('../text/query/parse.js')).parseQuery('الشحنة', 'folded'), { limit: 1 })).hits[0]!.id;

      // the first call translated them all now (the query's); the same pair and version then answers from the case
      expect(found.translated).toBe(3);
      expect(found.cached).toBe(0);
      const first = found.messages.find((m) => m.original === SERBIAN[0])!;
      expect(first.translation).toMatchObject({ engine: 'apertium', pair: 'hbs-eng', cached: false });
      expect(first.label).toBe(translationLabel(first.translation!));
      expect(first.label).toMatch(/^machine translation \(Apertium hbs-eng, \d/);
      expect(first.translation!.text).toMatch(/Friday/);
      expect(first.translation!.text).toContain('+381641234567');
      expect(first.translation!.text).toContain('plavi konj');
      const cyr = found.messages.find((m) => m.original === SERBIAN[2])!;
      expect(cyr.translation!.text).toMatch(/Friday/);

      const again = await translateMessages(store, { ids: [...ids, arabic] });
      expect(again.translated).toBe(0);
      expect(again.cached).toBe(3);
      for (const m of again.messages.slice(0, 3)) {
        const before = found.messages.find((x) => x.id === m.id)!;
        expect(m.translation).toEqual({ ...before.translation, cached: true });
      }
      // a language with no pair says so, and nothing is stored for it
      const ar = again.messages[3]!;
      expect(ar.original).toBe(ARABIC_BODY);
      expect(ar.translation).toBeNull();
      expect(ar.label).toBeNull();
      expect(ar.failure).toBe('no-pair');
      expect(ar.failed).toMatch(/no Apertium pair installed for Arabic → English/);
      expect(await store.translationsOf([arabic], 'en')).toEqual([]);

      // stored with engine, pair and versions; the source records untouched
      const rows = await store.translationsOf(ids, 'en');
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({ engine: 'apertium', pair: 'hbs-eng', target: 'en', version: engine!.pairs.find((p) => p.mode === 'hbs-eng')!.version });
      expect((await store.message(first.id)).body).toBe(SERBIAN[0]);

      // --fresh translates again (same text from the same engine)
      const fresh = await translateMessages(store, { ids: [first.id], fresh: true });
      expect(fresh).toMatchObject({ translated: 1, cached: 0 });
      expect(fresh.messages[0]!.translation!.text).toBe(first.translation!.text);

      // a read-only view answers from the case and translates nothing
      const ro = await openCase(casePath, { readonly: true });
      try {
        const view = await translateMessages(ro, { ids: [first.id], cachedOnly: true });
        expect(view.messages[0]!.translation).toMatchObject({ cached: true, pair: 'hbs-eng' });
      } finally {
        await ro.close();
      }

      // the code words kept are part of the cache key: a code word added to the lexicon that the first message
      // holds makes that one translated again (keeping it), the others still answer from the case
      expect((await store.translationsOf([first.id], 'en'))[0]!.lexicon).toEqual(['plavi konj']);
      expect((await store.translationsOf([cyr.id], 'en'))[0]!.lexicon).toEqual([]);
      await store.addLexiconEntry({ term: 'kum', means: 'informant' });
      const kept = await translateMessages(store, { ids });
      expect(kept).toMatchObject({ translated: 1, cached: 2 });
      const redone = kept.messages.find((m) => m.id === first.id)!;
      expect(redone.translation!.cached).toBe(false);
      expect(redone.translation!.text).toMatch(/\bkum\b/);
      expect((await store.translationsOf([first.id], 'en'))[0]!.lexicon).toEqual(['kum', 'plavi konj']);
      expect(await translateMessages(store, { ids })).toMatchObject({ translated: 0, cached: 3 });

      // a search with translations finds the Serbian messages by an English word of their translation
      const { search } = await import('./search.js');
      const found2 = await search(store, { query: 'friday', translated: true });
      expect(found2.hits.map((h) => h.id).sort()).toEqual([first.id, cyr.id].sort());
      for (const h of found2.hits) {
        expect(h.viaTranslation).toBe(true);
        expect(h.translation!.label).toMatch(/^machine translation \(Apertium hbs-eng, /);
        const hl = h.translation!.snippet.highlights[0]!;
        expect(h.translation!.snippet.text.slice(hl[0], hl[1])).toBe('Friday');
      }
      expect((await search(store, { query: 'friday' })).hits).toEqual([]);

      const err = await translateMessages(store, { ids: [424242] }).catch((e: unknown) => e);
      expect((err as ClewError).code).toBe('NOT_FOUND');
      expect(((await translateMessages(store, {}).catch((e: unknown) => e)) as ClewError).code).toBe('INVALID_ARGUMENT');
      expect(((await translateMessages(store, { ids: [1], to: 'e n' }).catch((e: unknown) => e)) as ClewError).code).toBe('INVALID_ARGUMENT');
    });
  });
});
