import { describe, expect, it } from 'vitest';
import { parseQuery, indexTokens } from './parse.js';
import { phraseVariants, refold } from './refold.js';
import { STEM_MARK } from '../stem/stem.js';

describe('refold: an exact-mode query against the folded, stemmed index', () => {
  it('carries the stem tokens of the case languages, nothing else', () => {
    const q = parseQuery('Kafu', 'exact', { langs: ['sr', 'nl'] });
    expect(q.text).toEqual({ kind: 'term', raw: 'Kafu', tokens: ['Kafu'], prefix: false });
    const r = refold(q.text!, q.stemLangs);
    expect(r).toMatchObject({ kind: 'term', tokens: ['kafu'] });
    expect(r.kind === 'term' && r.alternatives).toContain(indexTokens('kafu', 'folded', { lang: 'sr' })[0]);
    expect(refold(q.text!, [])).toEqual({ kind: 'term', raw: 'Kafu', tokens: ['kafu'], prefix: false });
  });
  it('turns phrases into their stem forms, and keeps the structure', () => {
    const q = parseQuery('"Novi broj" -Test', 'exact', { langs: ['sr'] });
    const r = refold(q.text!, q.stemLangs);
    expect(r.kind).toBe('and');
    const [p, n] = (r as Extract<typeof r, { kind: 'and' }>).children;
    expect(p).toMatchObject({ kind: 'phrase', tokens: ['novi', 'broj'], stemPhrases: [indexTokens('novi broj', 'folded', { lang: 'sr' })] });
    expect(n).toMatchObject({ kind: 'not', child: { kind: 'term', tokens: ['test'] } });
  });
  it('gives a phrase as every stemmer indexes it, the plain form first, each once', () => {
    const v = phraseVariants('novi broj');
    expect(v[0]).toEqual(['novi', 'broj']);
    expect(new Set(v.map((t) => t.join(' '))).size).toBe(v.length);
    expect(v.some((t) => t.every((x) => x.startsWith(`${STEM_MARK}sh`)))).toBe(true);
    expect(phraseVariants('!!!')).toEqual([]);
  });
});
