/**
 * Worker thread that owns the write connection during an ingest, so that parsing (main thread)
 * and normalising + writing (this thread) use both cores. Messages are handled in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { isClewError } from '../../model/errors.js';
import type { BatchPosition, BatchResult, SourceRow } from '../types.js';
import { type PackedBatch, unpackBatch } from './batch-pack.js';
import { configureConnection } from './connection.js';
import { SqliteSourceWriter } from './writer.js';
import { translateStoreError } from './writer-lock.js';

export type ToWriter =
  | { kind: 'batch'; packed: PackedBatch; position: BatchPosition }
  | { kind: 'indexes' }
  | { kind: 'finish'; sideFts: string | null }
  | { kind: 'abort' };
export type FromWriter =
  | { kind: 'batch'; result: BatchResult }
  | { kind: 'indexes' }
  | { kind: 'finish'; source: SourceRow }
  | { kind: 'aborted' }
  | { kind: 'error'; code?: string; message: string; stack?: string };

const { path, source } = workerData as { path: string; source: SourceRow };
const db = new Database(path, { fileMustExist: true });
configureConnection(db, false);
const port = parentPort!;
const writer = new SqliteSourceWriter(db, source);
let queue: Promise<unknown> = Promise.resolve();

function handle(w: SqliteSourceWriter, m: ToWriter): FromWriter {
  if (m.kind === 'batch') return { kind: 'batch', result: w.writeBatch(unpackBatch(m.packed), m.position) };
  if (m.kind === 'indexes') {
    w.buildIndexes();
    return { kind: 'indexes' };
  }
  if (m.kind === 'finish') {
    const s = w.complete(m.sideFts);
    db.close();
    return { kind: 'finish', source: s };
  }
  db.close();
  return { kind: 'aborted' };
}

port.on('message', (m: ToWriter) => {
  // messages are answered in order
  queue = queue.then(() => {
    try {
      port.postMessage(handle(writer, m));
    } catch (raw) {
      const e = translateStoreError(raw, path); // a full disk or a busy case is not a bug
      const err = e as Error;
      port.postMessage({ kind: 'error', code: isClewError(e) ? e.code : undefined, message: err.message, stack: err.stack } satisfies FromWriter);
    }
  });
});
