/**
 * clew records to a CASE/UCO JSON-LD bundle: the mapping `clew export --format case-uco`
 * streams (export.ts adds the provenance), and that the reader in this folder reads back.
 * Every class and property used is declared by UCO 1.x (bundle.test.ts checks them against the
 * ontology's own list). Node ids are deterministic (`kb:<kind>-<sha256 prefix>`), so the same
 * records always give the same bundle.
 */
import { createHash } from 'node:crypto';
import type { AccountRecord, AccountRef, ClewRecord } from '../../../model/records.js';

export const CASE_CONTEXT = {
  kb: 'http://example.org/kb/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-location': 'https://ontology.unifiedcyberontology.org/uco/location/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  co: 'http://purl.org/co/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export type Node = Record<string, unknown>;

export function nodeId(kind: string, key: string): string {
  return `kb:${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

export const dateTime = (ts: number) => ({ '@type': 'xsd:dateTime', '@value': new Date(ts).toISOString() });
export const ref = (id: string) => ({ '@id': id });

/** Where a record came from, as the graph uses it. */
export interface GraphRecordOptions {
  /** Keeps apart what different sources call by the same name (conversation refs, native ids): e.g. the source's SHA-256. */
  scope?: string;
  /** What makes the record unique in the bundle (e.g. its source and locator); node ids hash it with the record's content. */
  key?: string;
  /** Written as the record's `uco-core:description` (clew writes the source and locator there). */
  description?: string;
}

type Bundle = { '@context': typeof CASE_CONTEXT; '@graph': Node[] };

/**
 * The graph of a stream of records, node by node: `add` returns the nodes of one record (and of
 * the accounts and applications it first names), `finish` the message threads, which need every
 * message first. Memory: one entry per account, device and threaded message, never bodies.
 */
export class CaseGraph {
  private readonly accounts = new Map<AccountRef, string>();
  private readonly threads = new Map<string, { members: Set<AccountRef>; messages: string[]; title?: string; name: string }>();
  private messageIds = new Map<string, string>();

  /** `names`: display names of accounts named before their account record (caseBundle reads them first). */
  constructor(private readonly names = new Map<AccountRef, string>()) {}

  /** Forget which messages had which native id (attachments are linked only to messages added since). */
  forgetMessages(): void {
    this.messageIds = new Map();
  }

  /** The node id of a record's main node, null for records that have none (events). */
  add(r: ClewRecord, graph: Node[], o: GraphRecordOptions = {}): string | null {
    return this.record(r, graph, o);
  }

  finish(graph: Node[]): void {
    for (const [key, t] of this.threads) {
      const id = nodeId('thread', key);
      const facet: Node = { '@id': nodeId('facet', `thread ${id}`), '@type': 'uco-observable:MessageThreadFacet', 'uco-observable:participant': [...t.members].map((m) => ref(this.account(graph, m))) };
      if (t.messages.length > 0) facet['uco-observable:messageThread'] = { '@id': nodeId('thread-list', key), '@type': 'uco-types:Thread', 'co:size': { '@type': 'xsd:nonNegativeInteger', '@value': String(t.messages.length) }, 'co:element': t.messages.map(ref) };
      const n: Node = { '@id': id, '@type': 'uco-observable:MessageThread', 'uco-core:hasFacet': [facet] };
      if (t.title !== undefined) n['uco-core:name'] = t.title;
      graph.push(n);
    }
    this.threads.clear();
  }

  /** The node id of a conversation's thread. */
  threadId(conversation: string, scope = ''): string {
    return nodeId('thread', scope === '' ? conversation : `${scope} ${conversation}`);
  }

  private thread(refName: string, scope: string) {
    const key = scope === '' ? refName : `${scope} ${refName}`;
    let t = this.threads.get(key);
    if (!t) this.threads.set(key, (t = { members: new Set(), messages: [], name: refName }));
    return t;
  }

  private account(graph: Node[], a: AccountRef, kind?: AccountRecord['kind'], displayName?: string): string {
    const accounts = this.accounts;
    const known = accounts.get(a);
    if (known) return known;
    const id = nodeId('account', a);
    accounts.set(a, id);
    const colon = a.indexOf(':');
    const platform = a.slice(0, colon);
    const handle = a.slice(colon + 1);
    const display = displayName ?? this.names.get(a);
    if (platform === 'phone' || kind === 'phone') {
      graph.push({ '@id': id, '@type': 'uco-observable:PhoneAccount', 'uco-core:hasFacet': [{ '@id': nodeId('facet', `phone ${a}`), '@type': 'uco-observable:PhoneAccountFacet', 'uco-observable:phoneNumber': handle }] });
    } else if (platform === 'email' || kind === 'email') {
      const addr = nodeId('email-address', handle);
      graph.push({ '@id': addr, '@type': 'uco-observable:EmailAddress', 'uco-core:hasFacet': [{ '@id': nodeId('facet', `address ${handle}`), '@type': 'uco-observable:EmailAddressFacet', 'uco-observable:addressValue': handle }] });
      graph.push({ '@id': id, '@type': 'uco-observable:EmailAccount', 'uco-core:hasFacet': [{ '@id': nodeId('facet', `email ${a}`), '@type': 'uco-observable:EmailAccountFacet', 'uco-observable:emailAddress': ref(addr) }] });
    } else {
      const facets: Node[] = [{ '@id': nodeId('facet', `account ${a}`), '@type': 'uco-observable:AccountFacet', 'uco-observable:accountIdentifier': handle }];
      const digital: Node = { '@id': nodeId('facet', `digital ${a}`), '@type': 'uco-observable:DigitalAccountFacet' };
      if (display !== undefined) digital['uco-observable:displayName'] = display;
      facets.push(digital);
      const app = nodeId('application', platform);
      if (!accounts.has(`app:${platform}`)) {
        accounts.set(`app:${platform}`, app);
        graph.push({ '@id': app, '@type': 'uco-observable:Application', 'uco-core:name': platform });
      }
      facets.push({ '@id': nodeId('facet', `app ${a}`), '@type': 'uco-observable:ApplicationAccountFacet', 'uco-observable:application': ref(app) });
      graph.push({ '@id': id, '@type': 'uco-observable:ApplicationAccount', 'uco-core:hasFacet': facets });
    }
    if (display !== undefined && (platform === 'phone' || platform === 'email')) {
      const n = graph[graph.length - 1]!;
      (n['uco-core:hasFacet'] as Node[]).push({ '@id': nodeId('facet', `digital ${a}`), '@type': 'uco-observable:DigitalAccountFacet', 'uco-observable:displayName': display });
    }
    return id;
  }

  private record(r: ClewRecord, graph: Node[], o: GraphRecordOptions): string | null {
    const scope = o.scope ?? '';
    // what keeps records apart: their place in the bundle (when given) and their content
    const key = o.key === undefined ? (scope === '' ? '' : `${scope} `) : `${o.key} `;
    const account = (a: AccountRef, kind?: AccountRecord['kind'], displayName?: string) => this.account(graph, a, kind, displayName);
    const accounts = this.accounts;
    const described = (n: Node): Node => {
      if (o.description !== undefined) n['uco-core:description'] = o.description;
      return n;
    };
    switch (r.type) {
      case 'account':
        return account(r.ref, r.kind, r.displayName);
      case 'conversation': {
        const t = this.thread(r.ref, scope);
        if (r.title !== undefined) t.title = r.title;
        for (const m of r.members ?? []) t.members.add(m);
        return this.threadId(r.ref, scope);
      }
      case 'message': {
        const id = nodeId('message', `${key}${r.nativeId ?? ''} ${r.from} ${r.ts} ${r.body}`);
        if (r.nativeId !== undefined) this.messageIds.set(`${scope}\u0000${r.nativeId}`, id);
        const email = r.channel === 'email';
        const facet: Node = {
          '@id': nodeId('facet', `message ${id}`),
          '@type': email ? 'uco-observable:EmailMessageFacet' : 'uco-observable:MessageFacet',
          'uco-observable:from': ref(account(r.from)),
          'uco-observable:to': r.to.map((t) => ref(account(t))),
          'uco-observable:sentTime': dateTime(r.ts),
        };
        facet[email ? 'uco-observable:body' : 'uco-observable:messageText'] = r.body;
        if (email && r.subject !== undefined) facet['uco-observable:subject'] = r.subject;
        graph.push(described({ '@id': id, '@type': email ? 'uco-observable:EmailMessage' : r.channel === 'sms' ? 'uco-observable:SMSMessage' : 'uco-observable:Message', 'uco-core:hasFacet': [facet] }));
        if (r.conversation !== undefined) {
          const t = this.thread(r.conversation, scope);
          t.messages.push(id);
          t.members.add(r.from);
          for (const x of r.to) t.members.add(x);
        }
        return id;
      }
      case 'call': {
        const id = nodeId('call', `${key}${r.nativeId ?? ''} ${r.from} ${r.to} ${r.ts}`);
        graph.push(
          described({
            '@id': id,
            '@type': 'uco-observable:Call',
            'uco-core:hasFacet': [{ '@id': nodeId('facet', `call ${id}`), '@type': 'uco-observable:CallFacet', 'uco-observable:from': ref(account(r.from)), 'uco-observable:to': ref(account(r.to)), 'uco-observable:startTime': dateTime(r.ts), 'uco-observable:duration': r.duration, ...(r.channel === 'sms' ? { 'uco-observable:callType': 'SMS' } : {}) }],
          }),
        );
        return id;
      }
      case 'contact': {
        const id = nodeId('contact', `${key}${r.owner} ${r.contact} ${r.name}`);
        const facet: Node = { '@id': nodeId('facet', `contact ${id}`), '@type': 'uco-observable:ContactFacet', 'uco-observable:nickname': r.name };
        const acc = account(r.contact);
        const owner = account(r.owner);
        const entry = nodeId('contact-entry', `${id} ${r.contact}`);
        if (r.contact.startsWith('phone:')) facet['uco-observable:contactPhone'] = [{ '@id': entry, '@type': 'uco-observable:ContactPhone', 'uco-observable:contactPhoneNumber': ref(acc) }];
        else if (r.contact.startsWith('email:'))
          facet['uco-observable:contactEmail'] = [{ '@id': entry, '@type': 'uco-observable:ContactEmail', 'uco-observable:emailAddress': ref(nodeId('email-address', r.contact.slice(6))) }];
        else {
          const m: Node = { '@id': entry, '@type': 'uco-observable:ContactMessaging', 'uco-observable:messagingAddress': ref(acc) };
          const app = accounts.get(`app:${r.contact.slice(0, r.contact.indexOf(':'))}`);
          if (app) m['uco-observable:contactMessagingPlatform'] = ref(app);
          facet['uco-observable:contactMessaging'] = [m];
        }
        graph.push(described({ '@id': id, '@type': 'uco-observable:Contact', 'uco-core:hasFacet': [facet] }));
        // whose address book the entry is in (the reader takes the owner from it)
        graph.push({ '@id': nodeId('relationship', `contact ${id}`), '@type': 'uco-core:Relationship', 'uco-core:source': ref(owner), 'uco-core:target': [ref(id)], 'uco-core:kindOfRelationship': 'Has_Contact', 'uco-core:isDirectional': true });
        return id;
      }
      case 'device': {
        const id = nodeId('device', JSON.stringify(Object.entries(r.identifiers).sort()));
        if (!accounts.has(`device:${id}`)) {
          accounts.set(`device:${id}`, id);
          const i = r.identifiers;
          const df: Node = { '@id': nodeId('facet', `device ${id}`), '@type': 'uco-observable:DeviceFacet' };
          if (i.model) df['uco-observable:model'] = i.model;
          if (i.serial) df['uco-observable:serialNumber'] = i.serial;
          if (i.device_type) df['uco-observable:deviceType'] = i.device_type;
          const facets: Node[] = [df];
          if (i.imei || i.msisdn) {
            const mf: Node = { '@id': nodeId('facet', `mobile ${id}`), '@type': 'uco-observable:MobileDeviceFacet' };
            if (i.imei) mf['uco-observable:IMEI'] = i.imei;
            if (i.msisdn) mf['uco-observable:MSISDN'] = i.msisdn;
            facets.push(mf);
          }
          graph.push({ '@id': id, '@type': 'uco-observable:MobileDevice', 'uco-core:hasFacet': facets });
        }
        const rel = nodeId('relationship', `has ${id} ${r.account}`);
        if (!accounts.has(`relationship:${rel}`)) {
          accounts.set(`relationship:${rel}`, rel);
          graph.push(described({ '@id': rel, '@type': 'uco-core:Relationship', 'uco-core:source': ref(id), 'uco-core:target': [ref(account(r.account))], 'uco-core:kindOfRelationship': 'Has_Account', 'uco-core:isDirectional': true }));
        }
        return id;
      }
      case 'location': {
        const id = nodeId('location', `${key}${r.lat} ${r.lon} ${r.ts ?? ''} ${r.label ?? ''}`);
        const n: Node = { '@id': id, '@type': 'uco-location:Location', 'uco-core:hasFacet': [{ '@id': nodeId('facet', `latlong ${id}`), '@type': 'uco-location:LatLongCoordinatesFacet', 'uco-location:latitude': { '@type': 'xsd:decimal', '@value': String(r.lat) }, 'uco-location:longitude': { '@type': 'xsd:decimal', '@value': String(r.lon) } }] };
        if (r.label !== undefined) n['uco-core:name'] = r.label;
        graph.push(described(n));
        return id;
      }
      case 'attachment': {
        const id = nodeId('file', scope === '' ? r.nativeId : `${scope} ${r.nativeId}`);
        const ff: Node = { '@id': nodeId('facet', `file ${id}`), '@type': 'uco-observable:FileFacet', 'uco-observable:fileName': r.filename };
        if (r.size !== undefined) ff['uco-observable:sizeInBytes'] = r.size;
        const facets: Node[] = [ff];
        if (r.sha256 !== undefined || r.mime !== undefined) {
          const cf: Node = { '@id': nodeId('facet', `content ${id}`), '@type': 'uco-observable:ContentDataFacet' };
          if (r.mime !== undefined) cf['uco-observable:mimeType'] = r.mime;
          if (r.sha256 !== undefined) cf['uco-observable:hash'] = [sha256Hash(r.sha256)];
          facets.push(cf);
        }
        // the photo's capture time, as EXIF names it (DateTimeOriginal), in the form clew stores it
        if (r.takenAt !== undefined) {
          const entry = { '@id': nodeId('entry', `exif ${id}`), '@type': 'uco-types:ControlledDictionaryEntry', 'uco-types:key': 'DateTimeOriginal', 'uco-types:value': r.takenAt };
          facets.push({ '@id': nodeId('facet', `exif ${id}`), '@type': 'uco-observable:EXIFFacet', 'uco-observable:exifData': [{ '@id': nodeId('dictionary', `exif ${id}`), '@type': 'uco-types:ControlledDictionary', 'uco-types:entry': [entry] }] });
        }
        graph.push(described({ '@id': id, '@type': 'uco-observable:File', 'uco-core:hasFacet': facets }));
        if (r.message !== undefined) {
          const msg = this.messageIds.get(`${scope}\u0000${r.message}`);
          if (msg) graph.push({ '@id': nodeId('relationship', `attachment ${id}`), '@type': 'uco-observable:ObservableRelationship', 'uco-core:source': ref(id), 'uco-core:target': ref(msg), 'uco-core:kindOfRelationship': 'Attachment_Of', 'uco-core:isDirectional': true });
        }
        return id;
      }
      case 'event': {
        // a system notice (join, leave, number change, …): a uco-core:Event whose context is its
        // thread and accounts; the roles of the accounts are named in its attribute dictionary
        const id = nodeId('event', `${key}${r.kind} ${r.ts} ${r.actor ?? ''} ${r.subject ?? ''} ${r.text}`);
        const context: string[] = [];
        const entries: Node[] = [];
        const role = (name: 'actor' | 'subject', a: AccountRef | undefined) => {
          if (a === undefined) return;
          const acc = account(a);
          context.push(acc);
          entries.push({ '@id': nodeId('entry', `${id} ${name}`), '@type': 'uco-types:DictionaryEntry', 'uco-types:key': name, 'uco-types:value': acc.slice(acc.indexOf(':') + 1) });
        };
        role('actor', r.actor);
        role('subject', r.subject);
        if (r.conversation !== undefined) {
          this.thread(r.conversation, scope);
          context.push(this.threadId(r.conversation, scope));
        }
        const n: Node = { '@id': id, '@type': 'uco-core:Event', 'uco-core:name': r.text, 'uco-core:eventType': r.kind, 'uco-core:startTime': dateTime(r.ts) };
        if (context.length > 0) n['uco-core:eventContext'] = context.map(ref);
        if (entries.length > 0) n['uco-core:eventAttribute'] = [{ '@id': nodeId('dictionary', id), '@type': 'uco-types:Dictionary', 'uco-types:entry': entries }];
        graph.push(described(n));
        return id;
      }
    }
  }
}

/** A SHA-256 as a uco-types:Hash (its id from the value: the same hash is one node). */
export function sha256Hash(hex: string): Node {
  return { '@id': nodeId('hash', hex), '@type': 'uco-types:Hash', 'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': 'SHA256' }, 'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': hex } };
}

/** The bundle for `records` (an array: small and medium cases; clew export streams with CaseGraph). */
export function caseBundle(records: readonly ClewRecord[]): Bundle {
  const names = new Map<AccountRef, string>();
  for (const r of records) if (r.type === 'account' && r.displayName !== undefined) names.set(r.ref, r.displayName);
  const g = new CaseGraph(names);
  const graph: Node[] = [];
  for (const r of records) g.add(r, graph);
  g.finish(graph);
  return { '@context': CASE_CONTEXT, '@graph': graph };
}
