import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokens } from '../query/parse.js';
import { hasStemmer, isStemToken, MAX_STEM_WORD, STEM_MARK, stemToken, stemTokensFor } from './stem.js';

/** The stem token of a word as typed (folded first, as the index does). */
const st = (word: string, lang: string) => stemToken(indexTokens(word)[0]!, lang);

describe('stemToken', () => {
  it('gives Serbian/Croatian case forms one stem, in both scripts and without diacritics', () => {
    const forms = ['kafa', 'kafe', 'kafu', 'kafom', 'kafi', 'кафа', 'кафе', 'кафом'];
    const stems = new Set(forms.map((f) => st(f, 'sr')));
    expect(stems.size).toBe(1);
    expect(st('predsednika', 'sr')).toBe(st('predsedniku', 'hr'));
    expect(st('Предсједнику', 'sr')).toBe(st('predsjednika', 'bs'));
  });
  it('stems Dutch, French, Spanish, English and Arabic', () => {
    expect(st('pakketten', 'nl')).toBe(st('pakket', 'nl'));
    expect(st('livraisons', 'fr')).toBe(st('livraison', 'fr'));
    expect(st('paquetes', 'es')).toBe(st('paquete', 'es'));
    expect(st('packages', 'en')).toBe(st('package', 'en'));
    expect(st('الشحنة', 'ar')).toBe(st('شحنة', 'ar'));
  });
  it('answers the same once a word is remembered, and after the memory is full and forgotten', () => {
    const first = ['kafa', 'kafu', 'predsednika', 'packages', 'livraisons'].map((w) => [st(w, 'sr'), st(w, 'en'), st(w, 'fr')]);
    // past the bound of the Serbian stemmer's memory (words of letters only: a word with a digit is not stemmed)
    const letters = (i: number) => [...i.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
    for (let i = 0; i < 100_001; i++) stemToken(`rec${letters(i)}`, 'hr');
    expect(['kafa', 'kafu', 'predsednika', 'packages', 'livraisons'].map((w) => [st(w, 'sr'), st(w, 'en'), st(w, 'fr')])).toEqual(first);
    expect(st('kafom', 'sr')).toBe(first[0]![0]);
  });
  it('keeps different words apart', () => {
    expect(st('predsednik', 'sr')).not.toBe(st('predigra', 'sr'));
    expect(st('kafa', 'sr')).not.toBe(st('kapa', 'sr'));
  });
  it('puts stems in a namespace no word can produce', () => {
    const t = st('kafu', 'sr')!;
    expect(t.startsWith(STEM_MARK)).toBe(true);
    expect(isStemToken(t)).toBe(true);
    // a text typing the mark itself cannot forge a stem token: the mark is not a word character
    expect(indexTokens(`${STEM_MARK}shkaf kafu`, 'folded')).toEqual(['shkaf', 'kafu']);
  });
  it('does not stem languages without a stemmer, short words, digits or huge words', () => {
    expect(hasStemmer('ru')).toBe(false);
    expect(stemToken('kafu', 'ru')).toBeNull();
    expect(stemToken('kafu', null)).toBeNull();
    expect(stemToken('je', 'sr')).toBeNull();
    expect(stemToken('kafa2', 'sr')).toBeNull();
    const huge = 'a'.repeat(100_000);
    expect(stemToken(huge, 'sr')).toBeNull();
    expect(stemToken('a'.repeat(MAX_STEM_WORD + 1), 'sr')).toBeNull();
  });
  it('gives one token per stemmer family', () => {
    expect(stemTokensFor('kafu', ['sr', 'hr', 'bs'])).toHaveLength(1);
    expect(stemTokensFor('kafu', ['sr', 'en', 'xx'])).toHaveLength(2);
  });
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('sr', 'nl', 'fr', 'es', 'en', 'ar', 'de', 'xx'), (s, l) => {
        for (const w of indexTokens(s)) {
          const t = stemToken(w, l);
          if (t !== null) expect(isStemToken(t)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('stems only words of its own script (an Arabic name in a Dutch message stays a word)', () => {
    expect(stemToken('كافا', 'nl')).toBeNull();
    expect(stemToken('الشحنة', 'sr')).toBeNull();
    expect(stemToken('kafa', 'ar')).toBeNull();
    expect(stemToken('الشحنة', 'ar')).not.toBeNull();
    expect(stemToken('pakketten', 'nl')).not.toBeNull();
    // so a Latin word's other-script spellings are looked up in the Arabic stemmer only
    expect(stemTokensFor('كافا', ['sr', 'nl', 'en', 'fr', 'es', 'ar'])).toHaveLength(1);
  });
});
