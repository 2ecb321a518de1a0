import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalise, normaliseExact, normaliseExactWithMap, normaliseWithMap, toOriginalSpan, tokenize } from './normalise.js';

// Strings mixing the scripts and troublemakers we care about.
const PIECES = [
  'a', 'Z', ' ', '  ', '\n', '\t', '\u00A0', '\u200B', '\u200D', '\u202E', '\u2066', '\uFEFF', '\u00AD', 'ß', 'ẞ',
  'İ', 'ı', 'Σ', 'ς', 'Đ', 'đ', 'ð', 'Ð', 'č', 'Ć', 'ž', 'Š', 'ǅ', 'ǆ', 'Љ', 'њ', 'Џ', 'ђ', 'ћ', 'й', 'Ё', 'щ', 'ъ',
  'ѓ', 'ќ', 'ѕ', 'ї', 'е\u0308', 'и\u0306', 'e\u0301', '\u0301', '\u0903', 'क\u093F', 'أ', 'إ', 'آ', 'ٱ', 'ة', 'ى',
  'ی', 'ک', 'ـ', '\u064E', '\u0651', '\u0670', '٣', '۴', 'ﷺ', 'ﻻ', '㌖', 'ﬃ', '①', '¨', 'Å', 'ø', 'Æ', 'œ', 'þ',
  '\uD83D', '\uDE00', '😀', '❤\uFE0F', '👨\u200D👩', '\u0000', '\u007F', '\u0085', 'ŀ', '㍱', 'ǈ', 'ǲ', '\u1100\u1161',
  'Ω', 'K', 'Å', 'ﬅ', 'ſ', 'ᾳ', 'ΐ', 'ǰ', 'ẖ',
];
const mixed = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string(), fc.string({ unit: 'binary' })), { maxLength: 30 }).map((a) => a.join(''));
const anyString = fc.oneof(mixed, fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

describe('normalise properties', () => {
  it('is total, idempotent and at most 3x longer', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const n = normalise(s);
        expect(n.length).toBeLessThanOrEqual(3 * s.length);
        expect(normalise(n)).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it('normaliseWithMap agrees with normalise and maps into the original', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const { text, map } = normaliseWithMap(s);
        expect(text).toBe(normalise(s));
        expect(map.length).toBe(text.length);
        for (let i = 0; i < map.length; i++) {
          expect(map[i]).toBeGreaterThanOrEqual(0);
          expect(map[i]).toBeLessThan(s.length);
          if (i > 0) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1]!);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on non-strings at runtime', () => {
    expect(normalise(undefined as unknown as string)).toBe('');
    expect(normaliseWithMap(null as unknown as string).text).toBe('');
  });
});

describe('normalise table', () => {
  it('folds Serbian Latin, digraph and Cyrillic to the same form', () => {
    const a = normalise('Đorđević');
    expect(a).toBe('djordjevic');
    expect(normalise('Djordjevic')).toBe(a);
    expect(normalise('Ђорђевић')).toBe(a);
    expect(normalise('Dordevic')).toBe('dordevic');
    expect(normalise('ČAŠA')).toBe('casa');
    expect(normalise('Љубљана')).toBe(normalise('Ljubljana'));
    expect(normalise('Џеп')).toBe('dzep');
    expect(normalise('džep')).toBe('dzep');
    expect(normalise('ǆep')).toBe('dzep');
    expect(normalise('Њујорк')).toBe('njujork');
    expect(normalise('ЋЕВАПИ')).toBe('cevapi');
  });

  it('folds Russian, Ukrainian, Macedonian letters', () => {
    expect(normalise('Юрий')).toBe('jurij');
    expect(normalise('Яша')).toBe('jasa');
    expect(normalise('щука')).toBe('scuka');
    expect(normalise('объект')).toBe('obekt');
    expect(normalise('мы')).toBe('my');
    expect(normalise('это')).toBe('eto');
    expect(normalise('Ѓорѓи')).toBe('gjorgji');
    expect(normalise('ќе')).toBe('kje');
    expect(normalise('ѕвезда')).toBe('dzvezda');
    expect(normalise('Київ')).toBe('kijiv');
    // decomposed й (и + breve) folds like the precomposed letter
    expect(normalise('и\u0306')).toBe('j');
  });

  it('case folds specials', () => {
    expect(normalise('Straße')).toBe('strasse');
    expect(normalise('STRAẞE')).toBe('strasse');
    expect(normalise('İstanbul')).toBe('istanbul');
    expect(normalise('ISTANBUL')).toBe('istanbul');
    expect(normalise('ıstanbul')).toBe('istanbul');
    expect(normalise('ΟΔΟΣ')).toBe(normalise('οδος'));
    expect(normalise('Łódź')).toBe('lodz');
    expect(normalise('Ørsted Æble Œuvre Þór Ħal')).toBe('orsted aeble oeuvre thor hal');
    expect(normalise('ﬁne ①')).toBe('fine 1');
  });

  it('folds Arabic', () => {
    const plain = 'محمد';
    expect(normalise('مُحَمَّد')).toBe(normalise(plain));
    expect(normalise('مُحَمَّد')).toBe(plain);
    expect(normalise('أحمد')).toBe(normalise('احمد'));
    expect(normalise('إسلام')).toBe('اسلام');
    expect(normalise('آمنة')).toBe('امنه');
    expect(normalise('مـــحـــمد')).toBe(plain);
    expect(normalise('مصطفى')).toBe('مصطفي');
    expect(normalise('ﻻ')).toBe('لا');
    expect(normalise('کیف')).toBe('كيف');
    expect(normalise('٣٤٥')).toBe('345');
    expect(normalise('۱۲۳')).toBe('123');
  });

  it('removes invisible characters and collapses whitespace', () => {
    expect(normalise('ko\u200Bka\u00ADin')).toBe('kokain');
    expect(normalise('\u202Eabc\u202C')).toBe('abc');
    expect(normalise('\uFEFF  Hello \n\t World  ')).toBe('hello world');
    expect(normalise('a\u00A0\u00A0b')).toBe('a b');
    expect(normalise('❤\uFE0F')).toBe('❤');
    expect(normalise('')).toBe('');
    expect(normalise('   ')).toBe('');
  });

  it('folds typographic punctuation', () => {
    expect(normalise('don’t „ovo“ «ça» 10–20 — x')).toBe(`don't "ovo" "ca" 10-20 - x`);
  });

  it('returns already-normal ASCII unchanged', () => {
    const s = 'already normal text 123';
    expect(normalise(s)).toBe(s);
    expect(normalise('Mixed CASE  text')).toBe('mixed case text');
  });
});

describe('normaliseWithMap', () => {
  it('maps output chars back to the original', () => {
    const orig = '  ĐORĐE  je  u Beogradu';
    const { text, map } = normaliseWithMap(orig);
    expect(text).toBe('djordje je u beogradu');
    const at = text.indexOf('beogradu');
    const [s, e] = toOriginalSpan(orig, map, at, at + 'beogradu'.length);
    expect(orig.slice(s, e)).toBe('Beogradu');
    const [s2, e2] = toOriginalSpan(orig, map, 0, 'djordje'.length);
    expect(orig.slice(s2, e2)).toBe('ĐORĐE');
    // the "j" of "dj" maps to the Đ
    expect(map[1]).toBe(2);
  });

  it('maps through decomposed clusters and Cyrillic', () => {
    const orig = 'Ćao e\u0301 Љиља';
    const { text, map } = normaliseWithMap(orig);
    expect(text).toBe('cao e ljilja');
    const at = text.indexOf('ljilja');
    const [s, e] = toOriginalSpan(orig, map, at, text.length);
    expect(orig.slice(s, e)).toBe('Љиља');
    const [s2, e2] = toOriginalSpan(orig, map, 4, 5);
    expect(orig.slice(s2, e2)).toBe('e\u0301');
  });
});

describe('normaliseExact', () => {
  it('only composes and removes invisibles', () => {
    expect(normaliseExact('Č\u200Baša')).toBe('Čaša');
    expect(normaliseExact('C\u030Caša')).toBe('Čaša');
    expect(normaliseExact('ĐORĐE  x')).toBe('ĐORĐE  x');
    expect(normaliseExact('مُحَمَّد')).toBe('مُحَمَّد');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(anyString, (s) => normaliseExact(normaliseExact(s)) === normaliseExact(s)));
  });
  it('has a map version that agrees on well-formed text', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ unit: 'grapheme', maxLength: 40 })), (s) => {
        const { text, map } = normaliseExactWithMap(s);
        if (!/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) expect(text).toBe(normaliseExact(s));
        expect(map.length).toBe(text.length);
        for (let i = 1; i < map.length; i++) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1]!);
      }),
      { numRuns: 1000 },
    );
    const orig = 'A\u200BC\u030C x';
    const { text, map } = normaliseExactWithMap(orig);
    expect(text).toBe('AČ x');
    expect(Array.from(map)).toEqual([0, 2, 4, 5]);
  });
});

describe('tokenize', () => {
  it('splits words in any script with spans', () => {
    const s = 'Đorđe, Ђорђе & مُحَمَّد: 12kg x2!';
    const t = tokenize(s);
    expect(t.map((x) => x.text)).toEqual(['Đorđe', 'Ђорђе', 'مُحَمَّد', '12kg', 'x2']);
    for (const x of t) expect(s.slice(x.start, x.end)).toBe(x.text);
  });
  it('keeps decomposed diacritics inside the token', () => {
    expect(tokenize('C\u030Caša je').map((x) => x.text)).toEqual(['C\u030Caša', 'je']);
  });
});

describe('normalise speed', () => {
  it('scales linearly on 1 MB adversarial input', async () => {
    const { checkLinear } = await import('../extract/test-support/adversarial.js');
    const asMentions = (s: string) => (normaliseWithMap(s).text.length < 0 ? [{ type: 'email' as const, start: 0, end: 0, raw: '', value: '', confidence: 0 }] : []);
    expect(checkLinear(asMentions, {}, [undefined, 'ЂорђеЉ', 'مُحَمَّد', 'e\u0301\u0301\u0301', '\u200B', 'ﷺ'])).toEqual([]);
  });
});
