import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arabicScriptLanguage, bcmsCues, bcmsLatinVariant, cyrillicLanguage, priorChoice } from './regional.js';

const noEngine = () => null;

describe('bcmsLatinVariant (Serbian vs Croatian in Latin script)', () => {
  it('reads ekavian and Serbian vocabulary as Serbian, with or without diacritics', () => {
    expect(bcmsLatinVariant('Gde si bre, kafa je gotova, dođi posle posla', undefined, 'hr')).toBe('sr');
    expect(bcmsLatinVariant('Gde si bre, kafa je gotova, dodji posle posla', undefined, 'hr')).toBe('sr');
    expect(bcmsLatinVariant('Predsednik je rekao da moraju da sarađuju sa Evropskom unijom', undefined, 'hr')).toBe('sr');
  });
  it('reads ijekavian and Croatian vocabulary as Croatian', () => {
    expect(bcmsLatinVariant('Gdje si, kava je gotova, dođi poslije posla', undefined, 'hr')).toBe('hr');
    expect(bcmsLatinVariant('Predsjednik je rekao da moraju surađivati s Europskom unijom', undefined, 'hr')).toBe('hr');
    expect(bcmsLatinVariant('Tko je to bio, vidjet ćemo sutra', undefined, 'sr')).toBe('hr');
  });
  it('leaves a text with no cue to the prior, else to the fallback', () => {
    expect(bcmsCues('Toliko je radnika otpušteno.')).toEqual({ sr: 0, hr: 0, srbs: 0 });
    expect(bcmsLatinVariant('Toliko je radnika otpušteno.', undefined, 'hr')).toBe('hr');
    expect(bcmsLatinVariant('Toliko je radnika otpušteno.', { sr: 0.7, hr: 0.2 }, 'hr')).toBe('sr');
    expect(bcmsLatinVariant('Toliko je radnika otpušteno.', { bs: 1 }, 'hr')).toBe('bs');
  });
  it('reads ijekavian with šta/hiljada as Bosnian only when the case holds Bosnian', () => {
    const t = 'Šta misliš, gdje je hiljadu maraka';
    expect(bcmsLatinVariant(t, { bs: 0.5, hr: 0.5 }, 'hr')).toBe('bs');
    expect(bcmsLatinVariant(t, undefined, 'hr')).not.toBe('bs');
  });
  it('does not take đ (folded dj) for an ijekavian reflex', () => {
    expect(bcmsCues('određene').hr).toBe(0);
    expect(bcmsCues('djeca').hr).toBe(1);
  });
});

describe('cyrillicLanguage', () => {
  it('decides by letters only one language has', () => {
    expect(cyrillicLanguage('Ѓорѓи, ќе дојдеш утре?', undefined, noEngine)).toEqual({ lang: 'mk', decisive: true });
    expect(cyrillicLanguage('Ћао брате, ђе си', undefined, noEngine)).toEqual({ lang: 'sr', decisive: true });
    expect(cyrillicLanguage('Привіт, як справи? Їдемо', undefined, noEngine)?.lang).toBe('uk');
    expect(cyrillicLanguage('Мы будем завтра, это точно', undefined, noEngine)?.lang).toBe('ru');
  });
  it('tells Serbian from Macedonian by their words when both have ј љ њ џ', () => {
    expect(cyrillicLanguage('Мој брат је у граду, није овде', undefined, noEngine)?.lang).toBe('sr');
    expect(cyrillicLanguage('Мојот брат е во градот, тој дојде денес', undefined, noEngine)?.lang).toBe('mk');
  });
  it('labels a Cyrillic text with no language-specific letter or word by the prior, not the first guess', () => {
    const text = 'Добро, како си, брат'; // no ј, ђ, ћ, я, ы … and no marker word
    const bg = () => 'bg';
    expect(cyrillicLanguage(text, { sr: 0.9, bg: 0.1 }, bg)).toEqual({ lang: 'sr', decisive: false });
    expect(cyrillicLanguage(text, { mk: 0.5, en: 0.5 }, bg)).toEqual({ lang: 'mk', decisive: false });
    expect(cyrillicLanguage(text, undefined, bg)).toEqual({ lang: 'bg', decisive: false });
    expect(cyrillicLanguage(text, { nl: 1 }, noEngine)).toBeNull();
  });
  it('leaves Bulgarian/Russian/Ukrainian to the engine when their letters are there', () => {
    expect(cyrillicLanguage('Аз съм тук, ще дойда', { sr: 1 }, () => 'bg')).toEqual({ lang: 'bg', decisive: true });
  });
});

describe('arabicScriptLanguage', () => {
  it('reads Urdu, Persian and Arabic letters', () => {
    expect(arabicScriptLanguage('میں کل آؤں گا، ٹھیک ہے')).toBe('ur');
    expect(arabicScriptLanguage('فردا می‌آیم پیش تو')).toBe('fa');
    expect(arabicScriptLanguage('أين الشحنة يا أخي')).toBe('ar');
    expect(arabicScriptLanguage('سلام')).toBeNull();
  });
});

describe('priorChoice', () => {
  it('picks the heaviest candidate, deterministic on ties', () => {
    expect(priorChoice({ sr: 2, hr: 1 }, ['hr', 'sr'])).toBe('sr');
    expect(priorChoice({ sr: 1, hr: 1 }, ['sr', 'hr'])).toBe('hr');
    expect(priorChoice({ en: 1 }, ['sr', 'hr'])).toBeNull();
    expect(priorChoice(undefined, ['sr'])).toBeNull();
  });
  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        bcmsLatinVariant(s, { sr: 1 }, 'hr');
        cyrillicLanguage(s, { sr: 1 }, noEngine);
        arabicScriptLanguage(s);
      }),
      { numRuns: 200 },
    );
  });
});
