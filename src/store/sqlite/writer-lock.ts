/**
 * One writer per case, named. SQLite lets a second writer wait on the first for `busy_timeout`
 * and then fail with "database is locked"; a CLI ingest into a case the workspace is ingesting
 * into did that after 21 s, as an internal error. Instead, whoever writes a source records itself
 * in `<case>.writer` (pid, host, command, since), created exclusively; a second writer is refused
 * at once with CASE_BUSY naming the first. A lock left by a process that is gone (same host, pid
 * not running: kill -9) is stale and taken over. Within one process the lock is shared: its
 * writers (connections, threads) are ordered by SQLite itself.
 *
 * Also here: SQLite and file-system errors that are not bugs, as typed errors (DISK_FULL,
 * CASE_BUSY), for every write path of the store.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { ClewError } from '../../model/errors.js';
import type { BatchItem, BatchPosition, SourceWriter } from '../types.js';

export interface WriterInfo {
  pid: number;
  host: string;
  command: string;
  since: number;
}

export const writerLockPath = (casePath: string): string => `${casePath}.writer`;

function commandLine(): string {
  const [, script, ...args] = process.argv;
  const name = script === undefined ? 'node' : /(^|[/\\])bin\.js$/.test(script) ? 'clew' : basename(script);
  return [name, ...args].join(' ').replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(path: string): WriterInfo | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<WriterInfo>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    return { pid: v.pid, host: v.host, command: String(v.command ?? '?'), since: Number(v.since ?? 0) };
  } catch {
    return null;
  }
}

/** The process writing to the case now, or null (no lock, or a stale one). */
export function currentWriter(casePath: string): WriterInfo | null {
  const w = readInfo(writerLockPath(casePath));
  if (w === null) return null;
  return w.host === hostname() && !running(w.pid) ? null : w;
}

export function describeWriter(w: WriterInfo): string {
  return `process ${w.pid} on ${w.host} ("${w.command}", writing since ${new Date(w.since).toISOString().replace(/\.\d+Z$/, 'Z')})`;
}

function busy(casePath: string, w: WriterInfo | null): ClewError {
  const who = w ? describeWriter(w) : 'another process';
  return new ClewError(
    'CASE_BUSY',
    `${basename(casePath)} is being written by ${who}: wait until it has finished and run this again${w ? `; if that process is not running any more, delete ${writerLockPath(casePath)}` : ''}`,
    { case: casePath, pid: w?.pid ?? null, host: w?.host ?? null, command: w?.command ?? null },
  );
}

/** Take the case's writer lock or throw CASE_BUSY naming its holder; returns the release. */
export function acquireWriterLock(casePath: string): () => void {
  const path = writerLockPath(casePath);
  const me: WriterInfo = { pid: process.pid, host: hostname(), command: commandLine(), since: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw translateStoreError(e, casePath);
      const held = readInfo(path);
      // this process already writes (another connection or thread of it, e.g. the workspace's
      // ingest job): SQLite orders its writers; the lock keeps out other processes
      if (held !== null && held.pid === me.pid && held.host === me.host) return () => {};
      // unreadable: being written this instant, or garbage; a holder that is gone: stale
      if (held === null || currentWriter(casePath) !== null) {
        if (held !== null || attempt === 2) throw busy(casePath, held);
        continue;
      }
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first: try again
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } catch (e) {
      closeSync(fd);
      unlinkSync(path);
      throw translateStoreError(e, casePath);
    } finally {
      try {
        closeSync(fd);
      } catch {
        // closed above
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = readInfo(path);
      if (now && now.pid === me.pid && now.since === me.since) unlinkSync(path);
    };
  }
  throw busy(casePath, readInfo(path));
}

/**
 * A store error as the typed error it is when it is not a bug: a full disk (SQLITE_FULL,
 * ENOSPC) is DISK_FULL naming the case, a lock held by another connection (SQLITE_BUSY) is
 * CASE_BUSY naming the writer when known. Anything else is returned as it is.
 */
export function translateStoreError(e: unknown, casePath: string): unknown {
  if (e instanceof ClewError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = String((e as Error)?.message ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|no space left/i.test(message))
    return new ClewError(
      'DISK_FULL',
      `the disk holding ${basename(casePath)} is full: everything committed before is kept (a source being ingested stays partial and resumes); free space and run the same command again`,
      { case: casePath },
      { cause: e },
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return busy(casePath, currentWriter(casePath));
  return e;
}

/** A source writer that holds the case's writer lock until it finishes or aborts, with typed store errors. */
export function lockedWriter(inner: SourceWriter, casePath: string, release: () => void): SourceWriter {
  const typed = (e: unknown): never => {
    throw translateStoreError(e, casePath);
  };
  return {
    writeBatch: (items: BatchItem[], position: BatchPosition) => inner.writeBatch(items, position).catch(typed),
    finish: async () => {
      try {
        return await inner.finish();
      } catch (e) {
        return typed(e);
      } finally {
        release();
      }
    },
    abort: async () => {
      try {
        await inner.abort();
      } finally {
        release();
      }
    },
  };
}
