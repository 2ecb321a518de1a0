/**
 * The analyse stage's worker threads: the entity half of every message's analysis (extractors and
 * code words, most of the stage's time) runs in a pool of threads sized to the machine, while the
 * language half, whose statistics (conversation languages, the case prior) depend on message
 * order, stays in the pipeline's thread, in order (src/ingest/analyse.ts). So a case ingested
 * with any number of threads is the same, record for record, as one analysed in one thread.
 *
 * Node's worker_threads directly (Tinypool and Piscina were tried: neither notices a thread that
 * exits in the middle of a task, whose task then never settles): a task queue, a thread that dies
 * (an error it did not catch, an exit, out of memory) replaced by a fresh one, every thread
 * terminated on destroy. A chunk whose thread dies is read again one message at a time, so the
 * message that kills a thread is named (and quarantined by the caller) and every other is analysed.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Mention } from '../model/entities.js';
import type { AnalyseOptions } from './analyse.js';
import { type AnalyseReply, type AnalyseTask, packTask } from './analyse-task.js';

const WORKER_URL = new URL('./analyse-worker.js', import.meta.url);

/** The compiled worker exists (dist/; not when the sources run under the test runner). */
export function analysePoolAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** Threads by default: one per core the process may use. */
export function defaultAnalyseWorkers(): number {
  return availableParallelism();
}

/** Fewest messages per task (below this the messaging costs more than the parallelism gives). */
const MIN_CHUNK = 250;

interface Job {
  task: AnalyseTask;
  resolve: (r: AnalyseReply) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

export class AnalysePool {
  private readonly idle: Thread[] = [];
  private readonly all = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private destroyed = false;

  constructor(
    readonly threads: number,
    private readonly opts: AnalyseOptions,
  ) {
    for (let i = 0; i < threads; i++) this.spawn();
  }

  private spawn(): void {
    const workerData: AnalyseOptions = { defaultRegion: this.opts.defaultRegion, lexicon: (this.opts.lexicon ?? []).map((e) => ({ term: e.term, means: e.means, type: e.type })) };
    const t: Thread = { worker: new Worker(WORKER_URL, { workerData }), job: null };
    this.all.add(t);
    t.worker.unref(); // an idle pool never keeps the process alive
    t.worker.on('message', (m: { id: number; reply: AnalyseReply }) => {
      const job = t.job;
      t.job = null;
      if (job && job.task.id === m.id) job.resolve(m.reply);
      this.release(t);
    });
    let died: Error | null = null;
    t.worker.on('error', (e) => {
      died = e;
    });
    t.worker.on('exit', (code) => {
      this.all.delete(t);
      const i = this.idle.indexOf(t);
      if (i >= 0) this.idle.splice(i, 1);
      const job = t.job;
      t.job = null;
      if (this.destroyed) {
        job?.reject(new Error('the analysis was stopped'));
        return;
      }
      job?.reject(died ?? new Error(`the thread exited with code ${code}`));
      this.spawn(); // a fresh thread in its place
    });
    this.release(t);
  }

  private release(t: Thread): void {
    const next = this.queue.shift();
    if (next) this.start(t, next);
    else this.idle.push(t);
  }

  private start(t: Thread, job: Job): void {
    t.job = job;
    t.worker.ref(); // a task under way keeps the process alive
    t.worker.postMessage(job.task, [job.task.ends.buffer as ArrayBuffer, job.task.langs.buffer as ArrayBuffer]);
    job.resolve = ((resolve) => (r: AnalyseReply) => {
      t.worker.unref();
      resolve(r);
    })(job.resolve);
  }

  private run(texts: string[], langs: (string | null)[]): Promise<AnalyseReply> {
    if (this.destroyed) return Promise.reject(new Error('the analysis was stopped'));
    return new Promise((resolve, reject) => {
      const job: Job = { task: packTask(this.nextId++, texts, langs), resolve, reject };
      const t = this.idle.pop();
      if (t) this.start(t, job);
      else this.queue.push(job);
    });
  }

  /** The mentions of each text read as its language, in order; `{ error }` for a text its thread could not read. */
  async mentions(texts: string[], langs: (string | null)[]): Promise<(Mention[] | { error: string })[]> {
    if (texts.length === 0) return [];
    const size = Math.max(MIN_CHUNK, Math.ceil(texts.length / this.threads));
    const parts: Promise<(Mention[] | { error: string })[]>[] = [];
    for (let i = 0; i < texts.length; i += size) parts.push(this.chunk(texts.slice(i, i + size), langs.slice(i, i + size)));
    return (await Promise.all(parts)).flat();
  }

  private async chunk(texts: string[], langs: (string | null)[]): Promise<(Mention[] | { error: string })[]> {
    try {
      const reply = await this.run(texts, langs);
      const out: (Mention[] | { error: string })[] = texts.map(() => []);
      for (const r of reply) out[r.at] = r.found;
      return out;
    } catch (e) {
      if (this.destroyed) throw e;
      if (texts.length === 1) return [{ error: `the analysis thread stopped on this message (${e instanceof Error ? e.message : String(e)})` }];
      // a thread died on one of these: read them one by one to find it
      const out: (Mention[] | { error: string })[] = [];
      for (let i = 0; i < texts.length; i++) out.push(...(await this.chunk([texts[i]!], [langs[i]!])));
      return out;
    }
  }

  /** Stop every thread (a task under way or queued rejects). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the analysis was stopped'));
    await Promise.all([...this.all].map((t) => t.worker.terminate()));
  }
}
