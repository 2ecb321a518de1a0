/**
 * UFED decoded models to clew records. Pure functions over one model (xml.ts UfedModel); each
 * throws a ClewError (SCHEMA, TIMESTAMP_*) for a model that cannot be used, and the parser
 * quarantines it with its locator. Which models and fields are read: docs/formats/ufed.md.
 */
import { ClewError } from '../../../model/errors.js';
import type {
  AccountKind,
  AccountRecord,
  AccountRef,
  CallRecord,
  ClewRecord,
  ContactRecord,
  ConversationRecord,
  LocationRecord,
  MessageRecord,
} from '../../../model/records.js';
import { parseTimestamp } from '../../time.js';
import { normalisePhone } from '../csv/phone.js';
import { children, field, rawField, type UfedModel } from './xml.js';

/** Models read into records; every other model type is counted and reported as not read. */
export const READ_MODELS = new Set(['Chat', 'InstantMessage', 'SMS', 'MMS', 'Call', 'Contact', 'UserAccount', 'Email', 'Location']);

export interface UfedContext {
  /** The phone owner's account (MSISDN, else IMEI, else the report's device id). */
  owner: AccountRef;
  defaultRegion?: string;
  timeZone?: string;
}

/** Device Info item names -> device identifier keys. */
const DEVICE_KEYS: Record<string, string> = {
  imei: 'imei',
  imei1: 'imei',
  imei2: 'imei',
  meid: 'meid',
  imsi: 'imsi',
  msisdn: 'msisdn',
  lastusedmsisdn: 'msisdn',
  iccid: 'iccid',
  lastusediccid: 'iccid',
  serial: 'serial',
  serialnumber: 'serial',
  'apple id': 'apple_id',
  appleid: 'apple_id',
  deviceinfouniqueid: 'device_id',
  deviceinfoandroidid: 'android_id',
  'android id': 'android_id',
  deviceinfoselectedmanufacturer: 'manufacturer',
  deviceinfodetectedmanufacturer: 'manufacturer',
  deviceinfoselecteddevicename: 'model',
  deviceinfodetectedmodel: 'model',
  deviceinfodetectedphonemodel: 'model',
  deviceinfoosversion: 'os_version',
  deviceinfoostype: 'os',
  'bluetooth mac address': 'bluetooth_mac',
  'wifi address': 'wifi_mac',
  'mac address': 'wifi_mac',
  deviceinfoownername: 'owner_name',
  'owner name': 'owner_name',
};

export interface DeviceInfo {
  identifiers: Record<string, string>;
  owner: AccountRef;
  ownerName?: string;
}

export function deviceInfo(items: Array<{ name: string; value: string }>, region?: string): DeviceInfo {
  const identifiers: Record<string, string> = {};
  for (const { name, value } of items) {
    const n = name.trim().toLowerCase();
    const key = DEVICE_KEYS[n] ?? (/account|google|e-?mail/.test(n) && value.trim() !== '' ? 'account' : undefined);
    if (!key) continue;
    const v = value.slice(0, 256);
    if (!(key in identifiers)) identifiers[key] = v;
    else if (!Object.values(identifiers).includes(v)) {
      let i = 2;
      while (`${key}_${i}` in identifiers) i++;
      identifiers[`${key}_${i}`] = v;
    }
  }
  let owner: AccountRef;
  const msisdn = identifiers.msisdn;
  if (msisdn) owner = `phone:${normalisePhone(msisdn, { region, international: !region }) ?? msisdn}`;
  else if (identifiers.imei) owner = `imei:${identifiers.imei}`;
  else if (identifiers.device_id) owner = `ufed:device-${identifiers.device_id}`;
  else owner = 'ufed:phone-owner';
  const info: DeviceInfo = { identifiers, owner };
  if (identifiers.owner_name) info.ownerName = identifiers.owner_name;
  return info;
}

/**
 * A string of its own with the same text. A value read from the report is a slice of the text of
 * the chunk it came in: one kept in a cache would keep that whole chunk alive.
 */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

const platforms = new Map<string, string>();

/** `WhatsApp Business` -> `whatsapp`; phone-native sources -> `phone`. */
export function platformOf(source: string | undefined): string {
  if (!source) return 'phone';
  let p = platforms.get(source);
  if (p === undefined) {
    p = platformUncached(source);
    if (platforms.size < 10_000) platforms.set(own(source), p);
  }
  return p;
}

function platformUncached(source: string): string {
  const s = source.toLowerCase().replace(/[^a-z0-9]+/g, '');
  if (s === '' || /^(phone|nativemessages|messages|sms|mms|native|contacts|calllog|callhistory|sim|simcard|android|ios|imessage)$/.test(s)) return s === 'imessage' ? 'imessage' : 'phone';
  if (s.startsWith('whatsapp')) return 'whatsapp';
  if (s.startsWith('telegram')) return 'telegram';
  if (s.startsWith('facebookmessenger') || s === 'messenger') return 'messenger';
  if (s.startsWith('sky')) return 'skyecc';
  return s.slice(0, 32).replace(/^[^a-z]+/, '') || 'phone';
}

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

// a report repeats the same few hundred identifiers in every message: references by region, platform
// and identifier (maps in maps, so that no key string is built per party)
const refCache = new Map<string, Map<string, Map<string, AccountRef>>>();
let refCached = 0;

/** An account reference for a party identifier (phone number, JID, e-mail, app user id). */
export function accountRef(identifier: string, platform: string, region?: string): AccountRef {
  let byPlatform = refCache.get(region ?? '');
  if (byPlatform === undefined) refCache.set(region ?? '', (byPlatform = new Map()));
  let byId = byPlatform.get(platform);
  if (byId === undefined) byPlatform.set(platform, (byId = new Map()));
  let r = byId.get(identifier);
  if (r === undefined) {
    r = own(accountRefUncached(identifier, platform, region));
    if (++refCached > 200_000) {
      refCache.clear();
      refCached = 0;
    }
    byId.set(own(identifier), r);
  }
  return r;
}

function accountRefUncached(identifier: string, platform: string, region?: string): AccountRef {
  let id = identifier.trim().slice(0, 256);
  const jid = /^(\+?\d{6,15})@(s\.whatsapp\.net|c\.us)$/.exec(id);
  if (jid) return `phone:${jid[1]!.startsWith('+') ? jid[1] : `+${jid[1]}`}`;
  if (EMAIL_RE.test(id) && !/@(g\.us|s\.whatsapp\.net|broadcast)$/.test(id)) return `email:${id.toLowerCase()}`;
  const phoneApp = platform === 'phone' || platform === 'whatsapp' || platform === 'signal' || platform === 'imessage' || id.startsWith('+');
  if (phoneApp && /^[+\d][\d\s().\-/]{2,30}$/.test(id) && /\d{3}/.test(id)) {
    const e164 = normalisePhone(id, { region, international: platform !== 'phone' && !region });
    if (e164) return `phone:${e164}`;
    if (platform === 'phone') return `phone:${id.replace(/\s+/g, '')}`;
  }
  if (platform === 'phone') return `phone:${id}`;
  id = id.replace(/\s+/g, ' ');
  return `${platform}:${id}`;
}

interface Party {
  ref: AccountRef;
  role?: string;
  name?: string;
  owner: boolean;
}

function party(m: UfedModel, platform: string, region?: string): Party | null {
  const identifier = field(m, 'Identifier');
  const name = field(m, 'Name');
  const text = identifier ?? name;
  if (text === undefined) return null;
  const p: Party = { ref: accountRef(text, platform, region), owner: (field(m, 'IsPhoneOwner') ?? '').toLowerCase() === 'true' };
  const role = field(m, 'Role');
  if (role) p.role = role;
  if (name && identifier) p.name = name;
  return p;
}

/** Appends the parties of the model's container `name` to `out`, with `role` (when given) in place of their own. */
function addParties(out: Party[], m: UfedModel, name: string, role: string | undefined, platform: string, region?: string): void {
  const kids = m.kids;
  if (kids === null) return;
  for (const k of kids) {
    if (k.container !== name) continue;
    const p = party(k, platform, region);
    if (p === null) continue;
    if (role !== undefined) p.role = role;
    out.push(p);
  }
}

const isRole = (p: Party, role: 'from' | 'to'): boolean => p.role !== undefined && p.role.length === role.length && p.role.toLowerCase() === role;

function parties(models: readonly UfedModel[], platform: string, region?: string): Party[] {
  const out: Party[] = [];
  for (const m of models) {
    const p = party(m, platform, region);
    if (p) out.push(p);
  }
  return out;
}

function time(m: UfedModel, ctx: UfedContext, name = 'TimeStamp'): { ts: number; tzOffset: number | null; tsLocal?: string } | null {
  const v = field(m, name);
  if (v === undefined) return null;
  const zoned = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(v);
  const t = parseTimestamp(v, ctx.timeZone);
  return zoned ? { ts: t.ts, tzOffset: t.tzOffset } : { ts: t.ts, tzOffset: null, tsLocal: v };
}

function requireTime(m: UfedModel, ctx: UfedContext): { ts: number; tzOffset: number | null; tsLocal?: string } {
  const t = time(m, ctx) ?? time(m, ctx, 'StartTime') ?? time(m, ctx, 'DateSent') ?? time(m, ctx, 'DateRead');
  if (!t) throw new ClewError('SCHEMA', `${m.type} has no TimeStamp`);
  return t;
}

export function isDeleted(m: UfedModel): boolean {
  const s = (m.deleted ?? '').toLowerCase();
  return s === 'deleted' || s === 'trash';
}

/** Parties accounts with their names (the report's spelling), for AccountRecords. */
export function partyAccounts(models: readonly UfedModel[], platform: string, region?: string): AccountRecord[] {
  const out: AccountRecord[] = [];
  for (const p of parties(models, platform, region)) {
    const a: AccountRecord = { type: 'account', ref: p.ref, kind: kindOf(p.ref) };
    if (p.name) a.displayName = p.name;
    out.push(a);
  }
  return out;
}

export function kindOf(ref: AccountRef): AccountKind {
  if (ref.startsWith('phone:')) return 'phone';
  if (ref.startsWith('email:')) return 'email';
  if (ref.startsWith('imei:')) return 'imei';
  return 'username';
}

const chatRefs = new WeakMap<UfedModel, string>();
const chatMembers = new WeakMap<UfedModel, AccountRef[]>();

export function chatRef(chat: UfedModel): string {
  let r = chatRefs.get(chat);
  if (r === undefined) {
    const platform = platformOf(field(chat, 'Source'));
    r = `${platform}:${field(chat, 'Id') ?? chat.id}`.slice(0, 300);
    chatRefs.set(chat, r);
  }
  return r;
}

/** A chat's participants' references (computed once per chat, not once per message). */
function members(chat: UfedModel, platform: string, region?: string): AccountRef[] {
  let m = chatMembers.get(chat);
  if (m === undefined) {
    m = [...new Set(parties(children(chat, 'Participants'), platform, region).map((p) => p.ref))];
    chatMembers.set(chat, m);
  }
  return m;
}

export function chatRecords(chat: UfedModel, ctx: UfedContext): ClewRecord[] {
  const platform = platformOf(field(chat, 'Source'));
  const ps = parties(children(chat, 'Participants'), platform, ctx.defaultRegion);
  const c: ConversationRecord = { type: 'conversation', ref: chatRef(chat) };
  const title = rawField(chat, 'Name');
  if (title !== undefined && title.trim() !== '') c.title = title;
  if (ps.length > 0) c.members = [...new Set(ps.map((p) => p.ref))];
  const out: ClewRecord[] = [c];
  for (const a of partyAccounts(children(chat, 'Participants'), platform, ctx.defaultRegion)) out.push(a);
  return out;
}

export interface Attachment {
  nativeId: string;
  filename: string;
  mime?: string;
  /** Path inside the .ufdr (or beside report.xml), `/`-separated. */
  localPath?: string;
  fileId?: string;
}

function attachmentsOf(m: UfedModel): Attachment[] {
  const list = [...children(m, 'Attachments'), ...children(m, 'Attachment')];
  return list.map((a, i) => {
    const local = field(a, 'attachment_extracted_path') ?? field(a, 'Local Path');
    const filename = field(a, 'Filename') ?? (local ? local.slice(local.replace(/\\/g, '/').lastIndexOf('/') + 1) : `attachment-${i + 1}`);
    const att: Attachment = { nativeId: a.id || `${m.id}.a${i + 1}`, filename };
    const mime = field(a, 'ContentType');
    if (mime) att.mime = mime.split(';')[0]!.trim().toLowerCase();
    if (local) att.localPath = local.replace(/\\/g, '/');
    if (a.fileId) att.fileId = a.fileId;
    return att;
  });
}

export interface MessageResult {
  records: ClewRecord[];
  attachments: Attachment[];
  /** The owner's own accounts seen (a party marked IsPhoneOwner). */
  ownerRefs: AccountRef[];
}

/** An InstantMessage (alone or inside a Chat), an SMS, an MMS or an Email. */
export function messageRecords(m: UfedModel, ctx: UfedContext, chat?: UfedModel): MessageResult {
  const source = field(m, 'Source') ?? (chat ? field(chat, 'Source') : undefined);
  const platform = m.type === 'Email' ? 'email' : platformOf(source);
  const channel = m.type === 'Email' ? 'email' : m.type === 'SMS' || m.type === 'MMS' ? 'sms' : 'chat';
  const region = ctx.defaultRegion;
  // From first, then Parties, then To, Cc, Bcc (as recipients)
  const all: Party[] = [];
  addParties(all, m, 'From', 'From', platform, region);
  addParties(all, m, 'Parties', undefined, platform, region);
  addParties(all, m, 'To', 'To', platform, region);
  addParties(all, m, 'Cc', 'To', platform, region);
  addParties(all, m, 'Bcc', 'To', platform, region);
  let from = all.find((p) => isRole(p, 'from'))?.ref;
  let to: AccountRef[] = [];
  for (const p of all) if (isRole(p, 'to')) to.push(p.ref);
  const folder = (field(m, 'Folder') ?? field(m, 'Type') ?? '').toLowerCase();
  const outgoing = /^(sent|outbox|outgoing|draft|drafts)$/.test(folder);
  const ownerRefs: AccountRef[] = [];
  for (const p of all) if (p.owner) ownerRefs.push(p.ref);
  const ownerHere = ownerRefs[0] ?? ctx.owner;
  if (from === undefined) {
    if (outgoing || (field(m, 'IsFromOwner') ?? '').toLowerCase() === 'true') from = ownerHere;
    else if (channel === 'sms' && to.length === 0) {
      const other = all.find((p) => !p.owner);
      if (other) from = other.ref;
    }
  }
  if (from === undefined) throw new ClewError('SCHEMA', `${m.type} has no sender (no From party)`);
  if (to.length === 0) {
    if (chat) to = members(chat, platform, region).filter((r) => r !== from); else if (from !== ownerHere && channel !== 'email') to = [ownerHere];
    else to = all.filter((p) => p.ref !== from).map((p) => p.ref);
  }
  const t = requireTime(m, ctx);
  const body = rawField(m, 'Body') ?? rawField(m, 'Snippet') ?? '';
  const msg: MessageRecord = { type: 'message', nativeId: m.id || field(m, 'Identifier') || m.path, from, to, channel, body, ...t };
  if (chat) msg.conversation = chatRef(chat);
  const subject = rawField(m, 'Subject');
  if (subject !== undefined && subject.trim() !== '') msg.subject = subject;
  if (isDeleted(m)) msg.deleted = true;
  const attachments = m.kids === null ? [] : attachmentsOf(m);
  if (attachments.length > 0) msg.attachments = attachments.map((a) => a.nativeId);
  const records: ClewRecord[] = [msg];
  // a shared location inside a message
  if (m.kids !== null)
    for (const pos of [...children(m, 'Position'), ...children(m, 'SharedLocation')]) {
      const loc = coordinate(pos);
      if (loc) records.push({ type: 'location', kind: 'shared', lat: loc.lat, lon: loc.lon, ts: t.ts, account: from, message: msg.nativeId! });
    }
  return { records, attachments, ownerRefs };
}

const TIMESPAN_RE = /^(?:(\d{1,5})\.)?(\d{1,3}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** UFED TimeSpan (`00:01:05`, `1.02:03:04`, or plain seconds) to seconds. */
export function durationSeconds(v: string | undefined): number {
  if (v === undefined) return 0;
  const s = v.trim();
  const m = TIMESPAN_RE.exec(s);
  if (m) return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  if (/^\d{1,9}(?:\.\d+)?$/.test(s)) return Math.round(Number(s));
  throw new ClewError('SCHEMA', `unreadable call duration ${JSON.stringify(s.slice(0, 40))}`);
}

export function callRecord(m: UfedModel, ctx: UfedContext): CallRecord {
  const platform = platformOf(field(m, 'Source'));
  const ps = parties(children(m, 'Parties'), platform, ctx.defaultRegion);
  const direction = (field(m, 'Direction') ?? field(m, 'Type') ?? '').toLowerCase();
  const status = (field(m, 'Status') ?? '').toLowerCase();
  const ownerHere = ps.find((p) => p.owner)?.ref ?? ctx.owner;
  let from = ps.find((p) => (p.role ?? '').toLowerCase() === 'from')?.ref;
  let to = ps.find((p) => (p.role ?? '').toLowerCase() === 'to')?.ref;
  const other = ps.find((p) => !p.owner && p.ref !== ownerHere)?.ref;
  const incoming = /incoming|missed|rejected|declined/.test(direction);
  if (from === undefined) from = incoming ? other : ownerHere;
  if (to === undefined) to = incoming ? ownerHere : other;
  if (from === undefined || to === undefined) throw new ClewError('SCHEMA', 'Call has no other party');
  const missed = /missed|rejected|declined|unanswered|cancel/.test(`${direction} ${status}`);
  const c: CallRecord = { type: 'call', nativeId: m.id || m.path, from, to, duration: missed ? 0 : durationSeconds(field(m, 'Duration')), channel: 'call', ...requireTime(m, ctx) };
  return c;
}

function coordinate(m: UfedModel): { lat: number; lon: number } | null {
  const lat = Number(field(m, 'Latitude'));
  const lon = Number(field(m, 'Longitude'));
  if (field(m, 'Latitude') === undefined || field(m, 'Longitude') === undefined) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new ClewError('SCHEMA', `impossible coordinate ${field(m, 'Latitude')}, ${field(m, 'Longitude')}`);
  return { lat, lon };
}

export function locationRecord(m: UfedModel, ctx: UfedContext): LocationRecord {
  const pos = children(m, 'Position')[0] ?? m;
  const c = coordinate(pos);
  if (!c) throw new ClewError('SCHEMA', 'Location has no Position (Latitude, Longitude)');
  const r: LocationRecord = { type: 'location', kind: 'device', lat: c.lat, lon: c.lon, account: ctx.owner };
  const t = time(m, ctx);
  if (t) r.ts = t.ts;
  const label = [field(m, 'Name'), field(m, 'Description'), field(m, 'Type'), field(m, 'Source')].filter((x) => x !== undefined).join(' · ');
  if (label) r.label = label.slice(0, 300);
  return r;
}

/** The entries (phone numbers, e-mail addresses, user ids) of a Contact or UserAccount. */
function entries(m: UfedModel, platform: string, region?: string): AccountRef[] {
  const out: AccountRef[] = [];
  for (const e of [...children(m, 'Entries'), ...children(m, 'PhoneNumbers'), ...children(m, 'EmailAddresses')]) {
    const v = field(e, 'Value');
    if (v === undefined) continue;
    const domain = `${e.type} ${field(e, 'Category') ?? ''} ${field(e, 'Domain') ?? ''}`.toLowerCase();
    if (/additional name|nickname|web|url|address|organization|note/.test(domain) && e.type !== 'PhoneNumber' && e.type !== 'EmailAddress') continue;
    const p = e.type === 'PhoneNumber' ? 'phone' : e.type === 'EmailAddress' ? 'email' : platform;
    out.push(p === 'email' ? `email:${v.toLowerCase()}` : accountRef(v, p, region));
  }
  return [...new Set(out)];
}

export function contactRecords(m: UfedModel, ctx: UfedContext): ContactRecord[] {
  const platform = platformOf(field(m, 'Source'));
  // the name as the owner typed it: kept exactly (no trimming)
  const name = rawField(m, 'Name');
  if (name === undefined || name.trim() === '') throw new ClewError('SCHEMA', 'Contact has no Name');
  const refs = entries(m, platform, ctx.defaultRegion);
  const id = field(m, 'Id') ?? field(m, 'Identifier');
  if (refs.length === 0 && id) refs.push(accountRef(id, platform, ctx.defaultRegion));
  if (refs.length === 0) throw new ClewError('SCHEMA', 'Contact has no phone number, e-mail address or user id');
  return refs.map((contact) => ({ type: 'contact', owner: ctx.owner, contact, name }));
}

export function userAccountRecords(m: UfedModel, ctx: UfedContext): AccountRecord[] {
  const platform = platformOf(field(m, 'Source'));
  const refs = entries(m, platform, ctx.defaultRegion);
  const username = field(m, 'Username') ?? field(m, 'Identifier');
  if (username) refs.unshift(accountRef(username, platform, ctx.defaultRegion));
  const unique = [...new Set(refs)];
  if (unique.length === 0) throw new ClewError('SCHEMA', 'UserAccount has no user name or id');
  const name = rawField(m, 'Name');
  return unique.map((ref) => {
    const a: AccountRecord = { type: 'account', ref, kind: kindOf(ref) };
    if (name !== undefined && name.trim() !== '') a.displayName = name;
    return a;
  });
}
