import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../store/chunks.js';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const T = '2021-03-01T12:00:00Z';
const mail = (to: string[], body = 'novi broj') => ({ type: 'message', from: 'email:mark@x.com', to, ts: T, body, channel: 'email' });
const chat = (conversation: string) => ({ type: 'message', from: 'skyecc:AAAAAA', conversation, ts: T, body: 'novi broj' });

describe('duplicates that are not (issue 15 part 9)', () => {
  it('keeps the same text sent at the same second to other recipients as its own message: every recipient, edge and hit stays', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    writeFileSync(f, jsonl([mail(['email:ann@x.com']), mail(['email:bob@x.com', 'email:cy@x.com'])]));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    const s = await ingestFile(store, f);
    expect(s.added).toEqual({ records: 2, rejected: 0, duplicates: 0 });
    expect(await collect(store.edges())).toHaveLength(3);
    for (const to of ['ann', 'bob', 'cy']) expect((await search(store, { query: `to:email:${to}@x.com novi` })).hits).toHaveLength(1);
    expect((await search(store, { query: 'novi broj' })).hits).toHaveLength(2);
    await store.close();
  });

  it('still links a copy addressed to the same people (in any order), in the same source or another', async () => {
    const d = tmp();
    const one = join(d, 'phone1.jsonl');
    const two = join(d, 'phone2.jsonl');
    writeFileSync(one, jsonl([mail(['email:bob@x.com', 'email:cy@x.com']), mail(['email:cy@x.com', 'email:bob@x.com'])]));
    writeFileSync(two, jsonl([mail(['email:bob@x.com', 'email:cy@x.com']), mail(['email:bob@x.com'])]));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    expect((await ingestFile(store, one)).added.duplicates).toBe(1);
    expect((await ingestFile(store, two)).added).toEqual({ records: 2, rejected: 0, duplicates: 1 });
    const edges = (await collect(store.edges())).map((e) => e.count).sort();
    expect(edges).toEqual([1, 2]); // mark→cy once, mark→bob twice (the copy to bob alone is a message of its own)
    await store.close();
  });

  it('tells conversations apart: the same text at the same second in two groups is two messages; in the same group, a duplicate', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    const members = (ref: string, others: string[]) => ({ type: 'conversation', ref, members: ['skyecc:AAAAAA', ...others] });
    writeFileSync(f, jsonl([members('g1', ['skyecc:BBBBBB']), members('g2', ['skyecc:CCCCCC']), chat('g1'), chat('g2'), chat('g1')]));
    const store = await openCase(join(d, 'c.clew'), { create: true });
    const s = await ingestFile(store, f);
    expect(s.added).toEqual({ records: 5, rejected: 0, duplicates: 1 });
    expect((await collect(store.edges())).map((e) => e.count)).toEqual([1, 1]);
    expect((await search(store, { query: 'to:skyecc:CCCCCC novi' })).hits).toHaveLength(1);
    await store.close();
  });
});
