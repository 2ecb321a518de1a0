/**
 * Planner statistics that follow the data. SQLite plans each statement from sqlite_stat1, which
 * `PRAGMA optimize` (at close) and ANALYZE gather. Statistics gathered on a small case are worse
 * than none once a big source grows it: after a two-message first source (one linked as a
 * duplicate of the other), the duplicate lookup of every later message was planned as a scan of
 * the whole messages table, and 50k messages took 70 s instead of 5 s. SQLite's defaults, used
 * when there are no statistics, assume big tables and take the indexes.
 *
 * So: a source that begins in a case whose statistics describe a small messages table starts
 * without them, and a source that completes gathers them anew (bounded sampling) once the case
 * is big enough for them to describe it.
 */
import type { Database } from 'better-sqlite3';

/** Below this many messages, statistics mislead more than they help (see above). */
export const SMALL_CASE_MESSAGES = 10_000;

/** Rows ANALYZE samples per index (PRAGMA analysis_limit): milliseconds on a case of any size. */
const ANALYSIS_LIMIT = 2000;

function hasStatTable(db: Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'`).get() !== undefined;
}

/** The messages table's row count according to the statistics, null when there are none. */
export function statisticsMessageRows(db: Database): number | null {
  if (!hasStatTable(db)) return null;
  // the first number of each row is the rows of that index; partial indexes hold fewer
  return db.prepare(`SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'messages'`).pluck().get() as number | null;
}

/** Before a source is written: drop statistics that describe a small case (the planner reloads at once). */
export function forgetSmallCaseStatistics(db: Database): void {
  const rows = statisticsMessageRows(db);
  if (rows === null || rows >= SMALL_CASE_MESSAGES) return;
  db.exec('DELETE FROM sqlite_stat1');
  db.exec('ANALYZE sqlite_schema');
}

/** After a source completes: statistics of the case as it now is, or none while it is small. */
export function refreshStatistics(db: Database): void {
  const messages = db.prepare('SELECT count(*) FROM (SELECT 1 FROM messages LIMIT ?)').pluck().get(SMALL_CASE_MESSAGES) as number;
  if (messages < SMALL_CASE_MESSAGES) {
    if (hasStatTable(db)) {
      db.exec('DELETE FROM sqlite_stat1');
      db.exec('ANALYZE sqlite_schema');
    }
    return;
  }
  const limit = db.pragma('analysis_limit', { simple: true }) as number;
  db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  try {
    db.exec('ANALYZE');
  } finally {
    db.pragma(`analysis_limit = ${limit}`);
  }
}
