/**
 * Timestamps in CSV sources: ISO 8601 (default), epoch seconds/milliseconds, or a declared
 * operator pattern (`ts_format=dd/MM/yyyy HH:mm:ss`, `yyyyMMddHHmmss`, …).
 *
 * Pattern tokens: yyyy MM dd HH mm ss SSS (fixed width) and XXX (offset `+01:00`/`Z`); any
 * other character must match literally. A time without an offset is read in `timeZone`
 * (TIMESTAMP_AMBIGUOUS without one); then tzOffset is null and tsLocal keeps the text.
 */
import { ClewError } from '../../../model/errors.js';
import type { TimeFields } from '../../../model/records.js';
import { parseTimestamp, validWallClock, zonedToUtc, type WallClock } from '../../time.js';

export type TimeFormat = { kind: 'iso' } | { kind: 'epoch' } | { kind: 'epoch_ms' } | { kind: 'pattern'; pattern: string; re: RegExp; groups: string[] };

const TOKENS = ['yyyy', 'SSS', 'XXX', 'MM', 'dd', 'HH', 'mm', 'ss'] as const;
const TOKEN_RE: Record<string, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{2})',
  dd: '(\\d{2})',
  HH: '(\\d{2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
  XXX: '(Z|[+-]\\d{2}:?\\d{2})',
};

export function compileTimeFormat(spec: string | undefined): TimeFormat {
  const s = (spec ?? 'iso').trim();
  if (s === '' || s === 'iso') return { kind: 'iso' };
  if (s === 'epoch') return { kind: 'epoch' };
  if (s === 'epoch_ms') return { kind: 'epoch_ms' };
  if (s.length > 64) throw new ClewError('CSV_MAPPING', 'ts_format is too long');
  let re = '^';
  const groups: string[] = [];
  for (let i = 0; i < s.length; ) {
    const tok = TOKENS.find((t) => s.startsWith(t, i));
    if (tok) {
      if (groups.includes(tok)) throw new ClewError('CSV_MAPPING', `ts_format repeats ${tok}`);
      groups.push(tok);
      re += TOKEN_RE[tok];
      i += tok.length;
    } else {
      const ch = s[i]!;
      if (/[A-Za-z]/.test(ch)) throw new ClewError('CSV_MAPPING', `ts_format: unknown token at "${s.slice(i, i + 4)}" (use yyyy MM dd HH mm ss SSS XXX)`);
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  for (const need of ['yyyy', 'MM', 'dd', 'HH', 'mm'])
    if (!groups.includes(need)) throw new ClewError('CSV_MAPPING', `ts_format needs ${need}: ${s}`);
  return { kind: 'pattern', pattern: s, re: new RegExp(`${re}$`), groups };
}

function offsetMinutes(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const d = z.slice(1).replace(':', '');
  const hh = Number(d.slice(0, 2));
  const mm = Number(d.slice(2, 4));
  if (hh > 14 || mm > 59) throw new ClewError('TIMESTAMP_INVALID', `impossible UTC offset: ${z}`);
  return sign * (hh * 60 + mm);
}

export function parseCsvTime(text: string, fmt: TimeFormat, timeZone?: string): TimeFields {
  const value = text.trim();
  if (value === '') throw new ClewError('TIMESTAMP_INVALID', 'empty timestamp');
  switch (fmt.kind) {
    case 'epoch':
    case 'epoch_ms': {
      if (!/^\d{1,16}(\.\d{1,6})?$/.test(value)) throw new ClewError('TIMESTAMP_INVALID', `not an epoch time: ${value.slice(0, 40)}`);
      const n = Number(value);
      return parseTimestamp(fmt.kind === 'epoch' ? n * 1000 : n);
    }
    case 'iso': {
      if (/^\d{9,13}$/.test(value)) return parseTimestamp(Number(value));
      const t = parseTimestamp(value, timeZone);
      const hasZone = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(value) && /[T ]\d/.test(value);
      return hasZone ? t : { ts: t.ts, tzOffset: null, tsLocal: value };
    }
    case 'pattern': {
      const m = fmt.re.exec(value);
      if (!m) throw new ClewError('TIMESTAMP_INVALID', `"${value.slice(0, 40)}" does not match ts_format ${fmt.pattern}`);
      const g = (tok: string): string | undefined => {
        const i = fmt.groups.indexOf(tok);
        return i === -1 ? undefined : m[i + 1];
      };
      const w: WallClock = {
        year: Number(g('yyyy')),
        month: Number(g('MM')),
        day: Number(g('dd')),
        hour: Number(g('HH')),
        minute: Number(g('mm')),
        second: Number(g('ss') ?? 0),
        millisecond: Number(g('SSS') ?? 0),
      };
      if (!validWallClock(w)) throw new ClewError('TIMESTAMP_INVALID', `impossible date or time: ${value.slice(0, 40)}`);
      const z = g('XXX');
      if (z !== undefined) {
        const off = offsetMinutes(z);
        return { ts: zonedToUtc(w, 'UTC').ts - off * 60000, tzOffset: off };
      }
      if (!timeZone) throw new ClewError('TIMESTAMP_AMBIGUOUS', `no time zone in ${value.slice(0, 40)}; pass --tz`);
      return { ts: zonedToUtc(w, timeZone).ts, tzOffset: null, tsLocal: value };
    }
  }
}
