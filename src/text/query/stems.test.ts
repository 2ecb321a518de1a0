import { describe, expect, it } from 'vitest';
import type { TextNode } from './ast.js';
import fc from 'fast-check';
import { forgetQueryExpansions, indexText, indexTokens, parseQuery, stemAlternatives } from './parse.js';

/** What a store does with the AST over a message's index tokens (terms, stems, phrases and their stem forms). */
function matches(node: TextNode, tokens: string[]): boolean {
  switch (node.kind) {
    case 'term': {
      const alts = [node.tokens[0]!, ...(node.alternatives ?? [])];
      return node.prefix ? tokens.some((t) => alts.some((a) => t.startsWith(a))) : tokens.some((t) => alts.includes(t));
    }
    case 'phrase':
      return [node.tokens, ...(node.stemPhrases ?? [])].some((p) => {
        for (let i = 0; i + p.length <= tokens.length; i++) if (p.every((x, j) => tokens[i + j] === x)) return true;
        return false;
      });
    case 'and':
      return node.children.every((c) => matches(c, tokens));
    case 'or':
      return node.children.some((c) => matches(c, tokens));
    case 'not':
      return !matches(node.child, tokens);
  }
}

const search = (q: string, body: string, lang: string | null, langs: string[]) =>
  matches(parseQuery(q, 'folded', { langs }).text!, indexTokens(body, 'folded', { lang }));

describe('inflection in the folded search', () => {
  it('finds the inflected forms of a word, in both scripts (kafa = kafe, kafu, kafom, кафа, кафе)', () => {
    for (const body of ['Donesi kafe', 'Hoćeš kafu?', 'sa kafom', 'Где је кафа', 'попио сам кафе']) {
      expect(search('kafa', body, 'sr', ['sr', 'nl'])).toBe(true);
    }
    expect(search('кафу', 'kafa je tu', 'hr', ['hr'])).toBe(true);
  });
  it('finds Dutch, French, Spanish, English and Arabic forms by the message language', () => {
    expect(search('pakket', 'de pakketten zijn binnen', 'nl', ['nl', 'sr'])).toBe(true);
    expect(search('livraison', 'les livraisons de demain', 'fr', ['fr'])).toBe(true);
    expect(search('paquete', 'los paquetes llegan', 'es', ['es'])).toBe(true);
    expect(search('package', 'the packages arrived', 'en', ['en'])).toBe(true);
    expect(search('شحنة', 'وصلت الشحنة اليوم', 'ar', ['ar'])).toBe(true);
  });
  it('still finds messages without a language, and does not over-match', () => {
    expect(search('kafa', 'kafa', null, ['sr'])).toBe(true);
    expect(search('kafa', 'kapa', 'sr', ['sr'])).toBe(false);
    expect(search('predsednik', 'predigra', 'sr', ['sr'])).toBe(false);
  });
  it('stems only in the case languages given (none given: every stemmer; an empty list: none)', () => {
    expect(search('kafa', 'Hoćeš kafu?', 'sr', [])).toBe(false);
    expect(parseQuery('kafa', 'folded', { langs: [] }).text).toEqual({ kind: 'term', raw: 'kafa', tokens: ['kafa'], prefix: false });
    expect(parseQuery('kafa', 'exact', { langs: ['sr'] }).text).toEqual({ kind: 'term', raw: 'kafa', tokens: ['kafa'], prefix: false });
    expect(parseQuery('kafa', 'exact', { langs: ['sr', 'bg'] }).stemLangs).toEqual(['sr']);
    // a caller that does not know the case's languages still finds stemmed messages, of any language
    for (const [body, lang] of [['Hoćeš kafu?', 'sr'], ['les livraisons', 'fr'], ['الشحنة', 'ar']] as const)
      expect(matches(parseQuery(body.split(' ').at(-1)!.replace('?', '')).text!, indexTokens(body, 'folded', { lang })), body).toBe(true);
    expect(search('kafa', 'Hoćeš kafu?', 'sr', ['sr', 'bg'])).toBe(true);
  });
  it('keeps prefixes and phrases working over stemmed messages', () => {
    expect(search('kaf*', 'Hoćeš kafu?', 'sr', ['sr'])).toBe(true);
    expect(search('kafana*', 'u kafanama', 'sr', ['sr'])).toBe(true);
    expect(search('"kafu donesi"', 'kafa donesi brzo', 'sr', ['sr'])).toBe(true);
    expect(search('"kafa donesi"', 'donesi kafu', 'sr', ['sr'])).toBe(false);
  });
  it('gives stem tokens that a word tokenizer keeps whole', () => {
    const text = indexText('Hoćeš kafu? 5 kg', 'sr');
    expect(text.split(' ')).toEqual(indexTokens('Hoćeš kafu? 5 kg', 'folded', { lang: 'sr' }));
    expect(indexText('Hoćeš kafu?', null)).toBe('hoces kafu');
    expect(stemAlternatives('kafu', ['sr', 'hr'])).toHaveLength(1);
  });
  it('finds names across scripts when the case holds both (Ahmed = أحمد, Jovanović = Јовановић)', () => {
    expect(search('Ahmed', 'وصل أحمد اليوم', 'ar', ['sr', 'ar'])).toBe(true);
    expect(search('Youssef', 'يوسف في الميناء', null, ['nl', 'ar'])).toBe(true);
    expect(search('أحمد', 'Ahmed is in de haven', 'nl', ['nl', 'ar'])).toBe(true);
    expect(search('Jovanović', 'Јовановић је стигао', 'sr', ['sr'])).toBe(true);
    expect(search('Jovanovic', 'Jovanoviću javi', 'sr', ['sr'])).toBe(true);
    expect(search('Ahmed', 'وصل أحمد اليوم', 'ar', ['sr'])).toBe(false); // no Arabic in the case: no Arabic spellings
    expect(search('Ahmed', 'وصل محمد اليوم', 'ar', ['sr', 'ar'])).toBe(false);
  });
  it('copes with a 100k-character word', () => {
    const huge = 'kafa'.repeat(25_000);
    expect(indexTokens(huge, 'folded', { lang: 'sr' })).toEqual([huge]);
    expect(parseQuery(`${'k'.repeat(1500)}`, 'folded', { langs: ['sr'] }).text?.kind).toBe('term');
  });
  it('gives the same query from its remembered expansions as from a fresh parse, whatever the caller did to the last one', () => {
    const word = fc.stringMatching(/^[a-zčćšžđ]{1,9}$|^[ابتحدرسشكلمنوهي]{2,6}$|^[a-z]{2,6}\*$/);
    const query = fc.array(fc.oneof(word, fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.map((w) => w.replace('*', '')).join(' ')}"`)), { minLength: 1, maxLength: 3 });
    const langs = fc.subarray(['sr', 'hr', 'nl', 'en', 'fr', 'ar', 'fa', 'bg', 'de']);
    fc.assert(
      fc.property(query, langs, (words, ls) => {
        const q = words.join(' ');
        forgetQueryExpansions();
        const fresh = parseQuery(q, 'folded', { langs: ls });
        const again = parseQuery(q, 'folded', { langs: ls });
        expect(again).toEqual(fresh);
        // the AST is the caller's: changing it does not change the next parse
        const clobber = (n: TextNode): void => {
          if (n.kind === 'term') n.alternatives?.push('x');
          else if (n.kind === 'phrase') for (const p of n.stemPhrases ?? []) p.push('x');
          else if (n.kind === 'not') clobber(n.child);
          else n.children.forEach(clobber);
        };
        if (again.text) clobber(again.text);
        expect(parseQuery(q, 'folded', { langs: ls })).toEqual(fresh);
        // other languages are not served another's expansions
        expect(parseQuery(q, 'folded', { langs: ['es'] })).toEqual((forgetQueryExpansions(), parseQuery(q, 'folded', { langs: ['es'] })));
        // a phrase's forms are the phrase as a message of each case language holds it
        for (const p of words.filter((w) => w.startsWith('"'))) {
          const node = parseQuery(p, 'folded', { langs: ls }).text!;
          if (node.kind !== 'phrase') continue;
          const expected = [...new Set(ls.map((l) => indexTokens(p, 'folded', { lang: l }).join(' ')))].filter((k) => k !== node.tokens.join(' '));
          expect((node.stemPhrases ?? []).map((x) => x.join(' '))).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});
