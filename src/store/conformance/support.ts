/**
 * What the conformance suite's tests share: the factory contract, writing records through the
 * SourcePort, collecting row streams, and asserting on error codes.
 */
import { expect } from 'vitest';
import { ClewError } from '../../model/errors.js';
import type { ClewRecord, Locator } from '../../model/records.js';
import { createAnalyser } from '../../text/analyse.js';
import type { SearchMode, SearchQuery } from '../../text/query/ast.js';
import { parseQuery } from '../../text/query/parse.js';
import type { BatchItem, CaseStore, SourceMeta, SourceRow } from '../types.js';

/** A fresh, empty, writable case. */
export interface TestCase {
  store: CaseStore;
  /** The locator it was opened with (as `openCase` takes it). */
  locator: string;
  cleanup(): Promise<void>;
}

export type CaseFactory = () => Promise<TestCase>;

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function meta(sha: string, name = 'a.jsonl'): SourceMeta {
  return { path: `/evidence/${name}`, name, size: 1000, sha256: sha.repeat(64 / sha.length), format: 'canonical', options: { tz: 'UTC' } };
}

export function items(records: readonly ClewRecord[], firstLine = 1): BatchItem[] {
  return records.map((record, i): BatchItem => ({ kind: 'record', record, locator: { line: firstLine + i } satisfies Locator }));
}

/**
 * What the ingest pipeline's analyse stage does before a batch goes to a writer (the writers
 * only store: src/ingest/analyse.ts, which the store may not import): one analyser per source,
 * with the case's code words, attaching each message's language and mentions to its item. The
 * language fallback groups a message with its conversation, or with the pair of a one-to-one
 * message, as the stage does.
 */
export async function analyserFor(store: Pick<CaseStore, 'lexicon'>, defaultRegion?: string): Promise<(batch: BatchItem[]) => BatchItem[]> {
  const lexicon = (await store.lexicon()).map((e) => ({ term: e.term, means: e.means, type: e.type ?? undefined }));
  const a = await createAnalyser({ defaultRegion, lexicon });
  return (batch) => {
    for (const it of batch) {
      if (it.kind !== 'record' || it.record.type !== 'message') continue;
      const r = it.record;
      const to = [...new Set(r.to)];
      const thread = r.conversation !== undefined ? `c:${r.conversation}` : to.length === 1 ? [r.from, to[0]!].sort().join('\u0000') : null;
      it.analysis = a.analyse(r.body, thread);
    }
    return batch;
  };
}

/** Write records as one source (line i + 1 each, in one batch), analysed if `analyse`, complete it unless `finish` is false. */
export async function ingest(
  store: CaseStore,
  records: readonly ClewRecord[],
  opts: { sha?: string; name?: string; analyse?: boolean; finish?: boolean; rejects?: BatchItem[] } = {},
): Promise<SourceRow | null> {
  const analyse = opts.analyse ? await analyserFor(store) : (b: BatchItem[]) => b;
  const w = await store.beginSource(meta(opts.sha ?? 'a', opts.name));
  const all = analyse([...items(records), ...(opts.rejects ?? [])]);
  await w.writeBatch(all, { offset: null, line: records.length + 1, itemsDone: all.length });
  if (opts.finish === false) {
    await w.abort();
    return null;
  }
  return w.finish();
}

export async function collect<T>(rows: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of rows) out.push(...chunk);
  return out;
}

export function query(text: string, mode: SearchMode = 'folded'): SearchQuery {
  return parseQuery(text, mode);
}

/** The filter-only query (no text) with some fields set. */
export function filters(q: Partial<SearchQuery>): SearchQuery {
  return { text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded', ...q };
}

/** The ClewError a promise rejects with (anything else it rejects with is rethrown; resolving fails). */
export async function caught(p: Promise<unknown>): Promise<ClewError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ClewError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** The ClewError code a promise rejects with (or a function throws with). */
export async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return (e as { code?: string }).code;
  }
  expect.unreachable('expected an error');
  return undefined;
}

export const msg = (from: string, to: string[], ts: number, body: string, extra: Partial<Extract<ClewRecord, { type: 'message' }>> = {}): ClewRecord => ({
  type: 'message',
  from,
  to,
  channel: 'chat',
  ts,
  tzOffset: 0,
  body,
  ...extra,
});

export const call = (from: string, to: string, ts: number, duration: number): ClewRecord => ({ type: 'call', from, to, ts, tzOffset: 0, duration });
