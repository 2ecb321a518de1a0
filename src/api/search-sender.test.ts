import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const QUIET = 'skyecc:QQQQQQ';
const LOUD = 'skyecc:LLLLLL';
const OTHER = 'skyecc:OOOOOO';

/**
 * Words with a sender filter take one of two plans (store.search: the index's matches filtered
 * by sender, or the senders' messages checked against the index): a quiet sender and a word
 * everyone writes takes the second, a rare word the first. Both must give the same pages.
 */
async function sample(): Promise<string> {
  const d = tmp();
  const at = (i: number) => new Date(Date.UTC(2021, 2, 1, 0, 0, i)).toISOString();
  const records: unknown[] = [];
  let t = 0;
  for (let i = 0; i < 900; i++) records.push(msg(LOUD, OTHER, at(t++), `kafa sutra ${i}`));
  for (let i = 0; i < 5; i++) records.push(msg(QUIET, OTHER, at(t++), i % 2 ? `kafa stize ${i}` : `nesto drugo ${i}`));
  records.push(msg(QUIET, OTHER, at(t++), 'rijetka rec'));
  for (let i = 0; i < 100; i++) records.push(msg(LOUD, OTHER, at(t++), `kafa ${i}`));
  const f = join(d, 'a.jsonl');
  writeFileSync(f, jsonl(records));
  const casePath = join(d, 'c.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
  return casePath;
}

const bodies = (r: Awaited<ReturnType<typeof search>>) => r.hits.map((h) => h.snippet.text);

describe('words from a few senders', () => {
  it('finds the same messages whichever plan runs, newest first, paged, counted', async () => {
    const casePath = await sample();
    await withCase(casePath, { readonly: true }, async (store) => {
      // common word, quiet sender (1,003 matches ≥ 150 × 6 sent): the senders' walk
      expect(bodies(await search(store, { query: `kafa from:${QUIET}`, limit: 10 }))).toEqual(['kafa stize 3', 'kafa stize 1']);
      const p1 = await search(store, { query: `kafa from:${QUIET}`, limit: 1, count: 100 });
      expect(bodies(p1)).toEqual(['kafa stize 3']);
      expect(p1.total).toEqual({ count: 2, capped: false });
      expect(bodies(await search(store, { query: `kafa from:${QUIET}`, limit: 1, cursor: p1.nextCursor! }))).toEqual(['kafa stize 1']);
      expect(bodies(await search(store, { query: `kafa -stize from:${QUIET}`, limit: 10 }))).toEqual([]);
      expect(bodies(await search(store, { query: `KAFA from:${QUIET}`, mode: 'exact', limit: 10 }))).toEqual([]);
      expect(bodies(await search(store, { query: `kafa from:${QUIET} before:2021-03-01T00:15:03Z`, limit: 10 }))).toEqual(['kafa stize 1']);
      // rare word: the index's matches
      expect(bodies(await search(store, { query: `rijetka from:${QUIET}`, limit: 10 }))).toEqual(['rijetka rec']);
      expect(bodies(await search(store, { query: `rijetka from:${LOUD}`, limit: 10 }))).toEqual([]);
      // a loud sender (≥ 2,000 messages would always take the index's matches) still pages right
      const loud = await search(store, { query: `kafa from:${LOUD}`, limit: 3 });
      expect(bodies(loud)).toEqual(['kafa 99', 'kafa 98', 'kafa 97']);
    });
  });
});
