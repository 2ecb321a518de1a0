/**
 * Highlights of a search hit (snippet.ts): the query's words, their inflected forms in the message's own
 * language and their other-script spellings, as offsets into the original text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseWithMap, toOriginalSpan } from '../text/normalise/normalise.js';
import type { TextNode } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import { isStemToken, stemmerTag, stemTokensFor } from '../text/stem/stem.js';
import { highlightRanges, makeSnippet } from './snippet.js';

const CASE_LANGS = ['sr', 'hr', 'nl', 'fr', 'es', 'en', 'ar', 'de', 'ru', 'bg'];
const query = (q: string, langs: string[] = CASE_LANGS) => parseQuery(q, 'folded', { langs }).text;
const lit = (body: string, ranges: [number, number][]) => ranges.map(([s, e]) => body.slice(s, e));

/**
 * The highlighter as first written: every sequence of every positive leaf compared at every word of the
 * body, each word stemmed in those of `langs` whose stemmer made one of the query's stem tokens.
 */
function reference(body: string, q: TextNode | null, langs: readonly string[]): [number, number][] {
  const leaves = (n: TextNode | null): { seqs: string[][]; prefix: boolean }[] => {
    if (!n) return [];
    if (n.kind === 'term') return [{ seqs: [n.tokens, ...(n.alternatives ?? []).map((a) => [a])], prefix: n.prefix }];
    if (n.kind === 'phrase') return [{ seqs: [n.tokens, ...(n.stemPhrases ?? [])], prefix: false }];
    if (n.kind === 'not') return [];
    return n.children.flatMap(leaves);
  };
  const wanted = leaves(q);
  const tags = new Set(wanted.flatMap((w) => w.seqs.flat().filter(isStemToken).map((t) => t.slice(1, 3))));
  const stemLangs = langs.filter((l) => tags.has(stemmerTag(l) ?? ''));
  const { text, map } = normaliseWithMap(body);
  const toks = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ t: m[0], s: m.index, e: m.index + m[0].length }));
  const out: [number, number][] = [];
  for (let i = 0; i < toks.length; i++)
    for (const w of wanted)
      for (const seq of w.seqs) {
        if (seq.length === 0 || i + seq.length > toks.length) continue;
        const ok = seq.every((want, j) => {
          const tok = toks[i + j]!.t;
          const stems = isStemToken(want) ? stemTokensFor(tok, stemLangs) : [];
          return w.prefix && j === seq.length - 1 ? tok.startsWith(want) || stems.some((s) => s.startsWith(want)) : tok === want || stems.includes(want);
        });
        if (ok) {
          out.push(toOriginalSpan(body, map, toks[i]!.s, toks[i + seq.length - 1]!.e));
          break;
        }
      }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

describe('highlightRanges', () => {
  it("highlights a word's inflected forms in the message's own language, in both scripts", () => {
    const body = 'Donesi kafu i kafe sutra, кафа је код Марка';
    expect(lit(body, highlightRanges(body, query('kafa'), ['sr']))).toEqual(['kafu', 'kafe', 'кафа']);
    // a Dutch message holds no Serbian stems: only the word as typed (here: none)
    expect(lit(body, highlightRanges(body, query('kafa'), ['nl']))).toEqual(['кафа']);
    // no language: the folded word only
    expect(lit(body, highlightRanges(body, query('kafa'), []))).toEqual(['кафа']);
  });

  it('highlights phrases (with their stem forms), prefixes and every positive leaf, never an excluded word', () => {
    const body = 'Novi broj ti šaljem sutra; novog broja nema. Kontejneri su iz luke.';
    expect(lit(body, highlightRanges(body, query('"novi broj"'), ['sr']))).toEqual(['Novi broj', 'novog broja']);
    expect(lit(body, highlightRanges(body, query('kontej*'), ['sr']))).toEqual(['Kontejneri']);
    expect(lit(body, highlightRanges(body, query('luka OR sutra -nema'), ['sr']))).toEqual(['sutra', 'luke']);
    expect(highlightRanges(body, null, ['sr'])).toEqual([]);
  });

  it('maps the ranges back to the original text (diacritics, Cyrillic, case)', () => {
    const body = 'ŠALJEM PAKET — Пакет стиже';
    expect(lit(body, highlightRanges(body, query('paket'), ['sr']))).toEqual(['PAKET', 'Пакет']);
  });

  it('gives what comparing every alternative at every word gives, for words, phrases and prefixes', () => {
    const words = ['kafa', 'kafu', 'kafe', 'кафа', 'paket', 'paketi', 'pakketten', 'pakket', 'novi', 'broj', 'broja', 'luka', 'luci', 'haven', 'ok', 'الشحنة', 'شحنة', 'Ahmed', 'أحمد', 'kontejner'];
    const queries = ['kafa', 'paket', 'pakket', '"novi broj"', 'kaf*', 'luka OR haven', 'شحنة', 'Ahmed', 'kontejner -ok', '"kafa ok"', 'bro*', 'pak* kafa'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 12 }),
        fc.constantFrom(...queries),
        fc.constantFrom<string[]>(['sr'], ['nl'], ['ar'], ['en'], [], ['ru']),
        (ws, q, langs) => {
          const body = ws.join(' ');
          const node = query(q);
          expect(highlightRanges(body, node, langs)).toEqual(reference(body, node, langs));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stems a huge body only up to its cap and stays correct for what it stems', () => {
    const body = `${'kafu '.repeat(30_000)}kafa`;
    const ranges = highlightRanges(body, query('kafa'), ['sr']);
    // the first 20,000 words are stemmed (kafu matches), the rest only as typed (kafa matches)
    expect(ranges.length).toBe(20_001);
    expect(ranges[19_999]).toEqual([19_999 * 5, 19_999 * 5 + 4]);
    expect(body.slice(...ranges[20_000]!)).toBe('kafa');
  });
});

describe('makeSnippet', () => {
  it('cuts a long body around the first highlight and moves the ranges with it', () => {
    const body = `${'x '.repeat(200)}donesi kafu ${'y '.repeat(200)}`;
    const s = makeSnippet(body, query('kafa'), 60, ['sr']);
    expect(s.clippedStart && s.clippedEnd).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['kafu']);
  });
});
