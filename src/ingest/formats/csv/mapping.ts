/**
 * The column mapping of a generic CSV source: which column holds which canonical field, and
 * how to read the values. Written on the command line as `key=value` pairs separated by
 * commas (`--map from=caller,to=callee,ts=start,duration=secs`) or as a JSON object (file).
 *
 * Field keys (value = column name in the header):
 *   from, to, ts, date, time, duration, lat, lon, channel, body, conversation, id, subject, cell
 * Option keys:
 *   type=call|message        record type (default: `body` -> message, `duration` -> call)
 *   ts_format=iso|epoch|epoch_ms|<pattern>   pattern tokens yyyy MM dd HH mm ss SSS XXX
 *   delimiter=,|;|tab|\|      (default: sniffed from the header line)
 *   encoding=utf8|latin1|windows-1252        (default utf8; invalid UTF-8 rows are rejected)
 *   platform=phone|<platform> account platform of from/to (default phone: numbers to E.164)
 *   numbers=auto|international   international: digits without + are international (MSISDN)
 *   region=<ISO 3166 alpha-2>    default region for national numbers (else --region)
 *   channel_default=sms|chat|email|call
 *   antennas=<path>              antenna file (antenna_id, latitude, longitude) for `cell`
 */
import { ClewError } from '../../../model/errors.js';
import type { Channel } from '../../../model/records.js';
import type { CsvEncoding } from './rows.js';
import { compileTimeFormat, type TimeFormat } from './tsformat.js';

export const MAPPED_FIELDS = [
  'from',
  'to',
  'ts',
  'date',
  'time',
  'duration',
  'lat',
  'lon',
  'channel',
  'body',
  'conversation',
  'id',
  'subject',
  'cell',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const OPTION_KEYS = ['type', 'ts_format', 'delimiter', 'encoding', 'platform', 'numbers', 'region', 'channel_default', 'antennas'] as const;

export interface CsvMapping {
  type: 'call' | 'message';
  columns: Partial<Record<MappedField, string>>;
  tsFormat: TimeFormat;
  delimiter?: string;
  encoding: CsvEncoding;
  platform: string;
  international: boolean;
  region?: string;
  channelDefault: Channel;
  antennas?: string;
}

const MAX_SPEC = 8192;

function fail(message: string, details: Record<string, string> = {}): never {
  throw new ClewError('CSV_MAPPING', message, details);
}

/** `a=b,c=d` to an object; a comma belongs to the value unless a `key=` follows it. */
export function splitSpec(spec: string): Record<string, string> {
  if (spec.length > MAX_SPEC) fail('the mapping is too long');
  const out: Record<string, string> = {};
  for (const part of spec.split(/,(?=\s*[A-Za-z_]+\s*=)/)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`mapping entry "${part.trim().slice(0, 60)}" is not key=value`);
    const key = part.slice(0, eq).trim();
    if (key in out) fail(`mapping key "${key}" appears twice`, { key });
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * The `--map` argument (key=value list, JSON text or object) as a plain record of strings,
 * without checking the keys: what ParseOptions.csvMapping carries. Each parser validates it
 * (csv with parseMapping; cdr and bandicoot also accept `preset` and `owner`).
 */
export function mappingRecord(spec: string | object): Record<string, string> {
  return toRecord(spec);
}

function toRecord(spec: string | object): Record<string, string> {
  if (typeof spec === 'string') {
    const t = spec.trim();
    if (t.startsWith('{')) {
      if (t.length > MAX_SPEC) fail('the mapping is too long');
      let parsed: unknown;
      try {
        parsed = JSON.parse(t);
      } catch {
        fail('the mapping JSON is not valid JSON');
      }
      return toRecord(parsed as object);
    }
    return splitSpec(t);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) fail('the mapping must be an object of strings');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (typeof v !== 'string') fail(`mapping value for "${k}" must be a string`, { key: k });
    out[k] = v.trim();
  }
  return out;
}

const DELIMS: Record<string, string> = { ',': ',', ';': ';', '|': '|', tab: '\t', '\t': '\t', '\\t': '\t' };

export function parseMapping(spec: string | object): CsvMapping {
  const kv = toRecord(spec);
  const columns: Partial<Record<MappedField, string>> = {};
  for (const [k, v] of Object.entries(kv)) {
    if ((MAPPED_FIELDS as readonly string[]).includes(k)) {
      if (v === '') fail(`mapping "${k}" names no column`, { key: k });
      columns[k as MappedField] = v;
    } else if (!(OPTION_KEYS as readonly string[]).includes(k)) {
      fail(`unknown mapping key "${k.slice(0, 40)}" (fields: ${MAPPED_FIELDS.join(', ')}; options: ${OPTION_KEYS.join(', ')})`, { key: k.slice(0, 40) });
    }
  }
  let type: 'call' | 'message';
  if (kv.type !== undefined) {
    if (kv.type !== 'call' && kv.type !== 'message') fail(`type must be call or message, not "${kv.type.slice(0, 20)}"`);
    type = kv.type;
  } else if (columns.body && columns.duration) fail('both body and duration are mapped: say type=call or type=message');
  else if (columns.body) type = 'message';
  else if (columns.duration) type = 'call';
  else fail('cannot tell calls from messages: map body (messages) or duration (calls), or say type=');

  const missing: string[] = [];
  if (!columns.from) missing.push('from');
  if (!columns.ts && !columns.date) missing.push('ts');
  if (columns.time && !columns.date) missing.push('date (time is mapped)');
  if (columns.ts && columns.date) fail('map either ts or date(+time), not both');
  if (type === 'call') {
    if (!columns.to) missing.push('to');
    if (!columns.duration) missing.push('duration');
  } else {
    if (!columns.body) missing.push('body');
    if (!columns.to && !columns.conversation) missing.push('to (or conversation)');
  }
  if ((columns.lat === undefined) !== (columns.lon === undefined)) missing.push(columns.lat ? 'lon' : 'lat');
  if (missing.length) fail(`the mapping for ${type} records lacks ${missing.join(', ')}`, { missing: missing.join(',') });

  let delimiter: string | undefined;
  if (kv.delimiter !== undefined) {
    delimiter = DELIMS[kv.delimiter] ?? (kv.delimiter === '' ? DELIMS[','] : undefined);
    if (!delimiter) fail(`delimiter must be , ; | or tab, not "${kv.delimiter.slice(0, 10)}"`);
  }
  const encoding = (kv.encoding ?? 'utf8').toLowerCase().replace(/^utf-8$/, 'utf8').replace(/^cp1252$/, 'windows-1252');
  if (encoding !== 'utf8' && encoding !== 'latin1' && encoding !== 'windows-1252') fail(`encoding must be utf8, latin1 or windows-1252`);
  const platform = (kv.platform ?? 'phone').toLowerCase();
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(platform)) fail(`platform "${platform.slice(0, 40)}" is not a valid platform name`);
  const numbers = kv.numbers ?? 'auto';
  if (numbers !== 'auto' && numbers !== 'international') fail('numbers must be auto or international');
  if (kv.region !== undefined && !/^[A-Za-z]{2}$/.test(kv.region)) fail('region must be an ISO 3166 alpha-2 code');
  const cd = kv.channel_default ?? (type === 'call' ? 'call' : platform === 'phone' ? 'sms' : platform === 'email' ? 'email' : 'chat');
  if (cd !== 'sms' && cd !== 'chat' && cd !== 'email' && cd !== 'call') fail('channel_default must be sms, chat, email or call');

  const m: CsvMapping = {
    type,
    columns,
    tsFormat: compileTimeFormat(kv.ts_format),
    encoding,
    platform,
    international: numbers === 'international',
    channelDefault: cd,
  };
  if (delimiter) m.delimiter = delimiter;
  if (kv.region) m.region = kv.region.toUpperCase();
  if (kv.antennas) m.antennas = kv.antennas;
  return m;
}

/** Index of each mapped column in the header (exact name first, then case-insensitive). */
export function resolveColumns(mapping: CsvMapping, header: string[]): Partial<Record<MappedField, number>> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const out: Partial<Record<MappedField, number>> = {};
  const missing: string[] = [];
  for (const [field, col] of Object.entries(mapping.columns) as Array<[MappedField, string]>) {
    let i = header.indexOf(col);
    if (i === -1) i = norm.indexOf(col.trim().toLowerCase());
    if (i === -1) missing.push(`${field}=${col}`);
    else out[field] = i;
  }
  if (missing.length)
    fail(`mapped column(s) not in the header: ${missing.join(', ').slice(0, 200)}; the header has: ${header.join(', ').slice(0, 300)}`, {
      missing: missing.join(',').slice(0, 200),
    });
  return out;
}
