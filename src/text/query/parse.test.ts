import fc from 'fast-check';
import { stemToken } from '../stem/stem.js';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../../model/errors.js';
import { parseQuery } from './parse.js';
import { filterTerm, readFilters, setFilter } from './quote.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ClewError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('parseQuery', () => {
  it('folds terms the way the index does', () => {
    const q = parseQuery('Ђорђевић', 'folded', { langs: [] });
    expect(q.text).toEqual({ kind: 'term', raw: 'Ђорђевић', tokens: ['djordjevic'], prefix: false });
    // the case's languages not given: the word's stem token under every stemmer, too
    expect(parseQuery('Ђорђевић').text).toMatchObject({ tokens: ['djordjevic'], alternatives: expect.arrayContaining([stemToken('djordjevic', 'sr'), stemToken('djordjevic', 'nl')]) as string[] });
  });

  it('makes adjacent words an AND and honours OR, NOT and parentheses', () => {
    const q = parseQuery('kafa (kontejner OR brod) -test');
    expect(q.text?.kind).toBe('and');
    const and = q.text as Extract<NonNullable<typeof q.text>, { kind: 'and' }>;
    expect(and.children.map((c) => c.kind)).toEqual(['term', 'or', 'not']);
  });

  it('keeps lower-case and/or/not as words', () => {
    const q = parseQuery('rock and roll');
    expect(q.text?.kind).toBe('and');
    expect((q.text as { children: unknown[] }).children).toHaveLength(3);
  });

  it('reads phrases, prefixes and filters', () => {
    const q = parseQuery('"novi broj" kontej* from:skyecc:4F2A9C to:"Kum Beograd" after:2021-03-01 before:2021-04-01 channel:sms');
    expect(q.from).toEqual(['skyecc:4F2A9C']);
    expect(q.to).toEqual(['Kum Beograd']);
    expect(q.after).toBe(Date.UTC(2021, 2, 1));
    expect(q.before).toBe(Date.UTC(2021, 3, 1));
    expect(q.channels).toEqual(['sms']);
    const and = q.text as { children: { kind: string; tokens: string[]; prefix?: boolean }[] };
    expect(and.children[0]).toMatchObject({ kind: 'phrase', tokens: ['novi', 'broj'] });
    expect(and.children[1]).toMatchObject({ kind: 'term', tokens: ['kontej'], prefix: true });
  });

  it('turns a word with punctuation into a phrase of its tokens', () => {
    expect(parseQuery('e-mail').text).toMatchObject({ kind: 'phrase', tokens: ['e', 'mail'] });
  });

  it('rejects malformed queries with QUERY_SYNTAX', () => {
    for (const bad of ['"open', '(a OR b', 'a OR', 'OR a', 'NOT', '-x', 'a AND', 'after:2021-02-30 x', 'after:yesterday x', '', '   ', 'channel:fax', 'x)', 'after:2021-05-01 before:2021-04-01'])
      expect(code(() => parseQuery(bad)), bad).toBe('QUERY_SYNTAX');
  });

  it('reads tag: as a folded tag name and note: as folded words; a bad one is a syntax error', () => {
    expect(parseQuery('tag:Suspect').tags).toEqual(['suspect']);
    expect(parseQuery('kafa tag:"High  Value" tag:ÉTÉ').tags).toEqual(['high value', 'été']);
    expect(parseQuery('tag:x').text).toBeNull();
    expect(parseQuery('note:"Brata Ђорђа"').noteWords).toEqual(['brata', 'djordja']);
    expect(parseQuery('kafa').tags).toBeUndefined();
    expect(code(() => parseQuery(`tag:${'x'.repeat(65)}`))).toBe('QUERY_SYNTAX');
    expect(code(() => parseQuery('tag:"a\u202eb"'))).toBe('QUERY_SYNTAX');
    expect(code(() => parseQuery('note:"!!"'))).toBe('QUERY_SYNTAX');
  });

  it('rejects an unknown filter, naming the filters there are, instead of searching for its words', () => {
    for (const q of ['foo:bar', 'kafa foo:bar', 'Foo:"x y"', 'skyecc:4F2A9C']) {
      let err: ClewError | undefined;
      try {
        parseQuery(q);
      } catch (e) {
        err = e as ClewError;
      }
      expect(err?.code, q).toBe('QUERY_SYNTAX');
      expect(err?.message, q).toMatch(/unknown filter "(foo|skyecc):"/);
      for (const k of ['from:', 'to:', 'person:', 'after:', 'before:', 'channel:', 'lang:', 'entity:', 'tag:', 'note:']) expect(err?.message, q).toContain(k);
      expect(err?.details.filter, q).toMatch(/^(foo|skyecc)$/);
    }
    expect(() => parseQuery('skyecc:4F2A9C')).toThrow(/from:skyecc:4F2A9C/);
    // links, times, a colon at the end of a word and quoted text stay text
    expect(parseQuery('https://example.com/x').text).not.toBeNull();
    expect(parseQuery('u 14:30').text).not.toBeNull();
    expect(parseQuery('Napomena: sutra').text).not.toBeNull();
    expect(parseQuery('"foo:bar"').text).toMatchObject({ kind: 'phrase', tokens: ['foo', 'bar'] });
  });

  it('accepts a filter-only query', () => {
    const q = parseQuery('from:kum');
    expect(q.text).toBeNull();
    expect(q.from).toEqual(['kum']);
  });

  it('never throws anything but a QUERY_SYNTAX error, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const c = code(() => parseQuery(s));
        return c === undefined || c === 'QUERY_SYNTAX';
      }),
      { numRuns: 2000 },
    );
  });
});

describe('filter values written by filterTerm (quote.ts)', () => {
  it('reads quotes and backslashes inside a quoted value', () => {
    expect(parseQuery(filterTerm('entity', 'vehicle=Audi "Q7"')).entities).toEqual([{ type: 'vehicle', value: 'Audi "Q7"' }]);
    expect(parseQuery(filterTerm('from', 'a\\"b')).from).toEqual(['a\\"b']);
    expect(parseQuery('"C:\\path here"').text).toMatchObject({ kind: 'phrase', raw: 'C:\\path here' });
    expect(parseQuery('"say \\"hi\\" now"').text).toMatchObject({ kind: 'phrase', raw: 'say "hi" now' });
    expect(code(() => parseQuery('"open \\"'))).toBe('QUERY_SYNTAX');
  });

  it('round-trips any value: format then parse gives the value back', () => {
    // any text, and text made mostly of the characters the syntax gives meaning to
    const special = fc.array(fc.constantFrom('"', '\\', ' ', '(', ')', '-', ':', '=', '*', '\n', 'a', 'Ђ', 'ا'), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), special, (a, v) => {
        for (const s of [a, v]) {
          const q = parseQuery(`kafa ${filterTerm('entity', `iban=${s}`)} ${filterTerm('to', s || 'x')}`);
          expect(q.entities).toEqual([{ type: 'iban', value: s }]);
          expect(q.to).toEqual([s || 'x']);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('setFilter and readFilters (the search view filter controls)', () => {
  it('replaces a filter and leaves phrases and other filters alone', () => {
    expect(setFilter('kafa from:a "from:b" to:c', 'from', 'Kum "Stari"')).toBe('kafa "from:b" to:c from:"Kum \\"Stari\\""');
    expect(setFilter('kafa from:"x y" lang:sr', 'from', null)).toBe('kafa lang:sr');
    expect(readFilters('a FROM:"x \\" y" b').map((f) => [f.key, f.value])).toEqual([['from', 'x " y']]);
  });

  it('composes into a query the parser reads back with the values set', () => {
    const text = fc.constantFrom('', 'kafa', '"novi broj" kontej*', 'a OR b', 'from:old lang:nl x');
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.constantFrom('"', '\\\\', ' ', '(', ')', 'a', ':'), { minLength: 1, maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, value, value, (t, from, ent) => {
        fc.pre(from.trim() !== '');
        const q = setFilter(setFilter(setFilter(t, 'from', from), 'entity', `iban=${ent}`), 'lang', 'sr');
        const parsed = parseQuery(q);
        expect(parsed.from).toEqual([from]);
        expect(parsed.entities).toEqual([{ type: 'iban', value: ent }]);
        expect(parsed.langs).toEqual(['sr']);
        expect(readFilters(q).map((f) => f.key)).toEqual(['from', 'entity', 'lang']);
      }),
      { numRuns: 1500 },
    );
  });
});
