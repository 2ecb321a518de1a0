/**
 * Activity over time: counts of messages and calls per UTC hour or day, for the whole case, an
 * account, a set of accounts or a conversation. The store counts in fixed UTC buckets (hours or
 * days since the epoch); the API folds them into weeks, months and day-of-week × hour.
 *
 * Message ids are ts_ms * SLOTS + slot (ids.ts), so a bucket is `id / (bucket_ms * SLOTS)` and a
 * time range is a rowid range, and counting the whole case decodes no message row:
 * - whole case: a rowid-range count per non-empty bucket, minus the duplicate copies read from
 *   the partial index messages_dup_of (dup_of, id); calls by a scan of the (small) calls table;
 * - an account: messages_sender for what it sent, message_recipients_account for what it
 *   received (the duplicate check reads the message row by rowid), calls_caller / calls_callee;
 * - a conversation: messages_conversation (conversation_id, id); calls have no conversation.
 * Duplicates (the same message seen on two phones) are left out everywhere, as in the network.
 */
import type Database from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { ActivityCounts, ActivityQuery } from '../types.js';
import { SLOTS } from '../../model/ids.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Bucket → count, merged into `into`. */
function add(into: Map<number, number>, rows: Iterable<{ b: number; n: number }>, sign = 1): void {
  for (const r of rows) into.set(r.b, (into.get(r.b) ?? 0) + sign * r.n);
}

function sorted(m: Map<number, number>): [number, number][] {
  return [...m.entries()].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]);
}

/**
 * Messages and calls per bucket (`bucketMs` = one hour or one day, UTC), in [after, before).
 * Returned as [bucket index since the epoch, count] pairs, ascending, empty buckets left out.
 */
export function activityCounts(db: Database.Database, q: ActivityQuery): ActivityCounts {
  const bucket = q.bucketMs;
  if (bucket !== HOUR_MS && bucket !== DAY_MS) throw new ClewError('INVALID_ARGUMENT', 'activity buckets are hours or days');
  const lo = q.after ?? 0;
  const hi = q.before ?? 8.64e15;
  for (const t of [lo, hi]) if (!(Number.isSafeInteger(t) && t >= 0)) throw new ClewError('INVALID_ARGUMENT', 'time bounds must be epoch milliseconds');
  const idDiv = bucket * SLOTS;
  const idLo = lo * SLOTS;
  const idHi = Math.min(hi, 2 ** 42) * SLOTS;
  const messages = new Map<number, number>();
  const calls = new Map<number, number>();
  const accounts = q.accounts ?? null;

  if (q.conversation !== undefined) {
    add(
      messages,
      db
        .prepare(
          `SELECT id / ${idDiv} AS b, count(*) AS n FROM messages
           WHERE conversation_id = ? AND id >= ? AND id < ? AND dup_of IS NULL GROUP BY b`,
        )
        .iterate(q.conversation, idLo, idHi) as Iterable<{ b: number; n: number }>,
    );
    if (accounts !== null) throw new ClewError('INVALID_ARGUMENT', 'activity is per conversation or per accounts, not both');
    return { messages: sorted(messages), calls: [] };
  }

  if (accounts === null) {
    // one rowid-range count per non-empty bucket (a range count steps the b-tree cells without
    // decoding a row and needs no sort: faster than a GROUP BY, see bench/timeline), then take
    // the duplicate copies back out through their partial index
    const next = db.prepare('SELECT id FROM messages WHERE id >= ? AND id < ? ORDER BY id LIMIT 1').pluck();
    const count = db.prepare('SELECT count(*) FROM messages WHERE id >= ? AND id < ?').pluck();
    for (let from = idLo; ; ) {
      const id = next.get(from, idHi) as number | undefined;
      if (id === undefined) break;
      const b = Math.floor(id / idDiv);
      const end = Math.min((b + 1) * idDiv, idHi);
      messages.set(b, count.get(id, end) as number);
      from = end;
    }
    add(
      messages,
      db.prepare(`SELECT id / ${idDiv} AS b, count(*) AS n FROM messages INDEXED BY messages_dup_of WHERE dup_of IS NOT NULL AND id >= ? AND id < ? GROUP BY b`).iterate(idLo, idHi) as Iterable<{
        b: number;
        n: number;
      }>,
      -1,
    );
    add(calls, db.prepare(`SELECT ts / ${bucket} AS b, count(*) AS n FROM calls WHERE dup_of IS NULL AND ts >= ? AND ts < ? GROUP BY b`).iterate(lo, hi) as Iterable<{ b: number; n: number }>);
    return { messages: sorted(messages), calls: sorted(calls) };
  }

  // a set of accounts: what any of them sent or received, each message and call counted once
  const ids = [...new Set(accounts)];
  const set = new Set(ids);
  const sent = db.prepare(`SELECT id / ${idDiv} AS b, count(*) AS n FROM messages WHERE sender = ? AND id >= ? AND id < ? AND dup_of IS NULL GROUP BY b`);
  const received = db.prepare(
    `SELECT r.message_id AS id, m.sender AS sender FROM message_recipients r JOIN messages m ON m.id = r.message_id
     WHERE r.account_id = ? AND r.message_id >= ? AND r.message_id < ? AND m.dup_of IS NULL`,
  );
  const made = db.prepare(`SELECT ts / ${bucket} AS b, count(*) AS n FROM calls WHERE caller = ? AND ts >= ? AND ts < ? AND dup_of IS NULL GROUP BY b`);
  const taken = db.prepare(`SELECT ts / ${bucket} AS b, caller FROM calls WHERE callee = ? AND ts >= ? AND ts < ? AND dup_of IS NULL`);
  const seenReceived = ids.length > 1 ? new Set<number>() : null;
  for (const a of ids) {
    add(messages, sent.iterate(a, idLo, idHi) as Iterable<{ b: number; n: number }>);
    for (const r of received.iterate(a, idLo, idHi) as Iterable<{ id: number; sender: number }>) {
      // sent by one of the set: already counted; received by two of the set: once
      if (set.has(r.sender)) continue;
      if (seenReceived) {
        if (seenReceived.has(r.id)) continue;
        seenReceived.add(r.id);
      }
      const b = Math.floor(r.id / idDiv);
      messages.set(b, (messages.get(b) ?? 0) + 1);
    }
    add(calls, made.iterate(a, lo, hi) as Iterable<{ b: number; n: number }>);
    for (const c of taken.iterate(a, lo, hi) as Iterable<{ b: number; caller: number }>) {
      if (set.has(c.caller)) continue;
      calls.set(c.b, (calls.get(c.b) ?? 0) + 1);
    }
  }
  return { messages: sorted(messages), calls: sorted(calls) };
}
