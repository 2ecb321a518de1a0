/**
 * Worker thread that owns the write connection during an ingest, so that parsing (main thread)
 * and normalising + writing (this thread) use both cores. Messages are handled in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { isClewError } from '../../model/errors.js';
import type { BatchItem, BatchPosition, SourceRow } from '../types.js';
import { configureConnection } from './connection.js';
import { SqliteSourceWriter } from './writer.js';

export type ToWriter = { kind: 'batch'; items: BatchItem[]; position: BatchPosition } | { kind: 'finish' } | { kind: 'abort' };
export type FromWriter =
  | { kind: 'batch'; result: import('../types.js').BatchResult }
  | { kind: 'finish'; source: SourceRow }
  | { kind: 'aborted' }
  | { kind: 'error'; code?: string; message: string; stack?: string };

const { path, source } = workerData as { path: string; source: SourceRow };
const db = new Database(path, { fileMustExist: true });
configureConnection(db, false);
const writer = new SqliteSourceWriter(db, source);
const port = parentPort!;

port.on('message', (m: ToWriter) => {
  try {
    if (m.kind === 'batch') port.postMessage({ kind: 'batch', result: writer.writeBatch(m.items, m.position) } satisfies FromWriter);
    else if (m.kind === 'finish') {
      const s = writer.finish();
      db.close();
      port.postMessage({ kind: 'finish', source: s } satisfies FromWriter);
    } else {
      db.close();
      port.postMessage({ kind: 'aborted' } satisfies FromWriter);
    }
  } catch (e) {
    const err = e as Error;
    port.postMessage({ kind: 'error', code: isClewError(e) ? e.code : undefined, message: err.message, stack: err.stack } satisfies FromWriter);
  }
});
