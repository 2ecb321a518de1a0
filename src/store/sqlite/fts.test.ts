import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../text/query/parse.js';
import { matchesTokens, toFts } from './fts.js';

describe('toFts', () => {
  it('quotes every token so user text cannot act as FTS5 syntax', () => {
    expect(toFts(parseQuery('kafa OR "novi broj"').text!)).toBe('("kafa" OR "novi broj")');
    expect(toFts(parseQuery('kont* -test').text!)).toBe('(("kont"*) NOT "test")');
  });

  it('drops exclusions when an exact check applies them later', () => {
    expect(toFts(parseQuery('a -b').text!, true)).toBe('("a")');
  });
});

describe('matchesTokens', () => {
  it('evaluates terms, phrases, prefixes and NOT on a token list', () => {
    const toks = ['novi', 'broj', 'je', 'ovde'];
    expect(matchesTokens(parseQuery('"novi broj"').text!, toks)).toBe(true);
    expect(matchesTokens(parseQuery('"broj novi"').text!, toks)).toBe(false);
    expect(matchesTokens(parseQuery('ov* -stari').text!, toks)).toBe(true);
    expect(matchesTokens(parseQuery('novi -ovde').text!, toks)).toBe(false);
  });
});
