/**
 * One Telegram Desktop export message (an element of `messages`) into clew records.
 *
 *   type "message": MessageRecord (+ AttachmentRecord for photo/file, LocationRecord for a
 *                   shared location); text as a string or an array of strings and entities.
 *   type "service": EventRecord by `action`; `phone_call` becomes a CallRecord when both
 *                   parties are known (one-to-one chat), else an event.
 * Times: `date_unixtime` (UTC) is preferred, and with `date` (the exporting machine's local
 * time) it gives the original offset; without it `date` is read in the given time zone.
 */
import { ClewError, type ErrorCode } from '../../../model/errors.js';
import type {
  AttachmentRecord,
  CallRecord,
  ClewRecord,
  EventKind,
  EventRecord,
  LocationRecord,
  MessageRecord,
  TimeFields,
} from '../../../model/records.js';
import { zonedToUtc } from '../../time.js';

export interface ChatState {
  /** Conversation reference (source-scoped). */
  ref: string;
  /** Prefix of native ids: message ids are per chat. */
  idPrefix: string;
  id?: number | string;
  name?: string;
  type?: string;
  /** The other person in a one-to-one chat. */
  peer?: string;
  members: Set<string>;
}

export interface AccountState {
  /** The exporting account, from personal_information or learned from a one-to-one chat. */
  self?: string;
  /** Last display name emitted per account. */
  names: Map<string, string>;
  /** Messages that had no `id` (exports trimmed by other tools): their ids were derived from their position. */
  derivedIds?: number;
}

export class Reject extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;

const ONE_TO_ONE = new Set(['personal_chat', 'bot_chat', 'saved_messages']);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

export function isOneToOne(chat: ChatState): boolean {
  return chat.type !== undefined && ONE_TO_ONE.has(chat.type);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/** Text as a string, or an array of strings and `{type, text}` entities. */
export function flattenText(t: unknown): string {
  if (typeof t === 'string') return t;
  if (!Array.isArray(t)) return '';
  let s = '';
  for (const part of t) {
    if (typeof part === 'string') s += part;
    else if (part !== null && typeof part === 'object' && typeof (part as Obj).text === 'string') s += (part as Obj).text as string;
  }
  return s;
}

export function messageTime(m: Obj, timeZone: string): TimeFields {
  const local = str(m.date);
  const wall = local !== undefined ? DATE_RE.exec(local) : null;
  const unix = str(m.date_unixtime);
  if (unix !== undefined && /^\d{1,12}$/.test(unix)) {
    const ts = Number(unix) * 1000;
    const out: TimeFields = { ts, tzOffset: null };
    if (wall) {
      const asUtc = Date.UTC(+wall[1]!, +wall[2]! - 1, +wall[3]!, +wall[4]!, +wall[5]!, +wall[6]!);
      const off = Math.round((asUtc - ts) / 60000);
      if (Math.abs(off) <= 14 * 60) out.tzOffset = off;
      out.tsLocal = local;
    }
    return out;
  }
  if (!wall) throw new Reject('TIMESTAMP_INVALID', `no usable date (date=${JSON.stringify(local ?? null)})`);
  try {
    const t = zonedToUtc({ year: +wall[1]!, month: +wall[2]!, day: +wall[3]!, hour: +wall[4]!, minute: +wall[5]!, second: +wall[6]! }, timeZone);
    return { ts: t.ts, tzOffset: null, tsLocal: local! };
  } catch (e) {
    if (e instanceof ClewError && e.code === 'TIMESTAMP_INVALID') throw new Reject('TIMESTAMP_INVALID', `impossible date ${local}`);
    throw e;
  }
}

/** `user123` → `telegram:user123`; a bare number gets the `user` prefix. */
export function telegramRef(id: unknown): string | undefined {
  const s = str(id);
  if (s === undefined || s.length === 0 || s.length > 64) return undefined;
  return /^\d+$/.test(s) ? `telegram:user${s}` : `telegram:${s}`;
}

const NOT_INCLUDED = /^\(File not included/;

function actionKind(action: string, m: Obj): EventKind {
  switch (action) {
    case 'invite_members':
      return 'added';
    case 'remove_members': {
      const members = Array.isArray(m.members) ? m.members : [];
      return members.length === 1 && members[0] === m.actor ? 'left' : 'removed';
    }
    case 'join_group_by_link':
    case 'join_group_by_request':
      return 'joined';
    case 'edit_group_title':
      return 'title_changed';
    default:
      return 'other';
  }
}

function serviceText(m: Obj, action: string): string {
  const parts = [str(m.actor) ?? '(unknown)', action.replace(/_/g, ' ')];
  if (typeof m.title === 'string') parts.push(JSON.stringify(m.title));
  if (Array.isArray(m.members)) parts.push(m.members.filter((x) => typeof x === 'string').join(', '));
  if (typeof m.inviter === 'string') parts.push(`(invited by ${m.inviter})`);
  if (typeof m.duration_seconds === 'number') parts.push(`${m.duration_seconds} s`);
  if (typeof m.discard_reason === 'string') parts.push(`(${m.discard_reason})`);
  const t = flattenText(m.text);
  if (t) parts.push(`: ${t}`);
  return parts.join(' ');
}

function recordsForAccount(ref: string, name: string | undefined, acc: AccountState): ClewRecord[] {
  if (name === undefined || name.length === 0 || acc.names.get(ref) === name) return [];
  acc.names.set(ref, name);
  return [{ type: 'account', ref, kind: 'other', displayName: name.slice(0, 256) }];
}

/**
 * @param position 0-based index of the message in its chat's `messages` list: a message without
 *   an `id` (an export trimmed by another tool) gets `#<position + 1>` instead, counted in `acc`.
 */
export function convertMessage(m: unknown, chat: ChatState, acc: AccountState, timeZone: string, position?: number): ClewRecord[] {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new Reject('SCHEMA', 'a message must be an object');
  const o = m as Obj;
  let id = str(o.id);
  if (id === undefined) {
    if (position === undefined) throw new Reject('SCHEMA', 'message without an id');
    id = `#${position + 1}`;
    acc.derivedIds = (acc.derivedIds ?? 0) + 1;
  }
  const nativeId = `${chat.idPrefix}${id}`;
  const type = o.type;
  if (type !== 'message' && type !== 'service') throw new Reject('SCHEMA', `unknown message type ${JSON.stringify(type)}`);
  const time = messageTime(o, timeZone);
  const out: ClewRecord[] = [];

  if (type === 'service') {
    const action = str(o.action) ?? 'unknown';
    const actor = telegramRef(o.actor_id);
    if (actor) {
      out.push(...recordsForAccount(actor, str(o.actor), acc));
      chat.members.add(actor);
    }
    if (action === 'phone_call') {
      const to = actor ? otherParty(actor, chat, acc) : undefined;
      const missed = o.discard_reason === 'missed' || o.discard_reason === 'busy';
      if (actor && to) {
        const duration = !missed && typeof o.duration_seconds === 'number' && o.duration_seconds >= 0 ? Math.round(o.duration_seconds) : 0;
        const call: CallRecord = { type: 'call', nativeId, from: actor, to, duration, channel: 'call', ...time };
        out.push(call);
        return out;
      }
      const ev: EventRecord = { type: 'event', kind: missed ? 'call_missed' : 'other', conversation: chat.ref, text: serviceText(o, action), ...time };
      if (actor) ev.actor = actor;
      out.push(ev);
      return out;
    }
    const ev: EventRecord = { type: 'event', kind: actionKind(action, o), conversation: chat.ref, text: serviceText(o, action), ...time };
    if (actor) ev.actor = actor;
    out.push(ev);
    return out;
  }

  const from = telegramRef(o.from_id);
  if (!from) throw new Reject('SCHEMA', 'message without from_id');
  out.push(...recordsForAccount(from, str(o.from), acc));
  chat.members.add(from);
  if (isOneToOne(chat) && chat.peer !== undefined && from !== chat.peer && acc.self === undefined) acc.self = from;
  const to = otherParty(from, chat, acc);
  const msg: MessageRecord = {
    type: 'message',
    nativeId,
    from,
    to: to ? [to] : [],
    conversation: chat.ref,
    channel: 'chat',
    body: flattenText(o.text),
    ...time,
  };
  const reply = str(o.reply_to_message_id);
  if (reply !== undefined) msg.replyTo = `${chat.idPrefix}${reply}`;
  const fwdId = telegramRef(o.forwarded_from_id);
  const fwd = fwdId ?? str(o.forwarded_from);
  if (fwd !== undefined) msg.forwardedFrom = fwd;
  if (o.edited !== undefined || o.edited_unixtime !== undefined) msg.edited = true;

  const atts: AttachmentRecord[] = [];
  if (typeof o.photo === 'string') {
    const a: AttachmentRecord = { type: 'attachment', nativeId: `${nativeId}.photo`, message: nativeId, filename: o.photo, mime: 'image/jpeg' };
    if (typeof o.photo_file_size === 'number') a.size = o.photo_file_size;
    atts.push(a);
  }
  if (typeof o.file === 'string') {
    const name = NOT_INCLUDED.test(o.file) ? (str(o.file_name) ?? o.file) : o.file;
    const a: AttachmentRecord = { type: 'attachment', nativeId: `${nativeId}.file`, message: nativeId, filename: name };
    if (typeof o.mime_type === 'string') a.mime = o.mime_type;
    if (typeof o.file_size === 'number') a.size = o.file_size;
    atts.push(a);
  }
  if (atts.length > 0) msg.attachments = atts.map((a) => a.nativeId);
  out.push(msg, ...atts);

  const loc = o.location_information as Obj | undefined;
  if (loc && typeof loc.latitude === 'number' && typeof loc.longitude === 'number' && Math.abs(loc.latitude) <= 90 && Math.abs(loc.longitude) <= 180) {
    const l: LocationRecord = { type: 'location', kind: 'shared', lat: loc.latitude, lon: loc.longitude, ts: time.ts, account: from, message: nativeId };
    const place = str(o.place_name) ?? str(o.address);
    if (place !== undefined) l.label = place;
    out.push(l);
  }
  return out;
}

/** The other party of a one-to-one chat, when known. */
function otherParty(from: string, chat: ChatState, acc: AccountState): string | undefined {
  if (!isOneToOne(chat) || chat.peer === undefined) return undefined;
  if (from !== chat.peer) return chat.peer;
  return acc.self;
}
