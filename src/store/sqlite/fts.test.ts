import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexText, parseQuery } from '../../text/query/parse.js';
import { stemToken } from '../../text/stem/stem.js';
import { normalise } from '../../text/normalise/normalise.js';
import { matchesTokens, toFts } from './fts.js';
import { FTS_TOKENIZER } from './schema.js';

describe('toFts', () => {
  it('quotes every token so user text cannot act as FTS5 syntax', () => {
    const none = { langs: [] };
    expect(toFts(parseQuery('kafa OR "novi broj"', 'folded', none).text!)).toBe('("kafa" OR "novi broj")');
    expect(toFts(parseQuery('kont* -test', 'folded', none).text!)).toBe('(("kont"*) NOT "test")');
  });

  it('matches a word or its stem token, a phrase or its stem form (a stemmed message holds those)', () => {
    const sr = { langs: ['sr'] };
    const k = stemToken('kafu', 'sr')!;
    expect(toFts(parseQuery('kafu', 'folded', sr).text!)).toBe(`("kafu" OR "${k}")`);
    expect(toFts(parseQuery('kafu*', 'folded', sr).text!)).toBe(`("kafu"* OR "${k.slice(0, 3)}kafu"* OR "${k}"*)`);
    expect(toFts(parseQuery('"kafu sutra"', 'folded', sr).text!)).toBe(`("kafu sutra" OR "${indexText('kafu sutra', 'sr')}")`);
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

describe('the full-text tokenizer on ASCII text', () => {
  it('gives the same tokens for a text as for its normalised form (so ASCII bodies are indexed as they are)', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, tokenize = '${FTS_TOKENIZER}'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const ins = db.prepare('INSERT INTO t (rowid, text) VALUES (?, ?)');
    const tokens = db.prepare('SELECT term FROM v WHERE doc = ? ORDER BY offset').pluck();
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 1, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 60 }), (s) => {
        db.exec('DELETE FROM t');
        ins.run(1, s);
        ins.run(2, normalise(s));
        expect(tokens.all(1)).toEqual(tokens.all(2));
      }),
      { numRuns: 500 },
    );
    // and a non-ASCII text would not: the tokenizer keeps diacritics and Cyrillic
    db.exec('DELETE FROM t');
    ins.run(1, 'Šta Ђорђе');
    expect(tokens.all(1)).toEqual(['šta', 'ђорђе']);
    db.close();
  });
});
