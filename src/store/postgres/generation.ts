/**
 * The case's change counter (ChangePort, src/store/types.ts) in a PostgreSQL case: the
 * `generation` row of the case's meta, increased inside the transaction of each change, so a
 * reader on another connection sees it move exactly when the change is committed.
 */
import type { Queryable } from './db.js';

/** The statement that increases the counter of case $1. */
export const GENERATION_SQL = `INSERT INTO meta (case_id, key, value) VALUES ($1, 'generation', '1')
     ON CONFLICT (case_id, key) DO UPDATE SET value = (meta.value::bigint + 1)::text`;

/** Increase the counter of case `caseId`: call it inside the write transaction of the change. */
export async function bumpGeneration(q: Queryable, caseId: number): Promise<void> {
  await q.query(GENERATION_SQL, [caseId]);
}

/** The counter (0 when nothing has changed the case since it was created). */
export async function readGeneration(q: Queryable, caseId: number): Promise<number> {
  const r = await q.query<{ value: string }>(`SELECT value FROM meta WHERE case_id = $1 AND key = 'generation'`, [caseId]);
  return r.rows[0] === undefined ? 0 : Number(r.rows[0].value);
}
