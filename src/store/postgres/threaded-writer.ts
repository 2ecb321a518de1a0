/**
 * The PostgreSQL source writer in a worker thread of its own (writer-thread.ts), used when the
 * compiled worker is present (outside the test runner) and the store was opened from a locator:
 * the ingest's thread parses and hands each batch over in column form (batch-pack.ts); the
 * worker builds the rows, encodes them for COPY and waits for the server. The main thread is
 * left the parse, as with SQLite's writer thread, instead of parse, row building, encoding and
 * their garbage on one core.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packBatch } from '../batch-pack.js';
import type { BatchItem, BatchPosition, BatchResult, SourceMeta, SourceRow, SourceWriter } from '../types.js';
import { WriterChannel } from '../writer-channel.js';
import type { PgCase } from './db.js';
import type { PostgresLocator } from './locator.js';
import type { FromPgWriter, PgWriterData, ToPgWriter } from './writer-thread.js';
import { BATCH_SIZE } from './writer.js';

const WORKER_URL = new URL('./writer-thread.js', import.meta.url);

export function pgWriterThreadAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

export class ThreadedPgSourceWriter implements SourceWriter {
  readonly batchSize = BATCH_SIZE;

  private constructor(private readonly thread: WriterChannel<ToPgWriter, FromPgWriter>) {}

  static begin(loc: PostgresLocator, db: PgCase, meta: SourceMeta): Promise<ThreadedPgSourceWriter> {
    return ThreadedPgSourceWriter.open(loc, db, { kind: 'begin', meta });
  }

  static resume(loc: PostgresLocator, db: PgCase, source: SourceRow): Promise<ThreadedPgSourceWriter> {
    return ThreadedPgSourceWriter.open(loc, db, { kind: 'resume', source });
  }

  private static async open(loc: PostgresLocator, db: PgCase, first: ToPgWriter): Promise<ThreadedPgSourceWriter> {
    const workerData: PgWriterData = { loc, caseId: db.caseId, caseName: db.caseName };
    // a young generation large enough for a batch's short-lived rows (as the SQLite writer thread's)
    const thread = new WriterChannel<ToPgWriter, FromPgWriter>(new Worker(WORKER_URL, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 128 } }));
    try {
      await thread.send(first, 'begun');
    } catch (e) {
      await thread.worker.terminate();
      throw e;
    }
    return new ThreadedPgSourceWriter(thread);
  }

  async writeBatch(items: BatchItem[], position: BatchPosition): Promise<BatchResult> {
    const packed = packBatch(items);
    const m = await this.thread.send({ kind: 'batch', packed, position }, 'batch', [packed.kinds.buffer as ArrayBuffer, packed.nums.buffer as ArrayBuffer]);
    return m.result;
  }

  async finish(): Promise<SourceRow> {
    try {
      return (await this.thread.send({ kind: 'finish' }, 'finish')).source;
    } finally {
      await this.thread.worker.terminate();
    }
  }

  async abort(): Promise<void> {
    try {
      await this.thread.send({ kind: 'abort' }, 'aborted');
    } catch {
      // already failed: the thread's connections close with it
    }
    await this.thread.worker.terminate();
  }
}
