/**
 * The contact network of a PostgreSQL case, as the SQLite case reads it: edges from the edges
 * table kept up to date by ingest, or counted from the records themselves in a time window;
 * every communication (one row per message recipient and per call, duplicates and messages to
 * oneself left out); the accounts. Streams come through server-side cursors, in chunks, in
 * SQLite's order (edges by their key src, dst, channel), so a graph built from either backend
 * numbers its nodes alike.
 */
import type { Channel } from '../../model/records.js';
import type { AccountView, CommunicationRow, EdgeFilter, EdgeRow } from '../types.js';
import { type AccountDbRow, type Param, type PgReadCase, assertEpochMs, cursor, idBound, toAccount } from './read-util.js';

export { accountsByIds } from './read-util.js';

/**
 * The case's edges as a relation (src, dst, channel, count, first, last), for every query that
 * reads the edge table: the table kept up to date by ingest, and for a user under a legal filter
 * in the case (team/legal.ts: row-level security then holds no edge row of the case for them)
 * the same counted from the messages and calls they can see. The second branch runs only then
 * (its condition is one call per query), so nobody else pays for it. `c` is the case id's parameter.
 */
export function edgesSql(c: string): string {
  return `(SELECT src, dst, channel, count, first, last FROM edges WHERE case_id = ${c}
     UNION ALL
     SELECT src, dst, channel, count(*) AS count, min(ts) AS first, max(ts) AS last FROM (
       SELECT m.sender AS src, r.account_id AS dst, m.channel AS channel, m.ts AS ts FROM messages m
       JOIN message_recipients r ON r.case_id = m.case_id AND r.message_id = m.id
       WHERE m.case_id = ${c} AND m.dup_of IS NULL AND m.sender != r.account_id
       UNION ALL
       SELECT caller, callee, channel, ts FROM calls WHERE case_id = ${c} AND dup_of IS NULL AND caller != callee) w
     WHERE ${c} = ANY ((SELECT clew_legal_filtered_cases())::integer[])
     GROUP BY src, dst, channel)`;
}

/** One row (src, dst, channel, ts) per message recipient and per call, duplicates left out; parameters from $2 on. */
function communicationsSql(filter: EdgeFilter, args: Param[]): string {
  const lo = filter.after ?? 0;
  const hi = filter.before ?? 8.64e15;
  assertEpochMs(lo, hi);
  const channels = filter.channels ?? [];
  args.push(idBound(lo), idBound(hi), lo, Math.min(hi, 2 ** 53));
  const p = args.length - 3;
  let inCh = '';
  if (channels.length > 0) {
    args.push(channels);
    inCh = `WHERE channel = ANY($${args.length}::text[])`;
  }
  return `SELECT * FROM (
      SELECT m.sender AS src, r.account_id AS dst, m.channel AS channel, m.ts AS ts FROM messages m
      JOIN message_recipients r ON r.case_id = m.case_id AND r.message_id = m.id
      WHERE m.case_id = $1 AND m.dup_of IS NULL AND m.id >= $${p} AND m.id < $${p + 1} AND m.sender != r.account_id
      UNION ALL
      SELECT caller, callee, channel, ts FROM calls WHERE case_id = $1 AND dup_of IS NULL AND ts >= $${p + 2} AND ts < $${p + 3} AND caller != callee) c ${inCh}`;
}

export async function* edges(db: PgReadCase, filter: EdgeFilter = {}): AsyncGenerator<EdgeRow[]> {
  const args: Param[] = [db.caseId];
  let sql: string;
  if (filter.after === undefined && filter.before === undefined) {
    // the edge table kept up to date during ingest: no scan of the records
    const where = ['true'];
    if (filter.channels && filter.channels.length > 0) {
      args.push(filter.channels);
      where.push(`channel = ANY($${args.length}::text[])`);
    }
    if (filter.minCount !== undefined) {
      args.push(filter.minCount);
      where.push(`count >= $${args.length}`);
    }
    sql = `SELECT src, dst, channel, count, first, last FROM ${edgesSql('$1')} e WHERE ${where.join(' AND ')} ORDER BY src, dst, channel`;
  } else {
    // a time window: counted from the records themselves
    const c = communicationsSql(filter, args);
    let having = '';
    if (filter.minCount !== undefined) {
      args.push(filter.minCount);
      having = `HAVING count(*) >= $${args.length}`;
    }
    sql = `SELECT src, dst, channel, count(*) AS count, min(ts) AS first, max(ts) AS last FROM (${c}) w GROUP BY src, dst, channel ${having} ORDER BY src, dst, channel`;
  }
  yield* cursor<EdgeRow, EdgeRow>(db, sql, args, (rows) => rows);
}

export async function* communications(db: PgReadCase, filter: EdgeFilter = {}): AsyncGenerator<CommunicationRow[]> {
  const args: Param[] = [db.caseId];
  const sql = `${communicationsSql(filter, args)} ORDER BY ts`;
  yield* cursor<{ src: number; dst: number; channel: Channel; ts: number }, CommunicationRow>(db, sql, args, (rows) => rows);
}

export function accounts(db: PgReadCase): AsyncIterable<AccountView[]> {
  return cursor<AccountDbRow, AccountView>(
    db,
    'SELECT id, ref, platform, handle, kind, display_name FROM accounts WHERE case_id = $1 ORDER BY id',
    [db.caseId],
    (rows) => rows.map(toAccount),
  );
}
