/** Everything a case holds, table by table, in a stable order: to compare two cases' states. */
import { type PgCase, rows } from '../db.js';
import { CASE_TABLES } from '../schema.js';

/** Columns that differ between two equal runs (wall-clock times). */
const VOLATILE: Record<string, string[]> = { sources: ['started_at', 'finished_at'], meta: ['value'] };

export async function dumpCase(db: PgCase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of CASE_TABLES) {
    const cols = t.columns.map((c) => c.name).filter((c) => !(VOLATILE[t.name] ?? []).includes(c));
    const list = cols.map((c) => (c === 'fts' || c === 'data' ? `${c}::text` : c)).join(', ');
    out[t.name] = await rows(db, `SELECT ${list} FROM ${t.name} WHERE case_id = $1 ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`, [db.caseId]);
  }
  return out;
}
