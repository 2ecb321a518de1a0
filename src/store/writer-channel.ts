/**
 * The conversation between an ingest and a writer thread (a worker that owns the case's write
 * connection: src/store/sqlite/writer-thread.ts, src/store/postgres/writer-thread.ts). The
 * thread answers its messages one by one, in the order they came; a failure comes back as a
 * message of kind 'error' that carries the typed error's code (and details), so the ingest sees
 * the same ClewError it would see from a writer in its own thread.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { ClewError, ERROR_CODES, type ErrorCode, type ErrorDetails, isClewError } from '../model/errors.js';

export interface ThreadError {
  kind: 'error';
  code?: string;
  message: string;
  stack?: string;
  details?: ErrorDetails;
}

/** The ingest's side: send a message, get its answer (or its error) in order. */
export class WriterChannel<To, From extends { kind: string }> {
  private readonly waiting: { resolve: (m: From) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (m: From | ThreadError) => {
      const w = this.waiting.shift();
      if (!w) return;
      if (m.kind === 'error') w.reject(fromThread(m as ThreadError));
      else w.resolve(m as From);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    worker.on('error', fail);
    // whatever is sent after the thread stopped fails at once (it would never be answered)
    worker.on('exit', (code) => fail(this.failure ?? new Error(`the writer thread stopped (exit ${code})`)));
  }

  /** The thread's answer to `m`, which must be of kind `kind`. */
  async send<K extends From['kind']>(m: To, kind: K, transfer: ArrayBuffer[] = []): Promise<Extract<From, { kind: K }>> {
    if (this.failure) throw this.failure;
    const answer = await new Promise<From>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(m, transfer);
    });
    if (answer.kind !== kind) throw new Error(`writer thread answered ${answer.kind} to ${String((m as { kind?: string }).kind)}`);
    return answer as Extract<From, { kind: K }>;
  }
}

function fromThread(m: ThreadError): Error {
  const code = m.code && m.code in ERROR_CODES ? (m.code as ErrorCode) : null;
  if (code) return new ClewError(code, m.message, m.details ?? {});
  const err = new Error(m.message);
  if (m.stack) err.stack = m.stack;
  return err;
}

/**
 * The thread's side: `handle` each message once the one before has been answered, posting its
 * answer or, when it throws, the error (`translate` first makes a raw error a typed one).
 */
export function answerInOrder<To, From>(port: MessagePort, handle: (m: To) => From | Promise<From>, translate: (e: unknown) => unknown = (e) => e): void {
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (m: To) => {
    queue = queue.then(async () => {
      try {
        port.postMessage(await handle(m));
      } catch (raw) {
        const e = translate(raw);
        const err = e as Error;
        port.postMessage({
          kind: 'error',
          code: isClewError(e) ? e.code : undefined,
          message: err.message,
          stack: err.stack,
          ...(isClewError(e) ? { details: e.details } : {}),
        } satisfies ThreadError);
      }
    });
  });
}
