/**
 * One CSV row to records, under a column mapping. Pure: no I/O.
 * A call row gives a CallRecord, plus a LocationRecord (kind 'antenna') when the row carries a
 * position (lat/lon columns, or a `cell` found in the antenna table). A message row gives a
 * MessageRecord. Bad values give a rejection with a code, never a throw.
 */
import { isClewError, type ErrorCode } from '../../../model/errors.js';
import type { AccountRef, CallRecord, Channel, ClewRecord, LocationRecord, MessageRecord, TimeFields } from '../../../model/records.js';
import { parseCoordinate, type Antenna } from './antennas.js';
import type { CsvMapping, MappedField } from './mapping.js';
import { phoneRef } from './phone.js';
import { parseCsvTime } from './tsformat.js';

export interface RowContext {
  mapping: CsvMapping;
  index: Partial<Record<MappedField, number>>;
  timeZone?: string;
  defaultRegion?: string;
  cells?: Map<string, Antenna>;
  /** Account whose position the antenna gives (default: the `from` party). */
  locatedAccount?: AccountRef;
}

export type RowResult = { ok: true; records: ClewRecord[] } | { ok: false; code: ErrorCode; message: string };

const MAX_HANDLE = 256;
const MAX_BODY = 256 * 1024;

class RowError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An account reference on `platform` for a cell value; null when empty. */
export function accountRef(text: string, platform: string, opts: { region?: string; international?: boolean }): AccountRef | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.length > MAX_HANDLE) throw new RowError('SCHEMA', `account handle longer than ${MAX_HANDLE} characters`);
  if (platform === 'phone') return phoneRef(t, opts);
  if (platform === 'email') return `email:${t.toLowerCase()}`;
  return `${platform}:${t}`;
}

/** Seconds from `74`, `74.4`, `01:14` or `00:01:14`; null when unreadable. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,9})(?:[.,](\d{1,6}))?$/.exec(t))) return Math.round(Number(`${m[1]}.${m[2] ?? '0'}`));
  if ((m = /^(\d{1,6}):([0-5]\d):([0-5]\d)$/.exec(t))) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  if ((m = /^(\d{1,6}):([0-5]\d)$/.exec(t))) return Number(m[1]) * 60 + Number(m[2]);
  return null;
}

function callChannel(text: string | undefined): 'call' | 'sms' {
  return text !== undefined && /^\s*(sms|text|mms|msg|message)\b/i.test(text) ? 'sms' : 'call';
}

function messageChannel(text: string | undefined, dflt: Channel): Channel {
  const t = text?.trim().toLowerCase();
  return t === 'sms' || t === 'chat' || t === 'email' ? t : dflt;
}

export function mapRow(fields: readonly string[], ctx: RowContext): RowResult {
  try {
    return { ok: true, records: build(fields, ctx) };
  } catch (e) {
    if (e instanceof RowError) return { ok: false, code: e.code, message: e.message };
    if (isClewError(e)) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

function build(fields: readonly string[], ctx: RowContext): ClewRecord[] {
  const { mapping: m, index } = ctx;
  const get = (f: MappedField): string | undefined => {
    const i = index[f];
    if (i === undefined) return undefined;
    const v = fields[i];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const phoneOpts = { region: m.region ?? ctx.defaultRegion, international: m.international };
  const from = accountRef(get('from') ?? '', m.platform, phoneOpts);
  if (!from) throw new RowError('SCHEMA', 'the sender (from) is empty');
  const toText = get('to');
  const to = toText === undefined ? null : accountRef(toText, m.platform, phoneOpts);

  const tsText = m.columns.ts ? get('ts') : get('date') !== undefined ? [get('date'), get('time')].filter((x) => x !== undefined).join(' ') : undefined;
  if (tsText === undefined) throw new RowError('TIMESTAMP_INVALID', 'the timestamp is empty');
  const time: TimeFields = parseCsvTime(tsText, m.tsFormat, ctx.timeZone);
  const id = get('id')?.trim();

  if (m.type === 'call') {
    if (!to) throw new RowError('SCHEMA', 'the callee (to) is empty');
    const dText = get('duration') ?? '';
    const duration = parseDuration(dText);
    if (duration === null) throw new RowError('SCHEMA', `unreadable duration: ${dText.slice(0, 40)}`);
    const call: CallRecord = { type: 'call', from, to, duration, ...time, channel: callChannel(get('channel')) };
    if (id) call.nativeId = id;
    const out: ClewRecord[] = [call];
    let pos: { lat: number; lon: number } | undefined;
    let label: string | undefined;
    const latText = get('lat');
    const lonText = get('lon');
    if (latText !== undefined && lonText !== undefined) {
      const lat = parseCoordinate(latText, 90);
      const lon = parseCoordinate(lonText, 180);
      if (lat === null || lon === null) throw new RowError('SCHEMA', `unreadable position: ${latText.slice(0, 20)} ${lonText.slice(0, 20)}`);
      pos = { lat, lon };
    }
    const cell = get('cell')?.trim();
    if (cell !== undefined) {
      label = cell;
      if (!pos && ctx.cells) pos = ctx.cells.get(cell);
    }
    if (pos) {
      call.lat = pos.lat;
      call.lon = pos.lon;
      const loc: LocationRecord = { type: 'location', kind: 'antenna', lat: pos.lat, lon: pos.lon, ts: time.ts, account: ctx.locatedAccount ?? from };
      if (id) loc.message = id;
      if (label !== undefined) loc.label = label;
      out.push(loc);
    }
    return out;
  }

  const body = get('body') ?? '';
  if (body.length > MAX_BODY) throw new RowError('TOO_LARGE', `the body is longer than ${MAX_BODY} characters`);
  const conversation = get('conversation')?.trim();
  if (!to && !conversation) throw new RowError('SCHEMA', 'the message has neither a recipient (to) nor a conversation');
  const msg: MessageRecord = { type: 'message', from, to: to ? [to] : [], channel: messageChannel(get('channel'), m.channelDefault), body, ...time };
  if (conversation) msg.conversation = conversation;
  if (id) msg.nativeId = id;
  const subject = get('subject');
  if (subject !== undefined) msg.subject = subject;
  return [msg];
}
