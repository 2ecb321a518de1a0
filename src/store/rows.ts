/**
 * Row mappers between stored rows and the store's view types, shared by both backends: their
 * tables and columns have the same names (src/store/postgres/schema.ts mirrors SQLite's).
 */
import type { Locator } from '../model/records.js';
import type { SearchMode } from '../text/query/ast.js';
import type { AccountView, SavedSearchRow, SourceRow } from './types.js';

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

/**
 * Locators are stored as text: "LINE:OFFSET:LENGTH" for the line readers' usual locator (less
 * than half the bytes of its JSON, on nearly every row of a case), JSON for any other shape.
 */
export function formatLoc(l: Locator): string {
  const { line, offset, length } = l;
  if (
    Number.isSafeInteger(line) &&
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(length) &&
    line! >= 0 &&
    offset! >= 0 &&
    length! >= 0 &&
    l.endLine === undefined &&
    l.path === undefined &&
    l.entry === undefined
  )
    return `${line}:${offset}:${length}`;
  return JSON.stringify(l);
}

export function parseLoc(s: string): Locator {
  if (s.charCodeAt(0) === 123) return JSON.parse(s) as Locator; // '{'
  const [line, offset, length] = s.split(':');
  return { line: Number(line), offset: Number(offset), length: Number(length) };
}

/** A saved search with its hit count (`hits`: a subquery over saved_search_hits). */
export interface SavedDbRow {
  name: string;
  query: string;
  mode: SearchMode;
  scope: string | null;
  created_at: number;
  created_by: string;
  runs: number;
  last_run_at: number | null;
  error_code: string | null;
  error: string | null;
  new_hits: number;
  hits: number;
}

export function toSavedSearch(r: SavedDbRow): SavedSearchRow {
  return {
    name: r.name,
    query: r.query,
    mode: r.mode,
    scope: r.scope,
    createdAt: r.created_at,
    createdBy: r.created_by,
    runs: r.runs,
    lastRunAt: r.last_run_at,
    error: r.error_code !== null ? { code: r.error_code, message: r.error ?? '' } : null,
    newHits: r.new_hits,
    hits: r.hits,
  };
}
