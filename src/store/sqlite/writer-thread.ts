/**
 * Worker thread that owns the write connection during an ingest, so that parsing (main thread)
 * and normalising + writing (this thread) use both cores. Messages are handled in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { BatchPosition, BatchResult, SourceRow } from '../types.js';
import { type PackedBatch, unpackBatch } from '../batch-pack.js';
import { answerInOrder, type ThreadError } from '../writer-channel.js';
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
  | ThreadError;

const { path, source } = workerData as { path: string; source: SourceRow };
const db = new Database(path, { fileMustExist: true });
configureConnection(db, false);
const port = parentPort!;
const writer = new SqliteSourceWriter(db, source);

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

// messages are answered in order; a full disk or a busy case is not a bug
answerInOrder<ToWriter, FromWriter>(port, (m) => handle(writer, m), (raw) => translateStoreError(raw, path));
