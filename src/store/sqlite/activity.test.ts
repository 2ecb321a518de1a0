import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import type { BatchItem, CaseStore } from '../types.js';
import { DAY_MS, HOUR_MS } from './activity.js';
import { openSqliteCase } from './store.js';

const msg = (from: string, to: string, ts: string, body: string): Record<string, unknown> => ({ type: 'message', from, to: [to], ts, body });

const R = (x: string) => `sky:${x}`;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2021, 2, 1, 9); // a Monday, 09:00 UTC

/** Messages over three days, a group message to two, calls both ways, one exact duplicate, a conversation. */
function records(): { lines: unknown[]; expect: { kind: 'm' | 'c'; ts: number; who: string[]; conv?: string }[] } {
  const lines: unknown[] = [{ type: 'conversation', ref: 'g1', title: 'group' }];
  const expect: { kind: 'm' | 'c'; ts: number; who: string[]; conv?: string }[] = [];
  const m = (from: string, to: string[], ts: number, body: string, conv?: string) => {
    lines.push({ ...msg(R(from), R(to[0]!), iso(ts), body), to: to.map(R), ...(conv ? { conversation: conv } : {}) });
    expect.push({ kind: 'm', ts, who: [from, ...to], conv });
  };
  m('a', ['b'], T0, 'one');
  m('b', ['a'], T0 + 30 * 60_000, 'two');
  m('a', ['b', 'c'], T0 + 2 * HOUR_MS, 'group', 'g1');
  m('c', ['a', 'b'], T0 + DAY_MS + 5 * HOUR_MS, 'group reply', 'g1');
  m('c', ['d'], T0 + 2 * DAY_MS, 'other');
  // the same message again (same sender, time and body): a duplicate, never counted
  lines.push(msg(R('c'), R('d'), iso(T0 + 2 * DAY_MS), 'other'));
  lines.push({ type: 'call', from: R('a'), to: R('d'), ts: iso(T0 + HOUR_MS), duration: 20 });
  expect.push({ kind: 'c', ts: T0 + HOUR_MS, who: ['a', 'd'] });
  lines.push({ type: 'call', from: R('d'), to: R('b'), ts: iso(T0 + 2 * DAY_MS + HOUR_MS), duration: 20 });
  expect.push({ kind: 'c', ts: T0 + 2 * DAY_MS + HOUR_MS, who: ['d', 'b'] });
  return { lines, expect };
}

/** The canonical lines as store records (what the canonical parser would yield), written in one batch. */
function asRecord(l: Record<string, unknown>): ClewRecord {
  const ts = typeof l.ts === 'string' ? Date.parse(l.ts) : 0;
  if (l.type === 'conversation') return { type: 'conversation', ref: String(l.ref), title: String(l.title) };
  if (l.type === 'call') return { type: 'call', from: String(l.from), to: String(l.to), ts, tzOffset: 0, duration: Number(l.duration) };
  return { type: 'message', from: String(l.from), to: l.to as string[], ts, tzOffset: 0, channel: 'chat', body: String(l.body), ...(l.conversation ? { conversation: String(l.conversation) } : {}) };
}

async function withStore<T>(fn: (s: CaseStore) => T | Promise<T>): Promise<T> {
  const d = mkdtempSync(join(tmpdir(), 'clew-activity-'));
  const s = openSqliteCase(join(d, 'c.clew'), { create: true, threadedWriter: false });
  try {
    const lines = records().lines as Record<string, unknown>[];
    const items: BatchItem[] = lines.map((l, i) => ({ kind: 'record', record: asRecord(l), locator: { line: i + 1 } }));
    const w = await s.beginSource({ path: join(d, 'a.jsonl'), name: 'a.jsonl', size: 1, sha256: 'a'.repeat(64), format: 'canonical', options: {} });
    await w.writeBatch(items, { offset: null, line: lines.length, itemsDone: lines.length });
    await w.finish();
    return await fn(s);
  } finally {
    await s.close();
    rmSync(d, { recursive: true, force: true });
  }
}

/** The counts straight from the record list: [bucket, n] ascending. */
function expected(bucketMs: number, kind: 'm' | 'c', keep: (r: ReturnType<typeof records>['expect'][number]) => boolean): [number, number][] {
  const m = new Map<number, number>();
  for (const r of records().expect) if (r.kind === kind && keep(r)) m.set(Math.floor(r.ts / bucketMs), (m.get(Math.floor(r.ts / bucketMs)) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

describe('store activity counts', () => {
  it('counts the whole case per day and per hour, duplicates left out', () =>
    withStore(async (s) => {
      expect((await s.stats()).duplicates).toBe(1);
      for (const b of [DAY_MS, HOUR_MS]) {
        const c = await s.activity({ bucketMs: b });
        expect(c.messages).toEqual(expected(b, 'm', () => true));
        expect(c.calls).toEqual(expected(b, 'c', () => true));
      }
      expect((await s.activity({ bucketMs: DAY_MS })).messages).toEqual([
        [Math.floor(T0 / DAY_MS), 3],
        [Math.floor(T0 / DAY_MS) + 1, 1],
        [Math.floor(T0 / DAY_MS) + 2, 1],
      ]);
    }));

  it('keeps to [after, before)', () =>
    withStore(async (s) => {
      const c = await s.activity({ bucketMs: HOUR_MS, after: T0 + 30 * 60_000, before: T0 + 2 * DAY_MS });
      expect(c.messages).toEqual(expected(HOUR_MS, 'm', (r) => r.ts >= T0 + 30 * 60_000 && r.ts < T0 + 2 * DAY_MS));
      expect(c.calls).toEqual([[Math.floor((T0 + HOUR_MS) / HOUR_MS), 1]]);
    }));

  it('counts what accounts sent or received, each message and call once', () =>
    withStore(async (s) => {
      for (const set of [['a'], ['b'], ['d'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
        const refs = await Promise.all(set.map(async (x) => (await s.resolveAccounts(R(x)))[0]!.id));
        expect(refs.length).toBe(set.length);
        const c = await s.activity({ bucketMs: DAY_MS, accounts: refs });
        const touches = (r: { who: string[] }) => r.who.some((w) => set.includes(w));
        expect(c.messages, set.join()).toEqual(expected(DAY_MS, 'm', touches));
        expect(c.calls, set.join()).toEqual(expected(DAY_MS, 'c', touches));
      }
    }));

  it('counts a conversation, without calls', () =>
    withStore(async (s) => {
      const hit = (await s.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded', after: T0 + 2 * HOUR_MS, before: T0 + 2 * HOUR_MS + 1 }, { limit: 1 })).hits[0]!;
      const c = await s.activity({ bucketMs: DAY_MS, conversation: hit.conversationId! });
      expect(c.messages).toEqual(expected(DAY_MS, 'm', (r) => r.conv === 'g1'));
      expect(c.calls).toEqual([]);
      expect((await s.activity({ bucketMs: DAY_MS, conversation: 999_999 })).messages).toEqual([]);
    }));

  it('refuses other buckets and bad bounds', () =>
    withStore(async (s) => {
      await expect(s.activity({ bucketMs: 60_000 })).rejects.toThrow(/hours or days/);
      await expect(s.activity({ bucketMs: DAY_MS, after: -1 })).rejects.toThrow(/epoch/);
    }));
});
