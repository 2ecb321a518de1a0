/**
 * The analyse stage's worker threads: the entity half of every message's analysis (extractors and
 * code words, most of the stage's time) runs in a pool of threads sized to the machine, while the
 * language half, whose statistics (conversation languages, the case prior) depend on message
 * order, stays in the pipeline's thread, in order (src/ingest/analyse.ts). So a case ingested
 * with any number of threads is the same, record for record, as one analysed in one thread.
 *
 * Tinypool (a dependency-free fork of Piscina, kept by the Vitest team) runs the threads: task
 * queue, a thread that dies replaced by a fresh one, termination on destroy. A chunk whose thread
 * dies is read again one message at a time, so the message that kills a thread is named (and
 * quarantined by the caller) and every other message is analysed.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Mention } from '../model/entities.js';
import type { AnalyseOptions } from './analyse.js';
import type { AnalyseReply, AnalyseTask } from './analyse-worker.js';

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

export class AnalysePool {
  private readonly pool: Tinypool;

  constructor(
    readonly threads: number,
    opts: AnalyseOptions,
  ) {
    this.pool = new Tinypool({
      filename: WORKER_URL.href,
      minThreads: threads,
      maxThreads: threads,
      workerData: { defaultRegion: opts.defaultRegion, lexicon: (opts.lexicon ?? []).map((e) => ({ term: e.term, means: e.means, type: e.type })) },
    });
  }

  /** The mentions of each text read as its language, in order; `{ error }` for a text its thread could not read. */
  async mentions(texts: string[], langs: (string | null)[]): Promise<(Mention[] | { error: string })[]> {
    if (texts.length === 0) return [];
    const size = Math.max(MIN_CHUNK, Math.ceil(texts.length / this.threads));
    const parts: Promise<AnalyseReply>[] = [];
    for (let i = 0; i < texts.length; i += size) parts.push(this.chunk({ texts: texts.slice(i, i + size), langs: langs.slice(i, i + size) }));
    return (await Promise.all(parts)).flat();
  }

  private async chunk(task: AnalyseTask): Promise<AnalyseReply> {
    try {
      return (await this.pool.run(task)) as AnalyseReply;
    } catch (e) {
      if (this.destroyed) throw e;
      if (task.texts.length === 1) return [{ error: `the analysis thread stopped on this message (${e instanceof Error ? e.message : String(e)})` }];
      // a thread died on one of these: read them one by one to find it
      const out: AnalyseReply = [];
      for (let i = 0; i < task.texts.length; i++) out.push(...(await this.chunk({ texts: [task.texts[i]!], langs: [task.langs[i]!] })));
      return out;
    }
  }

  private destroyed = false;

  /** Stop every thread (a task under way rejects). */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pool.cancelPendingTasks();
    await this.pool.destroy();
  }
}
