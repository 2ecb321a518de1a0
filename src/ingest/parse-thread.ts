/**
 * A format's parse in a thread of its own (the worker is parse-worker.ts), for parsers whose parse
 * costs more than everything else the pipeline's thread does (`FormatParser.threaded`: a UFED
 * report is five times the bytes of the same records as JSON Lines). The pipeline's thread then
 * only takes the items, analyses and hands them to the writer, while the next ones are parsed:
 * parse and write overlap on two cores. The items are the parser's own, in the same order, in the
 * same batches; an error the parser throws is thrown here, as the same ClewError (code, message,
 * details). The thread parses at most a few batches ahead of the pipeline: memory stays bounded.
 *
 * Used only from the compiled code (dist/: the worker is JavaScript) and for a file on disk (the
 * thread opens `input.path` itself; `input.open` is not used).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ClewError, type ErrorCode, type ErrorDetails } from '../model/errors.js';
import type { ParseItem, ParseOptions, ResumePoint, SourceInput } from './parser.js';

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** The compiled worker exists (dist/; not when the sources run under the test runner). */
export function parseThreadAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** What the thread is given. */
export interface ParseTask {
  format: string;
  path: string;
  name: string;
  size: number;
  sha256: string;
  options: ParseOptions;
  resume?: ResumePoint;
}

/** What the thread posts: items with the bytes read so far, the end, or the error that ended the parse. */
export type ParseThreadMessage =
  | { kind: 'items'; items: ParseItem[]; bytes: number }
  | { kind: 'done'; bytes: number }
  | { kind: 'error'; clew: { code: ErrorCode; message: string; details: ErrorDetails } }
  | { kind: 'error'; message: string; clew?: undefined };

/**
 * The items of `format`'s parse of the file at `input.path`, one array per batch the parser
 * yields. `onBytes` is told how many bytes of the file the parser has read, with every batch.
 * Stopping the iteration early stops the thread.
 */
export async function* parseInThread(format: string, input: SourceInput, resume: ResumePoint | undefined, onBytes?: (bytes: number) => void): AsyncGenerator<ParseItem[]> {
  const task: ParseTask = { format, path: input.path, name: input.name, size: input.size, sha256: input.sha256, options: input.options };
  if (resume) task.resume = resume;
  const worker = new Worker(WORKER_URL, { workerData: task });
  const queue: ParseThreadMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (m: ParseThreadMessage) => {
    queue.push(m);
    const w = wake;
    wake = null;
    w?.();
  };
  let finished = false;
  worker.on('message', push);
  worker.on('error', (e) => push({ kind: 'error', message: `the parse thread failed: ${e.message}` }));
  worker.on('exit', (code) => {
    if (!finished) push({ kind: 'error', message: `the parse thread exited with code ${code}` });
  });
  let took = 0;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((ok) => (wake = ok));
      const m = queue.shift()!;
      if (m.kind === 'error') {
        finished = true;
        if (m.clew) throw new ClewError(m.clew.code, m.clew.message, m.clew.details);
        throw new Error(m.message);
      }
      onBytes?.(m.bytes);
      if (m.kind === 'done') {
        finished = true;
        return;
      }
      // taken: the thread may parse one more batch ahead while this one goes through the pipeline
      worker.postMessage({ took: ++took });
      yield m.items;
    }
  } finally {
    finished = true;
    await worker.terminate();
  }
}
