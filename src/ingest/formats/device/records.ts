/**
 * Device-dump values (validated plain JSON) to records. Pure functions; each throws a
 * ClewError (SCHEMA, TIMESTAMP_*, TOO_LARGE) for a value that cannot be used.
 */
import { ClewError } from '../../../model/errors.js';
import type { AccountRecord, AccountRef, AttachmentRecord, ContactRecord, ConversationRecord, DeviceRecord, MessageRecord } from '../../../model/records.js';
import { parseTimestamp } from '../../time.js';
import { TOO_LONG, type JsonValue } from './walker.js';

export const MAX_BODY_CHARS = 256 * 1024;
const MAX_HANDLE = 256;
const PIN_PLATFORMS = new Set(['skyecc', 'encrochat', 'anom', 'ghost', 'phantom', 'sky']);

type Obj = { [k: string]: JsonValue };

function fail(message: string, code: 'SCHEMA' | 'TOO_LARGE' = 'SCHEMA'): never {
  throw new ClewError(code, message);
}

export function asObject(v: JsonValue, what: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Obj;
}

function str(o: Obj, key: string, what: string, required: true): string;
function str(o: Obj, key: string, what: string, required?: false): string | undefined;
function str(o: Obj, key: string, what: string, required = false): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) fail(`${what} lacks "${key}"`);
    return undefined;
  }
  if (v === TOO_LONG) fail(`${what}: "${key}" is too long`, 'TOO_LARGE');
  if (typeof v === 'number' && (key === 'id' || key === 'handle' || key === 'pin')) return String(v);
  if (typeof v !== 'string') fail(`${what}: "${key}" must be a string`);
  return v;
}

function handle(v: JsonValue, what: string): string {
  const h = typeof v === 'number' ? String(v) : v;
  if (typeof h !== 'string') fail(`${what} must be a string`);
  const t = h.trim();
  if (t === '') fail(`${what} is empty`);
  if (t.length > MAX_HANDLE) fail(`${what} is longer than ${MAX_HANDLE} characters`);
  return t;
}

export interface DeviceContext {
  platform: string;
  owner: AccountRef;
}

export function ref(platform: string, h: string): AccountRef {
  return `${platform}:${h}`;
}

export function deviceRecords(v: JsonValue): { ctx: DeviceContext; records: Array<DeviceRecord | AccountRecord> } {
  const o = asObject(v, 'device');
  const platform = str(o, 'platform', 'device', true).trim().toLowerCase();
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(platform)) fail(`device: platform "${platform.slice(0, 40)}" is not a valid platform name`);
  const ownerHandle = handle((o.owner ?? o.pin ?? null) as JsonValue, 'device.owner');
  const owner = ref(platform, ownerHandle);
  const identifiers: Record<string, string> = { platform };
  const pin = str(o, 'pin', 'device');
  if (pin) identifiers.pin = pin.trim();
  const imei = o.imei;
  const imeis = Array.isArray(imei) ? imei : imei === undefined || imei === null ? [] : [imei];
  imeis.forEach((x, i) => {
    identifiers[i === 0 ? 'imei' : `imei_${i + 1}`] = handle(x as JsonValue, 'device.imei');
  });
  for (const k of ['model', 'serial', 'imsi', 'phone']) {
    const s = str(o, k, 'device');
    if (s) identifiers[k] = s.trim();
  }
  const account: AccountRecord = { type: 'account', ref: owner, kind: PIN_PLATFORMS.has(platform) ? 'pin' : 'username' };
  const name = str(o, 'owner_name', 'device');
  if (name) account.displayName = name;
  return { ctx: { platform, owner }, records: [{ type: 'device', account: owner, identifiers }, account] };
}

export function contactRecord(v: JsonValue, ctx: DeviceContext): ContactRecord {
  const o = asObject(v, 'contact');
  const contact = ref(ctx.platform, handle((o.handle ?? null) as JsonValue, 'contact.handle'));
  const nickname = o.nickname;
  if (nickname === TOO_LONG) fail('contact.nickname is too long', 'TOO_LARGE');
  if (typeof nickname !== 'string') fail('contact lacks "nickname"');
  // nicknames are evidence: kept exactly as written (no trimming, no normalisation)
  return { type: 'contact', owner: ctx.owner, contact, name: nickname };
}

export interface ConversationHead {
  id?: string;
  title?: string;
  participants?: AccountRef[];
}

export function participants(v: JsonValue, platform: string): AccountRef[] {
  if (!Array.isArray(v)) fail('conversation.participants must be an array');
  return v.map((p) => ref(platform, handle(p, 'participant')));
}

export function conversationRecord(h: ConversationHead, fallbackRef: string): ConversationRecord {
  const c: ConversationRecord = { type: 'conversation', ref: h.id ?? fallbackRef };
  if (h.title !== undefined) c.title = h.title;
  if (h.participants) c.members = h.participants;
  return c;
}

export function messageRecords(
  v: JsonValue,
  platform: string,
  conv: { ref: string; members?: AccountRef[] },
  timeZone: string | undefined,
): { message: MessageRecord; attachments: Array<{ record: AttachmentRecord; base64?: string }> } {
  const o = asObject(v, 'message');
  const from = ref(platform, handle((o.from ?? null) as JsonValue, 'message.from'));
  let to: AccountRef[];
  if (o.to !== undefined && o.to !== null) {
    const list = Array.isArray(o.to) ? o.to : [o.to];
    to = list.map((x) => ref(platform, handle(x as JsonValue, 'message.to')));
  } else to = (conv.members ?? []).filter((m) => m !== from);
  const tsv = o.ts;
  if (tsv === undefined || tsv === null) fail('message lacks "ts"');
  if (tsv === TOO_LONG) fail('message.ts is unreadable');
  const t = parseTimestamp(tsv, timeZone);
  const isLocal = typeof tsv === 'string' && !/(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(tsv.trim());
  const body = o.body === undefined || o.body === null ? '' : o.body;
  if (body === TOO_LONG) fail(`message.body is longer than ${MAX_BODY_CHARS} characters`, 'TOO_LARGE');
  if (typeof body !== 'string') fail('message.body must be a string');
  const m: MessageRecord = { type: 'message', from, to, conversation: conv.ref, channel: 'chat', body, ts: t.ts, tzOffset: isLocal ? null : t.tzOffset };
  if (isLocal) m.tsLocal = (tsv as string).trim();
  const id = str(o, 'id', 'message');
  if (id) m.nativeId = id;
  if (o.deleted !== undefined && o.deleted !== null) {
    if (typeof o.deleted !== 'boolean') fail('message.deleted must be true or false');
    m.deleted = o.deleted;
  }
  if (o.edited === true) m.edited = true;
  const reply = str(o, 'reply_to', 'message');
  if (reply) m.replyTo = reply;
  const attachments: Array<{ record: AttachmentRecord; base64?: string }> = [];
  if (o.attachments !== undefined && o.attachments !== null) {
    if (!Array.isArray(o.attachments)) fail('message.attachments must be an array');
    o.attachments.forEach((a, i) => {
      const ao = asObject(a, 'attachment');
      const aid = str(ao, 'id', 'attachment') ?? `${id ?? 'message'}#${i + 1}`;
      const rec: AttachmentRecord = { type: 'attachment', nativeId: aid, filename: str(ao, 'filename', 'attachment') ?? `attachment-${i + 1}` };
      if (id) rec.message = id;
      const mime = str(ao, 'mime', 'attachment');
      if (mime) rec.mime = mime;
      if (typeof ao.size === 'number' && Number.isInteger(ao.size) && ao.size >= 0) rec.size = ao.size;
      const sha = str(ao, 'sha256', 'attachment');
      if (sha && /^[0-9a-fA-F]{64}$/.test(sha)) rec.sha256 = sha.toLowerCase();
      const b64 = ao.content_base64;
      attachments.push(typeof b64 === 'string' ? { record: rec, base64: b64 } : { record: rec });
    });
    m.attachments = attachments.map((a) => a.record.nativeId);
  }
  return { message: m, attachments };
}
