import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';
import { threadPage } from './thread.js';

const tmp = useTmp();

async function caseWith(n: number): Promise<string> {
  const dir = tmp();
  const recs = Array.from({ length: n }, (_, i) => msg('skyecc:AAA', 'skyecc:BBB', new Date(Date.UTC(2021, 0, 1, 0, i)).toISOString(), `message number ${i}`, { conversation: 'c1' }));
  writeFileSync(join(dir, 'r.jsonl'), jsonl(recs));
  const c = join(dir, 'case.clew');
  await withCase(c, { create: true }, (s) => ingestFile(s, join(dir, 'r.jsonl')));
  return c;
}

describe('threadPage', () => {
  it('pages around a message and says whether there is more on each side', async () => {
    const c = await caseWith(10);
    await withCase(c, { readonly: true }, async (s) => {
      const id = (await search(s, { query: '"number 5"' })).hits[0]!.id;
      const p = await threadPage(s, id, { before: 2, after: 3 });
      expect(p.messages.map((m) => m.body)).toEqual(['message number 3', 'message number 4', 'message number 5', 'message number 6', 'message number 7', 'message number 8']);
      expect(p).toMatchObject({ moreBefore: true, moreAfter: true });
      const all = await threadPage(s, id, { before: 5, after: 4 });
      expect(all.messages).toHaveLength(10);
      expect(all).toMatchObject({ moreBefore: false, moreAfter: false });
      const older = await threadPage(s, p.messages[0]!.id, { before: 10, after: 0 });
      expect(older.messages.map((m) => m.body)).toEqual(['message number 0', 'message number 1', 'message number 2', 'message number 3']);
      expect(older).toMatchObject({ moreBefore: false, moreAfter: true });
    });
  });
});

describe('a group named by its people (issue 17 part 2)', () => {
  async function group(title: string): Promise<string> {
    const dir = tmp();
    const members = ['skyecc:AAA', 'skyecc:BBB', 'skyecc:CCC', 'skyecc:DDD', 'skyecc:EEE'];
    const recs: unknown[] = [
      { type: 'account', ref: 'skyecc:AAA', kind: 'pin', display_name: 'Ljuba' },
      { type: 'conversation', ref: 'g1', title, members },
      // BBB has no name of its own: 2 phones saved it as Tata, 1 as Ćale; CCC saved once as Kum
      { type: 'contact', owner: 'skyecc:AAA', contact: 'skyecc:BBB', name: 'Tata' },
      { type: 'contact', owner: 'skyecc:DDD', contact: 'skyecc:BBB', name: 'Tata' },
      { type: 'contact', owner: 'skyecc:EEE', contact: 'skyecc:BBB', name: 'Ćale' },
      { type: 'contact', owner: 'skyecc:AAA', contact: 'skyecc:CCC', name: 'Kum' },
    ];
    const from = ['skyecc:BBB', 'skyecc:BBB', 'skyecc:BBB', 'skyecc:CCC', 'skyecc:CCC', 'skyecc:AAA', 'skyecc:DDD'];
    // addressed to the conversation: its declared members
    from.forEach((f, i) => recs.push({ type: 'message', from: f, ts: new Date(Date.UTC(2021, 0, 1, 0, i)).toISOString(), body: `poruka ${i}`, conversation: 'g1' }));
    writeFileSync(join(dir, 'r.jsonl'), jsonl(recs));
    const c = join(dir, 'case.clew');
    await withCase(c, { create: true }, (s) => ingestFile(s, join(dir, 'r.jsonl')));
    return c;
  }

  it('titles a group without a real title by its members’ best names, most active first; keeps a real title', async () => {
    for (const [title, want] of [
      ['☕', 'Tata, Kum, Ljuba +2'],
      ['', 'Tata, Kum, Ljuba +2'],
      ['Porodica', 'Porodica'],
    ] as const) {
      const c = await group(title);
      await withCase(c, { readonly: true }, async (s) => {
        const id = (await search(s, { query: '"poruka 3"' })).hits[0]!.id;
        const p = await threadPage(s, id, { before: 10, after: 10 });
        expect(p.title, title).toBe(want);
        expect(p.messages.every((m) => m.conversationTitle === want)).toBe(true);
        expect(p.members.map((m) => m.label)).toEqual(['Tata', 'Kum', 'Ljuba', 'DDD', 'EEE']);
        expect(p.messages[0]!.sender).toMatchObject({ ref: 'skyecc:BBB', label: 'Tata', displayName: null });
      });
    }
  });
});
