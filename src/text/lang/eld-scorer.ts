/**
 * eld's n-gram scoring, re-implemented for speed on eld's own data (same result, ~5× faster).
 *
 * eld (Nito-ELD, Apache-2.0, npmjs.com/package/eld) spends most of its time outside the scoring proper:
 * it indexes a 60-element array with string keys (`for (lang in …)`), builds and sorts a result array and a
 * scores object for every call, and allocates a closure-based result object. This module loads the very same
 * tables (ngram database, byte dictionary, word separators, average scores) from the installed eld package and
 * runs the same algorithm with typed arrays, a per-ngram cache and a top-two scan instead of a sort.
 *
 * Equivalence: for every text, `language`, `score` (= `getScores()[language]`) and `reliable` (= `isReliable()`,
 * including eld 2.1's comparison of the best score with the runner-up's *index*) equal eld's. The differential
 * test (eld-scorer.test.ts) checks this against eld itself on the evaluation set and on random texts.
 * Text cleanup (`enableTextCleanup`) is not implemented: clew cleans the text itself (`cleanForLanguage`).
 */

export type EldDatabaseSize = 'extrasmall' | 'small' | 'medium' | 'large';

/** eld's answer for one text. */
export interface EldVerdict {
  /** ISO 639-1 code, '' when no language scored. */
  language: string;
  /** eld's scaled score of `language` (0..1), 0 when none. */
  score: number;
  /** eld's `isReliable()` with its default threshold ratio 0.75. */
  reliable: boolean;
}

export interface EldScorer {
  score(text: string): EldVerdict;
}

interface NgramsData {
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

const NONE: EldVerdict = Object.freeze({ language: '', score: 0, reliable: false }) as EldVerdict;
const EMPTY = new Int32Array(0);
/** eld subtracts this minimum from every stored score to make its database smaller. */
const BASE_NGRAM_SCORE = 53;
/** eld's scale of raw scores to 0..1. */
const SCALE = 25;
/** eld's `isReliable` default. */
const THRESHOLD_RATIO = 0.75;
/** eld reads the first 1000 UTF-16 units; words cut after 350 bytes (at a space) or 380 bytes. */
const MAX_CHARS = 1000;
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

/** The scorer over eld's tables, given directly (for tests and for callers that already hold them). */
export function createEldScorer(
  data: NgramsData,
  dictionary: readonly string[],
  separators: RegExp,
  avgScore: Readonly<Record<string, number>>,
  languages?: readonly string[],
): EldScorer {
  const codes: string[] = [];
  for (const k of Object.keys(data.languages)) codes[Number(k)] = data.languages[k]!;
  const nLang = codes.length;
  const avg = new Float64Array(nLang).fill(Number.NaN);
  for (let i = 0; i < nLang; i++) {
    const v = avgScore[codes[i]!];
    if (typeof v === 'number') avg[i] = v;
  }
  // eld's setLanguageSubset: only languages in the subset can score (an empty valid subset means "all")
  let allowed: Uint8Array | null = null;
  if (languages && languages.length > 0) {
    const a = new Uint8Array(nLang);
    let any = false;
    for (const l of languages) {
      const i = codes.indexOf(l);
      if (i >= 0) {
        a[i] = 1;
        any = true;
      }
    }
    if (any) allowed = a;
  }
  const table = data.ngrams;
  // ngram → flat [lang, score + BASE, …]; only database ngrams are cached, so the cache is bounded by the database
  const cache = new Map<string, Int32Array>();
  const lookup = (ngram: string): Int32Array => {
    let e = cache.get(ngram);
    if (e !== undefined) return e;
    if (!Object.prototype.hasOwnProperty.call(table, ngram)) return EMPTY;
    const o = table[ngram]!;
    const flat: number[] = [];
    for (const l in o) flat.push(Number(l), o[l]! + BASE_NGRAM_SCORE);
    e = Int32Array.from(flat);
    cache.set(ngram, e);
    return e;
  };
  const raw = new Float64Array(nLang);
  const seen = new Set<string>();

  const addNgram = (g: string): void => {
    if (seen.has(g)) return;
    seen.add(g);
    const e = lookup(g);
    for (let k = 0; k < e.length; k += 2) raw[e[k]!]! += e[k + 1]!;
  };

  // eld's getByteNgrams for one word: 4-byte ngrams, stride 3, word boundaries marked by spaces
  const addWord = (word: string): void => {
    let len = word.length;
    if (len > 70) len = 70;
    let j: number;
    for (j = 0; j + 4 < len; j += 3) addNgram((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    addNgram((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  };

  return {
    score(input: string): EldVerdict {
      if (typeof input !== 'string') return NONE;
      // eld's textProcessor
      const str = input.substring(0, MAX_CHARS).replace(separators, ' ').trim().toLowerCase();
      raw.fill(0);
      seen.clear();
      // eld's strToUtf8Bytes: UTF-8 bytes mapped to one character each through eld's dictionary, split at spaces
      // ASCII characters are copied in runs (str.slice) rather than one by one: `run` is where the pending run starts
      let encoded = '';
      let countBytes = 0;
      let run = 0;
      let ii = 0;
      for (; ii < str.length; ii++) {
        let c = str.charCodeAt(ii);
        if (c < 0x80) {
          if (c === 32) {
            if (run < ii) encoded += str.slice(run, ii);
            run = ii + 1;
            if (encoded !== '') {
              addWord(encoded);
              encoded = '';
            }
            if (countBytes > CUT_AFTER) break;
          }
          countBytes++;
          if (countBytes > ENFORCE_CUT_AFTER) {
            if (c !== 32) {
              encoded += str.slice(run, ii + 1);
              run = ii + 1;
            }
            break;
          }
          continue;
        }
        if (run < ii) encoded += str.slice(run, ii);
        if (c < 0x800) {
          encoded += dictionary[0xc0 | (c >> 6)]! + dictionary[0x80 | (c & 0x3f)]!;
          countBytes += 2;
        } else if (c < 0xd800 || c >= 0xe000) {
          encoded += dictionary[0xe0 | (c >> 12)]! + dictionary[0x80 | ((c >> 6) & 0x3f)]! + dictionary[0x80 | (c & 0x3f)]!;
          countBytes += 3;
        } else {
          ii++;
          c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
          encoded +=
            dictionary[0xf0 | (c >> 18)]! +
            dictionary[0x80 | ((c >> 12) & 0x3f)]! +
            dictionary[0x80 | ((c >> 6) & 0x3f)]! +
            dictionary[0x80 | (c & 0x3f)]!;
          countBytes += 4;
        }
        run = ii + 1;
        if (countBytes > ENFORCE_CUT_AFTER) break;
      }
      if (ii >= str.length && run < str.length) encoded += str.slice(run);
      if (encoded !== '') addWord(encoded);
      const numNgrams = seen.size;
      // eld's getMaxLang (first maximum), and the first two of its stable descending sort by scaled score
      let winner = -1;
      let maxRaw = 0;
      let first = -1;
      let firstS = 0;
      let second = -1;
      let secondS = 0;
      let scored = 0;
      for (let i = 0; i < nLang; i++) {
        const r = raw[i]!;
        if (!(r > 0) || (allowed !== null && allowed[i] === 0)) continue;
        scored++;
        if (r > maxRaw) {
          maxRaw = r;
          winner = i;
        }
        const x = r / numNgrams;
        const s = x / (x + SCALE);
        if (first < 0 || s > firstS) {
          second = first;
          secondS = firstS;
          first = i;
          firstS = s;
        } else if (second < 0 || s > secondS) {
          second = i;
          secondS = s;
        }
      }
      if (winner < 0) return NONE;
      const language = codes[winner]!;
      const xw = maxRaw / numNgrams;
      const score = xw / (xw + SCALE);
      let reliable = false;
      if (scored > 0 && numNgrams >= 3) {
        // eld 2.1 compares the best score with the runner-up's language index, not its score: kept as is
        const next = scored > 1 ? second : 0;
        reliable = !(avg[winner]! * THRESHOLD_RATIO > firstS || 0.01 > Math.abs(firstS - next));
      }
      return { language, score, reliable };
    },
  };
}

interface Tables {
  data: NgramsData;
  dictionary: readonly string[];
  separators: RegExp;
  avgScore: Record<string, number>;
}

const tables = new Map<EldDatabaseSize, Promise<Tables>>();

async function loadTables(size: EldDatabaseSize): Promise<Tables> {
  // eld exports only its detector entry points; its data files sit beside them in the package
  const entry = import.meta.resolve(`eld/${size}`);
  const at = (rel: string): string => new URL(rel, entry).href;
  const [ngrams, dict, patterns, avg] = await Promise.all([
    import(at(`../ngrams/${size}.js`)) as Promise<{ ngramsData: NgramsData }>,
    import(at('../dictionary.js')) as Promise<{ dictionary: string[] }>,
    import(at('../regexPatterns.js')) as Promise<{ separators: RegExp }>,
    import(at('../avgScore.js')) as Promise<{ avgScore: Record<string, number> }>,
  ]);
  return { data: ngrams.ngramsData, dictionary: dict.dictionary, separators: patterns.separators, avgScore: avg.avgScore };
}

/** Load eld's tables for `size` (once per process) and return a scorer, optionally restricted to `languages`. */
export async function loadEldScorer(size: EldDatabaseSize = 'medium', languages?: readonly string[]): Promise<EldScorer> {
  let p = tables.get(size);
  if (!p) {
    p = loadTables(size);
    tables.set(size, p);
  }
  const t = await p;
  return createEldScorer(t.data, t.dictionary, t.separators, t.avgScore, languages);
}
