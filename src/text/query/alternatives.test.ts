import { describe, expect, it } from 'vitest';
import type { TextNode } from './ast.js';
import { pruneAlternatives, termTokens } from './alternatives.js';
import { parseQuery } from './parse.js';
import { stemToken } from '../stem/stem.js';

const term = (tokens: string[], prefix = false): TextNode => ({ kind: 'term', raw: tokens[0]!, tokens: [tokens[0]!], prefix, alternatives: tokens.slice(1) });

describe('pruneAlternatives', () => {
  it('keeps each alternative once, and a prefix only where no shorter prefix covers it', () => {
    expect(termTokens(['kafa', 'x', 'kafa', 'x'], false)).toEqual(['kafa', 'x']);
    expect(termTokens(['kontej', '\uE000shkontej', '\uE000shkonte', '\uE000enkontej'], true)).toEqual(['kontej', '\uE000shkonte', '\uE000enkontej']);
    // not a prefix: both stay
    expect(termTokens(['\uE000arكفا', '\uE000arكف'], false)).toEqual(['\uE000arكفا', '\uE000arكف']);
    const p = parseQuery('kontejnera*', 'folded', { langs: ['sr', 'nl', 'en'] }).text!;
    const pruned = pruneAlternatives(p);
    expect(pruned.kind === 'term' && [pruned.tokens[0], ...(pruned.alternatives ?? [])]).toEqual(
      termTokens([...(p.kind === 'term' ? [p.tokens[0]!, ...(p.alternatives ?? [])] : [])], true),
    );
    const sh = stemToken('kontejnera', 'sr')!;
    expect(pruned.kind === 'term' && pruned.alternatives).toContain(sh);
    expect(pruned.kind === 'term' && pruned.alternatives).not.toContain(`${sh.slice(0, 3)}kontejnera`);
  });

  it('drops alternatives and phrase variants the index does not hold, keeping one when none is held', () => {
    const held = new Set(['\uE000shkaf', 'novi', 'broj']);
    const present = (t: string) => held.has(t);
    expect(pruneAlternatives(term(['kafa', '\uE000shkaf', '\uE000nlkafa', 'كفا']), present)).toEqual({ kind: 'term', raw: 'kafa', tokens: ['\uE000shkaf'], prefix: false });
    expect(pruneAlternatives(term(['zzz', '\uE000shzzz']), present)).toEqual({ kind: 'term', raw: 'zzz', tokens: ['zzz'], prefix: false });
    const phrase: TextNode = { kind: 'phrase', raw: 'novi broj', tokens: ['novi', 'broj'], stemPhrases: [['\uE000shnov', '\uE000shbroj'], ['novi', 'broj']] };
    expect(pruneAlternatives(phrase, present)).toEqual({ kind: 'phrase', raw: 'novi broj', tokens: ['novi', 'broj'] });
    // structure and exclusions stay
    const q: TextNode = { kind: 'and', children: [term(['kafa', '\uE000shkaf']), { kind: 'not', child: term(['zzz']) }] };
    expect(pruneAlternatives(q, present)).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', raw: 'kafa', tokens: ['\uE000shkaf'], prefix: false },
        { kind: 'not', child: { kind: 'term', raw: 'zzz', tokens: ['zzz'], prefix: false } },
      ],
    });
  });
});
