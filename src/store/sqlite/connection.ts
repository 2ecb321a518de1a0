/** Connection settings shared by every connection to a case file. */
import type { Database } from 'better-sqlite3';

export function configureConnection(db: Database, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a committed transaction survives a process crash (kill -9); only an OS
    // crash may lose the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  // writers sort big index builds on disk, so memory stays flat however large the load
  db.pragma(readonly ? 'temp_store = MEMORY' : 'temp_store = FILE');
}
