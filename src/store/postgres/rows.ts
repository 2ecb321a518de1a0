/** Row mappers between PostgreSQL rows and the store's view types (the columns are SQLite's). */
import type { AccountView, SourceRow } from '../types.js';
import type { Queryable } from './db.js';
import { one } from './db.js';

export { formatLoc, parseLoc } from '../sqlite/rows.js';

export interface SourceDbRow {
  id: number;
  sha256: string;
  path: string;
  name: string;
  size: number;
  format: string;
  options: string;
  started_at: number;
  finished_at: number | null;
  status: 'partial' | 'complete';
  resume_offset: number | null;
  resume_line: number | null;
  items_done: number;
  records: number;
  rejected: number;
  duplicates: number;
}

export function toSource(r: SourceDbRow): SourceRow {
  return {
    id: r.id,
    sha256: r.sha256,
    path: r.path,
    name: r.name,
    size: r.size,
    format: r.format,
    options: JSON.parse(r.options) as Record<string, unknown>,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    resumeOffset: r.resume_offset,
    resumeLine: r.resume_line,
    itemsDone: r.items_done,
    records: r.records,
    rejected: r.rejected,
    duplicates: r.duplicates,
  };
}

export async function readSource(q: Queryable, caseId: number, id: number): Promise<SourceRow | null> {
  const r = await one<SourceDbRow>(q, 'SELECT * FROM sources WHERE case_id = $1 AND id = $2', [caseId, id]);
  return r ? toSource(r) : null;
}

export interface AccountDbRow {
  id: number;
  ref: string;
  platform: string;
  handle: string;
  kind: string | null;
  display_name: string | null;
}

export function toAccount(r: AccountDbRow): AccountView {
  return { id: r.id, ref: r.ref, platform: r.platform, handle: r.handle, kind: r.kind, displayName: r.display_name };
}
