/**
 * The dossier of a set of accounts (one account, or every account of a person), the same on
 * every backend: each backend answers the few queries of a `DossierQueries` (counts over the
 * records with duplicates left out, read through the sender / recipient / caller / callee
 * indexes, so the cost grows with what the accounts did, not with the size of the case), and
 * this module turns their rows into the dossier.
 */
import { normaliseDeviceId } from '../model/device-ids.js';
import { ClewError } from '../model/errors.js';
import type { AccountView, DossierData, DossierOptions } from './types.js';

export const DOSSIER_DEFAULTS: Required<DossierOptions> = { contacts: 50, conversations: 50, entitiesPerType: 20, names: 30, places: 50 };
/** The most accounts one dossier may span (a person with many handles). */
export const MAX_DOSSIER_ACCOUNTS = 500;
/** How many of the phones that saved a name are shown with it. */
const OWNERS_SHOWN = 5;

type Maybe<T> = T | Promise<T>;
type Span = { n: number; first: number | null; last: number | null };

/**
 * What a backend reads for a dossier. `set` is the dossier's account ids; every count leaves
 * duplicates out, and "received" and "callee" rows leave out what the set sent itself.
 */
export interface DossierQueries {
  /** Optional: read every query below that depends on the set alone at once (the others then answer from it for that set). */
  prefetch?(set: number[], o: Required<DossierOptions>): Promise<void>;
  accounts(ids: number[]): Maybe<Map<number, AccountView>>;
  /** Messages the set sent, per channel and conversation; `lastId` the newest. */
  sent(set: number[]): Maybe<{ channel: string; conv: number | null; n: number; first: number; last: number; lastId: number }[]>;
  /** Distinct messages the set received from others, per channel. */
  received(set: number[]): Maybe<{ channel: string; n: number; first: number; last: number }[]>;
  /** Calls the set made, and received from others. */
  calls(set: number[]): Maybe<{ out: Span; in: Span }>;
  /**
   * The `limit` accounts outside the set with the most communication (edges both ways), most first
   * then by id; `total` the number of such accounts; `callsOut`/`callsIn` the calls among the edge counts.
   */
  contacts(
    set: number[],
    limit: number,
  ): Maybe<{ other: number; outgoing: number; incoming: number; first: number; last: number; total: number; callsOut: number; callsIn: number }[]>;
  /** Conversations any account of the set is a member of. */
  memberOf(set: number[]): Maybe<number[]>;
  conversations(ids: number[]): Maybe<Map<number, { ref: string; title: string | null; members: number }>>;
  /** Entities in what the set sent: per type its `perType` most mentioned (then by value), ordered by type then rank; `total` per type. */
  entities(set: number[], perType: number): Maybe<{ type: string; value: string; mentions: number; messages: number; first: number; last: number; total: number }[]>;
  /** Names contact lists saved for the set's accounts (at most 10,000 rows), by contact then owner. */
  saved(set: number[]): Maybe<{ owner: number; name: string }[]>;
  /** Device identifiers recorded for the set (at most 500 rows), with the source of each. */
  devices(set: number[]): Maybe<{ account_id: number; key: string; value: string; source_id: number }[]>;
  places(set: number[], limit: number): Maybe<DossierData['places']>;
}

/** JavaScript's string order (UTF-16 code units): names and types sort the same on every backend. */
const before = (a: string, b: string) => (a < b ? -1 : 1);

export async function readDossier(q: DossierQueries, accountIds: number[], opts: DossierOptions = {}): Promise<DossierData> {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length > MAX_DOSSIER_ACCOUNTS) throw new ClewError('INVALID_ARGUMENT', `a dossier spans at most ${MAX_DOSSIER_ACCOUNTS} accounts`);
  const own = await q.accounts(ids);
  const accounts = ids.map((i) => own.get(i)).filter((a): a is AccountView => a !== undefined);
  if (accounts.length === 0) throw new ClewError('NOT_FOUND', 'no such account in this case');
  const o = { ...DOSSIER_DEFAULTS };
  for (const k of Object.keys(o) as (keyof DossierOptions)[]) {
    const v = opts[k];
    if (v !== undefined) o[k] = Math.min(Math.max(1, Math.floor(v)), 1000);
  }
  const set = accounts.map((a) => a.id);
  await q.prefetch?.(set, o);

  // ------------------------------------------------------------ activity
  // one pass over the messages sent: per channel and conversation (both summaries come from it)
  const sentByChannel = new Map<string, { channel: string; n: number; first: number; last: number }>();
  const convs = new Map<number, { id: number; sent: number; first: number | null; last: number | null; lastMessage: number | null }>();
  for (const r of await q.sent(set)) {
    const c = sentByChannel.get(r.channel);
    if (c) {
      c.n += r.n;
      c.first = Math.min(c.first, r.first);
      c.last = Math.max(c.last, r.last);
    } else sentByChannel.set(r.channel, { channel: r.channel, n: r.n, first: r.first, last: r.last });
    if (r.conv === null) continue;
    const w = convs.get(r.conv);
    if (w) {
      w.sent += r.n;
      w.first = Math.min(w.first!, r.first);
      w.last = Math.max(w.last!, r.last);
      w.lastMessage = Math.max(w.lastMessage!, r.lastId);
    } else convs.set(r.conv, { id: r.conv, sent: r.n, first: r.first, last: r.last, lastMessage: r.lastId });
  }
  const sentBy = [...sentByChannel.values()];
  const receivedBy = await q.received(set);
  const calls = await q.calls(set);
  const channels = new Map<string, { channel: string; sent: number; received: number }>();
  for (const r of sentBy) channels.set(r.channel, { channel: r.channel, sent: r.n, received: 0 });
  for (const r of receivedBy) {
    const c = channels.get(r.channel) ?? { channel: r.channel, sent: 0, received: 0 };
    c.received = r.n;
    channels.set(r.channel, c);
  }
  const spans = [...sentBy, ...receivedBy, calls.out, calls.in];
  const firsts = spans.map((r) => r.first).filter((x): x is number => x !== null);
  const lasts = spans.map((r) => r.last).filter((x): x is number => x !== null);

  // ------------------------------------------------------------ contacts (edges: messages and calls, both ways)
  const edgeRows = await q.contacts(set, o.contacts);
  const others = await q.accounts(edgeRows.map((r) => r.other));
  const contacts = edgeRows.map((r) => ({
    account: others.get(r.other)!,
    sent: r.outgoing - r.callsOut,
    received: r.incoming - r.callsIn,
    calls: r.callsOut + r.callsIn,
    total: r.outgoing + r.incoming,
    first: r.first,
    last: r.last,
  }));

  // ------------------------------------------------------------ conversations (member of, or wrote in)
  for (const c of await q.memberOf(set)) if (!convs.has(c)) convs.set(c, { id: c, sent: 0, first: null, last: null, lastMessage: null });
  const chosen = [...convs.values()].sort((a, b) => b.sent - a.sent || a.id - b.id).slice(0, o.conversations);
  const info = await q.conversations(chosen.map((c) => c.id));
  const conversations = chosen.map((c) => {
    const i = info.get(c.id)!;
    return { id: c.id, ref: i.ref, title: i.title, members: i.members, sent: c.sent, first: c.first, last: c.last, lastMessage: c.lastMessage };
  });

  // ------------------------------------------------------------ entities in the messages they sent
  const byType = new Map<string, DossierData['entities'][number]>();
  for (const e of await q.entities(set, o.entitiesPerType)) {
    let t = byType.get(e.type);
    if (!t) byType.set(e.type, (t = { type: e.type, total: e.total, rows: [] }));
    t.rows.push({ value: e.value, mentions: e.mentions, messages: e.messages, first: e.first, last: e.last });
  }

  // ------------------------------------------------------------ names others saved, devices, places
  const names = new Map<string, Set<number>>();
  for (const s of await q.saved(set)) {
    if (set.includes(s.owner)) continue;
    const n = names.get(s.name) ?? new Set<number>();
    n.add(s.owner);
    names.set(s.name, n);
  }
  const topNames = [...names.entries()].sort((a, b) => b[1].size - a[1].size || before(a[0], b[0])).slice(0, o.names);
  const shown = (s: Set<number>) => [...s].slice(0, OWNERS_SHOWN);
  const owners = await q.accounts(topNames.flatMap(([, s]) => shown(s)));
  const savedAs = topNames.map(([name, s]) => ({ name, owners: s.size, by: shown(s).map((x) => owners.get(x)!).filter(Boolean) }));
  const devices = mergeDevices(await q.devices(set), own);

  return {
    accounts,
    savedAs,
    devices,
    activity: {
      sent: sentBy.reduce((n, r) => n + r.n, 0),
      received: receivedBy.reduce((n, r) => n + r.n, 0),
      callsMade: calls.out.n,
      callsReceived: calls.in.n,
      channels: [...channels.values()].sort((a, b) => b.sent + b.received - (a.sent + a.received)),
      first: firsts.length ? Math.min(...firsts) : null,
      last: lasts.length ? Math.max(...lasts) : null,
    },
    contacts,
    contactsTotal: edgeRows[0]?.total ?? 0,
    conversations,
    conversationsTotal: convs.size,
    entities: [...byType.values()].sort((a, b) => b.total - a.total || before(a.type, b.type)),
    places: await q.places(set, o.places),
  };
}

/** How many spellings of one identifier are kept. */
const SPELLINGS_SHOWN = 5;

/** One row per identifier (key and normalised value), with the accounts, sources and spellings it was recorded with. */
function mergeDevices(rows: { account_id: number; key: string; value: string; source_id: number }[], own: Map<number, AccountView>): DossierData['devices'] {
  const byId = new Map<string, { key: string; value: string; accounts: Set<number>; sources: Set<number>; spellings: Set<string> }>();
  for (const r of rows) {
    const n = normaliseDeviceId(r.key, r.value);
    const id = `${n.key}\u0000${n.value}`;
    let d = byId.get(id);
    if (!d) byId.set(id, (d = { ...n, accounts: new Set(), sources: new Set(), spellings: new Set() }));
    d.accounts.add(r.account_id);
    d.sources.add(r.source_id);
    if (r.value !== n.value && d.spellings.size < SPELLINGS_SHOWN) d.spellings.add(r.value);
  }
  return [...byId.values()]
    .sort((a, b) => (a.key === b.key ? (a.value === b.value ? 0 : before(a.value, b.value)) : before(a.key, b.key)))
    .map((d) => {
      const accounts = [...d.accounts].sort((a, b) => a - b).map((a) => own.get(a)!);
      return { account: accounts[0]!, accounts, key: d.key, value: d.value, sources: d.sources.size, spellings: [...d.spellings].sort(before) };
    });
}
