/**
 * What a PostgreSQL case reads for a dossier (src/store/dossier.ts assembles it), row for row as
 * the SQLite case reads it: names and types in "C" collation (JavaScript's order), saved names
 * in the SQLite index's order (contact, owner, name).
 */
import type { DossierQueries } from '../dossier.js';
import type { DossierData } from '../types.js';
import { edgesSql } from './read-network.js';
import { type PgReadCase, accountsByIds, all, one } from './read-util.js';

type Span = { n: number; first: number | null; last: number | null };

/**
 * The queries that depend on the set alone, as SQL over $1 (the case), $2 (the set) and the limits
 * named: run one by one, or all in one statement (prefetch: one round trip instead of ten).
 */
const PARTS = ['sent', 'received', 'callsOut', 'callsIn', 'contacts', 'memberOf', 'entities', 'saved', 'devices', 'places'] as const;
type SetPart = (typeof PARTS)[number];
const SET_SQL: Record<SetPart, (limit: string) => string> = {
  sent: () => `SELECT channel, conversation_id AS conv, count(*) AS n, min(ts) AS first, max(ts) AS last, max(id) AS "lastId" FROM messages
         WHERE case_id = $1 AND sender = ANY($2::bigint[]) AND dup_of IS NULL GROUP BY channel, conversation_id`,
  // each message the set received looked up by its key (OFFSET 0 keeps the lookup a nested loop): joined
  // as sets, the planner hashed every message of the case to probe it with the set's few (hundreds of ms)
  received: () => `SELECT m.channel, count(*) AS n, min(m.ts) AS first, max(m.ts) AS last
         FROM (SELECT DISTINCT message_id FROM message_recipients WHERE case_id = $1 AND account_id = ANY($2::bigint[])) r
         CROSS JOIN LATERAL (SELECT channel, ts FROM messages m WHERE m.case_id = $1 AND m.id = r.message_id AND m.dup_of IS NULL AND m.sender != ALL($2::bigint[]) OFFSET 0) m
         GROUP BY m.channel ORDER BY m.channel`,
  callsOut: () => `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls WHERE case_id = $1 AND caller = ANY($2::bigint[]) AND dup_of IS NULL`,
  callsIn: () => `SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM calls
         WHERE case_id = $1 AND callee = ANY($2::bigint[]) AND caller != ALL($2::bigint[]) AND dup_of IS NULL`,
  contacts: (limit: string) => `SELECT e.*,
                (SELECT count(*) FROM calls WHERE case_id = $1 AND caller = ANY($2::bigint[]) AND callee = e.other AND dup_of IS NULL) AS "callsOut",
                (SELECT count(*) FROM calls WHERE case_id = $1 AND callee = ANY($2::bigint[]) AND caller = e.other AND dup_of IS NULL) AS "callsIn"
         FROM (SELECT other, sum(outgoing) AS outgoing, sum(incoming) AS incoming, min(first) AS first, max(last) AS last, count(*) OVER () AS total FROM (
                 SELECT dst AS other, count AS outgoing, 0 AS incoming, first, last FROM ${edgesSql('$1')} e1 WHERE src = ANY($2::bigint[])
                 UNION ALL SELECT src, 0, count, first, last FROM ${edgesSql('$1')} e2 WHERE dst = ANY($2::bigint[])) u
               WHERE other != ALL($2::bigint[]) GROUP BY other ORDER BY sum(outgoing) + sum(incoming) DESC, other LIMIT ${limit}) e
         ORDER BY e.outgoing + e.incoming DESC, e.other`,
  memberOf: () => `SELECT DISTINCT conversation_id AS id FROM conversation_members WHERE case_id = $1 AND account_id = ANY($2::bigint[])`,
  entities: (perType: string) => `SELECT type, value, mentions, messages, first, last, total FROM (
           SELECT type, value, mentions, messages, first, last,
                  row_number() OVER (PARTITION BY type ORDER BY mentions DESC, value COLLATE "C") AS rn, count(*) OVER (PARTITION BY type) AS total
           FROM (SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
                 FROM messages m JOIN mentions x ON x.case_id = m.case_id AND x.message_id = m.id
                 WHERE m.case_id = $1 AND m.sender = ANY($2::bigint[]) AND m.dup_of IS NULL GROUP BY x.type, x.value) g) r
         WHERE rn <= ${perType} ORDER BY type COLLATE "C", rn`,
  saved: () => `SELECT owner, name FROM contacts WHERE case_id = $1 AND contact = ANY($2::bigint[]) ORDER BY contact, owner, name LIMIT 10000`,
  devices: () =>
    `SELECT account_id, key, value, source_id FROM devices WHERE case_id = $1 AND account_id = ANY($2::bigint[]) ORDER BY key COLLATE "C", value COLLATE "C", account_id, source_id LIMIT 500`,
  places: (limit: string) => `SELECT kind, label, min(lat) AS lat, min(lon) AS lon, count(*) AS count, min(ts) AS first, max(ts) AS last FROM locations
         WHERE case_id = $1 AND account_id = ANY($2::bigint[])
         GROUP BY kind, label, round(lat::numeric, 3), round(lon::numeric, 3) ORDER BY count(*) DESC, kind COLLATE "C", label COLLATE "C" NULLS FIRST LIMIT ${limit}`,
};
/** Where each limit is in the prefetch's parameters. */
const LIMITS: Partial<Record<SetPart, string>> = { contacts: '$3', entities: '$4', places: '$5' };

/**
 * Every query of SET_SQL in one statement: each part's rows as a JSON array, in its order (json_agg
 * over an ordered subquery keeps it), its numbers as JSON numbers (ids, times and counts are below
 * 2^53; a double's text is its shortest exact form), so the rows are those the part reads alone.
 */
const PREFETCH_SQL = `SELECT ${PARTS.map((k) => `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${SET_SQL[k](LIMITS[k] ?? '')}) t) AS "${k}"`).join(',\n  ')}`;

export function dossierQueries(db: PgReadCase): DossierQueries {
  const c = db.caseId;
  const q = <T>(sql: string, set: number[], ...extra: (string | number)[]) => all<T>(db.pool, sql, [c, set, ...extra]);
  /** The parts read by prefetch, for the set it read them for. */
  let pre: { set: number[]; rows: Record<SetPart, unknown[]> } | null = null;
  const part = <T>(k: SetPart, set: number[], extra: (string | number)[] = []): Promise<T[]> =>
    pre?.set === set ? Promise.resolve(pre.rows[k] as T[]) : q<T>(SET_SQL[k]('$3'), set, ...extra);
  return {
    prefetch: async (set, o) => {
      const r = await one<Record<SetPart, unknown[]>>(db.pool, PREFETCH_SQL, [c, set, o.contacts, o.entitiesPerType, o.places]);
      pre = { set, rows: r! };
    },
    accounts: (ids) => accountsByIds(db, ids),
    sent: (set) => part('sent', set),
    received: (set) => part('received', set),
    calls: async (set) => ({ out: (await part<Span>('callsOut', set))[0]!, in: (await part<Span>('callsIn', set))[0]! }),
    contacts: (set, limit) => part('contacts', set, [limit]),
    memberOf: async (set) => (await part<{ id: number }>('memberOf', set)).map((r) => r.id),
    conversations: async (ids) => {
      const rows = await q<{ id: number; ref: string; title: string | null; members: number }>(
        `SELECT id, ref, title, (SELECT count(*) FROM conversation_members cm WHERE cm.case_id = c.case_id AND cm.conversation_id = c.id) AS members
         FROM conversations c WHERE case_id = $1 AND id = ANY($2::bigint[])`,
        ids,
      );
      return new Map(rows.map((r) => [r.id, r]));
    },
    entities: (set, perType) => part('entities', set, [perType]),
    saved: (set) => part('saved', set),
    devices: (set) => part('devices', set),
    places: (set, limit) => part<DossierData['places'][number]>('places', set, [limit]),
  };
}
