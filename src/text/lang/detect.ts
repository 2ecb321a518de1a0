/**
 * Language identification per message, with the `eld` n-gram detector (60 languages, ISO 639-1 codes).
 *
 * Loading: eld's tables take 0.5–1 s and 35–160 MB to load, so nothing is loaded at import time:
 * `await loadLanguageDetector()` once (cached), then call the synchronous `detect`. It scores with eld's own tables
 * through `eld-scorer.ts` (the same answers as eld, about 4× faster); `createLanguageDetector` also accepts eld itself.
 *
 * Policy:
 *  - Words with digits, '@' or '/' (URLs, e-mails, numbers, codes) are removed first (`cleanForLanguage`). With fewer than MIN_LETTERS letters, or
 *    when eld does not call its answer reliable, `detect` returns null: the caller falls back to the
 *    conversation's dominant language (`dominantLanguage`, `detectWithFallback`).
 *  - Every answer carries `script` (Latn/Cyrl/Arab/…), so filters can combine language and script.
 *  - Serbian/Croatian/Bosnian/Montenegrin (one language continuum, "BCMS"): every BCMS answer carries
 *    `macro: 'sh'` (ISO 639-1 Serbo-Croatian); filter on it for "BCMS".
 *      · Latin text that eld labels hr (its only Latin BCMS label) or sl/sk/cs/pl with a BCMS marker (đ, or a
 *        very common BCMS word: šta, gde, gdje, jel, bre, ću, nije, brate …) and none of the letters those
 *        languages have and BCMS has not (ł ś ź ż ą ę ř ě ů ľ ĺ ŕ ô ä ň ť ď) is BCMS; Serbian or Croatian is
 *        then decided by `regional.ts` (ekavian/ijekavian, vocabulary; no cue → the prior, else 'hr').
 *      · Cyrillic is decided by `regional.ts` (letters, then words, then the prior; eld only among
 *        Bulgarian/Russian/Ukrainian/Belarusian, franc between Serbian and Macedonian as a last resort).
 *  - Arabic script: Urdu/Persian/Arabic letters decide short messages eld leaves unanswered.
 *  - `options.prior`: the case's languages (see DetectOptions). Measured: bench/text/langid-bench.mjs.
 *  - `confidence` is eld's scaled score of the winner (0..1).
 */
import type { Script } from './script.js';
import { detectScript, scriptStats } from './script.js';
import { type EldScorer, type EldVerdict, loadEldScorer } from './eld-scorer.js';
import { arabicScriptLanguage, bcmsLatinVariant, cyrillicLanguage, type LanguagePrior } from './regional.js';

export type { Script } from './script.js';

export interface LanguageGuess {
  /** ISO 639-1 code ('sr', 'hr', 'nl', 'ar', …). */
  lang: string;
  /** 0..1; 0 for a fallback. */
  confidence: number;
  /** Dominant script of the text, null when it has no letters. */
  script: Script | null;
  /** 'sh' for Serbian/Croatian/Bosnian (see module doc). */
  macro?: 'sh';
  /** True when the language was not detected but taken from the fallback. */
  fallback?: boolean;
}

export interface DetectOptions {
  /**
   * The case's languages (ISO 639-1 → weight, any positive scale; `priorFromCounts` builds one from counts):
   * decides what the text itself does not — a Cyrillic text with no language-specific letter or word, a
   * Serbian/Croatian text with no cue either way, Serbian vs Macedonian without their words.
   */
  prior?: LanguagePrior;
}
export type { LanguagePrior } from './regional.js';

export type LanguageModelSize = 'extrasmall' | 'small' | 'medium' | 'large';

export interface LanguageDetectorOptions {
  /** eld database size: accuracy vs. memory and load time. Default 'medium'. */
  size?: LanguageModelSize;
  /** Restrict answers to these ISO 639-1 codes (eld's languages only). Default: all 60. */
  languages?: string[];
}

export interface LanguageDetector {
  /** Language of one message, or null when the text is too short/unreliable. Never throws. */
  detect(text: string, options?: DetectOptions): LanguageGuess | null;
  /** `detect`, or `fallback` (e.g. the conversation's dominant language) with confidence 0. */
  detectWithFallback(text: string, fallback: string | null, options?: DetectOptions): LanguageGuess | null;
}

/** Fewer letters than this → null (unless a BCMS marker is present, then 5). */
export const MIN_LETTERS = 12;

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
/** An eld detector (`eld.newInstance()` of the package), with text cleanup off. */
interface EldInstance {
  detect(text: string): EldResult;
}

const NOT_BCMS_LATIN = /[łśźżąęřěůľĺŕôäňťďŁŚŹŻĄĘŘĚŮĽĹŔÔÄŇŤĎ]/;
const BCMS_LETTER = /[đĐ]/;
// Words frequent in BCMS chat and absent (or rare) in Slovene, Slovak, Czech and Polish.
const BCMS_WORDS = new Set([
  'šta', 'što', 'gde', 'gdje', 'jel', 'jesi', 'bre', 'ovde', 'ovdje', 'ću', 'će', 'ćeš', 'ćemo', 'ćete', 'cemo',
  'nije', 'sutra', 'brate', 'evo', 'ajde', 'hajde', 'nemoj', 'neću', 'necu', 'hoću', 'hocu', 'možeš', 'mozes',
  'znaš', 'znas', 'ništa', 'nista', 'već', 'dođi', 'dodji', 'kući', 'kuci', 'lovu', 'pozdrav',
]);
const BCMS_CONFUSED = new Set(['sl', 'sk', 'cs', 'pl', 'hr', 'bs', 'sr']);
const BCMS = new Set(['sr', 'hr', 'bs']);
const WORD_RE = /\p{L}+/gu;

/**
 * Drop whitespace-separated words that contain a digit, '@' or '/' (URLs, e-mails, phone numbers, amounts,
 * codes): they carry no language and pull short messages towards random languages. Linear, no regex.
 */
export function cleanForLanguage(text: string): string {
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64 || c === 47) {
      has = true;
      break;
    }
  }
  if (!has) return text;
  const parts: string[] = [];
  let start = -1;
  let dirty = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (space) {
      if (start >= 0 && !dirty) parts.push(text.slice(start, i));
      start = -1;
      dirty = false;
    } else {
      if (start < 0) start = i;
      if ((c >= 48 && c <= 57) || c === 64 || c === 47) dirty = true;
    }
  }
  return parts.join(' ');
}

function bcmsMarkers(text: string): number {
  if (BCMS_LETTER.test(text)) return 2;
  let n = 0;
  for (const m of text.toLowerCase().matchAll(WORD_RE)) if (BCMS_WORDS.has(m[0])) n++;
  return n;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
}

/** eld itself (an instance of the package's detector) seen as a scorer. */
function eldAsScorer(eld: EldInstance): EldScorer {
  return {
    score(text: string): EldVerdict {
      const r = eld.detect(text);
      const v = r.getScores()[r.language];
      return { language: r.language, score: typeof v === 'number' ? v : 0, reliable: r.isReliable() };
    },
  };
}

function guess(lang: string, confidence: number, script: Script | null): LanguageGuess {
  const g: LanguageGuess = { lang, confidence: Math.round(confidence * 1000) / 1000, script };
  if (BCMS.has(lang)) g.macro = 'sh';
  return g;
}

/**
 * A detector over `engine`: eld itself (an `eld.newInstance()`, with text cleanup disabled) or the faster
 * re-implementation of its scoring (`loadEldScorer`, what `loadLanguageDetector` uses).
 */
/** The answer for a text whose language is taken from elsewhere (`lang`, e.g. its conversation's): confidence 0. */
export function fallbackGuess(text: string, lang: string): LanguageGuess {
  const f = guess(lang, 0, typeof text === 'string' ? detectScript(text) : null);
  f.fallback = true;
  return f;
}

export function createLanguageDetector(engine: EldInstance | EldScorer): LanguageDetector {
  const eld: EldScorer = 'score' in engine ? engine : eldAsScorer(engine);
  const score = (body: string): EldVerdict | null => {
    try {
      return eld.score(body);
    } catch {
      return null;
    }
  };
  const detect = (text: string, options?: DetectOptions): LanguageGuess | null => {
    if (typeof text !== 'string') return null;
    const prior = validPrior(options?.prior);
    const body = cleanForLanguage(text.length > 2000 ? text.slice(0, 2000) : text);
    const { script, letters } = scriptStats(body);
    if (script === null) return null;
    if (letters < 5) return null;
    if (script === 'Cyrl') {
      // letters and words first; eld (which has no Macedonian, and takes Serbian without ђ ћ for Bulgarian)
      // only among the eastern languages, or when nothing else decides
      const engineAnswer = (): string | null => {
        if (letters < MIN_LETTERS) return null;
        const r = score(body);
        return r && r.language !== '' && r.reliable ? r.language : null;
      };
      const c = cyrillicLanguage(body, prior, engineAnswer);
      if (!c) return null;
      if (!c.decisive && letters < MIN_LETTERS && !prior) return null;
      return guess(c.lang, c.decisive ? 0.9 : 0.5, script);
    }
    if (script === 'Arab') {
      const byLetters = arabicScriptLanguage(body);
      if (letters < MIN_LETTERS) return byLetters ? guess(byLetters, 0.6, script) : null;
    }
    // Below MIN_LETTERS only a BCMS marker in Latin text can give an answer: without one, eld's verdict would be
    // discarded, so it is not computed (same result, and most chat messages are that short)
    let markers = -1; // counted when needed
    if (letters < MIN_LETTERS) {
      markers = script === 'Latn' && !NOT_BCMS_LATIN.test(body) ? bcmsMarkers(body) : 0;
      if (markers === 0) return null;
    }
    const r = score(body);
    if (!r) return null;
    let lang = r.language;
    if (script === 'Latn' && (lang === '' || BCMS_CONFUSED.has(lang)) && !NOT_BCMS_LATIN.test(body)) {
      if (markers < 0) markers = bcmsMarkers(body);
      if (markers >= 1 && (letters >= MIN_LETTERS || markers >= 2 || BCMS.has(lang))) {
        return guess(bcmsLatinVariant(body, prior, BCMS.has(lang) ? lang : 'hr'), Math.max(clamp01(r.score), 0.5), script);
      }
    }
    if (lang === '' || letters < MIN_LETTERS || !r.reliable) return null;
    // eld's only Latin BCMS label is 'hr': Serbian and Croatian are told apart by their words
    if (script === 'Latn' && BCMS.has(lang)) lang = bcmsLatinVariant(body, prior, lang);
    return guess(lang, clamp01(r.score), script);
  };
  return {
    detect,
    detectWithFallback(text: string, fallback: string | null, options?: DetectOptions): LanguageGuess | null {
      return detect(text, options) ?? (fallback ? fallbackGuess(text, fallback) : null);
    },
  };
}

/**
 * Frozen priors already checked (`priorFromCounts` makes them; their weights cannot change): the analyser passes
 * the same prior for 256 messages at a time, and checking it again for each was a tenth of the ingest's analysis.
 */
const checkedPriors = new WeakMap<object, LanguagePrior | null>();

/** The prior without junk (non-finite or non-positive weights, over-long codes); undefined when nothing is left. */
function validPrior(prior: LanguagePrior | undefined): LanguagePrior | undefined {
  if (!prior || typeof prior !== 'object') return undefined;
  if (!Object.isFrozen(prior)) return checkPrior(prior);
  let v = checkedPriors.get(prior);
  if (v === undefined) {
    v = checkPrior(prior) ?? null;
    checkedPriors.set(prior, v);
  }
  return v ?? undefined;
}

function checkPrior(prior: LanguagePrior): LanguagePrior | undefined {
  let ok = true;
  for (const [k, v] of Object.entries(prior)) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0) || k.length > 3) {
      ok = false;
      break;
    }
  }
  if (ok) return Object.keys(prior).length > 0 ? prior : undefined;
  const clean: Record<string, number> = {};
  for (const [k, v] of Object.entries(prior)) if (typeof v === 'number' && Number.isFinite(v) && v > 0 && k.length <= 3) clean[k] = v;
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/** A case prior from its language counts (e.g. the store's message counts per language): weights = shares. Frozen. */
export function priorFromCounts(counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>): LanguagePrior {
  const entries = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
  const total = entries.reduce((a, [, n]) => a + (n > 0 ? n : 0), 0);
  const out: Record<string, number> = {};
  if (total > 0) for (const [k, n] of entries) if (n > 0 && k) out[k] = n / total;
  return Object.freeze(out); // frozen: checked once however many texts it decides (validPrior)
}

const loaded = new Map<string, Promise<LanguageDetector>>();

/** Load (once per options) and return a detector. */
export function loadLanguageDetector(options: LanguageDetectorOptions = {}): Promise<LanguageDetector> {
  const size = options.size ?? 'medium';
  const key = `${size}|${(options.languages ?? []).join(',')}`;
  let p = loaded.get(key);
  if (!p) {
    // eld's own tables and algorithm, faster implementation (eld-scorer.ts); we clean the text ourselves
    p = loadEldScorer(size, options.languages).then((scorer) => createLanguageDetector(scorer));
    loaded.set(key, p);
  }
  return p;
}

/**
 * The most frequent language in `counts` (message counts per language of one conversation), or null.
 * Ties go to the alphabetically first code, so the answer is deterministic.
 */
export function dominantLanguage(counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>): string | null {
  const entries = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
  let best: string | null = null;
  let bestN = 0;
  for (const [lang, n] of entries) {
    if (!(n > 0) || !lang) continue;
    if (n > bestN || (n === bestN && best !== null && lang < best)) {
      best = lang;
      bestN = n;
    }
  }
  return best;
}
