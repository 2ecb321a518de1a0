import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TokenTrie, tokenize, toOriginal, type FoldedText } from './trie-matcher.js';

/** Test input: lower-case folding with an identity offset map (independent of the normaliser). */
function lower(s: string): FoldedText {
  const text = s.toLowerCase();
  return { text, map: Int32Array.from({ length: text.length }, (_, i) => i) };
}

function build(terms: [string, string, boolean?][]): TokenTrie<string> {
  const t = new TokenTrie<string>();
  for (const [term, data, inflect] of terms) t.add(term.toLowerCase(), data, { inflect: inflect ?? false });
  return t;
}

function run(t: TokenTrie<string>, s: string): [string, string][] {
  return t.match(lower(s), s).map((h) => [s.slice(h.start, h.end), h.data]);
}

describe('tokenize', () => {
  it('splits on non-letters and keeps offsets', () => {
    expect(tokenize('ak-47, glock!').map((t) => [t.text, t.start, t.end])).toEqual([
      ['ak', 0, 2],
      ['47', 3, 5],
      ['glock', 7, 12],
    ]);
  });
});

describe('TokenTrie', () => {
  it('sees entries added after a match (memoised token lookups are dropped)', () => {
    const t = build([['koverta', 'K', true]]);
    expect(run(t, 'kovertu i majicu')).toEqual([['kovertu', 'K']]);
    t.add('majica', 'M', { inflect: true });
    expect(run(t, 'kovertu i majicu')).toEqual([
      ['kovertu', 'K'],
      ['majicu', 'M'],
    ]);
  });

  it('answers the same on a repeated text as on the first', () => {
    const t = new TokenTrie<string>();
    t.add('bela kafa', 'BK', { inflect: true, minStem: 3 });
    t.add('kafa', 'K', { inflect: true, minStem: 3 });
    t.add('bela', 'B');
    const s = 'bela kafu, kafa bela, belu kafu i bela kafa';
    const first = run(t, s);
    expect(first).toEqual([
      ['bela kafu', 'BK'],
      ['kafa', 'K'],
      ['bela', 'B'],
      ['belu kafu', 'BK'],
      ['bela kafa', 'BK'],
    ]);
    expect(run(t, s)).toEqual(first);
  });

  it('matches whole tokens only', () => {
    const t = build([['glock', 'G']]);
    expect(run(t, 'glock i glockenspiel')).toEqual([['glock', 'G']]);
  });

  it('prefers the longest entry', () => {
    const t = build([
      ['rolex', 'R'],
      ['rolex daytona', 'RD'],
    ]);
    expect(run(t, 'Imam Rolex Daytona i Rolex.')).toEqual([
      ['Rolex Daytona', 'RD'],
      ['Rolex', 'R'],
    ]);
  });

  it('accepts hyphens and spaces between tokens but not sentence punctuation', () => {
    const t = build([['ak 47', 'AK']]);
    expect(run(t, 'AK-47, ak 47, AK. 47')).toEqual([
      ['AK-47', 'AK'],
      ['ak 47', 'AK'],
    ]);
  });

  it('inflects entries flagged for it, only with known endings', () => {
    const t = build([
      ['kokain', 'C', true],
      ['rijeka', 'RI', true],
      ['bar', 'BAR', true],
    ]);
    expect(run(t, 'kokaina kokainom kokainxyz Rijeku Rijekom bara')).toEqual([
      ['kokaina', 'C'],
      ['kokainom', 'C'],
      ['Rijeku', 'RI'],
      ['Rijekom', 'RI'],
    ]);
  });

  it('prefers exact matches over inflected ones of the same length', () => {
    const t = build([
      ['bari', 'BARI'],
      ['bara', 'BARA', true],
    ]);
    expect(run(t, 'Bari')).toEqual([['Bari', 'BARI']]);
  });

  it('lets a context rule veto a hit and tries shorter candidates', () => {
    const t = new TokenTrie<string>();
    t.add('novi sad', 'NS');
    t.add('novi', 'N');
    const s = 'novi sad';
    const hits = t.match(lower(s), s, (h) => h.data !== 'NS');
    expect(hits.map((h) => h.data)).toEqual(['N']);
  });

  it('never returns overlapping or out-of-range spans (property)', () => {
    const t = build([
      ['a b', 'AB'],
      ['b', 'B'],
      ['abc', 'ABC', true],
    ]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'abc', 'abca', ' ', '-', '.', 'x'), { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        const hits = t.match(lower(s), s);
        let prev = 0;
        for (const h of hits) {
          expect(h.start).toBeGreaterThanOrEqual(prev);
          expect(h.end).toBeGreaterThan(h.start);
          expect(h.end).toBeLessThanOrEqual(s.length);
          prev = h.end;
        }
      }),
    );
  });

  it('maps folded spans through expansion maps', () => {
    // original "љубав" folded as "ljubav": l and j both come from offset 0.
    const folded: FoldedText = { text: 'ljubav x', map: Int32Array.from([0, 0, 1, 2, 3, 4, 5, 6]) };
    expect(toOriginal(folded, 'љубав x', 0, 6)).toEqual([0, 5]);
    expect(toOriginal(folded, 'љубав x', 7, 8)).toEqual([6, 7]);
  });

  it('scales linearly on adversarial input', () => {
    const t = build([
      ['a a a a a a a b', 'X'],
      ['aaaa', 'Y', true],
    ]);
    const time = (n: number): number => {
      const s = 'a '.repeat(n);
      const f = lower(s);
      const t0 = performance.now();
      t.match(f, s);
      return performance.now() - t0;
    };
    time(10_000);
    const small = time(50_000);
    const big = time(400_000);
    expect(big).toBeLessThan(small * 8 * 4 + 50);
  });
});

describe('tokenize (property)', () => {
  it('agrees with the Unicode regex definition of a word token', () => {
    const re = /[\p{L}\p{N}\p{M}]+/gu;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 30 }), (a, b) => {
        const s = a + b;
        const expected = [...s.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
        expect(tokenize(s).map((t) => [t.start, t.end])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
