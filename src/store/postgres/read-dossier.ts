/**
 * The dossier of a set of accounts in a PostgreSQL case, figure for figure as the SQLite case
 * reads it (src/store/sqlite/dossier.ts): counts over the records with duplicates left out,
 * contacts from the communication edges, conversations the accounts are members of or wrote
 * in, entities in what they sent, names others saved for them, devices and places.
 */
import { ClewError } from '../../model/errors.js';
import type { AccountView, DossierData, DossierOptions } from '../types.js';
import { type PgReadCase, accountsByIds, all, one } from './read-util.js';

const DOSSIER_DEFAULTS: Required<DossierOptions> = { contacts: 50, conversations: 50, entitiesPerType: 20, names: 30, places: 50 };
const MAX_DOSSIER_ACCOUNTS = 500;

/** JavaScript's string order (UTF-16 code units), as the SQLite dossier sorts names and types. */
const before = (a: string, b: string) => (a < b ? -1 : 1);

export async function dossier(db: PgReadCase, accountIds: number[], opts: DossierOptions = {}): Promise<DossierData> {
  const ids = [...new Set(accountIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length > MAX_DOSSIER_ACCOUNTS) throw new ClewError('INVALID_ARGUMENT', `a dossier spans at most ${MAX_DOSSIER_ACCOUNTS} accounts`);
  const own = await accountsByIds(db, ids);
  const accounts = ids.map((i) => own.get(i)).filter((a): a is AccountView => a !== undefined);
  if (accounts.length === 0) throw new ClewError('NOT_FOUND', 'no such account in this case');
  const o = { ...DOSSIER_DEFAULTS };
  for (const k of Object.keys(o) as (keyof DossierOptions)[]) {
    const v = opts[k];
    if (v !== undefined) o[k] = Math.min(Math.max(1, Math.floor(v)), 1000);
  }
  const set = accounts.map((a) => a.id);
  const c = db.caseId;
  const q = <T>(sql: string, ...extra: (string | number)[]) => all<T>(db.pool, sql, [c, set, ...extra]);

  // ------------------------------------------------------------ activity
  const sentRows = await q<{ channel: string; conv: number | null; n: number; first: number; last: number; lastid: number }>(
    `SELECT channel, conversation_id AS conv, count(*) AS n, min(ts) AS first, max(ts) AS last, max(id) AS lastid FROM messages
     WHERE case_id = $1 AND sender = ANY($2::bigint[]) AND dup_of IS NULL GROUP BY channel, conversation_id`,
  );
  const sentByChannel = new Map<string, { channel: string; n: number; first: number; last: number }>();
  const wrote = new Map<number, { id: number; sent: number; first: number | null; last: number | null; lastMessage: number | null }>();
  for (const r of sentRows) {
    const ch = sentByChannel.get(r.channel);
    if (ch) {
      ch.n += r.n;
      ch.first = Math.min(ch.first, r.first);
      ch.last = Math.max(ch.last, r.last);
    } else sentByChannel.set(r.channel, { channel: r.channel, n: r.n, first: r.first, last: r.last });
    if (r.conv === null) continue;
    const w = wrote.get(r.conv);
    if (w) {
      w.sent += r.n;
      w.first = Math.min(w.first!, r.first);
      w.last = Math.max(w.last!, r.last);
      w.lastMessage = Math.max(w.lastMessage!, r.lastid);
    } else wrote.set(r.conv, { id: r.conv, sent: r.n, first: r.first, last: r.last, lastMessage: r.lastid });
  }
  const sentBy = [...sentByChannel.values()];
  const receivedBy = await q<{ channel: string; n: number; first: number; last: number }>(
    `SELECT m.channel, count(DISTINCT m.id) AS n, min(m.ts) AS first, max(m.ts) AS last
     FROM message_recipients r JOIN messages m ON m.case_id = r.case_id AND m.id = r.message_id
     WHERE r.case_id = $1 AND r.account_id = ANY($2::bigint[]) AND m.dup_of IS NULL AND m.sender != ALL($2::bigint[]) GROUP BY m.channel`,
  );
  const callsOut = (await one<{ n: number; first: number | null; last: number | null }>(
    db.pool,
    `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE case_id = $1 AND caller = ANY($2::bigint[]) AND dup_of IS NULL`,
    [c, set],
  ))!;
  const callsIn = (await one<{ n: number; first: number | null; last: number | null }>(
    db.pool,
    `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls
     WHERE case_id = $1 AND callee = ANY($2::bigint[]) AND caller != ALL($2::bigint[]) AND dup_of IS NULL`,
    [c, set],
  ))!;
  const channels = new Map<string, { channel: string; sent: number; received: number }>();
  for (const r of sentBy) channels.set(r.channel, { channel: r.channel, sent: r.n, received: 0 });
  for (const r of receivedBy) {
    const ch = channels.get(r.channel) ?? { channel: r.channel, sent: 0, received: 0 };
    ch.received = r.n;
    channels.set(r.channel, ch);
  }
  const firsts = [...sentBy, ...receivedBy, callsOut, callsIn].map((r) => r.first).filter((x): x is number => x !== null);
  const lasts = [...sentBy, ...receivedBy, callsOut, callsIn].map((r) => r.last).filter((x): x is number => x !== null);

  // ------------------------------------------------------------ contacts (edges: messages and calls, both ways)
  const edgeRows = await q<{ other: number; outgoing: number; incoming: number; first: number; last: number; total: number; cout: number; cin: number }>(
    `SELECT e.*,
            (SELECT count(*) FROM calls WHERE case_id = $1 AND caller = ANY($2::bigint[]) AND callee = e.other AND dup_of IS NULL) AS cout,
            (SELECT count(*) FROM calls WHERE case_id = $1 AND callee = ANY($2::bigint[]) AND caller = e.other AND dup_of IS NULL) AS cin
     FROM (SELECT other, sum(outgoing) AS outgoing, sum(incoming) AS incoming, min(first) AS first, max(last) AS last, count(*) OVER () AS total FROM (
             SELECT dst AS other, count AS outgoing, 0 AS incoming, first, last FROM edges WHERE case_id = $1 AND src = ANY($2::bigint[])
             UNION ALL SELECT src, 0, count, first, last FROM edges WHERE case_id = $1 AND dst = ANY($2::bigint[])) u
           WHERE other != ALL($2::bigint[]) GROUP BY other ORDER BY sum(outgoing) + sum(incoming) DESC, other LIMIT $3) e
     ORDER BY e.outgoing + e.incoming DESC, e.other`,
    o.contacts,
  );
  const others = await accountsByIds(db, edgeRows.map((r) => r.other));
  const contacts = edgeRows.map((r) => ({
    account: others.get(r.other)!,
    sent: r.outgoing - r.cout,
    received: r.incoming - r.cin,
    calls: r.cout + r.cin,
    total: r.outgoing + r.incoming,
    first: r.first,
    last: r.last,
  }));

  // ------------------------------------------------------------ conversations (member of, or wrote in)
  const memberOf = await q<{ id: number }>(`SELECT DISTINCT conversation_id AS id FROM conversation_members WHERE case_id = $1 AND account_id = ANY($2::bigint[])`);
  const convs = wrote;
  for (const m of memberOf) if (!convs.has(m.id)) convs.set(m.id, { id: m.id, sent: 0, first: null, last: null, lastMessage: null });
  const chosen = [...convs.values()].sort((a, b) => b.sent - a.sent || a.id - b.id).slice(0, o.conversations);
  const info = new Map<number, { ref: string; title: string | null; members: number }>();
  for (const r of await all<{ id: number; ref: string; title: string | null; members: number }>(
    db.pool,
    `SELECT id, ref, title, (SELECT count(*) FROM conversation_members cm WHERE cm.case_id = c.case_id AND cm.conversation_id = c.id) AS members
     FROM conversations c WHERE case_id = $1 AND id = ANY($2::bigint[])`,
    [c, chosen.map((x) => x.id)],
  ))
    info.set(r.id, r);
  const conversations = chosen.map((x) => {
    const i = info.get(x.id)!;
    return { id: x.id, ref: i.ref, title: i.title, members: i.members, sent: x.sent, first: x.first, last: x.last, lastMessage: x.lastMessage };
  });

  // ------------------------------------------------------------ entities in the messages they sent
  const ents = await q<{ type: string; value: string; mentions: number; messages: number; first: number; last: number; total: number }>(
    `SELECT type, value, mentions, messages, first, last, total FROM (
       SELECT type, value, mentions, messages, first, last,
              row_number() OVER (PARTITION BY type ORDER BY mentions DESC, value COLLATE "C") AS rn, count(*) OVER (PARTITION BY type) AS total
       FROM (SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
             FROM messages m JOIN mentions x ON x.case_id = m.case_id AND x.message_id = m.id
             WHERE m.case_id = $1 AND m.sender = ANY($2::bigint[]) AND m.dup_of IS NULL GROUP BY x.type, x.value) g) r
     WHERE rn <= $3 ORDER BY type COLLATE "C", rn`,
    o.entitiesPerType,
  );
  const byType = new Map<string, DossierData['entities'][number]>();
  for (const e of ents) {
    let t = byType.get(e.type);
    if (!t) byType.set(e.type, (t = { type: e.type, total: e.total, rows: [] }));
    t.rows.push({ value: e.value, mentions: e.mentions, messages: e.messages, first: e.first, last: e.last });
  }

  // ------------------------------------------------------------ names others saved, devices, places
  const saved = await q<{ owner: number; name: string }>(`SELECT owner, name FROM contacts WHERE case_id = $1 AND contact = ANY($2::bigint[]) ORDER BY contact, owner, name LIMIT 10000`);
  const names = new Map<string, Set<number>>();
  for (const s of saved) {
    if (set.includes(s.owner)) continue;
    const n = names.get(s.name) ?? new Set<number>();
    n.add(s.owner);
    names.set(s.name, n);
  }
  // owners in the order read (the SQLite case's index order: contact, owner, name)
  const topNames = [...names.entries()].sort((a, b) => b[1].size - a[1].size || before(a[0], b[0])).slice(0, o.names);
  const ownerList = (s: Set<number>) => [...s].slice(0, 5);
  const owners = await accountsByIds(db, topNames.flatMap(([, s]) => ownerList(s)));
  const savedAs = topNames.map(([name, s]) => ({ name, owners: s.size, by: ownerList(s).map((x) => owners.get(x)!).filter(Boolean) }));

  const devices = (
    await q<{ account_id: number; key: string; value: string }>(
      `SELECT account_id, key, value FROM devices WHERE case_id = $1 AND account_id = ANY($2::bigint[]) ORDER BY key COLLATE "C", value COLLATE "C" LIMIT 500`,
    )
  ).map((d) => ({ account: own.get(d.account_id)!, key: d.key, value: d.value }));

  const places = await q<DossierData['places'][number]>(
    `SELECT kind, label, min(lat) AS lat, min(lon) AS lon, count(*) AS count, min(ts) AS first, max(ts) AS last FROM locations
     WHERE case_id = $1 AND account_id = ANY($2::bigint[])
     GROUP BY kind, label, round(lat::numeric, 3), round(lon::numeric, 3) ORDER BY count(*) DESC, kind COLLATE "C", label COLLATE "C" NULLS FIRST LIMIT $3`,
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
    entities: [...byType.values()].sort((a, b) => b.total - a.total || before(a.type, b.type)),
    places,
  };
}
