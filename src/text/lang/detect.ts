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
 *  - Serbian/Croatian/Bosnian/Montenegrin (one language continuum, "BCMS"): eld's only Latin-script label is
 *    'hr' and its 'sr' is trained on Cyrillic. We keep eld's answer, with two corrections, and add
 *    `macro: 'sh'` (ISO 639-1 Serbo-Croatian) to every BCMS answer. Filter on `macro === 'sh'` for "BCMS";
 *    do not read 'hr' as a nationality.
 *      · Cyrillic text with Serbian letters absent from Russian/Bulgarian/Ukrainian (ђ ћ џ љ њ ј) → 'sr';
 *        with the Macedonian-only ѓ ќ ѕ → 'mk' (checked first; confidence 0.9,
 *        eld is not consulted). Serbian Cyrillic without those letters is left to eld ('sr', sometimes 'bg'/'ru').
 *      · Latin text that eld labels sl/sk/cs/pl (frequent for short BCMS messages) but that has a BCMS marker
 *        (đ, or a very common BCMS word: šta, što, gde, gdje, jel, bre, ću, će, nije, sutra, brate, …) and
 *        none of the letters those languages have and BCMS has not (ł ś ź ż ą ę ř ě ů ľ ĺ ŕ ô ä ň ť ď) → 'hr'.
 *        The same markers make a short message (≥ 5 letters) reliable.
 *  - `confidence` is eld's scaled score of the winner (0..1).
 */
import type { Script } from './script.js';
import { detectScript, scriptStats } from './script.js';
import { type EldScorer, type EldVerdict, loadEldScorer } from './eld-scorer.js';

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

export type LanguageModelSize = 'extrasmall' | 'small' | 'medium' | 'large';

export interface LanguageDetectorOptions {
  /** eld database size: accuracy vs. memory and load time. Default 'medium'. */
  size?: LanguageModelSize;
  /** Restrict answers to these ISO 639-1 codes (eld's languages only). Default: all 60. */
  languages?: string[];
}

export interface LanguageDetector {
  /** Language of one message, or null when the text is too short/unreliable. Never throws. */
  detect(text: string): LanguageGuess | null;
  /** `detect`, or `fallback` (e.g. the conversation's dominant language) with confidence 0. */
  detectWithFallback(text: string, fallback: string | null): LanguageGuess | null;
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

const SERBIAN_CYRILLIC = /[ђћџљњјЂЋЏЉЊЈ]/;
const MACEDONIAN_CYRILLIC = /[ѓќѕЃЌЅ]/;
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
  const detect = (text: string): LanguageGuess | null => {
    if (typeof text !== 'string') return null;
    const body = cleanForLanguage(text.length > 2000 ? text.slice(0, 2000) : text);
    const { script, letters } = scriptStats(body);
    if (script === null) return null;
    if (letters < 5) return null;
    // letters only Macedonian / Serbian Cyrillic have decide alone (eld has no 'mk' and would say 'bg')
    if (script === 'Cyrl') {
      if (MACEDONIAN_CYRILLIC.test(body)) return guess('mk', 0.9, script);
      if (SERBIAN_CYRILLIC.test(body)) return guess('sr', 0.9, script);
    }
    // Below MIN_LETTERS only a BCMS marker in Latin text can give an answer: without one, eld's verdict would be
    // discarded, so it is not computed (same result, and most chat messages are that short)
    let markers = -1; // counted when needed
    if (letters < MIN_LETTERS) {
      markers = script === 'Latn' && !NOT_BCMS_LATIN.test(body) ? bcmsMarkers(body) : 0;
      if (markers === 0) return null;
    }
    let r: EldVerdict;
    try {
      r = eld.score(body);
    } catch {
      return null;
    }
    let lang = r.language;
    if (script === 'Latn' && (lang === '' || BCMS_CONFUSED.has(lang)) && !NOT_BCMS_LATIN.test(body)) {
      if (markers < 0) markers = bcmsMarkers(body);
      if (markers >= 1 && (letters >= MIN_LETTERS || markers >= 2 || BCMS.has(lang))) {
        if (!BCMS.has(lang)) lang = 'hr';
        return guess(lang, Math.max(clamp01(r.score), 0.5), script);
      }
    }
    if (lang === '' || letters < MIN_LETTERS || !r.reliable) return null;
    return guess(lang, clamp01(r.score), script);
  };
  return {
    detect,
    detectWithFallback(text: string, fallback: string | null): LanguageGuess | null {
      return detect(text) ?? (fallback ? fallbackGuess(text, fallback) : null);
    },
  };
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
