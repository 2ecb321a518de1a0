import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyserWith } from './analyse.js';
import { type LanguageDetector, loadLanguageDetector } from './lang/detect.js';

let d: LanguageDetector;
beforeAll(async () => {
  d = await loadLanguageDetector();
});

describe('analyser language prior', () => {
  it('labels an undecided Cyrillic message by the given case prior', () => {
    expect(createAnalyserWith(d, { languagePrior: { sr: 0.9, bg: 0.1 } }).analyse('Добро, брат', null).lang).toBe('sr');
    expect(createAnalyserWith(d, { languagePrior: { mk: 1 } }).analyse('Добро, брат', null).lang).toBe('mk');
    expect(createAnalyserWith(d).analyse('Добро, брат', null).lang).toBeNull();
  });
  it('learns the prior from what it has read when none is given', () => {
    const a = createAnalyserWith(d);
    for (let i = 0; i < 3; i++) a.analyse('Ћао брате, ђе си, јел стигла роба', null);
    expect(a.analyse('Добро, брат', null).lang).toBe('sr');
  });
});
