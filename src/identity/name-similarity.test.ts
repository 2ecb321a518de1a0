import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName, nameKey, skeleton } from './name-key.js';
import { NAME_MATCH_THRESHOLD, nameSimilarity } from './name-similarity.js';

describe('name keys', () => {
  it('fold Serbian Cyrillic and Latin spellings to one skeleton', () => {
    const ks = ['Đorđević', 'Djordjevic', 'Ђорђевић', 'Dordevic'].map((n) => nameKey(n).tokens[0]!.skeleton);
    expect(new Set(ks).size).toBe(1);
    expect(skeleton('djordjevic')).toBe('drdvc');
  });
  it('transliterate Arabic script', () => {
    expect(nameKey('محمد').tokens[0]!.skeleton).toBe(nameKey('Mohammed').tokens[0]!.skeleton);
    expect(nameKey('الهاشمي').tokens[0]!.skeleton).toBe(nameKey('El Hachimi').tokens[0]!.skeleton);
    // a common name takes its usual Latin spelling, another one a consonant transliteration
    expect(foldName('يوسف')).toEqual(['youssef']);
    expect(foldName('أحمد')).toEqual(['ahmed']);
    expect(foldName('كريموف')).toEqual(['krimuf']);
  });
  it('are total and bounded on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const k = nameKey(s);
        expect(k.tokens.length).toBeLessThanOrEqual(8);
        const sim = nameSimilarity(s, s);
        expect(sim === 0 || sim === 1).toBe(true);
      }),
    );
  });
});

describe('nameSimilarity', () => {
  it('meets across scripts and spellings', () => {
    for (const [a, b] of [
      ['Đorđević', 'Dordevic'], ['Ђорђевић', 'Djordjevic'], ['Miloš Petrović', 'Милош Петровић'], ['Muhammad', 'محمد'],
      ['Youssef Al-Tamimi', 'يوسف التميمي'], ['Ben Ali', 'Benali'], ['Ridouan Taghi', 'Redouane Et-Taghi'], ['Marko', 'Marko Jovanović'],
    ]) expect(nameSimilarity(a!, b!), `${a} ~ ${b}`).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });
  it('keeps different names apart', () => {
    for (const [a, b] of [['Jovanović', 'Petrović'], ['Marko', 'Milica'], ['Jansen', 'Bakker'], ['Kum', 'Šef'], ['محمد', 'Hassan']])
      expect(nameSimilarity(a!, b!), `${a} / ${b}`).toBeLessThan(NAME_MATCH_THRESHOLD);
  });
});
