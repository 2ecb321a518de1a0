/**
 * The ingest pipeline: source file → parser → batches → store, streaming in constant memory.
 *
 * Idempotent: a file whose SHA-256 is already complete in the case adds nothing. Resumable: a
 * file left partial (the process was killed) continues from the last committed batch, so a
 * `kill -9` followed by the same command ends in exactly the state of one clean run.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AnalyseStage } from '../ingest/analyse.js';
import { fillCaptureTimes } from '../ingest/attachments/capture-time.js';
import { AnalysePool, analysePoolAvailable, defaultAnalyseWorkers } from '../ingest/analyse-pool.js';
import { detectFormat, formatByName } from '../ingest/formats/index.js';
import type { FormatParser, ParseItem, ParseOptions, ResumePoint, SourceInput } from '../ingest/parser.js';
import { assertTimeZone } from '../ingest/time.js';
import { ClewError } from '../model/errors.js';
import type { Locator } from '../model/records.js';
import type { BatchItem, BatchPosition, EntityPort, SourcePort, SourceRow } from '../store/types.js';
import { refreshSavedSearches, type SavedSearchRefresh, type SavedSearchStore } from './saved-search.js';

/** What an ingest writes to, and reads after it: the lexicon (for the analyse stage); the saved searches run again once the source is complete. */
export type IngestStore = SourcePort & Pick<EntityPort, 'lexicon'> & SavedSearchStore;

export const DEFAULT_TIME_ZONE = 'UTC';

/** `--map` argument → column mapping (inline `field=column,…`, JSON, or a .json file). */
export { loadMappingArgument } from '../ingest/formats/csv/mapping-file.js';

export interface IngestOptions {
  format?: string;
  /** IANA zone for local times without an offset. */
  timeZone?: string;
  defaultRegion?: string;
  csvMapping?: Record<string, string>;
  batchSize?: number;
  maxLineBytes?: number;
  maxAttachmentBytes?: number;
  /** Detect languages and extract entities (default true). */
  analyse?: boolean;
  /**
   * Threads reading the messages' entities (src/ingest/analyse-pool.ts); default one per core
   * (os.availableParallelism()); 0 analyses in this thread. The case is the same either way.
   * Threads are used only from the compiled code (dist/), and only for a file of more than one batch.
   */
  analyseWorkers?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Least time between two progress events (default 250 ms). */
  progressIntervalMs?: number;
  signal?: AbortSignal;
}

export interface IngestProgress {
  phase: 'hashing' | 'ingesting';
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  rejected: number;
  /** Records per second since the phase began. */
  rate: number;
  /** Seconds left, estimated from bytes; null when unknown. */
  etaSeconds: number | null;
}

export interface IngestSummary {
  file: string;
  sha256: string;
  format: string;
  outcome: 'ingested' | 'resumed' | 'already-ingested';
  /** Added by this run. */
  added: { records: number; rejected: number; duplicates: number };
  source: SourceRow;
  timeZone: string;
  timeZoneDefaulted: boolean;
  elapsedMs: number;
  /** Formats that declined the file during detection, and why. */
  declined: { format: string; reason: string }[];
  /** What the parser says about the whole file (assumed date order, …). */
  warnings: { code: string; message: string }[];
  /** The saved searches run again after this ingest (only when it added records): new hits, or why one could not run. */
  savedSearches: SavedSearchRefresh[];
}

const HEAD_BYTES = 64 * 1024;

async function sha256File(path: string, size: number, report: (done: number) => void, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (signal?.aborted) throw new ClewError('INTERRUPTED');
    h.update(chunk);
    done += chunk.length;
    report(done);
  }
  if (done !== size) throw new ClewError('SOURCE_NOT_FOUND', `${path} changed while it was read`);
  return h.digest('hex');
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function throttle(ms: number): () => boolean {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < ms) return false;
    last = now;
    return true;
  };
}

/**
 * Ingest one file: parse → analyse → write. The analyse stage (src/ingest/analyse.ts) decides
 * each message's language here, in order, and reads its entities in a pool of worker threads
 * (src/ingest/analyse-pool.ts; in this thread with `analyseWorkers: 0` or for a one-batch file),
 * batches ahead of the store's writer (the SQLite writer writes in a thread of its own meanwhile),
 * which receives the batches in file order; the writers store the analysis they are given. The
 * queues between the stages are bounded: parsing waits while as many batches as there are
 * threads (plus one) are being analysed, and one batch is being written.
 */
export async function ingestFile(store: IngestStore, file: string, opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const path = resolve(file);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ClewError('INVALID_ARGUMENT', `${file} is a directory; pass the files in it`);
    size = st.size;
  } catch (e) {
    if (e instanceof ClewError) throw e;
    throw new ClewError('SOURCE_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
  }
  if (size === 0) throw new ClewError('EMPTY_FILE', `${file} is empty: nothing to ingest`, { file });
  if (opts.timeZone !== undefined) assertTimeZone(opts.timeZone);
  const name = basename(path);
  const progress = opts.onProgress;
  const tick = throttle(opts.progressIntervalMs ?? 250);

  const hashStart = Date.now();
  const sha256 = await sha256File(
    path,
    size,
    (done) => {
      if (progress && tick()) {
        const secs = (Date.now() - hashStart) / 1000;
        progress({ phase: 'hashing', file, bytesDone: done, bytesTotal: size, records: 0, rejected: 0, rate: 0, etaSeconds: secs > 0 ? ((size - done) / done) * secs : null });
      }
    },
    opts.signal,
  );

  let existing = await store.findSource(sha256);
  // a start that failed before committing anything (e.g. a wrong --map) is no start at all
  if (existing?.status === 'partial' && existing.itemsDone === 0 && (await store.forgetEmptySource(existing.id))) existing = null;
  // A partial source resumes with the options it started with, whatever this run says.
  const shaping = existing
    ? (existing.options as { timeZone?: string | null; defaultRegion?: string | null; csvMapping?: Record<string, string> | null })
    : { timeZone: opts.timeZone, defaultRegion: opts.defaultRegion, csvMapping: opts.csvMapping };
  const parseOptions: ParseOptions = {
    // only a zone the user named: formats with offsets treat local times as ambiguous without one
    timeZone: shaping.timeZone ?? undefined,
    defaultRegion: shaping.defaultRegion ?? undefined,
    csvMapping: shaping.csvMapping ?? undefined,
    maxLineBytes: opts.maxLineBytes ?? 1024 * 1024,
    maxAttachmentBytes: opts.maxAttachmentBytes ?? 32 * 1024 * 1024,
  };
  const base = { file, sha256, timeZone: parseOptions.timeZone ?? DEFAULT_TIME_ZONE, timeZoneDefaulted: parseOptions.timeZone === undefined };
  if (existing?.status === 'complete') {
    return {
      ...base,
      format: existing.format,
      outcome: 'already-ingested',
      savedSearches: [],
      added: { records: 0, rejected: 0, duplicates: 0 },
      source: existing,
      elapsedMs: Date.now() - started,
      declined: [],
      warnings: [],
    };
  }

  let parser: FormatParser;
  let declined: { format: string; reason: string }[] = [];
  if (existing) parser = formatByName(existing.format);
  else if (opts.format) parser = formatByName(opts.format);
  else {
    const d = detectFormat(await readHead(path), name);
    parser = d.parser;
    declined = d.rejected;
  }

  // the analyse stage, with the case's code words as they are now (the writers analyse nothing themselves)
  const lexicon = opts.analyse === false ? [] : await store.lexicon();
  const stage = opts.analyse === false ? null : await AnalyseStage.create({ defaultRegion: shaping.defaultRegion ?? undefined, lexicon });
  const writer = existing
    ? await store.resumeSource(existing)
    : await store.beginSource(
        {
          path,
          name,
          size,
          sha256,
          format: parser.name,
          options: { timeZone: shaping.timeZone ?? null, defaultRegion: shaping.defaultRegion ?? null, csvMapping: shaping.csvMapping ?? null },
        },
      );

  // Count bytes as the parser consumes them, for progress of any format.
  let bytesRead = 0;
  const input: SourceInput = {
    path,
    name,
    size,
    sha256,
    options: parseOptions,
    open(start = 0): ReadStream {
      bytesRead = start;
      const s = createReadStream(path, { start, highWaterMark: 256 * 1024 });
      s.on('data', (c: Buffer | string) => {
        bytesRead += c.length;
      });
      return s;
    },
  };

  const batchSize = opts.batchSize ?? writer.batchSize ?? 5000;
  const resume: ResumePoint | undefined =
    existing && parser.seekable && existing.resumeOffset !== null && existing.resumeLine !== null
      ? { offset: existing.resumeOffset, line: existing.resumeLine }
      : undefined;
  const skip = existing && !parser.seekable ? existing.itemsDone : 0;
  let ordinal = existing?.itemsDone ?? 0;
  let skipped = 0;
  let batch: BatchItem[] = [];
  let last: ResumePoint | undefined = resume;
  const added = { records: 0, rejected: 0, duplicates: 0 };
  const warnings: { code: string; message: string }[] = [];
  const parseStart = Date.now();
  const startBytes = resume?.offset ?? 0;

  // the analyse pool, started at the first full batch (a file of one batch is analysed here)
  const workers = stage ? Math.max(0, Math.floor(opts.analyseWorkers ?? defaultAnalyseWorkers())) : 0;
  // (undefined: not started yet; null: none)
  const threads: { pool: AnalysePool | null | undefined } = { pool: workers > 0 && analysePoolAvailable() ? undefined : null };
  // Batches analysed (in the pool) while the next ones are parsed, then written in file order:
  // one batch is written (in the writer thread) while the next one is analysed.
  const pending: { items: BatchItem[]; position: BatchPosition; ready: Promise<void> }[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const write = async (items: BatchItem[], position: BatchPosition) => {
    const w = writer.writeBatch(items, position);
    w.catch(() => {}); // observed through inFlight, or superseded by the earlier batch's failure
    await inFlight;
    inFlight = w.then((r) => {
      added.records += r.records;
      added.rejected += r.rejected;
      added.duplicates += r.duplicates;
    });
    inFlight.catch(() => {}); // observed by the next await
  };
  const writeNext = async () => {
    const p = pending.shift()!;
    await p.ready;
    await write(p.items, p.position);
  };
  const flush = async (final = false) => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    const position = { offset: last?.offset ?? null, line: last?.line ?? null, itemsDone: ordinal };
    // a message the analysis cannot read is quarantined with the reason, the rest of the batch kept
    const failed = (index: number, reason: string) => {
      items[index] = { kind: 'reject', locator: items[index]!.locator, code: 'ANALYSIS_FAILED', message: reason };
    };
    // the photos' capture times the parser did not read (chat exports, CASE/UCO), as the stores' backfill reads them
    await fillCaptureTimes(items);
    let ready: Promise<void> = Promise.resolve();
    if (stage) {
      if (threads.pool === undefined) threads.pool = final ? null : new AnalysePool(workers, { defaultRegion: shaping.defaultRegion ?? undefined, lexicon });
      if (threads.pool) ready = stage.runIn(threads.pool, items, failed);
      else stage.run(items, failed);
    }
    ready.catch(() => {}); // observed by writeNext
    pending.push({ items, position, ready });
    while (pending.length > (threads.pool ? threads.pool.threads + 1 : 0)) await writeNext();
  };

  let source: SourceRow;
  try {
    const parsed = parser.parseBatches ? parser.parseBatches(input, resume) : oneByOne(parser.parse(input, resume));
    const groups = refusalAsLastReject(parsed, () => ordinal > (existing?.itemsDone ?? 0), (w) => warnings.push(w));
    for await (const group of groups) {
      for (const item of group) {
        if (item.kind === 'warning') {
          if (warnings.length < 20 && !warnings.some((w) => w.code === item.code)) warnings.push({ code: item.code, message: item.message });
          continue;
        }
        if (skipped < skip) {
          skipped++;
          continue;
        }
        ordinal++;
        if (item.resume) last = item.resume;
        // a parse item is a batch item (the writer reads only the batch item's fields)
        batch.push(item);
        if (batch.length >= batchSize) {
          await flush();
          // a cancellable ingest lets its event loop turn once per batch, so a cancel (or a server
          // request, when it runs in the server's thread) is seen within one batch
          if (opts.signal) await new Promise<void>((ok) => setImmediate(ok));
          if (opts.signal?.aborted) throw new ClewError('INTERRUPTED', `ingest of ${file} cancelled; run it again to continue`);
          if (progress && tick()) {
            const secs = (Date.now() - parseStart) / 1000;
            const doneBytes = Math.min(bytesRead, size);
            const rate = secs > 0 ? (added.records + added.rejected) / secs : 0;
            const byteRate = secs > 0 ? (doneBytes - startBytes) / secs : 0;
            progress({
              phase: 'ingesting',
              file,
              bytesDone: doneBytes,
              bytesTotal: size,
              records: added.records,
              rejected: added.rejected,
              rate,
              etaSeconds: byteRate > 0 ? (size - doneBytes) / byteRate : null,
            });
          }
        }
      }
    }
    await flush(true);
    while (pending.length > 0) await writeNext();
    await inFlight;
    // every message is analysed: the pool's threads (each holding the extractors' tables) end before
    // the writer completes the source (the indexes and the full-text build, two more threads)
    await threads.pool?.destroy();
    source = await writer.finish();
  } catch (e) {
    await threads.pool?.destroy();
    await Promise.all(pending.map((p) => p.ready.catch(() => {})));
    await inFlight.catch(() => {});
    await writer.abort();
    // a file refused as a whole (zip bomb, unsafe archive, not the format) before anything was
    // committed is not a partial source: "upload again to resume" could never succeed
    if (refusedWhole(e)) {
      const row = await store.findSource(sha256);
      if (row) await store.forgetEmptySource(row.id); // only when no batch was committed
    }
    throw e;
  }
  // the one place saved searches run after an ingest (CLI and server upload alike, both backends)
  const savedSearches = added.records > 0 ? await refreshSavedSearches(store) : [];
  return { ...base, format: parser.name, outcome: existing ? 'resumed' : 'ingested', added, source, elapsedMs: Date.now() - started, declined, warnings, savedSearches };
}

/**
 * A file refused part-way (an unsafe archive entry, a decompression bomb, a cut-off report) once
 * records of it were read: what was read is kept and the refusal becomes the file's last
 * quarantined item, with its reason and where it happened, so the source completes. Listing it
 * as partial ("upload again to resume") would promise what can never happen. Refused before any
 * record was read, the error stands: the file is refused as a whole.
 */
async function* refusalAsLastReject(groups: AsyncIterable<ParseItem[]>, readSome: () => boolean, warn: (w: { code: string; message: string }) => void): AsyncIterable<ParseItem[]> {
  try {
    yield* groups;
  } catch (e) {
    if (!refusedWhole(e) || !readSome()) throw e;
    const { code, message, details } = e as ClewError;
    const locator: Locator = {};
    if (typeof details.offset === 'number') locator.offset = details.offset;
    if (typeof details.line === 'number') locator.line = details.line;
    if (typeof details.entry === 'string') locator.entry = details.entry;
    const rest = `${message}; the rest of the file was not read`;
    warn({ code, message: rest });
    yield [{ kind: 'reject', locator, code, message: rest }];
  }
}

/** The file itself was refused (not a cancel, a full disk or a busy case, which a retry can get past). */
function refusedWhole(e: unknown): boolean {
  return e instanceof ClewError && e.code !== 'INTERRUPTED' && e.code !== 'DISK_FULL' && e.code !== 'CASE_BUSY';
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncIterable<T[]> {
  for await (const item of items) yield [item];
}
