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

/**
 * Parse an ISO 8601 timestamp. Without an offset the time is ambiguous: it is read in
 * `timeZone` when given, otherwise TIMESTAMP_AMBIGUOUS is thrown. A bare number is taken as
 * epoch seconds (< 1e11) or milliseconds.
 */
export function parseTimestamp(value: unknown, timeZone?: string): ParsedTime {
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
