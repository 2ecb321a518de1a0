/**
 * Per-case code words: the analyst's lexicon ("kafa" means cocaine, "majica" means kilogram) compiled
 * into a matcher. Matching is on folded text (case, diacritics, Cyrillic → Latin), whole words only, with
 * the inflection of the token trie ("kafu", "kafom" match "kafa") unless the entry says `exact`.
 * Multi-word terms are allowed ("bela kafa"); the longest entry wins.
 *
 * Pure: `compileLexicon` returns a matcher; applying it to stored messages (retroactively) is the store's job.
 */
import type { EntityType, Mention } from '../../model/entities.js';
import { ClewError } from '../../model/errors.js';
import { fold, foldTerm } from './fold.js';
import { MAX_TOKENS, TokenTrie, tokenize } from './trie-matcher.js';
import { MAX_MENTIONS } from './types.js';

export interface CodewordEntry {
  /** The code word as the suspects write it (any script, case). */
  term: string;
  /** What it stands for, in the analyst's words ("cocaine", "1 kg"). */
  means: string;
  /** Optional entity type of the meaning (e.g. 'drug'), copied to attrs.type. */
  type?: EntityType | string;
  /** Match the term exactly (no case endings). Default: inflect when the stem has ≥ 3 letters. */
  exact?: boolean;
}

export interface CodewordMatcher {
  /** Number of entries compiled. */
  readonly size: number;
  extract(text: string): Mention[];
}

export const MAX_CODEWORDS = 10_000;
const MAX_TERM_CHARS = 200;

interface Data {
  entry: CodewordEntry;
  folded: string;
}

/**
 * Compile the analyst's lexicon. Throws ClewError INVALID_ARGUMENT (details.index) for an empty term,
 * an empty meaning, a term with too many words or characters, or more than MAX_CODEWORDS entries.
 */
export function compileLexicon(entries: readonly CodewordEntry[]): CodewordMatcher {
  if (entries.length > MAX_CODEWORDS) {
    throw new ClewError('INVALID_ARGUMENT', `too many code words (${entries.length} > ${MAX_CODEWORDS})`, { count: entries.length });
  }
  const trie = new TokenTrie<Data>();
  entries.forEach((entry, index) => {
    const term = typeof entry.term === 'string' ? entry.term : '';
    const means = typeof entry.means === 'string' ? entry.means.trim() : '';
    const folded = foldTerm(term);
    const ntok = tokenize(folded).length;
    if (ntok === 0 || means === '' || term.length > MAX_TERM_CHARS || ntok > MAX_TOKENS) {
      throw new ClewError('INVALID_ARGUMENT', 'invalid code-word entry', { index, term: term.slice(0, 50) });
    }
    trie.add(folded, { entry, folded }, { inflect: !entry.exact, minStem: 3 });
  });
  return {
    size: entries.length,
    extract(text: string): Mention[] {
      if (text.length === 0 || entries.length === 0) return [];
      const f = fold(text);
      return trie.match(f, text, undefined, f.tokens, MAX_MENTIONS).map((h) => {
        const attrs: Record<string, string | number> = { means: h.data.entry.means };
        if (h.data.entry.type) attrs.type = h.data.entry.type;
        return {
          type: 'codeword',
          start: h.start,
          end: h.end,
          raw: text.slice(h.start, h.end),
          value: h.data.entry.term,
          confidence: h.exact ? 0.9 : 0.8,
          attrs,
        } satisfies Mention;
      });
    },
  };
}
