import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MultiRowInsert } from './multi-insert.js';

describe('MultiRowInsert', () => {
  it('inserts every queued row, in order, whatever their number', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    for (const n of [0, 1, 63, 64, 65, 129, 200]) {
      db.exec('DELETE FROM t');
      const ins = new MultiRowInsert(db, 'INSERT INTO t (a, b)', 2);
      const want = Array.from({ length: n }, (_, i) => ({ a: i, b: i % 3 === 0 ? null : `r${i}` }));
      for (const r of want) ins.add(r.a, r.b);
      ins.flush();
      expect(db.prepare('SELECT a, b FROM t ORDER BY rowid').all(), `${n} rows`).toEqual(want);
    }
  });

  it('drops the queued rows on discard', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY)');
    const ins = new MultiRowInsert(db, 'INSERT OR IGNORE INTO t (a)', 1);
    ins.add(1);
    ins.discard();
    ins.add(2);
    ins.add(2);
    ins.flush();
    expect(db.prepare('SELECT a FROM t').pluck().all()).toEqual([2]);
  });
});
