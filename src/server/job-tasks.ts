/**
 * The work a job does, described as plain data so it can run in a worker thread (job-worker.ts)
 * or, under the test runner, in this thread. Each task opens its own connection to the case by
 * its locator (openCase picks the backend): the server's is read-only, an ingest writes through its own (SQLite WAL lets the server's
 * reader see each committed batch).
 */
import { openCase } from '../api/case.js';
import { identitySuggest, type IdentitySuggestResult, MAX_SUGGESTIONS } from '../api/identity.js';
import { ingestFile, type IngestSummary } from '../api/ingest.js';
import { ocrCase, type OcrJobResult } from '../api/ocr.js';
import type { NetworkLevel } from '../api/network.js';
import { ClewError } from '../model/errors.js';
import { computeDisruption, type DisruptBody, disruptionContext } from './disruption.js';
import type { JobContext, ProgressUpdate } from './jobs.js';
import { computeKeyPlayerRanking, type KeyPlayerRanking } from './keyplayers.js';
import type { DisruptResponse } from './wire/timeline.js';

export interface IngestTask {
  kind: 'ingest';
  /** The case locator (a path, or a postgres:// URI that may hold a password: never print it). */
  caseLocator: string;
  file: string;
  format?: string;
  timeZone?: string;
  defaultRegion?: string;
  csvMapping?: Record<string, string>;
  batchSize?: number;
}

export interface KeyPlayersTask {
  kind: 'keyplayers';
  /** The case locator (a path, or a postgres:// URI that may hold a password: never print it). */
  caseLocator: string;
  /** Account level (default) or person level (merged accounts are one node). */
  level?: NetworkLevel;
}

/** Identity-resolution suggestions (src/api/identity.ts) at a threshold. */
export interface IdentitySuggestTask {
  kind: 'identity';
  /** The case locator (a path, or a postgres:// URI that may hold a password: never print it). */
  caseLocator: string;
  threshold: number;
}

/** The disruption simulation (disruption.ts) on the network at the body's level. */
export interface DisruptTask {
  kind: 'disrupt';
  /** The case locator (a path, or a postgres:// URI that may hold a password: never print it). */
  caseLocator: string;
  body: DisruptBody;
}

/** Text recognition in the case's images waiting for it (src/api/ocr.ts; `again`: every image). */
export interface OcrTask {
  kind: 'ocr';
  /** The case locator (a path, or a postgres:// URI that may hold a password: never print it). */
  caseLocator: string;
  again?: boolean;
}

export type JobTask = IngestTask | KeyPlayersTask | IdentitySuggestTask | DisruptTask | OcrTask;

export type ToJobWorker = { kind: 'cancel' };
export type FromJobWorker =
  | { kind: 'progress'; progress: ProgressUpdate }
  | { kind: 'done'; value: unknown }
  | { kind: 'error'; code?: string; message: string };

export async function runIngest(t: IngestTask, ctx: JobContext): Promise<IngestSummary> {
  const store = await openCase(t.caseLocator);
  try {
    return await ingestFile(store, t.file, {
      format: t.format,
      timeZone: t.timeZone,
      defaultRegion: t.defaultRegion,
      csvMapping: t.csvMapping,
      batchSize: t.batchSize,
      signal: ctx.signal,
      progressIntervalMs: 200,
      onProgress: (p) =>
        ctx.progress({
          phase: p.phase,
          done: p.bytesDone,
          total: p.bytesTotal,
          unit: 'bytes',
          records: p.records,
          rejected: p.rejected,
          rate: p.phase === 'ingesting' ? p.rate : null,
          etaSeconds: p.etaSeconds,
        }),
    });
  } finally {
    await store.close();
  }
}

export async function runKeyPlayers(t: KeyPlayersTask, ctx: JobContext): Promise<KeyPlayerRanking> {
  const store = await openCase(t.caseLocator, { readonly: true });
  try {
    return await computeKeyPlayerRanking(store, (phase, done, total) => ctx.progress({ phase, done, total, unit: 'steps', rate: null }), t.level ?? 'account');
  } finally {
    await store.close();
  }
}

export async function runIdentitySuggest(t: IdentitySuggestTask, ctx: JobContext): Promise<IdentitySuggestResult> {
  const store = await openCase(t.caseLocator, { readonly: true });
  try {
    ctx.progress({ phase: 'scoring candidate pairs', done: 0, total: 1, unit: 'steps', rate: null });
    return await identitySuggest(store, { threshold: t.threshold, limit: MAX_SUGGESTIONS });
  } finally {
    await store.close();
  }
}

export async function runDisruptTask(t: DisruptTask, ctx: JobContext): Promise<DisruptResponse> {
  const store = await openCase(t.caseLocator, { readonly: true });
  try {
    ctx.progress({ phase: 'loading the network', done: 0, total: null, unit: 'steps', rate: null });
    const g = await disruptionContext(store, t.body.level ?? 'account');
    return await computeDisruption(store, g, t.body, (done, total) => {
      // in this thread (tests) a cancel can only be seen here; a worker is terminated instead
      if (ctx.signal.aborted) throw new ClewError('INTERRUPTED', 'cancelled');
      ctx.progress({ phase: 'removing blocks and measuring', done, total, unit: 'steps', rate: null });
    });
  } finally {
    await store.close();
  }
}

export async function runOcr(t: OcrTask, ctx: JobContext): Promise<OcrJobResult> {
  const store = await openCase(t.caseLocator);
  try {
    ctx.progress({ phase: 'reading the text in images', done: 0, total: null, unit: 'steps', rate: null, etaSeconds: null });
    return await ocrCase(store, {
      again: t.again,
      signal: ctx.signal,
      onProgress: (p) => ctx.progress({ phase: 'reading the text in images', done: p.done, total: p.total, unit: 'steps', records: p.withText, rejected: p.failed, rate: p.rate, etaSeconds: p.etaSeconds }),
    });
  } finally {
    await store.close();
  }
}

export async function runTaskHere(t: JobTask, ctx: JobContext): Promise<unknown> {
  if (t.kind === 'ingest') return runIngest(t, ctx);
  if (t.kind === 'ocr') return runOcr(t, ctx);
  // give a cancel that arrives with the request a chance, then compute
  await new Promise((ok) => setImmediate(ok));
  if (ctx.signal.aborted) throw new ClewError('INTERRUPTED', 'cancelled');
  if (t.kind === 'identity') return runIdentitySuggest(t, ctx);
  if (t.kind === 'disrupt') return runDisruptTask(t, ctx);
  return runKeyPlayers(t, ctx);
}
