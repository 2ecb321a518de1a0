/**
 * Recognise the header that starts each WhatsApp message line, in both export layouts:
 *   Android  `31.12.21, 23:59 - Name: text`   `12/31/21, 11:59 PM - Name: text`
 *   iOS      `[31.12.21, 23:59:07] Name: text`
 * Direction marks, Arabic-Indic digits and narrow spaces are tolerated (see marks.ts).
 * The date's field order is not decided here: the header carries the three raw numbers and
 * the file-level analysis (dateorder.ts) decides day/month vs month/day.
 */
import { normaliseHead } from './marks.js';

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
  const { norm, map } = normaliseHead(line, HEAD_MAX);
  let layout: Layout;
  let m: RegExpExecArray | null = null;
  if (norm.charCodeAt(0) === 0x5b) {
    if (only === 'android') return null;
    m = IOS_RE.exec(norm);
    layout = 'ios';
  } else {
    if (only === 'ios') return null;
    m = ANDROID_RE.exec(norm);
    layout = 'android';
  }
  if (!m) return null;
  const yearFirst = m[1]!.length === 4;
  if (!yearFirst && m[1]!.length > 2) return null;
  // yyyy.mm.dd: the third field is the day, never a year
  if (yearFirst && m[4]!.length === 4) return null;
  const mer = m[8] ? m[8].toLowerCase() : null;
  const meridiem: Meridiem = mer === null ? null : AM.has(mer) ? 'am' : 'pm';
  // The date-time text: from the first digit to the end of the time (or meridiem).
  const start = layout === 'ios' ? 1 : 0;
  const end = m[0].length - (layout === 'ios' ? 2 : 3);
  const local = line.slice(map[start]!, map[end]!);
  return {
    layout,
    f1: Number(m[1]),
    f2: Number(m[3]),
    f3: Number(m[4]),
    yearFirst,
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: m[7] ? Number(m[7]) : 0,
    meridiem,
    local,
    restStart: map[m[0].length]!,
  };
}
