/**
 * Recognise the header that starts each WhatsApp message line, in both export layouts:
 *   Android  `31.12.21, 23:59 - Name: text`   `12/31/21, 11:59 PM - Name: text`
 *   iOS      `[31.12.21, 23:59:07] Name: text`
 * Direction marks, Arabic-Indic digits and narrow spaces are tolerated (see marks.ts).
 * The date's field order is not decided here: the header carries the three raw numbers and
 * the file-level analysis (dateorder.ts) decides day/month vs month/day.
 */
import { isMark, normaliseHead } from './marks.js';

export type Layout = 'android' | 'ios';
export type Meridiem = 'am' | 'pm' | null;

export interface Header {
  layout: Layout;
  /** The three date numbers in written order; `yearFirst` when the first has four digits. */
  f1: number;
  f2: number;
  f3: number;
  yearFirst: boolean;
  hour: number;
  minute: number;
  second: number;
  meridiem: Meridiem;
  /** The date and time as written in the original line (marks included). */
  local: string;
  /** Index in the original line where the text after the header starts. */
  restStart: number;
}

// Localised AM/PM words as they appear after normalisation (case-insensitive).
const MERIDIEM =
  'a\\. ?m\\.|p\\. ?m\\.|am|pm|vorm\\.|nachm\\.|ص|م|пре подне|по подне|prepodne|popodne|pre podne|po podne|de\\.|du\\.';
const AM = new Set(['am', 'a.m.', 'a. m.', 'vorm.', 'ص', 'пре подне', 'prepodne', 'pre podne', 'de.']);

const DATE = '(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})\\.?';
const TIME = `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?: ?(${MERIDIEM}))?`;
const ANDROID_RE = new RegExp(`^${DATE},? ?(?:à |um |o |a las )?${TIME} [-–] `, 'i');
const IOS_RE = new RegExp(`^\\[${DATE},? ${TIME}\\] `, 'i');
// Time first (some iOS and Android regional settings): `[14:56:01, 3/18/22] `, `14:56, 18.03.22 - `.
// Same groups, reordered by `reorder` below so that `build` reads them like the date-first ones.
const TIME_TF = `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?: ?(${MERIDIEM}))?`;
const DATE_TF = '(\\d{1,4})([./-])(\\d{1,2})\\6(\\d{4}|\\d{2})\\.?';
const ANDROID_TF_RE = new RegExp(`^${TIME_TF},? ${DATE_TF} [-–] `, 'i');
const IOS_TF_RE = new RegExp(`^\\[${TIME_TF},? ${DATE_TF}\\] `, 'i');

/** A time-first match with its groups in date-first order (1-4 date, 5-8 time). */
function reorder(m: RegExpExecArray): RegExpExecArray {
  const r = [m[0], m[5], m[6], m[7], m[8], m[1], m[2], m[3], m[4]] as unknown as RegExpExecArray;
  r.index = m.index;
  r.input = m.input;
  return r;
}

/** Longest header we look at, in UTF-16 units (dates, times, marks and separators). */
const HEAD_MAX = 80;

/** Cheap test on the first character: could this line start a header at all? */
function mayStart(c: number): boolean {
  return (
    c === 0x5b /* [ */ ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x0660 && c <= 0x0669) ||
    (c >= 0x06f0 && c <= 0x06f9) ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c ||
    c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/** Parse a header at the start of `line`; null when the line is a continuation. */
export function parseHeader(line: string, only?: Layout): Header | null {
  if (line.length < 8 || !mayStart(line.charCodeAt(0))) return null;
  // Fastest path: the common ASCII headers, scanned by hand (no regex, no substrings).
  const fast = scanAscii(line, only);
  if (fast !== undefined) return fast;
  return parseHeaderRegex(line, only);
}

/** parseHeader without the hand scanner (the reference it is tested against). */
export function parseHeaderRegex(line: string, only?: Layout): Header | null {
  if (line.length < 8 || !mayStart(line.charCodeAt(0))) return null;
  // Fast path: most other headers are plain text and match as written.
  const raw = matchLayout(line, only);
  if (raw) {
    let restStart = raw.m[0].length;
    while (restStart < line.length && isMark(line.charCodeAt(restStart))) restStart++;
    return build(raw.m, raw.layout, line, 0, raw.m[0].length, restStart, null);
  }
  // Slow path: marks, Arabic-Indic digits, narrow spaces.
  const { norm, map } = normaliseHead(line, HEAD_MAX);
  if (norm === line) return null;
  const n = matchLayout(norm, only);
  if (!n) return null;
  return build(n.m, n.layout, line, 0, n.m[0].length, map[n.m[0].length]!, map);
}

function matchLayout(s: string, only?: Layout): { m: RegExpExecArray; layout: Layout; timeFirst?: true } | null {
  if (s.charCodeAt(0) === 0x5b) {
    if (only === 'android') return null;
    const m = IOS_RE.exec(s);
    if (m) return { m, layout: 'ios' };
    const t = IOS_TF_RE.exec(s);
    return t ? { m: reorder(t), layout: 'ios', timeFirst: true } : null;
  }
  if (only === 'ios') return null;
  const m = ANDROID_RE.exec(s);
  if (m) return { m, layout: 'android' };
  const t = ANDROID_TF_RE.exec(s);
  return t ? { m: reorder(t), layout: 'android', timeFirst: true } : null;
}

function build(m: RegExpExecArray, layout: Layout, line: string, _from: number, matchLen: number, restStart: number, map: number[] | null): Header | null {
  const f1 = m[1]!;
  const yearFirst = f1.length === 4;
  if (!yearFirst && f1.length > 2) return null;
  // yyyy.mm.dd: the third field is the day, never a year
  if (yearFirst && m[4]!.length === 4) return null;
  const mer = m[8] ? m[8].toLowerCase() : null;
  const meridiem: Meridiem = mer === null ? null : AM.has(mer) ? 'am' : 'pm';
  // The date-time text: from the first digit to the end of the time (or meridiem).
  const start = layout === 'ios' ? 1 : 0;
  const end = matchLen - (layout === 'ios' ? 2 : 3);
  const local = map === null ? line.slice(start, end) : line.slice(map[start]!, map[end]!);
  return {
    layout,
    f1: Number(f1),
    f2: Number(m[3]),
    f3: Number(m[4]),
    yearFirst,
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: m[7] ? Number(m[7]) : 0,
    meridiem,
    local,
    restStart,
  };
}

/**
 * Hand scanner for the common ASCII headers (`31.12.21, 23:59 - `, `12/31/21, 11:59 PM - `,
 * `[31.12.21, 23:59:07] `, `31-12-2021 23:59 - `). Returns undefined whenever anything is
 * unusual, and the regexes decide; it never accepts what they would reject.
 */
function scanAscii(line: string, only?: Layout): Header | undefined {
  const n = line.length;
  let i = 0;
  const ios = line.charCodeAt(0) === 0x5b;
  if (ios) {
    if (only === 'android') return undefined;
    i = 1;
  } else if (only === 'ios') return undefined;
  const digits = (max: number): number => {
    let v = 0;
    let k = 0;
    while (k < max && i < n) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      i++;
      k++;
    }
    lastLen = k;
    return v;
  };
  let lastLen = 0;
  const start = i;
  const f1 = digits(4);
  const l1 = lastLen;
  if (l1 === 0 || l1 === 3) return undefined;
  const sep = line.charCodeAt(i);
  if (sep !== 0x2e && sep !== 0x2f && sep !== 0x2d) return undefined;
  i++;
  const f2 = digits(2);
  if (lastLen === 0 || line.charCodeAt(i) !== sep) return undefined;
  i++;
  const f3 = digits(4);
  const l3 = lastLen;
  if (l3 !== 2 && l3 !== 4) return undefined;
  if (l1 === 4 && l3 === 4) return undefined;
  if (line.charCodeAt(i) === 0x2e) i++;
  if (line.charCodeAt(i) === 0x2c) i++;
  if (line.charCodeAt(i) === 0x20) i++;
  else if (ios) return undefined;
  const hour = digits(2);
  if (lastLen === 0) return undefined;
  const tsep = line.charCodeAt(i);
  if (tsep !== 0x3a && tsep !== 0x2e) return undefined;
  i++;
  const minute = digits(2);
  if (lastLen !== 2) return undefined;
  let second = 0;
  const c7 = line.charCodeAt(i);
  if (c7 === 0x3a || c7 === 0x2e) {
    const save = i;
    i++;
    second = digits(2);
    if (lastLen !== 2) {
      if (ios) return undefined;
      i = save; // "23:59." is not a seconds field
      second = 0;
    }
  }
  let meridiem: Meridiem = null;
  let j = i;
  if (line.charCodeAt(j) === 0x20) j++;
  const a = line.charCodeAt(j);
  if ((a === 0x41 || a === 0x50 || a === 0x61 || a === 0x70) && (line.charCodeAt(j + 1) | 0x20) === 0x6d) {
    const after = line.charCodeAt(j + 2);
    if ((ios && after === 0x5d) || (!ios && after === 0x20)) {
      meridiem = (a | 0x20) === 0x61 ? 'am' : 'pm';
      i = j + 2;
    } else return undefined;
  } else if (a > 0x40 && !(ios && a === 0x5d)) return undefined; // a localised meridiem: the regexes decide
  const end = i;
  if (ios) {
    if (line.charCodeAt(i) !== 0x5d || line.charCodeAt(i + 1) !== 0x20) return undefined;
    i += 2;
  } else {
    if (line.charCodeAt(i) !== 0x20 || line.charCodeAt(i + 1) !== 0x2d || line.charCodeAt(i + 2) !== 0x20) return undefined;
    i += 3;
  }
  while (i < n && isMark(line.charCodeAt(i))) i++;
  return {
    layout: ios ? 'ios' : 'android',
    f1,
    f2,
    f3,
    yearFirst: l1 === 4,
    hour,
    minute,
    second,
    meridiem,
    local: line.slice(start, end),
    restStart: i,
  };
}
