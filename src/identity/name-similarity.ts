/**
 * Similarity of two names in [0, 1], across scripts and spellings. Tokens are compared by the best
 * of Jaro–Winkler on the folded form, an equal consonant skeleton (0.95) and an equal Double
 * Metaphone code (0.9); a name is scored by the mean best match of the shorter name's tokens
 * (Monge–Elkan), or by its joined form when that is better ("Ben Ali" / "Benali").
 */
import { jaroWinkler } from './jaro-winkler.js';
import { nameKey, type NameKey, type NameToken } from './name-key.js';

export const SKELETON_MATCH = 0.95;
export const PHONETIC_MATCH = 0.9;
/** Default threshold above which two names are said to meet. */
export const NAME_MATCH_THRESHOLD = 0.88;

export function tokenSimilarity(a: NameToken, b: NameToken): number {
  if (a.folded === b.folded) return a.folded ? 1 : 0;
  let s = jaroWinkler(a.folded, b.folded);
  if (a.skeleton.length >= 2 && a.skeleton === b.skeleton) s = Math.max(s, SKELETON_MATCH);
  if (a.phonetic.length >= 2 && a.phonetic === b.phonetic) s = Math.max(s, PHONETIC_MATCH);
  return s;
}

export function keySimilarity(a: NameKey, b: NameKey): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  const [short, long] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  let sum = 0;
  for (const t of short) {
    let best = 0;
    for (const u of long) best = Math.max(best, tokenSimilarity(t, u));
    sum += best;
  }
  const me = sum / short.length;
  return Math.max(me, tokenSimilarity(a.joined, b.joined));
}

export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(nameKey(a), nameKey(b));
}
