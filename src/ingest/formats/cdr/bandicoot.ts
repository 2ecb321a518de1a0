/**
 * bandicoot (MIT Media Lab) per-user records: one CSV per user, named after the user id, with
 * columns interaction, direction, correspondent_id, datetime, call_duration, antenna_id.
 * The owner is the file name without `.csv`, or `--map owner=ID`. An antenna file
 * (antenna_id, latitude, longitude) is passed with `--map antennas=FILE`.
 *
 * Ids that read as phone numbers become `phone:+E164`; other ids `bandicoot:<id>`.
 * interaction call -> CallRecord; text -> MessageRecord (channel sms, empty body).
 * direction in: correspondent -> owner; out: owner -> correspondent.
 * A located interaction also gives a LocationRecord (kind antenna) for the owner.
 */
import { ClewError } from '../../../model/errors.js';
import type { AccountRef, ClewRecord, LocationRecord } from '../../../model/records.js';
import { looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { loadAntennas, type Antenna } from '../csv/antennas.js';
import { parseCsvRows, readHeader } from '../csv/csv.js';
import { firstLine } from '../csv/delimiter.js';
import { parseDuration, type RowResult } from '../csv/map-row.js';
import { normalisePhone } from '../csv/phone.js';
import { compileTimeFormat, parseCsvTime } from '../csv/tsformat.js';

export const BANDICOOT_COLUMNS = ['interaction', 'direction', 'correspondent_id', 'datetime', 'call_duration', 'antenna_id'] as const;

export function bandicootRef(id: string, region?: string): AccountRef {
  const t = id.trim();
  const e164 = /^\+|^00/.test(t) || region ? normalisePhone(t, { region }) : null;
  return e164 ? `phone:${e164}` : `bandicoot:${t.slice(0, 256)}`;
}

/** The owner id from a bandicoot file name (`<user_id>.csv`). */
export function ownerFromName(name: string): string | null {
  const m = /^(.{1,256})\.csv$/i.exec(name);
  return m && m[1]!.trim() !== '' ? m[1]!.trim() : null;
}

export function sniffBandicoot(head: Uint8Array, _name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary content' };
  const cols = firstLine(head)
    .split(',')
    .map((c) => c.trim().toLowerCase());
  if (BANDICOOT_COLUMNS.every((c) => cols.includes(c))) return { ok: true, confidence: 0.95 };
  return { ok: false, reason: `the header lacks the bandicoot columns ${BANDICOOT_COLUMNS.join(', ')}` };
}

interface Ctx {
  owner: AccountRef;
  idx: Record<(typeof BANDICOOT_COLUMNS)[number], number>;
  timeZone?: string;
  region?: string;
  cells?: Map<string, Antenna>;
}

const TIME = compileTimeFormat('iso');

export function bandicootRow(fields: readonly string[], ctx: Ctx): RowResult {
  const f = (c: keyof Ctx['idx']): string => (fields[ctx.idx[c]] ?? '').trim();
  const interaction = f('interaction').toLowerCase();
  if (interaction !== 'call' && interaction !== 'text') return { ok: false, code: 'SCHEMA', message: `unknown interaction "${f('interaction').slice(0, 20)}"` };
  const direction = f('direction').toLowerCase();
  if (direction !== 'in' && direction !== 'out') return { ok: false, code: 'SCHEMA', message: `direction must be in or out, not "${f('direction').slice(0, 20)}"` };
  const corrId = f('correspondent_id');
  if (corrId === '') return { ok: false, code: 'SCHEMA', message: 'correspondent_id is empty' };
  const other = bandicootRef(corrId, ctx.region);
  const [from, to] = direction === 'out' ? [ctx.owner, other] : [other, ctx.owner];
  let time;
  try {
    time = parseCsvTime(f('datetime'), TIME, ctx.timeZone);
  } catch (e) {
    if (e instanceof ClewError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
  const antenna = f('antenna_id');
  const pos = antenna !== '' ? ctx.cells?.get(antenna) : undefined;
  const out: ClewRecord[] = [];
  if (interaction === 'call') {
    const d = f('call_duration');
    const duration = d === '' ? 0 : parseDuration(d);
    if (duration === null) return { ok: false, code: 'SCHEMA', message: `unreadable call_duration: ${d.slice(0, 20)}` };
    out.push({ type: 'call', from, to, duration, ...time, channel: 'call', ...(pos ? { lat: pos.lat, lon: pos.lon } : {}) });
  } else {
    out.push({ type: 'message', from, to: [to], channel: 'sms', body: '', ...time });
  }
  if (pos) {
    const loc: LocationRecord = { type: 'location', kind: 'antenna', lat: pos.lat, lon: pos.lon, ts: time.ts, account: ctx.owner, label: antenna };
    out.push(loc);
  }
  return { ok: true, records: out };
}

export const bandicootParser: FormatParser = {
  name: 'bandicoot',
  description: 'bandicoot per-user CSV (interaction, direction, correspondent_id, datetime, call_duration, antenna_id); owner from file name',
  seekable: true,
  sniff: sniffBandicoot,
  async *parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem> {
    const opts = input.options.csvMapping ?? {};
    const ownerId = opts.owner?.trim() || ownerFromName(input.name);
    if (!ownerId) throw new ClewError('CSV_MAPPING', `cannot tell the owner from the file name "${input.name.slice(0, 80)}": pass --map owner=ID`);
    const h = await readHeader(input, ',');
    const lower = h.header.map((c) => c.toLowerCase());
    const idx = Object.fromEntries(BANDICOOT_COLUMNS.map((c) => [c, lower.indexOf(c)])) as Ctx['idx'];
    const missing = BANDICOOT_COLUMNS.filter((c) => idx[c] === -1);
    if (missing.length) throw new ClewError('CSV_MAPPING', `bandicoot file lacks columns: ${missing.join(', ')}`);
    const region = opts.region ?? input.options.defaultRegion;
    const ctx: Ctx = {
      owner: bandicootRef(ownerId, region),
      idx,
      timeZone: input.options.timeZone,
      region,
      cells: opts.antennas ? await loadAntennas(opts.antennas) : undefined,
    };
    yield* parseCsvRows(input, h, 'utf8', (fields) => bandicootRow(fields, ctx), resume);
  },
};
