/**
 * Code words by meaning (issue 16 part 9): once the lexicon says "kafa" means cocaine, a search for
 * `cocaine` also finds the messages that say kafa (kafe, kafu, кафа where the case's language stems), and
 * `entity:drug=cocaine` also takes the code-word mentions of kafa. Done when the query is planned, from
 * the lexicon as it is now, so a code word added after the ingest works at once; both stores get the same
 * planned query, so they give the same hits.
 *
 * A word or phrase of the query whose folded form is the folded meaning of lexicon entries becomes
 * (it OR "code word" OR …); each code word is searched as a phrase (in the query's mode, with the stem
 * forms of the case's languages in folded mode). An entity filter whose value is such a meaning gets the
 * code words (SearchQuery entities[].codewords): the stores match their `codeword` mentions too.
 */
import type { SearchQuery, TextNode } from './ast.js';
import { STEMMER_LANGUAGES, stemToken } from '../stem/stem.js';
import { indexTokens, parseQuery } from './parse.js';

export interface CodewordMeaning {
  term: string;
  means: string;
  type?: string | null;
}

/** What a planned query expanded: each code word with its meaning, and the leaf that finds it. */
export interface CodewordExpansion {
  codeword: string;
  means: string;
  node: TextNode;
}

const MAX_EXPANSIONS = 64;

function key(text: string): string {
  return indexTokens(text, 'folded').join(' ');
}

/**
 * Expand `query` (parsed with `langs`, the case's languages) with the lexicon's code words: returns the
 * planned query (the input is not changed) and the expansions made.
 */
export function planCodewords(
  query: SearchQuery,
  lexicon: readonly CodewordMeaning[],
  langs: readonly string[],
): { query: SearchQuery; expansions: CodewordExpansion[] } {
  const expansions: CodewordExpansion[] = [];
  if (lexicon.length === 0) return { query, expansions };
  const byMeaning = new Map<string, CodewordMeaning[]>();
  for (const e of lexicon) {
    const k = key(e.means);
    if (k === '') continue;
    const list = byMeaning.get(k) ?? [];
    list.push(e);
    byMeaning.set(k, list);
  }
  const leafFor = (e: CodewordMeaning): TextNode | null => {
    try {
      // inside quotes the parser reads \" as a quote and \\ as a backslash: the code word is data
      return parseQuery(`"${e.term.replace(/[\\"]/g, (c) => `\\${c}`)}"`, query.mode, { langs }).text;
    } catch {
      return null; // a code word with nothing to search for (punctuation only)
    }
  };
  const expand = (node: TextNode): TextNode => {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        if (node.kind === 'term' && node.prefix) return node;
        const entries = byMeaning.get(key(node.raw));
        if (!entries) return node;
        const leaves: TextNode[] = [];
        const words: string[] = [];
        for (const e of entries) {
          if (expansions.length >= MAX_EXPANSIONS) break;
          const leaf = leafFor(e);
          if (!leaf) continue;
          leaves.push(leaf);
          words.push(e.term);
          expansions.push({ codeword: e.term, means: e.means, node: leaf });
        }
        if (leaves.length === 0) return node;
        return { kind: 'or', children: [node.kind === 'term' ? { ...node, codewords: words } : node, ...leaves] };
      }
      case 'and':
      case 'or':
        return { kind: node.kind, children: node.children.map(expand) };
      case 'not':
        return { kind: 'not', child: expand(node.child) };
    }
  };
  const text = query.text ? expand(query.text) : null;
  const entities = query.entities.map((f) => {
    if (f.value === undefined || f.type === 'codeword') return f;
    const entries = (byMeaning.get(key(f.value)) ?? []).filter((e) => !e.type || e.type === f.type);
    if (entries.length === 0) return f;
    for (const e of entries) {
      const node = leafFor(e);
      if (node && !expansions.some((x) => x.codeword === e.term)) expansions.push({ codeword: e.term, means: e.means, node });
    }
    return { ...f, codewords: entries.map((e) => e.term) };
  });
  return { query: { ...query, text, entities }, expansions };
}

/** One alternative of a code word's candidate token: a token, or a prefix of tokens. */
export interface CandidateToken {
  text: string;
  prefix: boolean;
}

/**
 * The full-text candidates of a code word, for applying it to the stored messages (the compiled matcher
 * then decides): per folded token of the term (all of them must occur), its alternatives: the token as a
 * prefix of its stem (kafa → kaf*, so kafu and kafom come), and in every stemmer's namespace its stem
 * token and that prefix (a message of a stemmed language holds stem tokens in place of its words).
 */
export function lexiconCandidates(term: string): CandidateToken[][] {
  return indexTokens(term, 'folded').map((t) => {
    const head = t.length > 3 ? t.slice(0, Math.max(3, t.length - 2)) : t;
    const out: CandidateToken[] = [{ text: head, prefix: t.length > 3 }];
    const seen = new Set<string>([head]);
    for (const lang of STEMMER_LANGUAGES) {
      const st = stemToken(t, lang);
      if (st === null) continue;
      const ns = st.slice(0, 3);
      for (const c of [ns + head, st]) {
        if (seen.has(c)) continue;
        seen.add(c);
        out.push({ text: c, prefix: true });
      }
    }
    return out;
  });
}
