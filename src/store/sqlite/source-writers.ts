/**
 * The two SourceWriters of the SQLite store: in this thread, or in a worker thread that owns a
 * second connection (used when the compiled worker is present, i.e. outside the test runner).
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { BatchItem, BatchPosition, BatchResult, SourceRow, SourceWriter } from '../types.js';
import type { FromFtsSide } from './fts-side-thread.js';
import { sideFtsPath } from './fts-build.js';
import type { FromWriter, ToWriter } from './writer-thread.js';
import { SqliteSourceWriter } from './writer.js';
import { packBatch } from '../batch-pack.js';
import { WriterChannel } from '../writer-channel.js';

export class InThreadSourceWriter implements SourceWriter {
  private readonly w: SqliteSourceWriter;
  constructor(db: Database, source: SourceRow) {
    this.w = new SqliteSourceWriter(db, source);
  }
  async writeBatch(items: BatchItem[], position: BatchPosition): Promise<BatchResult> {
    return this.w.writeBatch(items, position);
  }
  async finish(): Promise<SourceRow> {
    return this.w.finish();
  }
  async abort(): Promise<void> {}
}

const WORKER_URL = new URL('./writer-thread.js', import.meta.url);
const FTS_SIDE_URL = new URL('./fts-side-thread.js', import.meta.url);

/** Whether the side index was built; false (never a rejection) when it could not be. */
function buildSideFtsInThread(casePath: string, sourceId: number, sidePath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const w = new Worker(FTS_SIDE_URL, { workerData: { casePath, sourceId, sidePath } });
    w.once('message', (m: FromFtsSide) => resolve('built' in m && m.built));
    w.once('error', () => resolve(false));
    w.once('exit', () => resolve(false));
  });
}

export function threadedWriterAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

export class ThreadedSourceWriter implements SourceWriter {
  private readonly thread: WriterChannel<ToWriter, FromWriter>;

  constructor(
    private readonly path: string,
    private readonly source: SourceRow,
  ) {
    // a young generation large enough for a batch's short-lived objects: with V8's default the
    // writer spends a tenth of its time in the scavenger (measured on a 1M-message load)
    this.thread = new WriterChannel(new Worker(WORKER_URL, { workerData: { path, source }, resourceLimits: { maxYoungGenerationSizeMb: 128 } }));
  }

  async writeBatch(items: BatchItem[], position: BatchPosition): Promise<BatchResult> {
    const packed = packBatch(items);
    const m = await this.thread.send({ kind: 'batch', packed, position }, 'batch', [packed.kinds.buffer as ArrayBuffer, packed.nums.buffer as ArrayBuffer]);
    return m.result;
  }

  /**
   * Indexes in this writer's thread and, at the same time, the full-text rows in a side file in
   * another (fts-build.ts), then the completing transaction. Without a side index (the case's
   * index is not empty, or building it failed) the full-text rows are built in place.
   */
  async finish(): Promise<SourceRow> {
    const sidePath = sideFtsPath(this.path, this.source.id);
    const side = buildSideFtsInThread(this.path, this.source.id, sidePath);
    try {
      await this.thread.send({ kind: 'indexes' }, 'indexes');
      const m = await this.thread.send({ kind: 'finish', sideFts: (await side) ? sidePath : null }, 'finish');
      await this.thread.worker.terminate();
      return m.source;
    } finally {
      await side;
      rmSync(sidePath, { force: true });
    }
  }

  async abort(): Promise<void> {
    try {
      await this.thread.send({ kind: 'abort' }, 'aborted');
    } catch {
      // already failed: nothing to release but the thread
    }
    await this.thread.worker.terminate();
  }
}
