/**
 * Name keys across scripts and spellings. A name is folded by the text normaliser (Serbian
 * Cyrillic → Latin, diacritics off, đ → dj, Arabic harakat off), Arabic letters are
 * transliterated to a Latin consonant form, and each token gets:
 *  - `folded`: the folded Latin token ("djordjevic", "mohammed");
 *  - `skeleton`: a consonant skeleton (digraphs unified, dj → d, vowels and doubles dropped:
 *    "djordjevic" / "dordevic" → "drdvc"; "Mohammed" / "Muhammad" / محمد → "mhmd");
 *  - `phonetic`: the Double Metaphone primary code.
 * Caps: names are cut to 200 characters and 8 tokens (they come from seized phones).
 */
import { doubleMetaphone } from 'double-metaphone';
import { arabicNameLatin } from '../text/normalise/cross-script.js';
import { normalise } from '../text/normalise/normalise.js';

export interface NameToken {
  folded: string;
  skeleton: string;
  phonetic: string;
}

export interface NameKey {
  /** The tokens, articles removed when other tokens remain. */
  tokens: NameToken[];
  /** All tokens joined without separators ("ben ali" and "benali" meet here). */
  joined: NameToken;
}

const MAX_CHARS = 200;
const MAX_TOKENS = 8;

const ARABIC: Record<string, string> = {
  'ا': '', 'ء': '', 'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'k', 'ك': 'k', 'ل': 'l',
  'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'u', 'ي': 'i',
};

const ARTICLES = new Set(['al', 'el', 'al-', 'et', 'ed', 'es', 'er', 'ez', 'at', 'as', 'an', 'ar', 'ad', 'van', 'von', 'de', 'der', 'den', 'het', 'ter', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'del', 'di']);

function arabicToken(t: string): string {
  let s = t;
  if (s.startsWith('ال') && s.length > 3) s = s.slice(2);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const last = i === s.length - 1;
    if (c === 'ه' && last && i > 0) continue; // tā' marbūṭa (folded to hā') at the end
    if (c === 'ي' && i === 0) out += 'y';
    else if (c === 'و' && i === 0) out += 'w';
    else out += ARABIC[c] ?? c;
  }
  return out;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w']);

/** Consonant skeleton of a folded Latin token. */
export function skeleton(folded: string): string {
  let s = folded
    .replace(/sch|sh|ch|sj/g, 'S')
    .replace(/kh/g, 'K')
    .replace(/gh/g, 'G')
    .replace(/th/g, 't')
    .replace(/ph/g, 'f')
    .replace(/dj|dz|gj|dh/g, 'd')
    .replace(/ck|q|x/g, 'k')
    .replace(/tz|ts/g, 'c');
  if (s.length > 1) s = s[0] + s.slice(1).replace(/h/g, '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (VOWELS.has(c) && !(i === 0 && (c === 'y' || c === 'w'))) continue;
    if (out.length > 0 && out[out.length - 1] === c) continue;
    out += c;
  }
  return out;
}

function token(folded: string): NameToken {
  return { folded, skeleton: skeleton(folded), phonetic: folded ? doubleMetaphone(folded)[0] : '' };
}

/** Folded Latin tokens of a name in any script. */
export function foldName(name: string): string[] {
  const n = normalise(name.slice(0, MAX_CHARS));
  const raw = n.match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const t of raw.slice(0, MAX_TOKENS)) {
    // a common Arabic name takes its usual Latin spelling (أحمد → ahmed), others a consonant transliteration
    const latin = /[\u0600-\u06ff]/.test(t) ? (arabicNameLatin(t) ?? arabicToken(t)) : t;
    const clean = latin.replace(/[^a-z0-9]/g, '');
    if (clean) out.push(clean);
  }
  return out;
}

export function nameKey(name: string): NameKey {
  let folded = foldName(name);
  const kept = folded.filter((t) => !ARTICLES.has(t));
  if (kept.length > 0) folded = kept;
  // "Alhashemi", "Elmansouri": a glued Arabic article
  folded = folded.map((t) => (t.length > 6 && /^(al|el)[^aeiou]/.test(t) ? t.slice(2) : t));
  return { tokens: folded.map(token), joined: token(folded.join('')) };
}
