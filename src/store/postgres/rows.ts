/** Row mappers between PostgreSQL rows and the store's view types (the columns are SQLite's). */
import type { SourceRow } from '../types.js';
import type { Queryable } from './db.js';
import { one } from './db.js';
import { type SourceDbRow, toSource } from '../rows.js';

export { type AccountDbRow, formatLoc, parseLoc, type SourceDbRow, toAccount, toSource } from '../rows.js';

export async function readSource(q: Queryable, caseId: number, id: number): Promise<SourceRow | null> {
  const r = await one<SourceDbRow>(q, 'SELECT * FROM sources WHERE case_id = $1 AND id = $2', [caseId, id]);
  return r ? toSource(r) : null;
}
