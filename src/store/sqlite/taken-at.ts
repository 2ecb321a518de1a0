/**
 * SQLite's backfill of the EXIF capture time (store/taken-at.ts) for a case ingested before schema 8.
 * Migration 8 adds attachments.taken_at and marks the case (meta clew_taken_at_backfill); the EXIF reader
 * is asynchronous and a SQLite migration one synchronous transaction, so the reading is done here, right
 * after the migration, when the case is next opened (store/open.ts) or migrated (clew case migrate): the
 * times are written in one transaction that removes the mark. Interrupted, it starts again at the next
 * open (it fills only what is empty). A case file that cannot be written keeps its mark, and shows no
 * capture time until it is opened where it can be.
 */
import { accessSync, constants } from 'node:fs';
import Database from 'better-sqlite3';
import { readTakenAts, TAKEN_AT_CANDIDATES } from '../taken-at.js';

export const TAKEN_AT_PENDING = 'clew_taken_at_backfill';

/** Fill the capture times of a case marked by migration 8; how many attachments got one (0 when nothing was pending). */
export async function backfillTakenAt(path: string): Promise<number> {
  // a file that cannot be written keeps its mark: its photos are not read in vain at every open
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return 0;
  }
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch {
    return 0;
  }
  try {
    db.pragma('busy_timeout = 10000');
    if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(TAKEN_AT_PENDING) === undefined) return 0;
    const shas = db.prepare(`SELECT DISTINCT a.sha256 FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE ${TAKEN_AT_CANDIDATES} ORDER BY a.sha256`).pluck().all() as string[];
    const blob = db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck();
    const found = await readTakenAts(shas, (sha) => (blob.get(sha) as Buffer | undefined) ?? null);
    const set = db.prepare('UPDATE attachments SET taken_at = ? WHERE sha256 = ? AND taken_at IS NULL');
    let n = 0;
    db.transaction(() => {
      for (const [t, sha] of found) n += set.run(t, sha).changes;
      db.prepare('DELETE FROM meta WHERE key = ?').run(TAKEN_AT_PENDING);
    }).immediate();
    return n;
  } catch (e) {
    // a file that cannot be written keeps its mark (above); anything else is a fault
    if ((e as { code?: string }).code === 'SQLITE_READONLY') return 0;
    throw e;
  } finally {
    db.close();
  }
}
