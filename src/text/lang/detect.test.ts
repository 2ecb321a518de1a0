import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanForLanguage, dominantLanguage, loadLanguageDetector, type LanguageDetector, priorFromCounts } from './detect.js';

let d: LanguageDetector;
beforeAll(async () => {
  d = await loadLanguageDetector();
});

const lang = (s: string) => d.detect(s)?.lang ?? null;

describe('detect', () => {
  it('identifies the languages of the data', () => {
    expect(lang('Hoe laat kom je morgen naar de haven?')).toBe('nl');
    expect(lang('Où est le colis, on se voit demain soir')).toBe('fr');
    expect(lang('¿Dónde está el paquete? Llega mañana')).toBe('es');
    expect(lang('Onde está a encomenda, chega amanhã?')).toBe('pt');
    expect(lang('أين الشحنة يا أخي، غدا في الميناء')).toBe('ar');
    expect(lang('Ku je vëlla, malli arrin nesër në port')).toBe('sq');
    expect(lang('Yarın limanda buluşuyoruz kardeşim')).toBe('tr');
    expect(lang('where is the package bro, call me tomorrow')).toBe('en');
  });

  it('handles BCMS in both scripts, with script and macro', () => {
    const cyr = d.detect('Ђе си брате, јел стигла роба?');
    expect(cyr).toMatchObject({ lang: 'sr', script: 'Cyrl', macro: 'sh' });
    const lat = d.detect('Đe si brate, jel stigla roba?');
    expect(lat).toMatchObject({ lang: 'hr', script: 'Latn', macro: 'sh' });
    // Latin Serbian is Serbian (ekavian, šta); ijekavian and Croatian words are Croatian
    expect(d.detect('Gde si bre, šta radiš večeras')).toMatchObject({ lang: 'sr', macro: 'sh' });
    expect(d.detect('Gdje si, tko je to bio, vidjet ćemo poslije')).toMatchObject({ lang: 'hr', macro: 'sh' });
    expect(d.detect('Ѓорѓи, ќе дојдеш утре?')).toMatchObject({ lang: 'mk', script: 'Cyrl' });
    // Slovak stays Slovak
    expect(lang('Kde si? Prídem zajtra ráno, ďakujem pekne')).toBe('sk');
    expect(d.detect('Hoe laat kom je morgen?')?.macro).toBeUndefined();
  });

  it('tells Macedonian from Serbian and Bulgarian, and Arabic-script languages apart', () => {
    expect(lang('Мојот брат е во градот, тој дојде денес и ќе остане')).toBe('mk');
    expect(lang('Мој брат је у граду, није овде већ код куће')).toBe('sr');
    expect(lang('Аз съм тук, ще дойда утре сутринта')).toBe('bg');
    expect(lang('میں کل آؤں گا، ٹھیک ہے بھائی')).toBe('ur');
    expect(lang('فردا صبح می‌آیم پیش تو')).toBe('fa');
  });

  it('uses the case prior for what the text does not decide', () => {
    const t = 'Добро, како си, брат, шаљем поруку'; // љ: Serbian or Macedonian, no word of either
    expect(d.detect('Добро, како си брат мој', { prior: { mk: 0.8, sr: 0.2 } })?.lang).toBe('mk');
    expect(d.detect('Добро, како си брат мој', { prior: { sr: 0.8, mk: 0.2 } })?.lang).toBe('sr');
    expect(d.detect(t, { prior: { sr: 1 } })?.lang).toBe('sr');
    // a short Cyrillic text without markers: null without a prior, the prior's language with one
    expect(d.detect('Добро, брат')).toBeNull();
    expect(d.detect('Добро, брат', { prior: { sr: 0.9, bg: 0.1 } })).toMatchObject({ lang: 'sr', confidence: 0.5 });
    // a junk prior is ignored, not trusted
    expect(d.detect('Добро, брат', { prior: { sr: Number.NaN, bg: -1 } })).toBeNull();
    expect(d.detect('Toliko je radnika otpušteno danas', { prior: { sr: 0.9, hr: 0.1 } })?.lang).toBe('sr');
  });

  it('reads a frozen prior once and a mutable one every time', () => {
    // priorFromCounts' priors are frozen (checked once, however many texts they decide)
    const counts = priorFromCounts(new Map([['mk', 3], ['sr', 1]]));
    expect(Object.isFrozen(counts)).toBe(true);
    const junk = Object.freeze({ sr: Number.NaN, bg: -1 });
    for (let i = 0; i < 2; i++) {
      expect(d.detect('Добро, како си брат мој', { prior: counts })?.lang).toBe('mk');
      expect(d.detect('Добро, брат', { prior: junk })).toBeNull();
    }
    const mutable: Record<string, number> = { mk: 0.8, sr: 0.2 };
    expect(d.detect('Добро, како си брат мој', { prior: mutable })?.lang).toBe('mk');
    mutable.mk = 0.1;
    expect(d.detect('Добро, како си брат мој', { prior: mutable })?.lang).toBe('sr');
  });

  it('returns null for short or letterless texts', () => {
    expect(d.detect('ok')).toBeNull();
    expect(d.detect('da')).toBeNull();
    expect(d.detect('12345 !!! 😀')).toBeNull();
    expect(d.detect('')).toBeNull();
  });

  it('falls back to the conversation language', () => {
    expect(d.detectWithFallback('ok', 'nl')).toMatchObject({ lang: 'nl', confidence: 0, fallback: true, script: 'Latn' });
    expect(d.detectWithFallback('ok', null)).toBeNull();
    expect(d.detectWithFallback('Hoe laat kom je morgen naar de haven?', 'fr')?.lang).toBe('nl');
  });

  it('never throws and confidence is in 0..1', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const g = d.detect(s);
        if (g) {
          expect(g.confidence).toBeGreaterThanOrEqual(0);
          expect(g.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is cached per options', async () => {
    expect(await loadLanguageDetector()).toBe(d);
  });
});

describe('cleanForLanguage', () => {
  it('drops numbers, URLs, e-mails and codes', () => {
    expect(cleanForLanguage('zovi 064/123-456 ili boss@x.com, https://a.b/c sutra 5kg')).toBe('zovi ili sutra');
    expect(cleanForLanguage('bez brojeva')).toBe('bez brojeva');
    expect(cleanForLanguage('')).toBe('');
  });
  it('keeps detection of a message with entities', () => {
    expect(d.detect('Hoe laat kom je morgen naar de haven? bel 0612345678 of mail jan@x.nl')?.lang).toBe('nl');
  });
});

describe('dominantLanguage', () => {
  it('picks the most frequent, deterministic on ties', () => {
    expect(dominantLanguage({ sr: 5, hr: 3, en: 1 })).toBe('sr');
    expect(dominantLanguage(new Map([['nl', 2], ['fr', 2]]))).toBe('fr');
    expect(dominantLanguage({ fr: 2, nl: 2 })).toBe('fr');
    expect(dominantLanguage({})).toBeNull();
    expect(dominantLanguage({ x: 0 })).toBeNull();
  });
});
