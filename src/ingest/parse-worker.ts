/**
 * A parse in a thread of its own (src/ingest/parse-thread.ts): runs one format's parser over a
 * file on disk and posts its items to the pipeline's thread, batch by batch, in file order. At
 * most AHEAD batches are posted and not yet taken, so the thread never reads further ahead of
 * the pipeline than that (a report of any size is parsed in constant memory). Started from dist/.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isClewError } from '../model/errors.js';
import { formatByName } from './formats/index.js';
import type { ParseItem, SourceInput } from './parser.js';
import type { ParseTask, ParseThreadMessage } from './parse-thread.js';

/** Batches posted and not yet taken by the pipeline, at most. */
const AHEAD = 8;

const task = workerData as ParseTask;
const port = parentPort!;
let bytes = 0;
let taken = 0;
let posted = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { took: number }) => {
  taken = m.took;
  const w = wake;
  wake = null;
  w?.();
});

const post = (m: ParseThreadMessage): void => port.postMessage(m);

async function run(): Promise<void> {
  const parser = formatByName(task.format);
  const input: SourceInput = {
    path: task.path,
    name: task.name,
    size: task.size,
    sha256: task.sha256,
    options: task.options,
    open(start = 0) {
      bytes = start;
      const s = createReadStream(task.path, { start, highWaterMark: 256 * 1024 });
      s.on('data', (c: Buffer | string) => {
        bytes += c.length;
      });
      return s;
    },
  };
  const batches: AsyncIterable<ParseItem[]> = parser.parseBatches
    ? parser.parseBatches(input, task.resume)
    : (async function* () {
        for await (const item of parser.parse(input, task.resume)) yield [item];
      })();
  for await (const items of batches) {
    if (items.length === 0) continue;
    post({ kind: 'items', items, bytes });
    posted++;
    while (posted - taken >= AHEAD) await new Promise<void>((ok) => (wake = ok));
  }
  post({ kind: 'done', bytes });
}

run().catch((e: unknown) => {
  if (isClewError(e)) post({ kind: 'error', clew: { code: e.code, message: e.message, details: e.details } });
  else post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
});
