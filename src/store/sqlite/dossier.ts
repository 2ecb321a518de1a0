/**
 * The dossier of a set of accounts: one account now, every account of a person once identity
 * resolution links them. Every figure is a count over the records (duplicates left out), read
 * through the sender / recipient / caller / callee indexes, so the cost grows with what the
 * accounts did, not with the size of the case.
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { AccountView, DossierData, DossierOptions } from '../types.js';

export const DOSSIER_DEFAULTS: Required<DossierOptions> = { contacts: 50, conversations: 50, entitiesPerType: 20, names: 30, places: 50 };
/** The most accounts one dossier may span (a person with many handles). */
export const MAX_DOSSIER_ACCOUNTS = 500;

type Lookup = (ids: number[]) => Map<number, AccountView>;

export function readDossier(db: Database, accountIds: number[], opts: DossierOptions, lookup: Lookup): DossierData {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length > MAX_DOSSIER_ACCOUNTS) throw new ClewError('INVALID_ARGUMENT', `a dossier spans at most ${MAX_DOSSIER_ACCOUNTS} accounts`);
  const own = lookup(ids);
  const accounts = ids.map((i) => own.get(i)).filter((a): a is AccountView => a !== undefined);
  if (accounts.length === 0) throw new ClewError('NOT_FOUND', 'no such account in this case');
  const o = { ...DOSSIER_DEFAULTS };
  for (const k of Object.keys(o) as (keyof DossierOptions)[]) {
    const v = opts[k];
    if (v !== undefined) o[k] = Math.min(Math.max(1, Math.floor(v)), 1000);
  }
  const set = accounts.map((a) => a.id);
  const inIds = `(${set.map(() => '?').join(',')})`;
  const all = <T>(sql: string, ...extra: (string | number)[]): T[] => db.prepare(sql).all(...extra) as T[];

  // ------------------------------------------------------------ activity
  // one pass over the messages sent: per channel and conversation (both summaries come from it)
  const sentRows = all<{ channel: string; conv: number | null; n: number; first: number; last: number; lastId: number }>(
    `SELECT channel, conversation_id AS conv, count(*) AS n, min(ts) AS first, max(ts) AS last, max(id) AS lastId FROM messages
     WHERE sender IN ${inIds} AND dup_of IS NULL GROUP BY channel, conversation_id`,
    ...set,
  );
  const sentByChannel = new Map<string, { channel: string; n: number; first: number; last: number }>();
  const wrote = new Map<number, { id: number; sent: number; first: number | null; last: number | null; lastMessage: number | null }>();
  for (const r of sentRows) {
    const c = sentByChannel.get(r.channel);
    if (c) {
      c.n += r.n;
      c.first = Math.min(c.first, r.first);
      c.last = Math.max(c.last, r.last);
    } else sentByChannel.set(r.channel, { channel: r.channel, n: r.n, first: r.first, last: r.last });
    if (r.conv === null) continue;
    const w = wrote.get(r.conv);
    if (w) {
      w.sent += r.n;
      w.first = Math.min(w.first!, r.first);
      w.last = Math.max(w.last!, r.last);
      w.lastMessage = Math.max(w.lastMessage!, r.lastId);
    } else wrote.set(r.conv, { id: r.conv, sent: r.n, first: r.first, last: r.last, lastMessage: r.lastId });
  }
  const sentBy = [...sentByChannel.values()];
  const receivedBy = all<{ channel: string; n: number; first: number; last: number }>(
    `SELECT m.channel, ${set.length === 1 ? 'count(*)' : 'count(DISTINCT m.id)'} AS n, min(m.ts) AS first, max(m.ts) AS last FROM message_recipients r JOIN messages m ON m.id = r.message_id
     WHERE r.account_id IN ${inIds} AND m.dup_of IS NULL AND m.sender NOT IN ${inIds} GROUP BY m.channel`,
    ...set,
    ...set,
  );
  const callsOut = all<{ n: number; first: number | null; last: number | null }>(
    `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE caller IN ${inIds} AND dup_of IS NULL`,
    ...set,
  )[0]!;
  const callsIn = all<{ n: number; first: number | null; last: number | null }>(
    `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE callee IN ${inIds} AND caller NOT IN ${inIds} AND dup_of IS NULL`,
    ...set,
    ...set,
  )[0]!;
  const channels = new Map<string, { channel: string; sent: number; received: number }>();
  for (const r of sentBy) channels.set(r.channel, { channel: r.channel, sent: r.n, received: 0 });
  for (const r of receivedBy) {
    const c = channels.get(r.channel) ?? { channel: r.channel, sent: 0, received: 0 };
    c.received = r.n;
    channels.set(r.channel, c);
  }
  const firsts = [...sentBy, ...receivedBy, callsOut, callsIn].map((r) => r.first).filter((x): x is number => x !== null);
  const lasts = [...sentBy, ...receivedBy, callsOut, callsIn].map((r) => r.last).filter((x): x is number => x !== null);

  // ------------------------------------------------------------ contacts (edges: messages and calls, both ways)
  const edgeRows = all<{ other: number; outgoing: number; incoming: number; first: number; last: number; total: number }>(
    `SELECT other, sum(outgoing) AS outgoing, sum(incoming) AS incoming, min(first) AS first, max(last) AS last, count(*) OVER () AS total FROM (
       SELECT dst AS other, count AS outgoing, 0 AS incoming, first, last FROM edges WHERE src IN ${inIds}
       UNION ALL SELECT src, 0, count, first, last FROM edges WHERE dst IN ${inIds})
     WHERE other NOT IN ${inIds} GROUP BY other ORDER BY sum(outgoing) + sum(incoming) DESC, other LIMIT ?`,
    ...set,
    ...set,
    ...set,
    o.contacts,
  );
  const callsWith = db.prepare(
    `SELECT (SELECT count(*) FROM calls WHERE caller IN ${inIds} AND callee = ? AND dup_of IS NULL) AS out,
            (SELECT count(*) FROM calls WHERE callee IN ${inIds} AND caller = ? AND dup_of IS NULL) AS inc`,
  );
  const others = lookup(edgeRows.map((r) => r.other));
  const contacts = edgeRows.map((r) => {
    const c = callsWith.get(...set, r.other, ...set, r.other) as { out: number; inc: number };
    return {
      account: others.get(r.other)!,
      sent: r.outgoing - c.out,
      received: r.incoming - c.inc,
      calls: c.out + c.inc,
      total: r.outgoing + r.incoming,
      first: r.first,
      last: r.last,
    };
  });

  // ------------------------------------------------------------ conversations (member of, or wrote in)
  const memberOf = db.prepare(`SELECT DISTINCT conversation_id FROM conversation_members WHERE account_id IN ${inIds}`).pluck().all(...set) as number[];
  const convs = wrote;
  for (const c of memberOf) if (!convs.has(c)) convs.set(c, { id: c, sent: 0, first: null, last: null, lastMessage: null });
  const convInfo = db.prepare(
    'SELECT ref, title, (SELECT count(*) FROM conversation_members WHERE conversation_id = c.id) AS members FROM conversations c WHERE id = ?',
  );
  const conversations = [...convs.values()]
    .sort((a, b) => b.sent - a.sent || a.id - b.id)
    .slice(0, o.conversations)
    .map((c) => {
      const info = convInfo.get(c.id) as { ref: string; title: string | null; members: number };
      return { id: c.id, ref: info.ref, title: info.title, members: info.members, sent: c.sent, first: c.first, last: c.last, lastMessage: c.lastMessage };
    });

  // ------------------------------------------------------------ entities in the messages they sent
  const ents = all<{ type: string; value: string; mentions: number; messages: number; first: number; last: number; total: number }>(
    `SELECT * FROM (
       SELECT type, value, mentions, messages, first, last,
              row_number() OVER (PARTITION BY type ORDER BY mentions DESC, value) AS rn, count(*) OVER (PARTITION BY type) AS total
       FROM (SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
             FROM messages m JOIN mentions x ON x.message_id = m.id
             WHERE m.sender IN ${inIds} AND m.dup_of IS NULL GROUP BY x.type, x.value))
     WHERE rn <= ? ORDER BY type, rn`,
    ...set,
    o.entitiesPerType,
  );
  const byType = new Map<string, DossierData['entities'][number]>();
  for (const e of ents) {
    let t = byType.get(e.type);
    if (!t) byType.set(e.type, (t = { type: e.type, total: e.total, rows: [] }));
    t.rows.push({ value: e.value, mentions: e.mentions, messages: e.messages, first: e.first, last: e.last });
  }

  // ------------------------------------------------------------ names others saved, devices, places
  const saved = all<{ owner: number; name: string }>(`SELECT owner, name FROM contacts WHERE contact IN ${inIds} LIMIT 10000`, ...set);
  const names = new Map<string, Set<number>>();
  for (const s of saved) {
    if (set.includes(s.owner)) continue;
    const n = names.get(s.name) ?? new Set<number>();
    n.add(s.owner);
    names.set(s.name, n);
  }
  const topNames = [...names.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1)).slice(0, o.names);
  const owners = lookup(topNames.flatMap(([, s]) => [...s].slice(0, 5)));
  const savedAs = topNames.map(([name, s]) => ({ name, owners: s.size, by: [...s].slice(0, 5).map((x) => owners.get(x)!).filter(Boolean) }));

  const devices = all<{ account_id: number; key: string; value: string }>(
    `SELECT account_id, key, value FROM devices WHERE account_id IN ${inIds} ORDER BY key, value LIMIT 500`,
    ...set,
  ).map((d) => ({ account: own.get(d.account_id)!, key: d.key, value: d.value }));

  const places = all<DossierData['places'][number]>(
    `SELECT kind, label, min(lat) AS lat, min(lon) AS lon, count(*) AS count, min(ts) AS first, max(ts) AS last FROM locations
     WHERE account_id IN ${inIds} GROUP BY kind, label, round(lat, 3), round(lon, 3) ORDER BY count DESC, kind, label LIMIT ?`,
    ...set,
    o.places,
  );

  return {
    accounts,
    savedAs,
    devices,
    activity: {
      sent: sentBy.reduce((n, r) => n + r.n, 0),
      received: receivedBy.reduce((n, r) => n + r.n, 0),
      callsMade: callsOut.n,
      callsReceived: callsIn.n,
      channels: [...channels.values()].sort((a, b) => b.sent + b.received - (a.sent + a.received)),
      first: firsts.length ? Math.min(...firsts) : null,
      last: lasts.length ? Math.max(...lasts) : null,
    },
    contacts,
    contactsTotal: edgeRows[0]?.total ?? 0,
    conversations,
    conversationsTotal: convs.size,
    entities: [...byType.values()].sort((a, b) => b.total - a.total || (a.type < b.type ? -1 : 1)),
    places,
  };
}
