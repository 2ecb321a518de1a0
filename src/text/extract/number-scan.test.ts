import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanNumberWords, scanNumberWordsByRegex } from './number-scan.js';

describe('scanNumberWords', () => {
  it('finds whole number words only', () => {
    expect(scanNumberWords('pet kila i dvadeset, petnaest; petica 5pet dva2 𝒳dva dva\u0301').map((n) => [n.text, n.start, n.value])).toEqual([
      ['pet', 0, 5],
      ['dvadeset', 11, 20],
      ['petnaest', 21, 15],
      ['dva', 54, 2],
    ]);
  });

  it('finds what the whole-word regex finds', () => {
    const parts = ['pet', 'dva', 'uc', 'dy', 'one', 'cien', 'pesedhjete', 'x', '5', ' ', '-', "'", 'é', 'ђ', '𝒳', '\ud835', '\udcb3', '\u0301', '😀', 'ك', '١', '_'];
    const text = fc.array(fc.constantFrom(...parts), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        expect(scanNumberWords(s)).toEqual(scanNumberWordsByRegex(s));
      }),
      { numRuns: 3000 },
    );
  });
});
