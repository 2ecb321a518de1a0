/**
 * Compile a parsed query to an FTS5 MATCH expression. Every token is emitted as a quoted
 * string (with `"` doubled), so nothing the user typed can act as FTS5 syntax: operators exist
 * only where the parser put them.
 */
import type { TextNode } from '../../text/query/ast.js';

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/**
 * `dropNegatives`: leave out NOT branches (used when a later exact check applies them, since
 * excluding on folded text would also exclude texts that differ in case or accents).
 */
export function toFts(node: TextNode, dropNegatives = false): string {
  switch (node.kind) {
    case 'term': {
      // the word, or its stem token in a case language / its spelling in another script (parse.ts)
      const alts = [node.tokens[0]!, ...(node.alternatives ?? [])].map((t) => (node.prefix ? `${quote(t)}*` : quote(t)));
      return alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`;
    }
    case 'phrase': {
      const all = [node.tokens, ...(node.stemPhrases ?? [])].map((p) => quote(p.join(' ')));
      return all.length === 1 ? all[0]! : `(${all.join(' OR ')})`;
    }
    case 'or':
      return `(${node.children.map((c) => toFts(c, dropNegatives)).join(' OR ')})`;
    case 'not':
      // only reachable inside an AND (the parser rejects queries that only exclude)
      return toFts(node.child, dropNegatives);
    case 'and': {
      const pos = node.children.filter((c) => c.kind !== 'not');
      const neg = node.children.filter((c): c is Extract<TextNode, { kind: 'not' }> => c.kind === 'not');
      let s = `(${pos.map((c) => toFts(c, dropNegatives)).join(' AND ')})`;
      if (!dropNegatives) for (const n of neg) s = `(${s} NOT ${toFts(n.child)})`;
      return s;
    }
  }
}

/** Evaluate a query against a text's tokens (for the exact mode's check of each candidate). */
export function matchesTokens(node: TextNode, tokens: string[]): boolean {
  switch (node.kind) {
    case 'term':
      return node.prefix ? tokens.some((t) => t.startsWith(node.tokens[0]!)) : tokens.includes(node.tokens[0]!);
    case 'phrase': {
      const p = node.tokens;
      outer: for (let i = 0; i + p.length <= tokens.length; i++) {
        for (let j = 0; j < p.length; j++) if (tokens[i + j] !== p[j]) continue outer;
        return true;
      }
      return false;
    }
    case 'or':
      return node.children.some((c) => matchesTokens(c, tokens));
    case 'and':
      return node.children.every((c) => matchesTokens(c, tokens));
    case 'not':
      return !matchesTokens(node.child, tokens);
  }
}
