/**
 * Activity over time in a PostgreSQL case: messages and calls per UTC hour or day, for the
 * whole case, a set of accounts or a conversation, as the SQLite case counts them
 * (src/store/sqlite/activity.ts): a bucket of a message is its time-ordered id divided by
 * bucket × 2048, duplicates are never counted, and a message or call between two accounts of
 * the set counts once.
 */
import { ClewError } from '../../model/errors.js';
import type { ActivityCounts, ActivityQuery } from '../types.js';
import { type PgReadCase, SLOTS, all, assertEpochMs } from './read-util.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function sorted(rows: { b: number; n: number }[]): [number, number][] {
  return rows.filter((r) => r.n !== 0).map((r): [number, number] => [r.b, r.n]).sort((a, b) => a[0] - b[0]);
}

export async function activity(db: PgReadCase, q: ActivityQuery): Promise<ActivityCounts> {
  const bucket = q.bucketMs;
  if (bucket !== HOUR_MS && bucket !== DAY_MS) throw new ClewError('INVALID_ARGUMENT', 'activity buckets are hours or days');
  const lo = q.after ?? 0;
  const hi = q.before ?? 8.64e15;
  assertEpochMs(lo, hi);
  const idDiv = bucket * SLOTS;
  const idLo = Math.min(lo, 2 ** 42) * SLOTS;
  const idHi = Math.min(hi, 2 ** 42) * SLOTS;
  const tsHi = Math.min(hi, 2 ** 53);
  const c = db.caseId;
  type B = { b: number; n: number };

  if (q.conversation !== undefined) {
    if (q.accounts !== undefined) throw new ClewError('INVALID_ARGUMENT', 'activity is per conversation or per accounts, not both');
    const messages = Number.isSafeInteger(q.conversation)
      ? await all<B>(
          db.pool,
          `SELECT id / $5 AS b, count(*) AS n FROM messages WHERE case_id = $1 AND conversation_id = $2 AND id >= $3 AND id < $4 AND dup_of IS NULL GROUP BY 1`,
          [c, q.conversation, idLo, idHi, idDiv],
        )
      : [];
    return { messages: sorted(messages), calls: [] };
  }

  if (q.accounts === undefined) {
    const messages = await all<B>(
      db.pool,
      `SELECT id / $4 AS b, count(*) AS n FROM messages WHERE case_id = $1 AND id >= $2 AND id < $3 AND dup_of IS NULL GROUP BY 1`,
      [c, idLo, idHi, idDiv],
    );
    const calls = await all<B>(
      db.pool,
      `SELECT ts / $4 AS b, count(*) AS n FROM calls WHERE case_id = $1 AND dup_of IS NULL AND ts >= $2 AND ts < $3 GROUP BY 1`,
      [c, lo, tsHi, bucket],
    );
    return { messages: sorted(messages), calls: sorted(calls) };
  }

  // a set of accounts: what any of them sent or received, each message and call counted once
  const ids = [...new Set(q.accounts)].filter((x) => Number.isSafeInteger(x));
  const messages = await all<B>(
    db.pool,
    `SELECT id / $5 AS b, count(*) AS n FROM messages m
     WHERE m.case_id = $1 AND m.id >= $3 AND m.id < $4 AND m.dup_of IS NULL
       AND (m.sender = ANY($2::bigint[])
            OR EXISTS (SELECT 1 FROM message_recipients r WHERE r.case_id = m.case_id AND r.message_id = m.id AND r.account_id = ANY($2::bigint[])))
     GROUP BY 1`,
    [c, ids, idLo, idHi, idDiv],
  );
  const calls = await all<B>(
    db.pool,
    `SELECT ts / $5 AS b, count(*) AS n FROM calls
     WHERE case_id = $1 AND ts >= $3 AND ts < $4 AND dup_of IS NULL AND (caller = ANY($2::bigint[]) OR callee = ANY($2::bigint[]))
     GROUP BY 1`,
    [c, ids, lo, tsHi, bucket],
  );
  return { messages: sorted(messages), calls: sorted(calls) };
}
