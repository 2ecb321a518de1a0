/**
 * THE text normaliser of clew. Ingest (search index) and query parsing must both use `normalise`, so that
 * a query matches whatever way the suspects typed a word.
 *
 * Policy (search mode, `normalise`):
 *  1. The text is processed per cluster = one code point plus the combining marks that follow it. Each cluster
 *     is NFKC-normalised on its own (so composition and compatibility folding apply; "e\u0301" and "é" agree).
 *     If NFKC would expand a cluster to more than 3× its length (e.g. U+FDFA, squared katakana) the cluster is
 *     kept in NFC form instead: the output is never longer than 3× the input.
 *  2. Invisible characters are removed: ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, LRE..RLO, LRI..PDI, word joiner and
 *     invisible operators (U+2060–2064), BOM, soft hyphen, Mongolian vowel separator, variation selectors.
 *  3. Case folding: `toLowerCase` plus ß/ẞ → ss, final sigma ς → σ, Turkish İ/ı → i.
 *  4. Cyrillic → Latin, official Serbian mapping (љ lj, њ nj, џ dž, ђ đ, ћ ć, ч č, ш š, ж ž, ј j, х h, ц c …),
 *     then folded to ASCII like Latin text. Macedonian: ѓ gj, ќ kj, ѕ dz. Russian/Ukrainian/Belarusian letters
 *     not in Serbian: я ja, ю ju, ё e, щ šč→sc, й j, ы y, э e, є je, ї ji, і i, ґ g, ў u; ъ and ь are removed.
 *     So Cyrillic and Latin Serbian fold to the same ASCII: "Ђорђевић", "Đorđević", "Djordjevic" → "djordjevic"
 *     (but "Dordevic" stays "dordevic": we do not guess a missing đ).
 *  5. Diacritics: NFD then the Latin/Greek/Cyrillic/Hebrew combining marks are stripped (marks of other scripts,
 *     e.g. Devanagari vowel signs, are kept because they are letters there). Letters that do not decompose:
 *     đ→dj, ð→dj (cp1250 đ read as cp1252), ł→l, ø→o, æ→ae, œ→oe, þ→th, ı→i, ħ→h, ŧ→t, ŋ→n, ĸ→k.
 *  6. Arabic: harakat U+064B–065F and U+0670 stripped (a consequence: hamza carriers fold, أ إ آ → ا, ؤ → و,
 *     ئ → ي), tatweel removed, ٱ → ا, ة → ه, ى → ي, Persian ی → ي and ک → ك, Arabic-Indic and Eastern
 *     Arabic-Indic digits → ASCII digits. Presentation forms are handled by NFKC.
 *  7. Whitespace (JS `\s`) and control characters (Cc) are separators: every run becomes ONE ASCII space, and
 *     leading/trailing separators are dropped. The offset map stays exact: each output character records the
 *     index in the original of the cluster it came from.
 *  8. Typographic punctuation: ‘ ’ ‛ ʼ ′ → ', “ ” „ ‟ « » ″ → ", hyphens and dashes ‐ ‑ ‒ – — ― − → -.
 *  9. Lone surrogates are dropped.
 *
 * Properties (tested with fast-check): total (never throws), idempotent, output length ≤ 3 × input length.
 *
 * Exact mode (`normaliseExact`): for the "exact as written" search, only NFC and removal of the invisible
 * characters of step 2 — no case folding, no diacritic or script folding, whitespace kept as is.
 */

/**
 * Version of the `normalise` policy. Bump it whenever the output of `normalise` changes for any input, so that
 * stores can tell that their search index was built with another normaliser and must be rebuilt.
 */
export const NORMALISE_VERSION = 1;

export interface NormalisedText {
  /** The normalised text. */
  text: string;
  /** map[i] = UTF-16 index in the original of the cluster that produced output char i. Length = text.length. */
  map: Int32Array;
}

const MAX_EXPANSION = 3;

// ---------------------------------------------------------------------------------------------------------
// Character classes

function isInvisible(c: number): boolean {
  return (
    c === 0x00ad ||
    c === 0x061c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}

/** JS `\s` plus C0/C1 control characters. */
function isSeparator(c: number): boolean {
  if (c <= 0x20) return true;
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true; // DEL + C1
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Combining marks that start/continue a cluster (any \p{M}). */
const MARK_RE = /\p{M}/u;
const BMP_MARKS = new Uint8Array(0x10000);
for (let c = 0x0300; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  if (MARK_RE.test(String.fromCharCode(c))) BMP_MARKS[c] = 1;
}
function isMark(c: number): boolean {
  return BMP_MARKS[c] === 1;
}

/** Marks stripped by diacritic folding: Latin/Greek/Cyrillic combining diacritics, Hebrew points, Arabic harakat. */
function isFoldedMark(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x0483 && c <= 0x0489) ||
    (c >= 0x0591 && c <= 0x05bd) ||
    c === 0x05bf ||
    c === 0x05c1 ||
    c === 0x05c2 ||
    c === 0x05c4 ||
    c === 0x05c5 ||
    c === 0x05c7 ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Letter tables (applied after toLowerCase, before NFD)

const PRE_NFD: Record<string, string> = {
  // Serbian Cyrillic (official Serbian Latin, then folded to ASCII later)
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'dj', е: 'e', ж: 'z', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l',
  љ: 'lj', м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'c', у: 'u', ф: 'f', х: 'h',
  ц: 'c', ч: 'c', џ: 'dz', ш: 's',
  // Macedonian
  ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  // Russian, Ukrainian, Belarusian letters not in Serbian (must be mapped before NFD: й = и + breve)
  я: 'ja', ю: 'ju', ё: 'e', щ: 'sc', й: 'j', ы: 'y', э: 'e', ъ: '', ь: '', є: 'je', ї: 'ji', і: 'i', ґ: 'g',
  ў: 'u',
  // case-folding specials
  ß: 'ss', ς: 'σ', ı: 'i',
  // Latin letters that do not decompose
  đ: 'dj', ð: 'dj', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', þ: 'th', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k', ƀ: 'b', ɖ: 'd',
  // typographic punctuation typed by phone keyboards
  '\u2018': "'", '\u2019': "'", '\u201B': "'", '\u02BC': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  // Arabic
  'ـ': '', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ک': 'ك', 'ې': 'ي', 'ۍ': 'ي',
};

for (let d = 0; d < 10; d++) {
  PRE_NFD[String.fromCharCode(0x0660 + d)] = String(d);
  PRE_NFD[String.fromCharCode(0x06f0 + d)] = String(d);
}

const PRE_NFD_MAP = new Map<number, string>(Object.entries(PRE_NFD).map(([k, v]) => [k.charCodeAt(0), v]));

// ---------------------------------------------------------------------------------------------------------
// Cluster folding

function foldOnce(cluster: string): string {
  let s = cluster.normalize('NFKC');
  if (s.length > MAX_EXPANSION * cluster.length) s = cluster.normalize('NFC');
  s = s.toLowerCase();
  // table letters (on precomposed forms), then NFD + mark stripping, then table again (letters freed by NFD)
  s = mapTable(s).normalize('NFD');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isFoldedMark(c) || isInvisible(c)) continue;
    if (isSeparator(c)) {
      out += ' ';
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // keep well-formed pairs, drop lone surrogates
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      }
      continue;
    }
    const m = PRE_NFD_MAP.get(c);
    out += m === undefined ? s[i]! : m;
  }
  return out.normalize('NFC');
}

function mapTable(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const m = PRE_NFD_MAP.get(s.charCodeAt(i));
    out += m === undefined ? s[i]! : m;
  }
  return out;
}

/** Fold one cluster to its fixpoint (bounded), never longer than MAX_EXPANSION × cluster length. */
function foldCluster(cluster: string): string {
  let prev = cluster;
  for (let k = 0; k < 4; k++) {
    const next = foldOnce(prev);
    if (next === prev) break;
    prev = next;
  }
  if (prev.length > MAX_EXPANSION * cluster.length) prev = prev.slice(0, MAX_EXPANSION * cluster.length);
  return prev;
}

// Cache: single BMP code point → folded string.
const BMP_CACHE: (string | undefined)[] = new Array<string | undefined>(0x10000);
const MULTI_CACHE = new Map<string, string>();
const MULTI_CACHE_MAX = 50_000;

function foldCached(s: string, start: number, end: number): string {
  if (end - start === 1) {
    const c = s.charCodeAt(start);
    let v = BMP_CACHE[c];
    if (v === undefined) {
      v = foldCluster(s[start]!);
      BMP_CACHE[c] = v;
    }
    return v;
  }
  const key = s.slice(start, end);
  let v = MULTI_CACHE.get(key);
  if (v === undefined) {
    v = foldCluster(key);
    if (MULTI_CACHE.size >= MULTI_CACHE_MAX) MULTI_CACHE.clear();
    MULTI_CACHE.set(key, v);
  }
  return v;
}

/** End (exclusive) of the cluster starting at i: one code point plus following combining marks / invisibles. */
export function clusterEnd(s: string, i: number): number {
  const n = s.length;
  const c = s.charCodeAt(i);
  let j = i + 1;
  if (c >= 0xd800 && c <= 0xdbff && j < n) {
    const d = s.charCodeAt(j);
    if (d >= 0xdc00 && d <= 0xdfff) j++;
  }
  while (j < n) {
    const d = s.charCodeAt(j);
    if (d < 0x0300) break;
    if (d >= 0xd800 && d <= 0xdbff && j + 1 < n) {
      // astral combining marks (rare): test the full code point
      const cp = s.codePointAt(j)!;
      if (!MARK_RE.test(String.fromCodePoint(cp))) break;
      j += 2;
      continue;
    }
    if (!isMark(d)) break;
    j++;
  }
  // cap pathological mark runs so a cluster stays small (cache keys, NFKC cost)
  return Math.min(j, i + 32);
}

// ---------------------------------------------------------------------------------------------------------
// ASCII fast path

function isAsciiClean(s: string): boolean {
  // true when s is ASCII, has no upper case, no control chars, no double/leading/trailing space
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x7f || (c >= 0x41 && c <= 0x5a)) return false;
    if (c <= 0x20) {
      if (c !== 0x20 || prevSpace) return false;
      prevSpace = true;
    } else prevSpace = false;
  }
  return !prevSpace || s.length === 0;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x7f) return false;
  return true;
}

// Output buffer shared by the folding loops (single-threaded): char codes are written here and turned into a
// string once, instead of growing a string char by char (which builds long rope chains on big inputs).
let obuf = new Uint16Array(1024);

function ensureOut(n: number): Uint16Array {
  if (obuf.length < n) obuf = new Uint16Array(Math.max(n, obuf.length * 2));
  return obuf;
}

function releaseOut(): void {
  if (obuf.length > 1 << 22) obuf = new Uint16Array(1024); // do not pin huge buffers
}

/** Node's Buffer decodes UTF-16 code units as they are (lone surrogates kept), several times faster than fromCharCode. */
const NODE_UTF16: boolean =
  typeof Buffer === 'function' && new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 && Buffer.from(new Uint16Array([0xd800]).buffer).toString('utf16le') === '\ud800';

function bufToString(buf: Uint16Array, n: number): string {
  if (n <= 8) {
    let r = '';
    for (let i = 0; i < n; i++) r += String.fromCharCode(buf[i]!);
    return r;
  }
  if (NODE_UTF16) return Buffer.from(buf.buffer, buf.byteOffset, n * 2).toString('utf16le');
  if (n <= 4096) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < n; i += 4096) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]));
  }
  return parts.join('');
}

function asciiFold(s: string, map: Int32Array | null): string {
  const out = ensureOut(s.length);
  let o = 0;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c <= 0x20) {
      if (o > 0) pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      out[o] = 0x20;
      if (map) map[o] = i - 1;
      o++;
      pendingSpace = false;
    }
    if (c >= 0x41 && c <= 0x5a) c += 32;
    out[o] = c;
    if (map) map[o] = i;
    o++;
  }
  const r = bufToString(out, o);
  releaseOut();
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// General path

function foldGeneral(s: string, map: Int32Array | null): string {
  const n = s.length;
  let out = ensureOut(n * MAX_EXPANSION);
  let o = 0;
  let pendingSpace = -1; // original index of the pending separator, -1 if none
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    // fast ASCII letters/digits/punctuation
    if (c < 0x7f && c > 0x20) {
      if (pendingSpace >= 0) {
        out[o] = 0x20;
        if (map) map[o] = pendingSpace;
        o++;
        pendingSpace = -1;
      }
      out[o] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      if (map) map[o] = i;
      o++;
      i++;
      continue;
    }
    const e = clusterEnd(s, i);
    const f = foldCached(s, i, e);
    for (let k = 0; k < f.length; k++) {
      const fc = f.charCodeAt(k);
      if (fc === 0x20) {
        if (o > 0 && pendingSpace < 0) pendingSpace = i;
        continue;
      }
      if (pendingSpace >= 0) {
        out[o] = 0x20;
        if (map) map[o] = pendingSpace;
        o++;
        pendingSpace = -1;
      }
      if (o >= out.length) out = ensureOut(o + 16); // cannot happen (≤ 3× per cluster), kept for safety
      out[o] = fc;
      if (map) map[o] = i;
      o++;
    }
    i = e;
  }
  const r = bufToString(out, o);
  releaseOut();
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/** Search normalisation (see module doc). Total, idempotent, output length ≤ 3 × input length. */
export function normalise(s: string): string {
  if (typeof s !== 'string') return '';
  if (isAsciiClean(s)) return s;
  if (isAscii(s)) return asciiFold(s, null);
  return foldGeneral(s, null);
}

let scratch = new Int32Array(1024);

/** `normalise` plus the map from output positions to original positions (for highlights). */
export function normaliseWithMap(s: string): NormalisedText {
  if (typeof s !== 'string') return { text: '', map: new Int32Array(0) };
  const need = s.length * MAX_EXPANSION;
  if (scratch.length < need) scratch = new Int32Array(Math.max(need, scratch.length * 2));
  const text = isAscii(s) ? asciiFold(s, scratch) : foldGeneral(s, scratch);
  const map = scratch.slice(0, text.length);
  if (scratch.length > 1 << 22) scratch = new Int32Array(1024); // do not pin huge buffers
  return { text, map };
}

/**
 * Map a span [start, end) of the normalised text back to the original: [origStart, origEnd).
 * The end is extended to the end of the original cluster that produced the last output char.
 */
export function toOriginalSpan(original: string, map: Int32Array, start: number, end: number): [number, number] {
  if (end <= start || start >= map.length) {
    const p = start < map.length ? map[start]! : original.length;
    return [p, p];
  }
  const s = map[start]!;
  const last = map[Math.min(end, map.length) - 1]!;
  return [s, clusterEnd(original, last)];
}

// ---------------------------------------------------------------------------------------------------------
// Exact mode

const INVISIBLE_RE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * "Exact as written" normalisation: NFC and removal of invisible characters (zero-width, bidi controls, BOM,
 * soft hyphen). No case folding, no diacritic/script folding, whitespace untouched, variation selectors kept.
 * Used for the exact search mode where "Čaša" must not match "casa".
 */
export function normaliseExact(s: string): string {
  if (typeof s !== 'string') return '';
  return s.replace(INVISIBLE_RE, '').normalize('NFC');
}

function isExactInvisible(c: number): boolean {
  return isInvisible(c) && !(c >= 0xfe00 && c <= 0xfe0f);
}

function isJamoContinuation(c: number): boolean {
  return (c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff);
}

/** Cluster for exact mode: a code point plus following marks, invisibles and Hangul vowel/final jamo. */
function exactClusterEnd(s: string, i: number): number {
  let j = clusterEnd(s, i);
  while (j < s.length && j - i < 64) {
    const d = s.charCodeAt(j);
    if (isExactInvisible(d) || isJamoContinuation(d) || isMark(d)) j++;
    else break;
  }
  return j;
}

/** `normaliseExact` plus the offset map (same contract as `normaliseWithMap`). */
export function normaliseExactWithMap(s: string): NormalisedText {
  if (typeof s !== 'string') return { text: '', map: new Int32Array(0) };
  const parts: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    // plain character not followed by anything that could compose with it or be removed
    if (c < 0x300 && c !== 0xad && (next < 0x300 ? next !== 0xad : !isMark(next) && !isExactInvisible(next) && !isJamoContinuation(next))) {
      parts.push(s[i]!);
      map.push(i);
      i++;
      continue;
    }
    const e = exactClusterEnd(s, i);
    let cluster = '';
    for (let k = i; k < e; k++) if (!isExactInvisible(s.charCodeAt(k))) cluster += s[k]!;
    const f = cluster.normalize('NFC');
    for (let k = 0; k < f.length; k++) map.push(i);
    parts.push(f);
    i = e;
  }
  const text = parts.join('');
  return { text, map: Int32Array.from(map) };
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

export interface Token {
  /** The token as it appears in the input string. */
  text: string;
  /** UTF-16 offsets into the input string, [start, end). */
  start: number;
  end: number;
}

// Letters, digits and combining marks (Arabic harakat, Devanagari signs); ZWNJ/ZWJ inside Persian words.
const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u200C\u200D\u00AD]*/gu;

/** Word tokens of s (Unicode letters/digits, any script) with their spans in s. */
export function tokenize(s: string): Token[] {
  if (typeof s !== 'string') return [];
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(s); m !== null; m = TOKEN_RE.exec(s)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
