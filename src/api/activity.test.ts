import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { activity, activityHeat, checkTimeZone, nextUnit, unitStart } from './activity.js';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';
import type { CaseStore } from './types.js';

const tmp = useTmp();
const [A, B, C] = ['sky:a', 'sky:b', 'sky:c'];
const DAY = 86_400_000;

/** Messages on Sat 2021-02-27 23:30 UTC (Sunday 00:30 in Belgrade), Mon 03-01 09:00 and 09:10, Wed 03-31, Thu 04-01; a call on 03-01 10:00. */
const times = ['2021-02-27T23:30:00Z', '2021-03-01T09:00:00Z', '2021-03-01T09:10:00Z', '2021-03-31T12:00:00Z', '2021-04-01T12:00:00Z'];

async function withStore<T>(fn: (s: CaseStore) => T | Promise<T>): Promise<T> {
  const d = tmp();
  const f = join(d, 'a.jsonl');
  const lines: unknown[] = [{ type: 'account', ref: A, display_name: 'Alpha' }, { type: 'conversation', ref: 'g', title: 'g' }];
  times.forEach((t, i) => lines.push(msg(i % 2 ? A : B, i % 2 ? B : A, t, `m${i}`, i === 4 ? { conversation: 'g' } : {})));
  lines.push({ type: 'call', from: C, to: A, ts: '2021-03-01T10:00:00Z', duration: 5 });
  writeFileSync(f, jsonl(lines));
  const s = await openCase(join(d, 'c.clew'), { create: true });
  try {
    await ingestFile(s, f, { analyse: false });
    return await fn(s);
  } finally {
    await s.close();
  }
}

const code = async (fn: () => unknown): Promise<string> => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ClewError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('units', () => {
  it('days, ISO weeks from Monday, calendar months, in UTC', () => {
    const t = Date.parse('2021-03-03T15:00:00Z'); // a Wednesday
    expect(new Date(unitStart('day', t)).toISOString()).toBe('2021-03-03T00:00:00.000Z');
    expect(new Date(unitStart('week', t)).toISOString()).toBe('2021-03-01T00:00:00.000Z');
    expect(new Date(unitStart('month', t)).toISOString()).toBe('2021-03-01T00:00:00.000Z');
    expect(new Date(nextUnit('month', Date.parse('2021-12-01T00:00:00Z'))).toISOString()).toBe('2022-01-01T00:00:00.000Z');
    for (let d = 0; d < 400; d++) {
      const x = Date.UTC(2020, 0, 1) + d * DAY + 7 * 3_600_000;
      const w = unitStart('week', x);
      expect(new Date(w).getUTCDay()).toBe(1);
      expect(x - w).toBeLessThan(7 * DAY);
      expect(x).toBeGreaterThanOrEqual(w);
    }
  });
});

describe('activity', () => {
  it('counts per day with empty days filled, per week and per month', () =>
    withStore(async (s) => {
      const d = await activity(s, { unit: 'day' });
      expect(d.buckets.length).toBe(34); // 02-27 .. 04-01
      expect(d.buckets[0]).toEqual({ start: Date.parse('2021-02-27T00:00:00Z'), end: Date.parse('2021-02-28T00:00:00Z'), messages: 1, calls: 0 });
      expect(d.buckets[2]).toMatchObject({ messages: 2, calls: 1 });
      expect(d.buckets[1]).toMatchObject({ messages: 0, calls: 0 });
      expect(d.totals).toEqual({ messages: 5, calls: 1 });
      const w = await activity(s, { unit: 'week' });
      expect(w.buckets.map((b) => [new Date(b.start).toISOString().slice(0, 10), b.messages, b.calls])).toEqual([
        ['2021-02-22', 1, 0],
        ['2021-03-01', 2, 1],
        ['2021-03-08', 0, 0],
        ['2021-03-15', 0, 0],
        ['2021-03-22', 0, 0],
        ['2021-03-29', 2, 0],
      ]);
      const m = await activity(s, { unit: 'month' });
      expect(m.buckets.map((b) => [new Date(b.start).toISOString().slice(0, 7), b.messages, b.calls])).toEqual([
        ['2021-02', 1, 0],
        ['2021-03', 3, 1],
        ['2021-04', 1, 0],
      ]);
    }));

  it('keeps to a range, an account, a conversation', () =>
    withStore(async (s) => {
      const r = await activity(s, { unit: 'month', after: Date.parse('2021-03-01T09:05:00Z'), before: Date.parse('2021-04-01T00:00:00Z') });
      expect(r.buckets.map((b) => [b.messages, b.calls])).toEqual([[2, 1]]);
      const c = await activity(s, { unit: 'month', accounts: ['sky:c'] });
      expect(c.totals).toEqual({ messages: 0, calls: 1 });
      expect(c.accounts.map((a) => a.ref)).toEqual(['sky:c']);
      expect((await activity(s, { unit: 'month', accounts: ['Alpha'] })).totals).toEqual({ messages: 5, calls: 1 });
      const hit = (await s.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded', after: Date.parse('2021-04-01T00:00:00Z') }, { limit: 1 })).hits[0]!;
      expect((await activity(s, { unit: 'day', conversation: hit.conversationId! })).totals).toEqual({ messages: 1, calls: 0 });
    }));

  it('refuses unknown units, accounts, mixed scopes, reversed ranges and too many buckets', () =>
    withStore(async (s) => {
      expect(await code(() => activity(s, { unit: 'year' as 'day' }))).toBe('INVALID_ARGUMENT');
      expect(await code(() => activity(s, { unit: 'day', accounts: ['sky:nobody'] }))).toBe('NOT_FOUND');
      expect(await code(() => activity(s, { unit: 'day', accounts: [A], conversation: 1 }))).toBe('INVALID_ARGUMENT');
      expect(await code(() => activity(s, { unit: 'day', after: 10 * DAY, before: DAY }))).toBe('INVALID_ARGUMENT');
      expect(await code(() => activity(s, { unit: 'day', after: 0, before: 100 * 365 * DAY }))).toBe('INVALID_ARGUMENT');
    }));
});

describe('day-of-week × hour', () => {
  it('in UTC and in a time zone', () =>
    withStore(async (s) => {
      const u = await activityHeat(s, {});
      expect(u.timeZone).toBe('UTC');
      expect(u.total).toBe(6);
      expect(u.cells[5]![23]).toBe(1); // Saturday 23:xx
      expect(u.cells[0]![9]).toBe(2); // Monday 09:xx
      expect(u.cells[0]![10]).toBe(1); // the call
      expect(u.cells[2]![12]).toBe(1); // Wednesday
      expect(u.cells[3]![12]).toBe(1); // Thursday
      expect(u.max).toBe(2);
      const b = await activityHeat(s, { timeZone: 'Europe/Belgrade' }); // UTC+1 in March, UTC+2 from 03-28
      expect(b.timeZone).toBe('Europe/Belgrade');
      expect(b.cells[6]![0]).toBe(1); // Sunday 00:30
      expect(b.cells[0]![10]).toBe(2);
      expect(b.cells[2]![14]).toBe(1); // summer time
      expect(b.total).toBe(6);
      expect((await activityHeat(s, { accounts: ['sky:c'] })).total).toBe(1);
    }));

  it('refuses unknown zones', async () => {
    expect(await code(() => checkTimeZone('Mars/Olympus'))).toBe('INVALID_ARGUMENT');
    expect(await code(() => checkTimeZone('<script>'))).toBe('INVALID_ARGUMENT');
    expect(checkTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });
});
