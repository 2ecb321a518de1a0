/**
 * Worker thread that owns the case's write connection during an ingest (threaded-writer.ts), so
 * that parsing (the ingest's thread) and building, encoding and sending the rows (this thread)
 * use both cores, as the SQLite writer thread does. It opens a pool of its own on the case's
 * locator, takes the case's write lock and writes with PgSourceWriter (writer.ts): what is
 * committed, and so how an ingest resumes, is the same as in the ingest's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchPosition, BatchResult, SourceMeta, SourceRow } from '../types.js';
import { type PackedBatch, unpackBatch } from '../batch-pack.js';
import { answerInOrder, type ThreadError } from '../writer-channel.js';
import { connectError, createPool, type PgCase } from './db.js';
import type { PostgresLocator } from './locator.js';
import { caseNodes, guardNodes } from './nodes.js';
import { beginPgSource, type PgSourceWriter, resumePgSource } from './writer.js';

export type ToPgWriter =
  | { kind: 'begin'; meta: SourceMeta }
  | { kind: 'resume'; source: SourceRow }
  | { kind: 'batch'; packed: PackedBatch; position: BatchPosition }
  | { kind: 'finish' }
  | { kind: 'abort' };
export type FromPgWriter =
  | { kind: 'begun'; source: SourceRow }
  | { kind: 'batch'; result: BatchResult }
  | { kind: 'finish'; source: SourceRow }
  | { kind: 'aborted' }
  | ThreadError;

export interface PgWriterData {
  loc: PostgresLocator;
  caseId: number;
  caseName: string;
}

const { loc, caseId, caseName } = workerData as PgWriterData;
// the write connection, a second that builds indexes beside it at the end (writer.ts), and one
// for what a failure on a remote node asks (nodes.ts)
const pool = createPool(loc, 3);
const db: PgCase = { pool, caseId, caseName };
let writer: PgSourceWriter | null = null;

async function handle(m: ToPgWriter): Promise<FromPgWriter> {
  switch (m.kind) {
    case 'begin':
    case 'resume': {
      // a case with partitions on other servers names the node that does not answer, as open.ts does
      guardNodes(pool, await caseNodes(pool, caseId), loc.printable);
      writer = m.kind === 'begin' ? await beginPgSource(db, loc.printable, m.meta) : await resumePgSource(db, loc.printable, m.source);
      return { kind: 'begun', source: writer.sourceRow };
    }
    case 'batch':
      return { kind: 'batch', result: await writer!.writeBatch(unpackBatch(m.packed), m.position) };
    case 'finish': {
      const source = await writer!.finish();
      await pool.end();
      return { kind: 'finish', source };
    }
    case 'abort':
      await writer?.abort();
      await pool.end().catch(() => {});
      return { kind: 'aborted' };
  }
}

// a connection that cannot be made is named as opening the case names it (db.ts)
answerInOrder<ToPgWriter, FromPgWriter>(parentPort!, handle, (e) => connectError(e, loc, false) ?? e);
