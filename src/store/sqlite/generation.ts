/**
 * The case's change counter (ChangePort, src/store/types.ts) in a SQLite case: the `generation`
 * row of meta, increased inside the transaction of each change, so a reader in another process
 * sees it move exactly when the change is committed.
 */
import type { Database } from 'better-sqlite3';

const BUMP = `INSERT INTO meta (key, value) VALUES ('generation', '1')
  ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`;

/** Increase the counter: call it inside the write transaction of the change. */
export function bumpGeneration(db: Database): void {
  db.prepare(BUMP).run();
}

/** The counter (0 when nothing has changed the case since it was created). */
export function readGeneration(db: Database): number {
  const v = db.prepare(`SELECT value FROM meta WHERE key = 'generation'`).pluck().get() as string | undefined;
  return v === undefined ? 0 : Number(v);
}
