/**
 * Long work started from the workspace runs as a job: an id, structured progress (done/total,
 * records/s, ETA, phase), a result or a typed error, and cancellation. Heavy work runs in a
 * worker thread (job-worker.ts) so the server keeps answering other requests; under the test
 * runner, where the compiled worker does not exist, it runs in this thread instead.
 *
 * What a job computes for the workspace is kept, and dropped when the case changes, by the
 * case's one state object (case-state.ts `CaseState.viaJob`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isInProcessCase } from '../api/case.js';
import { ClewError, ERROR_CODES, isClewError, type ErrorCode } from '../model/errors.js';
import type { FromJobWorker, JobTask, ToJobWorker } from './job-tasks.js';
import type { WireIngestResult, WireJob, WireJobKind, WireJobProgress, WireJobState } from './wire/jobs.js';

// ---------------------------------------------------------------- replies with a status

/** A route's answer with a status other than 200 (e.g. 202 Accepted while a job computes). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

// ---------------------------------------------------------------- jobs

export interface ProgressUpdate {
  phase?: string;
  done?: number;
  total?: number | null;
  unit?: 'bytes' | 'steps';
  records?: number;
  rejected?: number;
  /** Given by the work itself when it knows better; otherwise derived from done/total. */
  rate?: number | null;
  etaSeconds?: number | null;
}

export interface JobContext {
  signal: AbortSignal;
  progress(p: ProgressUpdate): void;
}

export interface Job {
  readonly id: string;
  readonly kind: WireJobKind;
  readonly label: string;
  state: WireJobState;
  readonly startedAt: number;
  endedAt: number | null;
  progress: WireJobProgress;
  result: WireIngestResult | null;
  error: { code: string; message: string } | null;
  /** Settles when the job ends (never rejects). */
  readonly finished: Promise<void>;
  /** Internal: the value the work returned. */
  value: unknown;
}

export interface StartOptions<T> {
  kind: WireJobKind;
  label: string;
  run(ctx: JobContext): Promise<T>;
  /** What the job shows as its result (the raw value stays on `job.value`). */
  toResult?(value: T): WireIngestResult | null;
  /** Jobs with the same queue run one after another (ingests into one case). */
  queue?: string;
  /** Called when the job ends, whatever the outcome, before `finished` settles. */
  onEnd?(job: Job): void;
}

const KEEP_ENDED = 50;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly queues = new Map<string, Promise<void>>();

  start<T>(o: StartOptions<T>): Job {
    const id = randomBytes(9).toString('base64url');
    const ac = new AbortController();
    let settle!: () => void;
    const finished = new Promise<void>((ok) => (settle = ok));
    const job: Job = {
      id,
      kind: o.kind,
      label: o.label,
      state: o.queue ? 'queued' : 'running',
      startedAt: Date.now(),
      endedAt: null,
      progress: { phase: o.queue ? 'waiting for the previous job' : 'starting', done: 0, total: null, unit: 'steps', records: 0, rejected: 0, rate: null, etaSeconds: null },
      result: null,
      error: null,
      finished,
      value: undefined,
    };
    this.jobs.set(id, job);
    this.controllers.set(id, ac);
    this.prune();

    let phaseStart = Date.now();
    let phaseDone = 0;
    const ctx: JobContext = {
      signal: ac.signal,
      progress: (p) => {
        if (job.state !== 'running') return;
        const prev = job.progress;
        const phase = p.phase ?? prev.phase;
        if (phase !== prev.phase) {
          phaseStart = Date.now();
          phaseDone = p.done ?? 0;
        }
        const next: WireJobProgress = { ...prev, ...p, phase } as WireJobProgress;
        if (p.rate === undefined || p.etaSeconds === undefined) {
          const secs = (Date.now() - phaseStart) / 1000;
          const speed = secs > 0.05 ? (next.done - phaseDone) / secs : 0;
          if (p.etaSeconds === undefined) next.etaSeconds = next.total !== null && speed > 0 ? Math.max(0, (next.total - next.done) / speed) : null;
          if (p.rate === undefined) next.rate = prev.rate;
        }
        job.progress = next;
      },
    };

    const run = async () => {
      if (ac.signal.aborted) throw new ClewError('INTERRUPTED', 'cancelled before it started');
      job.state = 'running';
      job.progress = { ...job.progress, phase: 'starting' };
      return o.run(ctx);
    };
    const previous = o.queue ? (this.queues.get(o.queue) ?? Promise.resolve()) : Promise.resolve();
    const done = previous.then(run).then(
      (value) => {
        job.value = value;
        job.result = o.toResult ? o.toResult(value) : null;
        job.state = 'done';
        // the last progress event may predate the last batch: the result has the true counts
        if (job.result) job.progress = { ...job.progress, records: job.result.added.records, rejected: job.result.added.rejected };
        if (job.progress.total !== null) job.progress = { ...job.progress, done: job.progress.total, etaSeconds: 0 };
      },
      (e: unknown) => {
        if (ac.signal.aborted || (isClewError(e) && e.code === 'INTERRUPTED')) {
          job.state = 'cancelled';
          job.error = { code: 'INTERRUPTED', message: ac.signal.aborted ? 'cancelled' : (e as Error).message };
        } else {
          job.state = 'failed';
          const code = isClewError(e) ? e.code : (e as { code?: unknown })?.code;
          job.error =
            typeof code === 'string' && code in ERROR_CODES
              ? { code, message: (e as Error).message }
              : { code: 'INTERNAL', message: `the job failed: ${(e as Error)?.message ?? String(e)}` };
        }
      },
    );
    const ended = done.then(() => {
      job.endedAt = Date.now();
      job.progress = { ...job.progress, etaSeconds: job.state === 'done' ? 0 : null };
      this.controllers.delete(id);
      try {
        o.onEnd?.(job);
      } finally {
        settle();
      }
    });
    if (o.queue) this.queues.set(o.queue, ended);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Ask a job to stop; false when there is no such job or it has already ended. */
  cancel(id: string): boolean {
    const ac = this.controllers.get(id);
    if (!ac) return false;
    ac.abort();
    return true;
  }

  /** Cancel every job and wait for them to end (server shutdown). */
  async cancelAll(): Promise<void> {
    for (const ac of this.controllers.values()) ac.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.finished));
  }

  private prune(): void {
    const ended = this.list().filter((j) => j.endedAt !== null);
    for (const j of ended.slice(KEEP_ENDED)) this.jobs.delete(j.id);
  }
}

export function wireJob(job: Job): WireJob {
  return {
    id: job.id,
    kind: job.kind,
    label: job.label,
    state: job.state,
    startedAt: new Date(job.startedAt).toISOString(),
    endedAt: job.endedAt === null ? null : new Date(job.endedAt).toISOString(),
    progress: job.progress,
    result: job.result,
    error: job.error,
  };
}

// ---------------------------------------------------------------- running a task in a worker

const WORKER_URL = new URL('./job-worker.js', import.meta.url);

/** The compiled worker exists (outside the test runner). */
export function jobWorkerAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** How long a cancelled worker may take to stop cleanly before it is terminated. */
const CANCEL_GRACE_MS = 10_000;

/**
 * Run a task (job-tasks.ts) in a worker thread, forwarding progress and cancellation; in this
 * thread when the compiled worker is missing (`inThread` forces it).
 */
export async function runTask<T>(task: JobTask, ctx: JobContext, opts: { inThread?: boolean } = {}): Promise<T> {
  // a case only this process can open (team mode, case.ts registerInProcessCase) is worked on here
  if (opts.inThread || !jobWorkerAvailable() || isInProcessCase(task.caseLocator)) {
    const { runTaskHere } = await import('./job-tasks.js');
    return (await runTaskHere(task, ctx)) as T;
  }
  const worker = new Worker(WORKER_URL, { workerData: task });
  return new Promise<T>((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const onAbort = () => {
      // an analysis holds nothing to clean up: stop it at once; an ingest (a reading of images) stops at its next batch
      if (task.kind !== 'ingest' && task.kind !== 'ocr') return void worker.terminate();
      worker.postMessage({ kind: 'cancel' } satisfies ToJobWorker);
      grace = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      grace.unref();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const end = (f: () => void) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      if (grace) clearTimeout(grace);
      f();
      void worker.terminate();
    };
    worker.on('message', (m: FromJobWorker) => {
      if (m.kind === 'progress') ctx.progress(m.progress);
      else if (m.kind === 'done') end(() => resolve(m.value as T));
      else {
        const code = m.code && m.code in ERROR_CODES ? (m.code as ErrorCode) : null;
        end(() => reject(code ? new ClewError(code, m.message) : new Error(m.message)));
      }
    });
    worker.on('error', (e) => end(() => reject(e)));
    worker.on('exit', (code) =>
      end(() => reject(ctx.signal.aborted ? new ClewError('INTERRUPTED', 'cancelled') : new Error(`the job's worker stopped (exit ${code})`))),
    );
    if (ctx.signal.aborted) onAbort();
  });
}
