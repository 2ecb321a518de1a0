/**
 * CASE/UCO graph nodes to clew records. A first pass over the bundle fills a CaseIndex with the
 * small nodes others point at (accounts, e-mail addresses, applications, organisations, URLs,
 * SIM cards, relationships, thread membership); the second pass maps each node with it.
 * Memory grows with those small nodes and with thread membership (one entry per threaded
 * message), never with message bodies. Which classes and properties are read:
 * docs/formats/case-uco.md.
 */
import { validTakenAt } from '../../../text/exif/exif.js';
import { ClewError } from '../../../model/errors.js';
import type { AccountKind, AccountRecord, AccountRef, AttachmentRecord, CallRecord, ClewRecord, ContactRecord, ConversationRecord, DeviceRecord, EventKind, EventRecord, LocationRecord, MessageRecord } from '../../../model/records.js';
import { parseTimestamp } from '../../time.js';
import { phoneRef } from '../csv/phone.js';
import { isNode, isRef, type LdNode, type LdValue } from './context.js';

export const MESSAGE_CLASSES = new Set(['observable:Message', 'observable:SMSMessage', 'observable:MMSMessage', 'observable:EmailMessage', 'observable:ChatMessage']);
export const ACCOUNT_CLASSES = new Set(['observable:Account', 'observable:PhoneAccount', 'observable:MobileAccount', 'observable:EmailAccount', 'observable:DigitalAccount', 'observable:ApplicationAccount']);
export const DEVICE_CLASSES = new Set(['observable:Device', 'observable:MobileDevice', 'observable:Computer', 'observable:Laptop', 'observable:Tablet', 'observable:SmartPhone']);
export const FILE_CLASSES = new Set(['observable:File', 'observable:ContentData', 'observable:RasterPicture', 'observable:Image', 'observable:Audio', 'observable:Video']);

/** Classes turned into records. */
export const READ_CLASSES = new Set([...MESSAGE_CLASSES, ...ACCOUNT_CLASSES, ...DEVICE_CLASSES, ...FILE_CLASSES, 'observable:MessageThread', 'observable:Call', 'observable:PhoneCall', 'observable:Contact', 'location:Location']);
/** Classes read only as what others point at (names, addresses, links). */
export const LOOKUP_CLASSES = new Set([
  'core:Relationship', 'observable:ObservableRelationship', 'identity:Organization', 'observable:Application', 'observable:Software',
  'observable:OperatingSystem', 'observable:EmailAddress', 'observable:URL', 'observable:SIMCard', 'types:Thread', 'core:Facet',
]);
/**
 * The bundle's own provenance (what clew export writes, and what forensic tools write about
 * their extraction): read as such, not as evidence records. The files these actions took as
 * their object (the evidence files a tool read) are not attachments either.
 */
export const PROVENANCE_CLASSES = new Set(['investigation:InvestigativeAction', 'investigation:ProvenanceRecord', 'action:Action', 'tool:Tool', 'tool:AnalyticTool', 'tool:ConfiguredTool']);

// ---------- node access

/**
 * The values of `key` (`module:Local`). A bundle that wrote the property without its prefix
 * (so that `@vocab` turned it into some other IRI, e.g. `"IMSI"` in a SIMCardFacet) is read
 * too: a miss falls back to a non-CASE key with the same local name.
 */
export function values(n: LdNode, key: string): LdValue[] {
  const v = n.props.get(key);
  if (v !== undefined) return v;
  const local = key.slice(key.indexOf(':') + 1);
  for (const [k, vals] of n.props)
    if (k.startsWith('?') && (k.endsWith(`#${local}`) || k.endsWith(`/${local}`) || k === `?${local}`)) return vals;
  return [];
}

export function literal(n: LdNode, key: string): string | undefined {
  for (const v of values(n, key)) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return undefined;
}

export function refIds(n: LdNode, key: string): string[] {
  const out: string[] = [];
  for (const v of values(n, key)) {
    if (isRef(v)) out.push(v.ref);
    else if (isNode(v) && v.id !== undefined) out.push(v.id);
  }
  return out;
}

export function hasType(n: LdNode, t: string): boolean {
  return n.types.includes(t);
}

/** The local part of a node id (`kb:account-3b61…` -> `account-3b61…`). */
export function localId(id: string): string {
  const cut = Math.max(id.lastIndexOf('/'), id.lastIndexOf('#'));
  const s = cut >= 0 && cut < id.length - 1 ? id.slice(cut + 1) : id;
  return s.slice(0, 200);
}

function slug(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '').replace(/^[^a-z]+/, '').slice(0, 32);
  return s === '' ? undefined : s;
}

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

// ---------- the index (pass 1)

export class CaseIndex {
  private readonly names = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private readonly urls = new Map<string, string>();
  private readonly accounts = new Map<string, LdNode>();
  private readonly facetNodes = new Map<string, LdNode>();
  private readonly sims = new Map<string, LdNode>();
  readonly hasAccount = new Map<string, string[]>();
  private readonly containedIn = new Map<string, string[]>();
  private readonly attachmentOf = new Map<string, string>();
  private readonly attachmentsOf = new Map<string, string[]>();
  private readonly threadOf = new Map<string, string>();
  private readonly contactOwner = new Map<string, string>();
  private readonly actionObjects = new Set<string>();
  private readonly threadIds = new Set<string>();
  private readonly deviceIds: string[] = [];
  private readonly memo = new Map<string, AccountRecord>();
  /** The account whose phone the bundle describes: the first device's account, if any. */
  owner: AccountRef = 'case:phone-owner';

  constructor(private readonly region?: string) {}

  add(n: LdNode): void {
    const id = n.id;
    if (id === undefined) return;
    // facets given as their own graph nodes
    if (n.types.length > 0 && n.types.every((t) => t.endsWith('Facet'))) this.facetNodes.set(id, n);
    if (n.types.some((t) => ACCOUNT_CLASSES.has(t))) this.accounts.set(id, n);
    if (isDevice(n)) this.deviceIds.push(id);
    if (hasType(n, 'observable:SIMCard')) this.sims.set(id, n);
    const name = literal(n, 'core:name') ?? this.facetLiteral(n, 'observable:ApplicationFacet', 'core:name') ?? this.facetLiteral(n, 'observable:ApplicationFacet', 'observable:applicationIdentifier');
    if (name !== undefined) this.names.set(id, name);
    const addr = this.facetLiteral(n, 'observable:EmailAddressFacet', 'observable:addressValue');
    if (addr !== undefined && hasType(n, 'observable:EmailAddress')) this.emails.set(id, addr);
    const url = this.facetLiteral(n, 'observable:URLFacet', 'observable:fullValue');
    if (url !== undefined) this.urls.set(id, url);
    if (hasType(n, 'core:Relationship') || hasType(n, 'observable:ObservableRelationship')) {
      const kind = (literal(n, 'core:kindOfRelationship') ?? '').toLowerCase().replace(/[\s-]+/g, '_');
      const src = refIds(n, 'core:source');
      const tgt = refIds(n, 'core:target');
      for (const s of src) {
        if (kind === 'has_account') this.hasAccount.set(s, [...(this.hasAccount.get(s) ?? []), ...tgt]);
        else if (kind === 'contained_within') this.containedIn.set(s, [...(this.containedIn.get(s) ?? []), ...tgt]);
        else if (kind === 'has_contact') for (const t of tgt) this.contactOwner.set(t, s);
        else if (kind === 'attachment_of' || kind === 'attached_to') {
          const t = tgt[0];
          if (t !== undefined) {
            this.attachmentOf.set(s, t);
            this.attachmentsOf.set(t, [...(this.attachmentsOf.get(t) ?? []), localId(s)]);
          }
        }
      }
    }
    if (n.types.some((t) => PROVENANCE_CLASSES.has(t))) for (const o of refIds(n, 'action:object')) this.actionObjects.add(o);
    if (hasType(n, 'observable:MessageThread')) {
      const ref = threadRef(n);
      this.threadIds.add(id);
      for (const f of this.facets(n, 'observable:MessageThreadFacet'))
        for (const th of values(f, 'observable:messageThread')) {
          if (!isNode(th)) continue;
          for (const m of refIds(th, 'co:element')) this.threadOf.set(m, ref);
          for (const item of values(th, 'co:item')) if (isNode(item)) for (const m of refIds(item, 'co:itemContent')) this.threadOf.set(m, ref);
        }
    }
  }

  /** After pass 1: the owner is the first device's account. */
  finish(): void {
    for (const d of this.deviceIds) {
      const acc = (this.hasAccount.get(d) ?? []).map((a) => this.account(a)).find((a) => a !== null);
      if (acc) {
        this.owner = acc.ref;
        return;
      }
    }
  }

  facets(n: LdNode, type?: string): LdNode[] {
    const out: LdNode[] = [];
    for (const v of values(n, 'core:hasFacet')) {
      const f = isNode(v) ? v : isRef(v) ? this.facetNodes.get(v.ref) : undefined;
      if (f && (type === undefined || hasType(f, type))) out.push(f);
    }
    return out;
  }

  facetLiteral(n: LdNode, type: string, key: string): string | undefined {
    for (const f of this.facets(n, type)) {
      const v = literal(f, key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  nameOf(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.names.get(id);
  }

  url(id: string): string | undefined {
    return this.urls.get(id);
  }

  /** The owner of a contact entry (a Has_Contact relationship from the owner's account), else the phone's owner. */
  ownerOf(contactId: string | undefined): AccountRef {
    const o = contactId === undefined ? undefined : this.contactOwner.get(contactId);
    return o === undefined ? this.owner : this.ref(o);
  }

  /** An investigative action took the node as its object (an evidence file, not an attachment). */
  isActionObject(id: string | undefined): boolean {
    return id !== undefined && this.actionObjects.has(id);
  }

  /** The conversation reference of a thread node id, undefined when the id names no thread. */
  threadById(id: string): string | undefined {
    return this.threadIds.has(id) ? `case:${localId(id)}` : undefined;
  }

  thread(messageId: string): string | undefined {
    return this.threadOf.get(messageId);
  }

  attachmentsOfMessage(messageId: string): string[] {
    return this.attachmentsOf.get(messageId) ?? [];
  }

  messageOfAttachment(id: string): string | undefined {
    const m = this.attachmentOf.get(id);
    return m === undefined ? undefined : localId(m);
  }

  simsOf(deviceId: string): LdNode[] {
    const out: LdNode[] = [];
    for (const [sim, targets] of this.containedIn) if (targets.includes(deviceId)) {
      const n = this.sims.get(sim);
      if (n) out.push(n);
    }
    return out;
  }

  /** The account record of an account node (memoised); null when the id names no account. */
  account(id: string): AccountRecord | null {
    const hit = this.memo.get(id);
    if (hit) return hit;
    const n = this.accounts.get(id);
    if (!n) return null;
    const rec = this.accountOf(n, id);
    this.memo.set(id, rec);
    return rec;
  }

  private accountOf(n: LdNode, id: string): AccountRecord {
    const f = (t: string, k: string) => this.facetLiteral(n, t, k);
    const phone = f('observable:PhoneAccountFacet', 'observable:phoneNumber') ?? f('observable:MobileAccountFacet', 'observable:MSISDN');
    let ref: string | null = null;
    let kind: AccountKind = 'other';
    if (phone !== undefined) {
      ref = phoneRef(phone, this.region ? { region: this.region } : {});
      kind = 'phone';
    }
    if (ref === null) {
      for (const ef of this.facets(n, 'observable:EmailAccountFacet')) {
        for (const v of values(ef, 'observable:emailAddress')) {
          const addr = typeof v === 'string' ? v : isRef(v) ? this.emails.get(v.ref) : isNode(v) ? (this.facetLiteral(v, 'observable:EmailAddressFacet', 'observable:addressValue') ?? undefined) : undefined;
          if (addr !== undefined && ref === null) {
            ref = `email:${addr.trim().toLowerCase()}`;
            kind = 'email';
          }
        }
      }
    }
    const appId = this.facets(n, 'observable:ApplicationAccountFacet').flatMap((af) => refIds(af, 'observable:application'))[0];
    const issuerId = this.facets(n, 'observable:AccountFacet').flatMap((af) => refIds(af, 'observable:accountIssuer'))[0];
    const platform = slug(this.nameOf(appId)) ?? slug(this.nameOf(issuerId)) ?? 'case';
    if (ref === null) {
      const ident = f('observable:AccountFacet', 'observable:accountIdentifier') ?? f('observable:DigitalAccountFacet', 'observable:accountLogin');
      if (ident !== undefined && ident.trim() !== '') {
        const t = ident.trim().slice(0, 256);
        if (EMAIL_RE.test(t)) {
          ref = `email:${t.toLowerCase()}`;
          kind = 'email';
        } else {
          ref = `${platform}:${t}`;
          kind = 'username';
        }
      }
    }
    const imsi = f('observable:MobileAccountFacet', 'observable:IMSI');
    if (ref === null && imsi !== undefined) ref = `imsi:${imsi.trim()}`;
    if (ref === null) ref = `${platform}:${localId(id)}`;
    const rec: AccountRecord = { type: 'account', ref, kind };
    const display = f('observable:DigitalAccountFacet', 'observable:displayName');
    if (display !== undefined) rec.displayName = display;
    return rec;
  }

  /** The reference of whatever `id` names: an account, else a stand-in `case:<local id>`. */
  ref(id: string): AccountRef {
    const a = this.account(id);
    if (a) return a.ref;
    const addr = this.emails.get(id);
    return addr !== undefined ? `email:${addr.trim().toLowerCase()}` : `case:${localId(id)}`;
  }
}

function isDevice(n: LdNode): boolean {
  return n.types.some((t) => DEVICE_CLASSES.has(t));
}

export function threadRef(n: LdNode): string {
  return `case:${localId(n.id ?? 'thread')}`;
}

// ---------- mapping (pass 2)

function time(v: string | undefined, tz: string | undefined): { ts: number; tzOffset: number | null; tsLocal?: string } | null {
  if (v === undefined) return null;
  const t = parseTimestamp(v, tz);
  return /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(v.trim()) ? { ts: t.ts, tzOffset: t.tzOffset } : { ts: t.ts, tzOffset: null, tsLocal: v };
}

export interface MapContext {
  index: CaseIndex;
  timeZone?: string;
}

/** A message node with no message facet is only a reference (e.g. a thread element): null. */
export function messageRecord(n: LdNode, c: MapContext): MessageRecord | null {
  const ix = c.index;
  const mf = [...ix.facets(n, 'observable:MessageFacet'), ...ix.facets(n, 'observable:EmailMessageFacet'), ...ix.facets(n, 'observable:SMSMessageFacet')];
  if (mf.length === 0) return null;
  const get = (k: string) => mf.map((f) => literal(f, k)).find((x) => x !== undefined);
  const refsOf = (k: string) => mf.flatMap((f) => refIds(f, k));
  const fromId = refsOf('observable:from')[0];
  if (fromId === undefined) throw new ClewError('SCHEMA', `${n.types[0] ?? 'message'} has no observable:from`);
  const t = time(get('observable:sentTime') ?? get('observable:receivedTime') ?? get('observable:observableCreatedTime'), c.timeZone);
  if (!t) throw new ClewError('SCHEMA', 'message has no sentTime');
  const email = hasType(n, 'observable:EmailMessage');
  const appName = ix.nameOf(refsOf('observable:application')[0]);
  const sms = hasType(n, 'observable:SMSMessage') || hasType(n, 'observable:MMSMessage') || /\b(sms|mms|messages?)\b/i.test(appName ?? '');
  const to = [...new Set([...refsOf('observable:to'), ...refsOf('observable:cc'), ...refsOf('observable:bcc')].map((r) => ix.ref(r)))];
  const body = get('observable:messageText') ?? get('observable:body') ?? '';
  const id = localId(n.id ?? '');
  const m: MessageRecord = { type: 'message', nativeId: id, from: ix.ref(fromId), to, channel: email ? 'email' : sms ? 'sms' : 'chat', body, ...t };
  const thread = n.id !== undefined ? ix.thread(n.id) : undefined;
  if (thread) m.conversation = thread;
  const subject = get('observable:subject');
  if (subject !== undefined) m.subject = subject;
  const atts = n.id !== undefined ? ix.attachmentsOfMessage(n.id) : [];
  if (atts.length > 0) m.attachments = atts;
  return m;
}

export function conversationRecord(n: LdNode, c: MapContext): ConversationRecord {
  const ix = c.index;
  const r: ConversationRecord = { type: 'conversation', ref: threadRef(n) };
  const title = literal(n, 'core:name');
  if (title !== undefined) r.title = title;
  const members = ix.facets(n, 'observable:MessageThreadFacet').flatMap((f) => refIds(f, 'observable:participant')).map((p) => ix.ref(p));
  if (members.length > 0) r.members = [...new Set(members)];
  return r;
}

/** xsd:duration (PT1H2M3S) or seconds. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v));
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Math.round(Number(m[4] ?? 0));
}

/** One record per callee: clew's calls have one `to`. A call with no `from` (non-directional) takes its first party as `from`. */
export function callRecords(n: LdNode, c: MapContext): CallRecord[] {
  const ix = c.index;
  const cf = ix.facets(n, 'observable:CallFacet');
  const get = (k: string) => cf.map((f) => literal(f, k)).find((x) => x !== undefined);
  const tos = cf.flatMap((f) => refIds(f, 'observable:to')).map((r) => ix.ref(r));
  const froms = cf.flatMap((f) => refIds(f, 'observable:from')).map((r) => ix.ref(r));
  const parties = cf.flatMap((f) => refIds(f, 'observable:participant')).map((r) => ix.ref(r));
  let from = froms[0];
  let to = tos.length > 0 ? tos : parties;
  if (from === undefined) {
    from = to[0];
    to = to.slice(1);
  }
  if (from === undefined || to.length === 0) throw new ClewError('SCHEMA', 'call has fewer than two parties');
  const start = time(get('observable:startTime') ?? get('observable:observableCreatedTime'), c.timeZone);
  if (!start) throw new ClewError('SCHEMA', 'call has no startTime');
  const end = time(get('observable:endTime'), c.timeZone);
  let duration = seconds(get('observable:duration'));
  if (duration === undefined) duration = end ? Math.max(0, Math.round((end.ts - start.ts) / 1000)) : 0;
  const id = localId(n.id ?? '');
  // a call-detail record of a text message (clew export writes callType SMS for them)
  const channel = /^(?:sms|mms|text)$/i.test(get('observable:callType')?.trim() ?? '') ? 'sms' : 'call';
  return to.map((t, i) => ({ type: 'call', nativeId: i === 0 ? id : `${id}#${i + 1}`, from: from!, to: t, duration, channel, ...start }) as CallRecord);
}

export function contactRecords(n: LdNode, c: MapContext): ContactRecord[] {
  const ix = c.index;
  const cf = ix.facets(n, 'observable:ContactFacet');
  const get = (k: string) => cf.map((f) => literal(f, k)).find((x) => x !== undefined);
  const first = get('observable:firstName');
  const last = get('observable:lastName');
  // the name the owner typed: a nickname first, then the display name, then first + last
  const name = get('observable:nickname') ?? get('observable:displayName') ?? ([first, get('observable:middleName'), last].filter((x) => x !== undefined).join(' ') || undefined);
  if (name === undefined || name.trim() === '') throw new ClewError('SCHEMA', 'contact has no name');
  const ids: string[] = [];
  for (const k of ['observable:phoneNumber', 'observable:emailAddress', 'observable:screenName', 'observable:contactPhone', 'observable:contactPhoneNumber', 'observable:contactEmail', 'observable:contactMessaging'])
    for (const f of cf) {
      for (const v of values(f, k)) {
        if (isRef(v)) ids.push(v.ref);
        // UCO 1.x: ContactPhone.contactPhoneNumber, ContactEmail.emailAddress, ContactMessaging.messagingAddress
        else if (isNode(v)) ids.push(...refIds(v, 'observable:contactPhoneNumber'), ...refIds(v, 'observable:emailAddress'), ...refIds(v, 'observable:messagingAddress'));
      }
    }
  if (n.id !== undefined) ids.push(...(ix.hasAccount.get(n.id) ?? []));
  const refs = [...new Set(ids.map((i) => ix.ref(i)))];
  if (refs.length === 0) throw new ClewError('SCHEMA', 'contact has no phone number, e-mail address or account');
  const owner = ix.ownerOf(n.id);
  return refs.map((contact) => ({ type: 'contact', owner, contact, name }));
}

export function deviceRecords(n: LdNode, c: MapContext): ClewRecord[] {
  const ix = c.index;
  const identifiers: Record<string, string> = {};
  const set = (k: string, v: string | undefined) => {
    if (v === undefined || v.trim() === '') return;
    let key = k;
    let i = 2;
    while (key in identifiers && identifiers[key] !== v) key = `${k}_${i++}`;
    identifiers[key] = v.trim().slice(0, 256);
  };
  for (const f of ix.facets(n)) {
    set('device_type', literal(f, 'observable:deviceType'));
    set('manufacturer', ix.nameOf(refIds(f, 'observable:manufacturer')[0]) ?? literal(f, 'observable:manufacturer'));
    set('model', literal(f, 'observable:model'));
    set('serial', literal(f, 'observable:serialNumber'));
    set('imei', literal(f, 'observable:IMEI'));
    set('msisdn', literal(f, 'observable:MSISDN'));
    set('esn', literal(f, 'observable:ESN'));
    if (hasType(f, 'observable:BluetoothAddressFacet')) set('bluetooth_mac', literal(f, 'observable:addressValue'));
    if (hasType(f, 'observable:WifiAddressFacet')) set('wifi_mac', literal(f, 'observable:addressValue'));
  }
  if (n.id !== undefined)
    for (const sim of ix.simsOf(n.id)) {
      for (const f of ix.facets(sim, 'observable:SIMCardFacet')) {
        set('iccid', literal(f, 'observable:ICCID'));
        set('carrier', ix.nameOf(refIds(f, 'observable:carrier')[0]));
        for (const v of values(f, 'observable:IMSI')) {
          if (typeof v === 'string') set('imsi', v);
          else if (isRef(v)) {
            const a = ix.account(v.ref);
            if (a) set('imsi', a.ref.startsWith('imsi:') ? a.ref.slice(5) : a.ref);
          }
        }
      }
    }
  const accounts = (n.id !== undefined ? ix.hasAccount.get(n.id) ?? [] : []).map((a) => ix.account(a)).filter((a): a is AccountRecord => a !== null);
  const refs = accounts.length > 0 ? accounts.map((a) => a.ref) : identifiers.imei ? [`imei:${identifiers.imei}`] : [`case:${localId(n.id ?? 'device')}`];
  const out: ClewRecord[] = [];
  for (const ref of [...new Set(refs)]) out.push({ type: 'device', account: ref, identifiers: { ...identifiers } } satisfies DeviceRecord);
  return out;
}

export function locationRecord(n: LdNode, c: MapContext): LocationRecord | null {
  const ix = c.index;
  const lat = ix.facetLiteral(n, 'location:LatLongCoordinatesFacet', 'location:latitude');
  const lon = ix.facetLiteral(n, 'location:LatLongCoordinatesFacet', 'location:longitude');
  if (lat === undefined || lon === undefined) return null;
  const la = Number(lat);
  const lo = Number(lon);
  if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) throw new ClewError('SCHEMA', `impossible coordinate ${lat}, ${lon}`);
  const r: LocationRecord = { type: 'location', kind: 'device', lat: la, lon: lo };
  const a = (k: string) => ix.facetLiteral(n, 'location:SimpleAddressFacet', k);
  const label = [literal(n, 'core:name'), a('location:street'), a('location:locality'), a('location:region'), a('location:postalCode'), a('location:country')].filter((x) => x !== undefined).join(', ');
  if (label) r.label = label.slice(0, 300);
  return r;
}

export function attachmentRecord(n: LdNode, c: MapContext): AttachmentRecord {
  const ix = c.index;
  const id = localId(n.id ?? '');
  const fileName = ix.facetLiteral(n, 'observable:FileFacet', 'observable:fileName');
  const path = ix.facetLiteral(n, 'observable:FileFacet', 'observable:filePath');
  const urlRef = ix.facets(n, 'observable:ContentDataFacet').flatMap((f) => refIds(f, 'observable:dataPayloadReferenceURL'))[0];
  const url = urlRef !== undefined ? ix.url(urlRef) : undefined;
  const filename = fileName ?? (path ? path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1) : undefined) ?? (url ? url.slice(url.lastIndexOf('/') + 1) || url : id);
  const r: AttachmentRecord = { type: 'attachment', nativeId: id, filename: filename.slice(0, 500) };
  const msg = n.id !== undefined ? ix.messageOfAttachment(n.id) : undefined;
  if (msg !== undefined) r.message = msg;
  const mime = ix.facetLiteral(n, 'observable:ContentDataFacet', 'observable:mimeType') ?? ix.facetLiteral(n, 'observable:FileFacet', 'observable:mimeType');
  if (mime) r.mime = mime;
  const size = ix.facetLiteral(n, 'observable:ContentDataFacet', 'observable:sizeInBytes') ?? ix.facetLiteral(n, 'observable:FileFacet', 'observable:sizeInBytes');
  if (size !== undefined && /^\d{1,15}$/.test(size)) r.size = Number(size);
  for (const f of ix.facets(n, 'observable:ContentDataFacet'))
    for (const h of values(f, 'observable:hash')) {
      if (!isNode(h)) continue;
      const method = (literal(h, 'types:hashMethod') ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
      const v = literal(h, 'types:hashValue');
      if (method === 'SHA256' && v && /^[0-9a-fA-F]{64}$/.test(v)) r.sha256 = v.toLowerCase();
    }
  // the capture time of a photo (what clew export writes: EXIFFacet, DateTimeOriginal in clew's stored form; any other form is left out)
  for (const f of ix.facets(n, 'observable:EXIFFacet'))
    for (const d of values(f, 'observable:exifData'))
      if (isNode(d))
        for (const e of values(d, 'types:entry'))
          if (isNode(e) && literal(e, 'types:key') === 'DateTimeOriginal') {
            const t = validTakenAt(literal(e, 'types:value'));
            if (t !== null) r.takenAt = t;
          }
  return r;
}

const EVENT_KINDS: ReadonlySet<string> = new Set<EventKind>(['joined', 'left', 'added', 'removed', 'number_changed', 'security_code_changed', 'title_changed', 'call_missed', 'other']);

/**
 * A `core:Event` as a system notice (what clew export writes for one): `eventType` a clew event
 * kind (else `other`), `name` the notice's text, `startTime`, and in `eventContext` its thread and
 * accounts, whose roles (`actor`, `subject`) the `eventAttribute` dictionary names by node id.
 * An event with no time or text is not a notice: null (counted).
 */
export function eventRecord(n: LdNode, c: MapContext): EventRecord | null {
  const ix = c.index;
  const text = literal(n, 'core:name') ?? literal(n, 'core:description');
  const t = time(literal(n, 'core:startTime'), c.timeZone);
  if (text === undefined || !t) return null;
  const type = (literal(n, 'core:eventType') ?? '').trim().toLowerCase();
  const r: EventRecord = { type: 'event', kind: (EVENT_KINDS.has(type) ? type : 'other') as EventKind, text, ...t };
  const context = refIds(n, 'core:eventContext');
  const roles = new Map<string, string>();
  for (const d of values(n, 'core:eventAttribute'))
    if (isNode(d))
      for (const e of values(d, 'types:entry')) {
        if (!isNode(e)) continue;
        const k = literal(e, 'types:key');
        const v = literal(e, 'types:value');
        if (k !== undefined && v !== undefined) roles.set(localId(v), k);
      }
  for (const id of context) {
    const conv = ix.threadById(id);
    if (conv !== undefined) {
      r.conversation ??= conv;
      continue;
    }
    const role = roles.get(localId(id));
    if (role === 'actor' && r.actor === undefined) r.actor = ix.ref(id);
    else if (role === 'subject' && r.subject === undefined) r.subject = ix.ref(id);
  }
  return r;
}
