/**
 * clew case copy: a case moved whole from one locator to another, between backends or not
 * (SQLite → PostgreSQL, PostgreSQL → SQLite, SQLite → SQLite, …). The source is read through its
 * TransferPort (every stored row, with its ids, from one snapshot) and written into an empty or
 * new case in one transaction, which then rebuilds what is derived (full-text index, read
 * indexes, statistics): the copy answers every query as the original does.
 *
 * A copy that stops midway leaves the destination as empty as it was (its transaction is rolled
 * back, by the server or by SQLite's journal), and the same command can simply run again. When
 * the copy fails in this process and created the destination, it removes it again.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ClewError } from '../model/errors.js';
import { parseLocator } from './locator.js';
import { openCase } from './open.js';
import type { CaseStore } from './types.js';

export interface CopyProgress {
  phase: 'copying' | 'indexing';
  /** The table being copied. */
  table: string;
  rowsDone: number;
  rowsTotal: number;
  /** Rows per second so far. */
  rate: number;
  etaSeconds: number | null;
}

export interface CopyResult {
  /** Both locators, safe to print. */
  from: string;
  to: string;
  /** Rows copied per table. */
  tables: Record<string, number>;
  rows: number;
  seconds: number;
}

export interface CopyOptions {
  onProgress?: (p: CopyProgress) => void;
  /** Rows per chunk (default 5000). */
  chunkRows?: number;
}

function sameCase(a: string, b: string): boolean {
  const x = parseLocator(a);
  const y = parseLocator(b);
  if (x.kind === 'sqlite' && y.kind === 'sqlite') return resolve(x.path) === resolve(y.path);
  if (x.kind === 'postgres' && y.kind === 'postgres') return x.printable === y.printable && x.case === y.case;
  return false;
}

/** Does the destination exist already (a case file, a case in its database)? */
async function exists(locator: string): Promise<boolean> {
  try {
    await (await openCase(locator, { readonly: true })).close();
    return true;
  } catch (e) {
    if (e instanceof ClewError && (e.code === 'CASE_NOT_FOUND' || e.code === 'NOT_FOUND')) return false;
    throw e;
  }
}

async function removeCase(locator: string, store: CaseStore): Promise<void> {
  const loc = parseLocator(locator);
  if (loc.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${loc.path}${suffix}`, { force: true });
    return;
  }
  const { dropCase } = await import('./postgres/cases.js');
  const { PostgresCaseStore } = await import('./postgres/store.js');
  if (store instanceof PostgresCaseStore) await dropCase(store.db.pool, loc.case);
}

export async function copyCase(fromLocator: string, toLocator: string, opts: CopyOptions = {}): Promise<CopyResult> {
  if (sameCase(fromLocator, toLocator)) throw new ClewError('INVALID_ARGUMENT', 'a case is copied into another case, not onto itself');
  const started = performance.now();
  const src = await openCase(fromLocator, { readonly: true });
  try {
    const existed = await exists(toLocator);
    const dst = await openCase(toLocator, { create: true, threadedWriter: false });
    let ok = false;
    try {
      const totals = await src.transferCounts();
      const rowsTotal = Object.values(totals).reduce((a, b) => a + b, 0);
      const sink = await dst.restoreRows();
      const tables: Record<string, number> = {};
      let rowsDone = 0;
      let lastReport = 0;
      const report = (phase: CopyProgress['phase'], table: string) => {
        const secs = (performance.now() - started) / 1000;
        const rate = secs > 0 ? rowsDone / secs : 0;
        opts.onProgress?.({ phase, table, rowsDone, rowsTotal, rate, etaSeconds: rate > 0 && phase === 'copying' ? (rowsTotal - rowsDone) / rate : null });
      };
      try {
        for await (const chunk of src.dumpRows({ rows: opts.chunkRows })) {
          await sink.add(chunk);
          rowsDone += chunk.rows.length;
          tables[chunk.table] = (tables[chunk.table] ?? 0) + chunk.rows.length;
          const now = performance.now();
          if (now - lastReport > 200) {
            lastReport = now;
            report('copying', chunk.table);
          }
        }
        report('indexing', '');
        await sink.finish();
        ok = true;
      } finally {
        if (!ok) await sink.abort();
      }
      return { from: src.locator, to: dst.locator, tables, rows: rowsDone, seconds: (performance.now() - started) / 1000 };
    } catch (e) {
      // a case this copy created goes again (a case file once closed, below)
      if (!existed && dst.backend === 'postgres') await removeCase(toLocator, dst).catch(() => {});
      throw e;
    } finally {
      await dst.close();
      if (!ok && !existed && dst.backend === 'sqlite') await removeCase(toLocator, dst).catch(() => {});
    }
  } finally {
    await src.close();
  }
}
