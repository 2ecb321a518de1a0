/**
 * Shared folding for the lexicon-driven extractors: the normaliser's `normaliseWithMap`, memoised for the
 * last few texts so that lexicon tags, places and code words fold a message once, not once each.
 */
import { normalise, normaliseWithMap, type NormalisedText } from '../normalise/normalise.js';
import { tokenize, type Token } from './trie-matcher.js';

export interface Folded extends NormalisedText {
  /** Word tokens of the folded text (computed on first use). */
  readonly tokens: Token[];
}

class FoldedImpl implements Folded {
  private toks: Token[] | undefined;
  constructor(
    readonly text: string,
    readonly map: Int32Array,
  ) {}
  get tokens(): Token[] {
    this.toks ??= tokenize(this.text);
    return this.toks;
  }
}

const CACHE_SIZE = 4;
const cache: { src: string; folded: Folded }[] = [];

/** Folded text, offset map and tokens of `text` (memoised on the last few inputs). */
export function fold(text: string): Folded {
  for (const c of cache) if (c.src === text) return c.folded;
  const n = normaliseWithMap(text);
  const folded: Folded = new FoldedImpl(n.text, n.map);
  cache.unshift({ src: text, folded });
  if (cache.length > CACHE_SIZE) cache.pop();
  return folded;
}

/** Fold a lexicon term the same way as text. */
export function foldTerm(term: string): string {
  return normalise(term);
}
