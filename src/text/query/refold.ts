/**
 * The folded-index form of a query's words, for the stores: an exact-mode query is run against the folded
 * index (then each candidate is checked as typed), and in that index the words of a message whose language
 * has a stemmer are stem tokens (stem.ts). So the refolded query carries the stem alternatives of the
 * case's stemmed languages, as a folded query does. Also the phrase variants that full-text prefilters
 * (identity statements) run, in every stemmer's namespace.
 */
import { STEMMER_LANGUAGES } from '../stem/stem.js';
import type { TextNode } from './ast.js';
import { indexTokens, stemAlternatives } from './parse.js';

/** `text`'s folded index tokens as a message of each of `langs` holds them (the unstemmed form first), distinct. */
export function phraseVariants(text: string, langs: readonly string[] = STEMMER_LANGUAGES): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const lang of [null, ...langs]) {
    const t = indexTokens(text, 'folded', { lang });
    const key = t.join(' ');
    if (t.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** The folded-index form of an exact-mode query (same structure, folded tokens and their stem tokens in `langs`). */
export function refold(node: TextNode, langs: readonly string[] = []): TextNode {
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const tokens = indexTokens(node.raw, 'folded');
      if (node.kind === 'term' && tokens.length === 1) {
        const alternatives = stemAlternatives(tokens[0]!, langs, node.prefix);
        const term: TextNode = { kind: 'term', raw: node.raw, tokens, prefix: node.prefix };
        if (alternatives.length > 0) term.alternatives = alternatives;
        return term;
      }
      const [first, ...stemPhrases] = phraseVariants(node.raw, langs);
      const phrase: TextNode = { kind: 'phrase', raw: node.raw, tokens: first ?? [] };
      if (stemPhrases.length > 0) phrase.stemPhrases = stemPhrases;
      return phrase;
    }
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => refold(c, langs)) };
    case 'not':
      return { kind: 'not', child: refold(node.child, langs) };
  }
}
