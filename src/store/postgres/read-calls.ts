/** Calls of a PostgreSQL case, and what passed between two accounts around one (CallPort; as src/store/sqlite/store.ts reads them). */
import { ClewError } from '../../model/errors.js';
import { CALL_COLS, type CallDbRow, idBound, nearest, toCallView } from '../call-rows.js';
import type { CallView, CommunicationKey } from '../types.js';
import { type PgReadCase, accountsByIds, all } from './read-util.js';

export async function calls(db: PgReadCase, ids: readonly number[]): Promise<CallView[]> {
  const safe = ids.filter((id) => Number.isSafeInteger(id));
  const byId = new Map<number, CallDbRow>();
  if (safe.length > 0)
    for (const r of await all<CallDbRow>(db.pool, `SELECT ${CALL_COLS} FROM calls WHERE case_id = $1 AND id = ANY($2::bigint[])`, [db.caseId, safe])) byId.set(r.id, r);
  const missing = ids.find((id) => !byId.has(id));
  if (missing !== undefined) throw new ClewError('NOT_FOUND', `no call ${missing}`, { id: missing });
  const rows = ids.map((id) => byId.get(id)!);
  const accounts = await accountsByIds(db, rows.flatMap((r) => [r.caller, r.callee]));
  const sources = new Map<number, { id: number; path: string; sha256: string; format: string }>();
  for (const s of await all<{ id: number; path: string; sha256: string; format: string }>(
    db.pool,
    'SELECT id, path, sha256, format FROM sources WHERE case_id = $1 AND id = ANY($2::bigint[])',
    [db.caseId, [...new Set(rows.map((r) => r.source_id))]],
  ))
    sources.set(s.id, s);
  return rows.map((r) => toCallView(r, accounts, sources.get(r.source_id)!));
}

export async function between(db: PgReadCase, a: number, b: number, at: CommunicationKey, side: 'before' | 'after', limit: number): Promise<CommunicationKey[]> {
  const [cmp, order] = side === 'before' ? ['<', 'DESC'] : ['>', 'ASC'];
  const near = `(ts ${cmp} $4 OR (ts = $4 AND id ${cmp} $5)) ORDER BY ts ${order}, id ${order} LIMIT $6`;
  const callRows = await all<CommunicationKey>(
    db.pool,
    `SELECT 'call' AS kind, id, ts FROM calls WHERE case_id = $1 AND dup_of IS NULL AND ((caller = $2 AND callee = $3) OR (caller = $3 AND callee = $2)) AND ${near}`,
    [db.caseId, a, b, at.ts, idBound('call', at, side), limit],
  );
  const sent = (from: string, to: string) =>
    `SELECT id, ts FROM messages m WHERE m.case_id = $1 AND m.sender = ${from} AND m.dup_of IS NULL
       AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.case_id = m.case_id AND r.message_id = m.id AND r.account_id = ${to})`;
  const messageRows = await all<CommunicationKey>(
    db.pool,
    `SELECT 'message' AS kind, id, ts FROM (${sent('$2', '$3')} UNION ${sent('$3', '$2')}) x WHERE ${near}`,
    [db.caseId, a, b, at.ts, idBound('message', at, side), limit],
  );
  return nearest([...callRows, ...messageRows], side, limit);
}

export async function callsOf(db: PgReadCase, accounts: readonly number[], opts: { with?: readonly number[]; limit: number }): Promise<CallView[]> {
  const ids = await all<{ id: number }>(
    db.pool,
    `SELECT id FROM calls WHERE case_id = $1 AND dup_of IS NULL AND (
       (caller = ANY($2::bigint[]) AND ($3::bigint[] IS NULL OR callee = ANY($3::bigint[])))
       OR (callee = ANY($2::bigint[]) AND ($3::bigint[] IS NULL OR caller = ANY($3::bigint[]))))
     ORDER BY ts, id LIMIT $4`,
    [db.caseId, [...accounts], opts.with ? [...opts.with] : null, opts.limit],
  );
  return calls(
    db,
    ids.map((r) => r.id),
  );
}
