import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_SQL } from './schema.js';
import { forgetSmallCaseStatistics, refreshStatistics, SMALL_CASE_MESSAGES, statisticsMessageRows } from './statistics.js';

/** The writer's duplicate lookup (writer.ts dupMessage): must never be planned as a scan of the messages table. */
const DUP_LOOKUP = 'SELECT id FROM messages WHERE id >= ? AND id < ? AND ts = ? AND sender = ? AND body = ? AND dup_of IS NULL LIMIT 1';

function plan(db: Database.Database): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${DUP_LOOKUP}`).all(0, 4096, 0, 1, 'x') as { detail: string }[]).map((r) => r.detail).join('; ');
}

function caseWith(messages: number, dupOfSecond: boolean): Database.Database {
  const db = new Database(':memory:');
  db.exec(SCHEMA_SQL);
  const ins = db.prepare(`INSERT INTO messages (id, source_id, loc, sender, channel, ts, body, dup_of) VALUES (?, 1, '1', ?, 'chat', ?, 'novi broj', ?)`);
  db.transaction(() => {
    for (let i = 0; i < messages; i++) ins.run(i * 4096, 1 + (i % 50), i * 2, dupOfSecond && i === 1 ? 0 : null);
  })();
  return db;
}

describe('planner statistics follow the data', () => {
  it('drops the statistics a two-message case leaves (one a duplicate), which planned the duplicate lookup as a scan', () => {
    const db = caseWith(2, true);
    db.exec('ANALYZE'); // what PRAGMA optimize gathers when the tiny case is closed
    expect(statisticsMessageRows(db)).toBe(2);
    expect(plan(db)).toMatch(/^SCAN messages$/); // the trap: every later message scans the whole table
    forgetSmallCaseStatistics(db);
    expect(statisticsMessageRows(db)).toBeNull();
    expect(plan(db)).toMatch(/SEARCH messages USING/);
  });

  it('keeps statistics that describe a big case, and gathers them when a source completes', () => {
    const db = caseWith(SMALL_CASE_MESSAGES + 10, false);
    refreshStatistics(db);
    const rows = statisticsMessageRows(db);
    expect(rows).toBeGreaterThanOrEqual(SMALL_CASE_MESSAGES);
    forgetSmallCaseStatistics(db);
    expect(statisticsMessageRows(db)).toBe(rows);
    expect(plan(db)).toMatch(/SEARCH messages USING/);
  });

  it('gathers none while the case is small', () => {
    const db = caseWith(20, true);
    db.exec('ANALYZE');
    refreshStatistics(db);
    expect(statisticsMessageRows(db)).toBeNull();
  });
});
