/**
 * Trim a folded query's alternatives before a store compiles it (issue 18: stemmed search within 1.2× of the
 * un-stemmed one). parse.ts gives each word an OR of its folded token, its stem token in every stemmer the
 * case holds and its spellings in another script (34 alternatives for `kafa` in a case of 26 languages);
 * most of them are in no message, and every one costs the index a look-up. This keeps the same hits with
 * fewer alternatives:
 *
 * - identical alternatives once;
 * - for a prefix, an alternative that another one is a prefix of is left out (`shkaf*` already matches
 *   what `shkafa*` matches);
 * - with `present` (the index's vocabulary, e.g. SQLite's fts5vocab), an alternative no document holds is
 *   left out, and a phrase variant with a token no document holds. When none is left the node keeps one
 *   (its first), which matches nothing, so the query's structure and its NOT branches stay as they were.
 *
 * The result is only for compiling to the index's syntax: its `tokens` may be an alternative's (the
 * first that is left), so it is not for an exact check of a text (matchesTokens reads the query as typed).
 */
import type { TextNode } from './ast.js';

/** Whether a document of the index holds `token` (with `prefix`, a token that starts with it). */
export type Present = (token: string, prefix: boolean) => boolean;

/** The tokens a term matches (any of them), distinct, in order; for a prefix without those another one covers. */
export function termTokens(tokens: readonly string[], prefix: boolean): string[] {
  const distinct = [...new Set(tokens)];
  if (!prefix) return distinct;
  return distinct.filter((t) => !distinct.some((o) => o !== t && t.startsWith(o)));
}

export function pruneAlternatives(node: TextNode, present?: Present): TextNode {
  switch (node.kind) {
    case 'term': {
      if (node.tokens.length === 0) return node;
      const all = termTokens([node.tokens[0]!, ...(node.alternatives ?? [])], node.prefix);
      const kept = present ? all.filter((t) => present(t, node.prefix)) : all;
      const [first, ...rest] = kept.length > 0 ? kept : [all[0]!];
      const out: TextNode = { kind: 'term', raw: node.raw, tokens: [first!], prefix: node.prefix };
      if (rest.length > 0) out.alternatives = rest;
      if (node.codewords) out.codewords = node.codewords;
      return out;
    }
    case 'phrase': {
      if (node.tokens.length === 0) return node;
      const seen = new Set<string>();
      const all: string[][] = [];
      for (const p of [node.tokens, ...(node.stemPhrases ?? [])]) {
        const key = p.join(' ');
        if (p.length === 0 || seen.has(key)) continue;
        seen.add(key);
        all.push(p);
      }
      const kept = present ? all.filter((p) => p.every((t) => present(t, false))) : all;
      const [first, ...rest] = kept.length > 0 ? kept : [all[0]!];
      const out: TextNode = { kind: 'phrase', raw: node.raw, tokens: first! };
      if (rest.length > 0) out.stemPhrases = rest;
      return out;
    }
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => pruneAlternatives(c, present)) };
    case 'not':
      return { kind: 'not', child: pruneAlternatives(node.child, present) };
  }
}
