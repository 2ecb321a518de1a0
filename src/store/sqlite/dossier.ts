/** What a SQLite case reads for a dossier (src/store/dossier.ts assembles it). */
import type { Database } from 'better-sqlite3';
import type { DossierQueries } from '../dossier.js';
import type { AccountView } from '../types.js';

type Lookup = (ids: number[]) => Map<number, AccountView>;

export function dossierQueries(db: Database, accounts: Lookup): DossierQueries {
  const inIds = (set: number[]) => `(${set.map(() => '?').join(',')})`;
  const all = <T>(sql: string, ...params: (string | number)[]): T[] => db.prepare(sql).all(...params) as T[];
  return {
    accounts,
    sent: (set) =>
      all(
        `SELECT channel, conversation_id AS conv, count(*) AS n, min(ts) AS first, max(ts) AS last, max(id) AS lastId FROM messages
         WHERE sender IN ${inIds(set)} AND dup_of IS NULL GROUP BY channel, conversation_id`,
        ...set,
      ),
    received: (set) =>
      all(
        `SELECT m.channel, ${set.length === 1 ? 'count(*)' : 'count(DISTINCT m.id)'} AS n, min(m.ts) AS first, max(m.ts) AS last
         FROM message_recipients r JOIN messages m ON m.id = r.message_id
         WHERE r.account_id IN ${inIds(set)} AND m.dup_of IS NULL AND m.sender NOT IN ${inIds(set)} GROUP BY m.channel`,
        ...set,
        ...set,
      ),
    calls: (set) => ({
      out: all<{ n: number; first: number | null; last: number | null }>(
        `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE caller IN ${inIds(set)} AND dup_of IS NULL`,
        ...set,
      )[0]!,
      in: all<{ n: number; first: number | null; last: number | null }>(
        `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE callee IN ${inIds(set)} AND caller NOT IN ${inIds(set)} AND dup_of IS NULL`,
        ...set,
        ...set,
      )[0]!,
    }),
    contacts: (set, limit) => {
      const rows = all<{ other: number; outgoing: number; incoming: number; first: number; last: number; total: number }>(
        `SELECT other, sum(outgoing) AS outgoing, sum(incoming) AS incoming, min(first) AS first, max(last) AS last, count(*) OVER () AS total FROM (
           SELECT dst AS other, count AS outgoing, 0 AS incoming, first, last FROM edges WHERE src IN ${inIds(set)}
           UNION ALL SELECT src, 0, count, first, last FROM edges WHERE dst IN ${inIds(set)})
         WHERE other NOT IN ${inIds(set)} GROUP BY other ORDER BY sum(outgoing) + sum(incoming) DESC, other LIMIT ?`,
        ...set,
        ...set,
        ...set,
        limit,
      );
      const callsWith = db.prepare(
        `SELECT (SELECT count(*) FROM calls WHERE caller IN ${inIds(set)} AND callee = ? AND dup_of IS NULL) AS callsOut,
                (SELECT count(*) FROM calls WHERE callee IN ${inIds(set)} AND caller = ? AND dup_of IS NULL) AS callsIn`,
      );
      return rows.map((r) => ({ ...r, ...(callsWith.get(...set, r.other, ...set, r.other) as { callsOut: number; callsIn: number }) }));
    },
    memberOf: (set) => db.prepare(`SELECT DISTINCT conversation_id FROM conversation_members WHERE account_id IN ${inIds(set)}`).pluck().all(...set) as number[],
    conversations: (ids) => {
      const info = db.prepare('SELECT ref, title, (SELECT count(*) FROM conversation_members WHERE conversation_id = c.id) AS members FROM conversations c WHERE id = ?');
      return new Map(ids.map((id) => [id, info.get(id) as { ref: string; title: string | null; members: number }]));
    },
    entities: (set, perType) =>
      all(
        `SELECT * FROM (
           SELECT type, value, mentions, messages, first, last,
                  row_number() OVER (PARTITION BY type ORDER BY mentions DESC, value) AS rn, count(*) OVER (PARTITION BY type) AS total
           FROM (SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
                 FROM messages m JOIN mentions x ON x.message_id = m.id
                 WHERE m.sender IN ${inIds(set)} AND m.dup_of IS NULL GROUP BY x.type, x.value))
         WHERE rn <= ? ORDER BY type, rn`,
        ...set,
        perType,
      ),
    saved: (set) => all(`SELECT owner, name FROM contacts WHERE contact IN ${inIds(set)} LIMIT 10000`, ...set),
    devices: (set) => all(`SELECT account_id, key, value, source_id FROM devices WHERE account_id IN ${inIds(set)} ORDER BY key, value, account_id, source_id LIMIT 500`, ...set),
    places: (set, limit) =>
      all(
        `SELECT kind, label, min(lat) AS lat, min(lon) AS lon, count(*) AS count, min(ts) AS first, max(ts) AS last FROM locations
         WHERE account_id IN ${inIds(set)} GROUP BY kind, label, round(lat, 3), round(lon, 3) ORDER BY count DESC, kind, label LIMIT ?`,
        ...set,
        limit,
      ),
  };
}
