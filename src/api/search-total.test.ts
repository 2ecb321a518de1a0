import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { listEntities } from './entities.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';

async function sample(): Promise<string> {
  const d = tmp();
  const at = (i: number) => new Date(Date.UTC(2021, 2, 1, 10, i)).toISOString();
  const records: unknown[] = [{ type: 'conversation', ref: 'c1', title: 'Luka <b>Bar</b>' }];
  for (let i = 0; i < 30; i++) records.push(msg(A, B, at(i), `kafa ${i} broj +38164123${String(4500 + i)}`, { conversation: 'c1' }));
  records.push(msg(B, A, at(40), 'kafa direct, no conversation'));
  const f = join(d, 'a.jsonl');
  writeFileSync(f, jsonl(records));
  const casePath = join(d, 'c.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
  return casePath;
}

describe('search totals and conversation titles', () => {
  it('counts the matches up to the cap on the first page only, and gives each hit its conversation title', async () => {
    const casePath = await sample();
    await withCase(casePath, { readonly: true }, async (store) => {
      const r = await search(store, { query: 'kafa', limit: 5, count: 100 });
      expect(r.total).toEqual({ count: 31, capped: false });
      expect(r.hits[0]!.conversationTitle).toBeNull(); // the newest is the direct message
      expect(r.hits[1]!.conversationTitle).toBe('Luka <b>Bar</b>');
      expect((await search(store, { query: 'kafa', limit: 5, count: 10 })).total).toEqual({ count: 10, capped: true });
      expect((await search(store, { query: `from:${A}`, limit: 5, count: 100 })).total).toEqual({ count: 30, capped: false });
      expect((await search(store, { query: 'kafa', limit: 5, cursor: r.nextCursor!, count: 100 })).total).toBeUndefined();
      expect((await search(store, { query: 'kafa', limit: 5 })).total).toBeUndefined();
      // one page holds them all: counted from the page
      expect((await search(store, { query: 'kafa', limit: 50, count: 100 })).total).toEqual({ count: 31, capped: false });
      expect((await search(store, { query: 'kafa', limit: 50, count: 10 })).total).toEqual({ count: 10, capped: true });
      expect((await search(store, { query: `kafa from:${A}`, limit: 5, count: 100 })).total).toEqual({ count: 30, capped: false });
      expect((await search(store, { query: 'kafa', mode: 'exact', limit: 5, count: 100 })).total).toBeUndefined();
    });
  });

  it('pages the entity list with a stable order', async () => {
    const casePath = await sample();
    await withCase(casePath, { readonly: true }, async (store) => {
      const all = (await listEntities(store, { type: 'phone', limit: 100 })).map((e) => e.value);
      expect(all).toHaveLength(30);
      const pages = (await Promise.all([0, 10, 20].map(async (offset) => (await listEntities(store, { type: 'phone', limit: 10, offset })).map((e) => e.value)))).flat();
      expect(pages).toEqual(all);
    });
  });
});
