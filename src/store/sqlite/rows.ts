/** Row mappers between SQLite rows and the store's view types (the shared ones: ../rows.ts). */
import type { Database } from 'better-sqlite3';
import type { SourceRow } from '../types.js';
import { type SourceDbRow, toSource } from '../rows.js';

export { type AccountDbRow, formatLoc, parseLoc, type SourceDbRow, toAccount, toSource } from '../rows.js';

export function readSource(db: Database, id: number): SourceRow | null {
  const r = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceDbRow | undefined;
  return r ? toSource(r) : null;
}
