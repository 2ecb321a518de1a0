/**
 * Prepared statements kept per connection for the reads every request makes (a search page, its
 * senders, their labels, annotations and images): preparing the same SQL again for each page was a
 * sizeable part of a page's cost (CPU profile of bench/web/search-load.mjs, bench/RESULTS.md).
 * Keyed by the SQL and the statement's mode; the least recently used goes beyond CAP; a statement
 * still iterating elsewhere (busy) is never handed out twice: a fresh one is prepared instead.
 */
import type { Database, Statement } from 'better-sqlite3';

const CAP = 200;
const kept = new WeakMap<Database, Map<string, Statement>>();

/** `db.prepare(sql)` (plucking the first column when asked), kept for the connection's life. */
export function cachedStatement(db: Database, sql: string, mode: 'rows' | 'pluck' | 'raw' = 'rows'): Statement {
  let m = kept.get(db);
  if (!m) kept.set(db, (m = new Map()));
  const key = `${mode}\u0000${sql}`;
  const hit = m.get(key);
  if (hit && !hit.busy) {
    m.delete(key); // most recently used last
    m.set(key, hit);
    return hit;
  }
  const st = db.prepare(sql);
  if (mode === 'pluck') st.pluck();
  else if (mode === 'raw') st.raw();
  if (!hit) {
    m.set(key, st);
    if (m.size > CAP) m.delete(m.keys().next().value!);
  }
  return st;
}
