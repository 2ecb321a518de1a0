/**
 * Stemming for the folded search mode: a word matches its inflected forms (kafa = kafe, kafu, kafom, кафа).
 *
 * The stemmers are Snowball's (via `@orama/stemmers`, MIT): Serbian (used for Serbian, Croatian, Bosnian
 * and Montenegrin: one stemmer for the continuum), Dutch, French, Spanish, English, Arabic (light: affixes
 * only), plus German, Italian and Portuguese. They run on the normaliser's folded form (Cyrillic already
 * transliterated to Latin, diacritics off: "кафу" and "kafu" are both "kafu"), so the index and the query
 * stem the very same string. Russian, Ukrainian, Bulgarian and Macedonian have no stemmer here: the folded
 * form is Latin and their Snowball stemmers read Cyrillic only.
 *
 * A stem token is the stem in a reserved namespace: U+E000 (a private-use character), the stemmer's tag and
 * the stem ("\uE000shkaf"). No word of a text can produce it: `indexTokens` keeps only letters, marks and
 * digits (never a private-use character), so a stem token can never equal a word token.
 *
 * Caps: words longer than MAX_STEM_WORD characters, or with digits, are not stemmed (a 100k-character word
 * costs nothing), nor words shorter than 3 characters, nor words in another script than the stemmer's
 * (Latin for the Latin-script stemmers, Arabic for Arabic).
 */
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as serbian } from '@orama/stemmers/serbian';
import { stemmer as spanish } from '@orama/stemmers/spanish';

/** First character of every stem token. */
export const STEM_MARK = '\uE000';
/** Longer words are not stemmed (bounded cost on hostile input). */
export const MAX_STEM_WORD = 48;
const MIN_STEM_WORD = 3;

interface Stemmer {
  /** Two-letter namespace of the stemmer's tokens. */
  tag: string;
  stem: (word: string) => string;
  /** The words it stems: folded Latin (a–z) or Arabic letters; a word of another script stays as it is. */
  script: RegExp;
}

/** Folded Latin words (the normaliser took diacritics off and Cyrillic to Latin). */
const LATIN = /^[a-z]+$/;
/** Arabic letters (and marks) only. */
const ARABIC = /^[\u0600-\u06ff\u0750-\u077f]+$/;

/**
 * Arabic: the definite article and its proclitics (وال بال كال فال لل ال) off first, as light stemmers do
 * (Larkey's light10), when 3 letters remain; then Snowball. Snowball alone keeps ال+word+ه (the normaliser's
 * ة → ه) whole while it stems the bare word, so "الشحنة" and "شحنة" would differ.
 */
const AR_ARTICLE = /^(?:وال|بال|كال|فال|لل|ال)/;
function arabicLight(word: string): string {
  const m = AR_ARTICLE.exec(word);
  const w = m && word.length - m[0].length >= 3 ? word.slice(m[0].length) : word;
  return arabic(w);
}

/**
 * Serbian Snowball applied twice: it strips a nominative's last consonant only once the case ending is off
 * ("balkana" → balkan, "balkan" → balka; "događaja" → događaj → događa), so one pass leaves the nominative
 * and the other cases apart; the second pass brings them together (bench/text/inflection-bench.mjs).
 */
function serbianTwice(word: string): string {
  return serbian(serbian(word));
}
const SH: Stemmer = { tag: 'sh', stem: serbianTwice, script: LATIN };
const STEMMERS: Readonly<Record<string, Stemmer>> = {
  sr: SH, hr: SH, bs: SH, me: SH, sh: SH,
  nl: { tag: 'nl', stem: dutch, script: LATIN },
  fr: { tag: 'fr', stem: french, script: LATIN },
  es: { tag: 'es', stem: spanish, script: LATIN },
  en: { tag: 'en', stem: english, script: LATIN },
  ar: { tag: 'ar', stem: arabicLight, script: ARABIC },
  de: { tag: 'de', stem: german, script: LATIN },
  it: { tag: 'it', stem: italian, script: LATIN },
  pt: { tag: 'pt', stem: portuguese, script: LATIN },
};

/** The languages (ISO 639-1) that have a stemmer. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(STEMMERS);

/** One language per stemmer (sr for Serbian, Croatian, Bosnian, Montenegrin): every stem namespace once. */
export const STEMMER_LANGUAGES: readonly string[] = (() => {
  const tags = new Set<string>();
  return STEMMED_LANGUAGES.filter((l) => !tags.has(STEMMERS[l]!.tag) && tags.add(STEMMERS[l]!.tag));
})();

/** True when `lang` has a stemmer. */
export function hasStemmer(lang: string | null | undefined): boolean {
  return typeof lang === 'string' && Object.hasOwn(STEMMERS, lang);
}

/** The namespace of `lang`'s stemmer (one for sr, hr, bs, me), or null when it has none. */
export function stemmerTag(lang: string | null | undefined): string | null {
  return hasStemmer(lang) ? STEMMERS[lang!]!.tag : null;
}

function stemmable(word: string): boolean {
  if (word.length < MIN_STEM_WORD || word.length > MAX_STEM_WORD) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return false;
  }
  return true;
}

/**
 * The stem token of one folded word (an `indexTokens` token) in `lang`, or null when the language has no
 * stemmer or the word is not stemmed (too short, too long, digits). Never throws.
 */
export function stemToken(word: string, lang: string | null | undefined): string | null {
  if (typeof word !== 'string' || !hasStemmer(lang)) return null;
  if (!stemmable(word)) return null;
  const s = STEMMERS[lang!]!;
  let memo = remembered.get(s);
  if (memo === undefined) {
    memo = new Map();
    remembered.set(s, memo);
  }
  let token = memo.get(word);
  if (token === undefined) {
    token = stemWith(s, word);
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(word, token);
  }
  return token;
}

/**
 * Stem tokens already made, per stemmer: indexing a source stems every word of its messages (the full-text
 * build's largest cost) and chat repeats its words, so most are stemmed once. Bounded: forgotten all at once
 * when full. (A stemmer is a pure function of the word: remembering changes no answer.)
 */
const MAX_REMEMBERED = 100_000;
const remembered = new Map<Stemmer, Map<string, string | null>>();

function stemWith(s: Stemmer, word: string): string | null {
  // a word in another script than the stemmer's (an Arabic name in a Dutch message) stays a word: the
  // query looks it up as typed and in its own script's stemmer only, not in every namespace
  if (!s.script.test(word)) return null;
  let stem: string;
  try {
    stem = s.stem(word);
  } catch {
    return null;
  }
  return typeof stem === 'string' && stem.length > 0 ? STEM_MARK + s.tag + stem : null;
}

/** The distinct stem tokens of `word` in each of `langs` (languages without a stemmer are skipped). */
export function stemTokensFor(word: string, langs: Iterable<string>): string[] {
  const out: string[] = [];
  const tags = new Set<string>();
  for (const l of langs) {
    if (!hasStemmer(l)) continue;
    const tag = STEMMERS[l]!.tag;
    if (tags.has(tag)) continue;
    tags.add(tag);
    const t = stemToken(word, l);
    if (t !== null && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The stemmer tag of a stem token ("sh" of "\uE000shkaf"). */
export function stemTokenTag(token: string): string {
  return token.slice(1, 3);
}

/** True for a token made by `stemToken`. */
export function isStemToken(token: string): boolean {
  return token.charCodeAt(0) === 0xe000;
}
