/**
 * Verifying a log read in packed chunks (check-rows.ts): the chunks are checked in worker threads
 * (the checks of an entry need no other entry), several at once, and their leaf hashes folded
 * into the verifier in index order as they come back, so the report (and its first problem) is
 * the one a single pass in order gives. The threads also hash the chunk's complete aligned
 * subtrees, which are folded whole where no signed head or kept subtree falls inside one. At most two chunks per thread are under way: the store
 * reads no further ahead than that. Without threads (0, or the sources run by the test runner,
 * where the compiled worker does not exist) each chunk is checked in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CheckedRows, type PackedRows, checkRows } from './check-rows.js';
import { HASH_SIZE } from './hash.js';
import type { LogVerifier } from './verify-log.js';
import type { CheckReply, CheckTask } from './verify-worker.js';

const WORKER_URL = new URL('./verify-worker.js', import.meta.url);

/** The compiled worker exists (dist/; not when the sources run under the test runner). */
export function verifyThreadsAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** Threads by default: one per core the process may use, at most 8. */
export function defaultVerifyThreads(): number {
  return Math.min(8, availableParallelism());
}

interface Checker {
  check(rows: PackedRows, first: number): Promise<CheckedRows>;
  close(): Promise<void>;
}

const inThisThread: Checker = {
  check: async (rows, first) => checkRows(rows, first),
  close: async () => {},
};

interface Pending {
  resolve(c: CheckedRows): void;
  reject(e: Error): void;
}

/** Worker threads, each given the next chunk when it has the fewest under way. */
class Threads implements Checker {
  private readonly threads: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;

  constructor(n: number) {
    for (let i = 0; i < n; i++) {
      const t = { worker: new Worker(WORKER_URL), pending: new Map<number, Pending>() };
      const failAll = (e: Error) => {
        for (const p of t.pending.values()) p.reject(e);
        t.pending.clear();
      };
      t.worker.on('message', (m: CheckReply) => {
        const p = t.pending.get(m.id);
        t.pending.delete(m.id);
        p?.resolve(m.checked);
      });
      t.worker.on('error', failAll);
      t.worker.on('exit', (code) => failAll(new Error(`an audit verify thread exited (code ${code})`)));
      this.threads.push(t);
    }
  }

  check(rows: PackedRows, first: number): Promise<CheckedRows> {
    const t = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      t.pending.set(id, { resolve, reject });
      t.worker.postMessage({ id, rows, first } satisfies CheckTask, [rows.bytes.buffer as ArrayBuffer, rows.fields.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** Fold a checked chunk into the verifier, a whole subtree at a time where it may; false once it found a problem. */
function fold(v: LogVerifier, c: CheckedRows): boolean {
  const view = (bytes: Uint8Array, i: number) => Buffer.from(bytes.buffer, bytes.byteOffset + i * HASH_SIZE, HASH_SIZE);
  let k = 0;
  for (let i = 0; i < c.subtrees.length; i++) {
    const size = c.subtrees[i]!;
    if (v.takesSubtree(size)) {
      if (!v.pushSubtree(view(c.subtreeHashes, i), size)) return false;
    } else for (let j = k; j < k + size; j++) if (!v.pushChecked(view(c.hashes, j), c.ats[j]!)) return false;
    k += size;
  }
  if (c.problem) {
    v.failEntry(c.problem);
    return false;
  }
  return true;
}

/**
 * Push every entry of `chunks` (in index order, from the first) into `v`, checked in `threads`
 * threads. Stops reading at the first problem (the iterator is returned).
 */
export async function verifyChunks(v: LogVerifier, chunks: AsyncIterable<PackedRows>, threads: number): Promise<void> {
  const threaded = threads > 0 && verifyThreadsAvailable();
  const checker = threaded ? new Threads(threads) : inThisThread;
  const ahead = threaded ? 2 * threads : 1;
  const queue: { done: boolean; checked: Promise<CheckedRows> }[] = [];
  let first = v.size;
  try {
    for await (const rows of chunks) {
      const item = { done: false, checked: checker.check(rows, first) };
      const settled = () => {
        item.done = true;
      };
      item.checked.then(settled, settled);
      queue.push(item);
      first += rows.count;
      // fold what came back, in order; wait for the oldest when enough are under way
      while (queue.length > 0 && (queue[0]!.done || queue.length >= ahead)) if (!fold(v, await queue.shift()!.checked)) return;
    }
    while (queue.length > 0) if (!fold(v, await queue.shift()!.checked)) return;
  } finally {
    await checker.close();
  }
}
