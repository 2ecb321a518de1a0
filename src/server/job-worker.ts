/** Worker thread of a job (see jobs.ts `runTask`): runs one task, reports progress, obeys cancel. */
import { parentPort, workerData } from 'node:worker_threads';
import { isClewError } from '../model/errors.js';
import type { FromJobWorker, JobTask, ToJobWorker } from './job-tasks.js';
import { runTaskHere } from './job-tasks.js';

const port = parentPort!;
const ac = new AbortController();
port.on('message', (m: ToJobWorker) => {
  if (m.kind === 'cancel') ac.abort();
});

runTaskHere(workerData as JobTask, { signal: ac.signal, progress: (progress) => port.postMessage({ kind: 'progress', progress } satisfies FromJobWorker) }).then(
  (value) => port.postMessage({ kind: 'done', value } satisfies FromJobWorker),
  (e: unknown) => port.postMessage({ kind: 'error', code: isClewError(e) ? e.code : undefined, message: (e as Error)?.message ?? String(e) } satisfies FromJobWorker),
);
