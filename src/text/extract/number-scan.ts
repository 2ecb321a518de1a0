/**
 * Locale-aware number scanning for the money and drug-quantity extractors (on folded text: ASCII digits,
 * whitespace collapsed to single spaces).
 *
 * A run of digits and separators is cut into numbers:
 *  - thousands groups: "1.500.000" (sr, hr, nl, es, pt, tr, sq), "1,500,000" (en), "1 500 000" (fr, and
 *    NBSP/narrow NBSP, folded to a space), "1'500'000" / "1’500’000" (CH); every group after the first
 *    has exactly 3 digits and the first 1–3;
 *  - a decimal part after the last separator when it differs from the grouping one ("1.500,50", "1,500.50");
 *  - a single separator followed by exactly 3 digits is a thousands separator ("1.500" = 1500,
 *    "1,500" = 1500); otherwise it is a decimal mark ("1,5", "2.75");
 *  - anything else ("12.05.2024", "1.2.3") is not a number and yields nothing (dates, versions).
 * Space-separated digit groups join only when they form valid thousands groups ("2 500 000"), otherwise
 * they are separate numbers ("12 30").
 *
 * The scan is one hand-written pass over the characters (each visited a bounded number of times), then
 * linear work per run; the result for the last text is memoised (callers must not mutate it).
 */

export interface NumberSpan {
  /** Folded-text offsets [start, end). */
  start: number;
  end: number;
  value: number;
  /** The number as written (folded). */
  text: string;
  /** True when the number has a decimal part. */
  decimal: boolean;
}

const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;
const MAX_RUN = 64;
/** Single-entry memo: money and drug quantities scan the same folded text. Results are shared: do not mutate. */
let lastScanned: string | undefined;
let lastNumbers: NumberSpan[] | undefined;

/** Parse a number without spaces. Returns undefined when the grouping is not a valid number. */
export function parseCompact(s: string): { value: number; decimal: boolean } | undefined {
  if (!/^\d/.test(s) || !/\d$/.test(s)) return undefined;
  const seps = s.replace(/\d/g, '');
  if (seps.length === 0) return { value: Number(s), decimal: false };
  const groups = s.split(/[.,'’]/);
  const lastSep = seps[seps.length - 1] as string;
  const firstSep = seps[0] as string;
  const isApos = (c: string): boolean => c === "'" || c === '’';
  // One separator only.
  if (seps.length === 1) {
    const [a, b] = groups as [string, string];
    if (isApos(lastSep)) return a.length <= 3 && b.length === 3 ? { value: Number(a + b), decimal: false } : undefined;
    if (b.length === 3 && a.length <= 3 && a !== '0') return { value: Number(a + b), decimal: false };
    return { value: Number(`${a}.${b}`), decimal: true };
  }
  // Several separators: all but possibly the last must be the grouping separator.
  const grouping = firstSep;
  let decimalPart: string | undefined;
  let intGroups = groups;
  if (lastSep !== grouping || (isApos(grouping) && isApos(lastSep) === false)) {
    if (isApos(lastSep)) return undefined;
    decimalPart = groups[groups.length - 1];
    intGroups = groups.slice(0, -1);
    for (let i = 0; i < seps.length - 1; i++) {
      const c = seps[i] as string;
      if (!(c === grouping || (isApos(c) && isApos(grouping)))) return undefined;
    }
  } else {
    for (const c of seps) if (!(c === grouping || (isApos(c) && isApos(grouping)))) return undefined;
  }
  const [head, ...rest] = intGroups as [string, ...string[]];
  if (head.length > 3 || head.length === 0) return undefined;
  for (const g of rest) if (g.length !== 3) return undefined;
  const int = intGroups.join('');
  if (decimalPart !== undefined) {
    if (decimalPart.length === 0 || decimalPart.length > 3) return undefined;
    return { value: Number(`${int}.${decimalPart}`), decimal: true };
  }
  return { value: Number(int), decimal: false };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function allDigits(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return b > a;
}

/** 1: exactly three digits; 2: three digits, then . or , and 1–2 digits; 0: not a thousands group. */
function groupKind(s: string, a: number, b: number): 0 | 1 | 2 {
  if (b - a < 3 || !allDigits(s, a, a + 3)) return 0;
  if (b - a === 3) return 1;
  const c = s.charCodeAt(a + 3);
  if ((c === 46 || c === 44) && (b - a === 5 || b - a === 6) && allDigits(s, a + 4, b)) return 2;
  return 0;
}

/** All numbers in folded text, left to right. */
export function scanNumbers(folded: string): NumberSpan[] {
  if (folded === lastScanned && lastNumbers) return lastNumbers;
  const out: NumberSpan[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (!isDigit(c)) {
      i++;
      continue;
    }
    // Not glued to a letter, digit or underscore before it.
    if (i > 0) {
      const p = folded.charCodeAt(i - 1);
      if (p === 95 || (p >= 65 && p <= 90) || (p >= 97 && p <= 122) || (p >= 128 && LETTER_OR_DIGIT_RE.test(folded[i - 1] as string))) {
        while (i < n && isDigit(folded.charCodeAt(i))) i++;
        continue;
      }
    }
    // The run: digits, and single separators each followed by a digit.
    const base = i;
    let plain = true;
    i++;
    while (i < n) {
      const d = folded.charCodeAt(i);
      if (isDigit(d)) {
        i++;
      } else if ((d === 46 || d === 44 || d === 39 || d === 0x2019 || d === 32) && i + 1 < n && isDigit(folded.charCodeAt(i + 1))) {
        plain = false;
        i += 2;
      } else break;
    }
    if (plain) {
      if (i - base <= MAX_RUN) {
        const text = folded.slice(base, i);
        out.push({ start: base, end: i, value: Number(text), text, decimal: false });
      }
      continue;
    }
    const run = folded.slice(base, i);
    if (!run.includes(' ')) {
      const parsed = run.length <= MAX_RUN ? parseCompact(run) : undefined;
      if (parsed && Number.isFinite(parsed.value)) out.push({ start: base, end: base + run.length, value: parsed.value, text: run, decimal: parsed.decimal });
      continue;
    }
    // Chunks between spaces; join chunks that continue a thousands grouping. Index-based: no chunk arrays.
    let pos = 0;
    while (pos < run.length) {
      let end = run.indexOf(' ', pos);
      if (end < 0) end = run.length;
      let lastEnd = end;
      let joined = 1;
      if (end - pos <= 3 && allDigits(run, pos, end)) {
        let next = end + 1;
        while (next < run.length) {
          let e2 = run.indexOf(' ', next);
          if (e2 < 0) e2 = run.length;
          const g = groupKind(run, next, e2);
          if (g === 0) break;
          joined++;
          lastEnd = e2;
          next = e2 + 1;
          if (g === 2) break; // the group carried the decimal part
        }
      }
      if (lastEnd - pos <= MAX_RUN) {
        const text = run.slice(pos, lastEnd);
        let parsed: { value: number; decimal: boolean } | undefined;
        if (joined > 1) {
          // "2 500 000" or "2 500,50": the spaces are the grouping, a trailing . or , is decimal.
          const dm = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/ /g, ''));
          if (dm) parsed = { value: Number(dm[2] ? `${dm[1]}.${dm[2]}` : dm[1]), decimal: Boolean(dm[2]) };
        } else {
          parsed = parseCompact(text);
        }
        if (parsed && Number.isFinite(parsed.value)) {
          out.push({ start: base + pos, end: base + lastEnd, value: parsed.value, text, decimal: parsed.decimal });
        }
      }
      pos = lastEnd + 1;
    }
  }
  lastScanned = folded;
  lastNumbers = out;
  return out;
}

/** Round to 2 decimals and print without exponent or trailing zeros. */
export function formatAmount(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const r = Math.round(v * 100) / 100;
  if (Number.isInteger(r)) return r.toFixed(0);
  return r.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Number words 1–100 that the case languages use with quantities and amounts ("dve cigle", "doce kilos",
 * "cien mil dólares", "two keys"), folded. Words that are also everyday words elsewhere are left out
 * (English "on" = Turkish 10, "one" alone is kept: it needs a unit or currency right after it anyway).
 */
const NUMBER_WORDS: Record<string, number> = {
  // sr / hr / bs
  jedan: 1, jedna: 1, jedno: 1, jednu: 1, dva: 2, dve: 2, dvije: 2, tri: 3, cetiri: 4, pet: 5, sest: 6, sedam: 7, osam: 8,
  devet: 9, deset: 10, jedanaest: 11, dvanaest: 12, petnaest: 15, dvadeset: 20, trideset: 30, cetrdeset: 40,
  pedeset: 50, sto: 100, stotinu: 100,
  // es
  uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, doce: 12,
  quince: 15, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, cien: 100,
  // pt
  um: 1, uma: 1, dois: 2, duas: 2, quatro: 4, sete: 7, oito: 8, nove: 9, dez: 10, doze: 12, quinze: 15, vinte: 20,
  trinta: 30, quarenta: 40, cinquenta: 50, cem: 100,
  // en
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  // fr
  deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, douze: 12, vingt: 20, trente: 30,
  cinquante: 50, cent: 100,
  // nl
  twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10, twaalf: 12, twintig: 20,
  dertig: 30, veertig: 40, vijftig: 50, honderd: 100,
  // sq (ë folded to e)
  nje: 1, dy: 2, kater: 4, pese: 5, gjashte: 6, shtate: 7, tete: 8, nente: 9, dhjete: 10, njezet: 20, pesedhjete: 50, njeqind: 100,
  // tr (ü, ö, ş, ı folded)
  bir: 1, iki: 2, uc: 3, dort: 4, bes: 5, alti: 6, yedi: 7, sekiz: 8, dokuz: 9, yirmi: 20, elli: 50, yuz: 100,
};

const NUMBER_WORD_MAP = new Map<string, number>(Object.entries(NUMBER_WORDS));

/** Word tokens (letters/digits runs) of folded text, with offsets. */
export interface WordToken {
  start: number;
  end: number;
  text: string;
}

/** The number words as one alternation, longest first, whole words only. */
const NUMBER_WORDS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...NUMBER_WORD_MAP.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * Number words in folded text, as NumberSpans (callers require a unit or currency right after them).
 * Pass the text's tokens when they are already known; otherwise one regex pass finds them.
 */
export function scanNumberWords(folded: string, tokens?: readonly WordToken[]): NumberSpan[] {
  const out: NumberSpan[] = [];
  if (tokens) {
    for (const t of tokens) {
      if (t.text.length > 12) continue;
      const v = NUMBER_WORD_MAP.get(t.text);
      if (v !== undefined) out.push({ start: t.start, end: t.end, value: v, text: t.text, decimal: false });
    }
    return out;
  }
  // NUMBER_WORDS_RE's matches are exactly the maximal runs of letters and digits that are number words (the
  // words are all letters): found by scanning the runs, which is several times faster than the regex
  const table = letterDigitTable();
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let w = letterDigitWidth(table, folded, i);
    if (w === 0) {
      i += unitWidth(folded, i);
      continue;
    }
    const start = i;
    while (w > 0) {
      i += w;
      w = i < n ? letterDigitWidth(table, folded, i) : 0;
    }
    if (i - start <= MAX_NUMBER_WORD) {
      const word = folded.slice(start, i);
      const v = NUMBER_WORD_MAP.get(word);
      if (v !== undefined) out.push({ start, end: i, value: v, text: word, decimal: false });
    }
  }
  return out;
}

/** The regex form of the number-word scan (the specification of the run scan above; used by the tests). */
export function scanNumberWordsByRegex(folded: string): NumberSpan[] {
  const out: NumberSpan[] = [];
  NUMBER_WORDS_RE.lastIndex = 0;
  for (let m = NUMBER_WORDS_RE.exec(folded); m !== null; m = NUMBER_WORDS_RE.exec(folded)) {
    const v = NUMBER_WORD_MAP.get(m[0]);
    if (v !== undefined) out.push({ start: m.index, end: m.index + m[0].length, value: v, text: m[0], decimal: false });
  }
  return out;
}

const MAX_NUMBER_WORD = Math.max(...[...NUMBER_WORD_MAP.keys()].map((w) => w.length));
const LETTER_OR_DIGIT_CP_RE = /^[\p{L}\p{N}]$/u;
/** 1 for BMP code units that are letters or digits (\p{L}\p{N}); built on first use. */
let LD: Uint8Array | undefined;
function letterDigitTable(): Uint8Array {
  if (LD) return LD;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 128) t[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
    else if (LETTER_OR_DIGIT_CP_RE.test(String.fromCharCode(c))) t[c] = 1;
  }
  LD = t;
  return t;
}

/** UTF-16 units of the code point at i (2 for a surrogate pair). */
function unitWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Width of the code point at i when it is a letter or digit, else 0 (lone surrogates are neither). */
function letterDigitWidth(table: Uint8Array, s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return table[c]!;
  const w = unitWidth(s, i);
  if (w === 1) return 0;
  return LETTER_OR_DIGIT_CP_RE.test(s.slice(i, i + 2)) ? 2 : 0;
}

/** Digit numbers and number words, in text order. */
export function scanAllNumbers(folded: string, tokens?: readonly WordToken[]): NumberSpan[] {
  // money and drug quantities scan the same folded text one after the other: memoise the last answer
  if (tokens === undefined && folded === lastAllScanned && lastAll) return lastAll;
  const all = scanAll(folded, tokens);
  if (tokens === undefined) {
    lastAllScanned = folded;
    lastAll = all;
  }
  return all;
}

let lastAllScanned: string | undefined;
let lastAll: NumberSpan[] | undefined;

function scanAll(folded: string, tokens?: readonly WordToken[]): NumberSpan[] {
  const a = scanNumbers(folded);
  const b = scanNumberWords(folded, tokens);
  if (b.length === 0) return a;
  const out: NumberSpan[] = new Array<NumberSpan>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as NumberSpan).start <= (b[j] as NumberSpan).start ? (a[i++] as NumberSpan) : (b[j++] as NumberSpan);
  while (i < a.length) out[k++] = a[i++] as NumberSpan;
  while (j < b.length) out[k++] = b[j++] as NumberSpan;
  return out;
}
