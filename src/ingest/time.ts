/**
 * Timestamps: strict parsing of ISO 8601 and conversion of wall-clock times in an IANA zone.
 * Impossible dates (month 13, 30 February, hour 25) are errors, never silently rolled over.
 */
import { ClewError } from '../model/errors.js';

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

export interface ParsedTime {
  ts: number;
  tzOffset: number | null;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function validWallClock(w: WallClock): boolean {
  return (
    Number.isInteger(w.year) &&
    w.year >= 1970 &&
    w.year <= 2099 &&
    w.month >= 1 &&
    w.month <= 12 &&
    w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) &&
    w.hour >= 0 &&
    w.hour <= 23 &&
    w.minute >= 0 &&
    w.minute <= 59 &&
    w.second >= 0 &&
    w.second <= 60
  );
}

function wallToUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, Math.min(w.second, 59), w.millisecond ?? 0);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC, in minutes, at the instant `utcMs`. */
export function zoneOffsetAt(timeZone: string, utcMs: number): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new ClewError('INVALID_ARGUMENT', `unknown time zone: ${timeZone}`, { timeZone });
    }
    offsetFormatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** Check that an IANA zone name is known; throws INVALID_ARGUMENT otherwise. */
export function assertTimeZone(timeZone: string): void {
  zoneOffsetAt(timeZone, 0);
}

/**
 * A wall-clock time in an IANA zone to UTC. In the autumn overlap the earlier instant is taken;
 * a time in the spring gap is moved forward by the gap (as most phones do).
 */
export function zonedToUtc(w: WallClock, timeZone: string): ParsedTime {
  if (!validWallClock(w)) throw new ClewError('TIMESTAMP_INVALID', 'impossible date or time');
  const naive = wallToUtcMs(w);
  const before = zoneOffsetAt(timeZone, naive - 12 * 3600_000);
  const after = zoneOffsetAt(timeZone, naive + 12 * 3600_000);
  const valid = [...new Set([before, after])]
    .map((o) => naive - o * 60000)
    .filter((ts) => zoneOffsetAt(timeZone, ts) * 60000 === naive - ts)
    .sort((a, b) => a - b);
  // in the overlap both are valid: take the earlier; in the gap none is: read it with the offset before the gap
  const ts = valid[0] ?? naive - before * 60000;
  return { ts, tzOffset: zoneOffsetAt(timeZone, ts) };
}

/** Two ASCII digits at i as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function fastDaysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return 30 + ((month + (month >> 3)) & 1);
}

/**
 * The shape nearly every exported timestamp has, "2021-02-03T10:15:00+01:00" or "…Z", with or
 * without milliseconds ".123", read without a regular expression or a Date. Returns null for
 * anything else, including impossible values, so that the general parser below decides (and
 * words the error). Property-tested against it.
 */
export function fastIsoTimestamp(s: string): ParsedTime | null {
  const n = s.length;
  if (n < 20 || n > 29) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const c = digits2(s, 0);
  const yy = digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const minute = digits2(s, 14);
  const second = digits2(s, 17);
  if (c < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const year = c * 100 + yy;
  if (year < 1970 || year > 2099 || day > fastDaysInMonth(year, month)) return null;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(19) === 46) {
    const a = digits2(s, 20);
    const b = s.charCodeAt(22) - 48;
    if (a < 0 || b < 0 || b > 9) return null;
    ms = a * 10 + b;
    i = 23;
  }
  let off: number;
  if (n === i + 1 && s.charCodeAt(i) === 90) off = 0;
  else if (n === i + 6 && s.charCodeAt(i + 3) === 58) {
    const sign = s.charCodeAt(i);
    const hh = digits2(s, i + 1);
    const mm = digits2(s, i + 4);
    if ((sign !== 43 && sign !== 45) || hh < 0 || hh > 14 || mm < 0 || mm > 59) return null;
    off = (sign === 45 ? -1 : 1) * (hh * 60 + mm);
  } else return null;
  const ts = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000 + ms - off * 60000;
  return { ts, tzOffset: off };
}

/**
 * Parse an ISO 8601 timestamp. Without an offset the time is ambiguous: it is read in
 * `timeZone` when given, otherwise TIMESTAMP_AMBIGUOUS is thrown. A bare number is taken as
 * epoch seconds (< 1e11) or milliseconds.
 */
export function parseTimestamp(value: unknown, timeZone?: string): ParsedTime {
  if (typeof value === 'string') {
    const fast = fastIsoTimestamp(value);
    if (fast) return fast;
  }
  return parseTimestampGeneral(value, timeZone);
}

/** parseTimestamp without the fast path (the reference it is tested against). */
export function parseTimestampGeneral(value: unknown, timeZone?: string): ParsedTime {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new ClewError('TIMESTAMP_INVALID', `impossible epoch time: ${value}`);
    const ms = value < 1e11 ? value * 1000 : value;
    if (ms > Date.UTC(2100, 0, 1)) throw new ClewError('TIMESTAMP_INVALID', `epoch time out of range: ${value}`);
    return { ts: Math.round(ms), tzOffset: 0 };
  }
  if (typeof value !== 'string') throw new ClewError('TIMESTAMP_INVALID', 'timestamp must be a string or a number');
  const m = ISO_RE.exec(value.trim());
  if (!m) throw new ClewError('TIMESTAMP_INVALID', `not an ISO 8601 timestamp: ${value.slice(0, 60)}`);
  const frac = m[7] ? Number(`0.${m[7]}`) : 0;
  const w: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    millisecond: Math.round(frac * 1000),
  };
  if (!validWallClock(w)) throw new ClewError('TIMESTAMP_INVALID', `impossible date or time: ${value.slice(0, 60)}`);
  const zone = m[8];
  if (zone === undefined) {
    if (!timeZone) throw new ClewError('TIMESTAMP_AMBIGUOUS', `no time zone in ${value.slice(0, 60)}; pass --tz`);
    return zonedToUtc(w, timeZone);
  }
  let off = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hh = Number(digits.slice(0, 2));
    const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hh > 14 || mm > 59) throw new ClewError('TIMESTAMP_INVALID', `impossible UTC offset: ${zone}`);
    off = sign * (hh * 60 + mm);
  }
  return { ts: wallToUtcMs(w) - off * 60000, tzOffset: off };
}
