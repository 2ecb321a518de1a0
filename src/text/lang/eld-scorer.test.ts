import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type EldScorer, type EldVerdict, loadEldScorer } from './eld-scorer.js';
import { createLanguageDetector, loadLanguageDetector } from './detect.js';

interface EldLike {
  detect(t: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
  setLanguageSubset(l: string[] | boolean): unknown;
}

/** What eld itself says, in the scorer's terms. */
function reference(eld: EldLike, text: string): EldVerdict {
  const r = eld.detect(text);
  const v = r.getScores()[r.language];
  return { language: r.language, score: typeof v === 'number' ? v : 0, reliable: r.isReliable() };
}

let eld: EldLike;
let eldSubset: EldLike;
let fast: EldScorer;
let fastSubset: EldScorer;
const SUBSET = ['sr', 'hr', 'sl', 'nl', 'fr', 'es', 'pt', 'ar', 'sq', 'tr', 'en', 'xx'];

beforeAll(async () => {
  const mod = await import('eld/medium');
  eld = mod.eld.newInstance() as unknown as EldLike;
  eldSubset = mod.eld.newInstance() as unknown as EldLike;
  eldSubset.setLanguageSubset(SUBSET);
  fast = await loadEldScorer('medium');
  fastSubset = await loadEldScorer('medium', SUBSET);
});

// evaluation messages of every case language, plus chat texts with the quirks eld handles (apostrophes, emoji, long words)
const evalTexts = readFileSync(new URL('../../../bench/text/eval.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const extra = [
  '', ' ', 'ok', 'da', '👍', 'ajde', "don't l'homme aujourd’hui", 'a'.repeat(90), 'Ђе си брате, јел стигла роба?',
  'أين الشحنة يا أخي', 'Yarın limanda buluşuyoruz kardeşim', '中文 日本語 한국어', 'x'.repeat(2000), 'é '.repeat(600),
  // around eld's 350/380-byte cuts, with ASCII, 2-, 3- and 4-byte characters at the boundary
  ...[345, 348, 349, 350, 351, 352, 376, 378, 379, 380, 381, 382].flatMap((n) => [
    'a'.repeat(n) + ' brate gde si', 'ab '.repeat(n / 3) + 'ђе си', 'é'.repeat(n / 2) + 'x y', 'ab '.repeat(n / 3) + '😀ok',
    'gde '.repeat(n / 4) + 'ش'.repeat(7), 'x'.repeat(n) + 'ђ', 'x'.repeat(n - 1) + ' 😀 abc', 'ab '.repeat(n / 3) + 'internationalisationalizationnational', 'ab '.repeat(n / 3) + 'brategdesihavenmorgendemainpackage', 'ab '.repeat(n / 3) + 'организацијаорганизација',
  ]),
];

const WORDS = [
  'brate', 'gde', 'si', 'roba', 'stigla', 'sutra', 'đe', 'ćevapi', 'haven', 'morgen', 'kom', 'het', 'où', 'colis',
  'demain', 'dónde', 'está', 'mañana', 'encomenda', 'amanhã', 'أين', 'الشحنة', 'يا', 'أخي', 'ђе', 'брате', 'роба',
  'vëlla', 'nesër', 'yarın', 'kardeşim', 'where', 'package', 'the', '😀', "l'eau", 'don’t', 'ﻻ', '𝒳', 'ä', 'łódź',
  'Ǆemal', 'İstanbul', 'ß', 'ǅ', '-', '...', '¿', '«', '\u200b', 'ǈ', 'x', 'kokain', 'ΚΑΛΗΜΕΡΑ', 'שלום',
];
const chatText = fc.array(fc.constantFrom(...WORDS), { maxLength: 150 }).map((w) => w.join(' '));
// long words made of real ones (several cross eld's byte cuts in the middle of a word)
const glued = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '', '', '')), { maxLength: 200 }).map((w) => w.flat().join(''));

describe('eld scorer (re-implementation of eld 2.1 scoring)', () => {
  it('gives eld’s language, score and reliability on the evaluation set', () => {
    expect(evalTexts.length).toBeGreaterThan(400);
    for (const t of [...evalTexts, ...extra]) {
      expect(fast.score(t), t).toEqual(reference(eld, t));
      expect(fastSubset.score(t), t).toEqual(reference(eldSubset, t));
    }
  });

  it('gives eld’s answer on random texts', () => {
    fc.assert(
      fc.property(fc.oneof(chatText, glued, fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (t) => {
        expect(fast.score(t)).toEqual(reference(eld, t));
        expect(fastSubset.score(t)).toEqual(reference(eldSubset, t));
      }),
      { numRuns: 1500 },
    );
  });

  it('makes the detector answer as it does over eld itself', async () => {
    const overEld = createLanguageDetector(eld);
    const overFast = await loadLanguageDetector();
    for (const t of [...evalTexts, ...extra]) expect(overFast.detect(t), t).toEqual(overEld.detect(t));
  });
});
