import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicNameLatin, bcmsLatinVariants, crossScriptVariants, latinToArabic, MAX_VARIANTS } from './cross-script.js';
import { normalise } from './normalise.js';

describe('names across scripts', () => {
  it('spells Latin names in Arabic script (folded)', () => {
    for (const [latin, arabic] of [['ahmed', 'أحمد'], ['khaled', 'خالد'], ['youssef', 'يوسف'], ['omar', 'عمر'], ['hassan', 'حسن'], ['mariam', 'مريم'], ['tamimi', 'التميمي'], ['alhashemi', 'الهاشمي']] as const) {
      expect(crossScriptVariants(latin), latin).toContain(normalise(arabic));
    }
    expect(latinToArabic('ahmed')[0]).toBe('احمد');
  });
  it('gives common Arabic names their Latin spellings', () => {
    expect(crossScriptVariants(normalise('أحمد'))).toEqual(expect.arrayContaining(['ahmed', 'ahmad']));
    expect(crossScriptVariants(normalise('محمد'))).toContain('mohammed');
    expect(arabicNameLatin(normalise('يوسف'))).toBe('youssef');
    expect(arabicNameLatin('كلمة')).toBeNull();
  });
  it('gives the foreign spellings of Serbian/Croatian surnames', () => {
    expect(bcmsLatinVariants('jovanovic')).toEqual(expect.arrayContaining(['jovanovich', 'jovanovitch']));
    expect(bcmsLatinVariants('petrovitch')).toContain('petrovic');
    expect(bcmsLatinVariants('djordjevic')).toContain('dordevic');
    expect(bcmsLatinVariants('zhivkovich')).toContain('zivkovic');
    expect(bcmsLatinVariants('ab')).toEqual([]);
  });
  it('is bounded on any input', () => {
    expect(crossScriptVariants('a'.repeat(100_000))).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const t = normalise(s);
        expect(crossScriptVariants(t).length).toBeLessThanOrEqual(MAX_VARIANTS + 8);
        expect(bcmsLatinVariants(t).length).toBeLessThanOrEqual(MAX_VARIANTS);
      }),
      { numRuns: 300 },
    );
  });
});
