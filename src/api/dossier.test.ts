import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClewError } from '../model/errors.js';
import { withCase } from './case.js';
import { dossier, findAccounts } from './dossier.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const XSS = '<img src=x onerror=window.__xss=1>';

/** The shape of the server's hostile test case (src/server/test-support/case.ts), built here (api may not import server). */
async function buildTestCase(dir: string): Promise<{ casePath: string }> {
  const at = (minute: number) => new Date(Date.UTC(2021, 2, 1, 10, minute)).toISOString();
  const records: unknown[] = [
    { type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: `<script>window.__xss=2</script>Kum ${XSS}` },
    { type: 'account', ref: 'skyecc:BBB222', kind: 'pin', display_name: 'أبو خالد' },
    { type: 'conversation', ref: 'chat-1', title: 'Chat <b onmouseover=window.__xss=3>1</b>' },
    msg('skyecc:AAA111', 'skyecc:BBB222', at(0), 'dobro jutro, kafa stiže sutra, zovi +381641234567', { conversation: 'chat-1' }),
    msg('skyecc:BBB222', 'skyecc:AAA111', at(1), 'الشحنة وصلت إلى الميناء', { conversation: 'chat-1' }),
    msg('skyecc:AAA111', 'skyecc:BBB222', at(2), `the kafa is here ${XSS}`, { conversation: 'chat-1' }),
    msg('skyecc:BBB222', 'skyecc:AAA111', at(3), 'Контејнер у Бару, кафа 850 кг', { conversation: 'chat-1' }),
  ];
  for (let i = 0; i < 120; i++) records.push(msg('skyecc:AAA111', 'skyecc:BBB222', at(10 + i), `filler kafa message ${i}`, { conversation: 'chat-2' }));
  const f = join(dir, 'src.jsonl');
  writeFileSync(f, jsonl(records));
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
  return { casePath };
}

async function code(f: () => unknown): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return (e as ClewError).code;
  }
  return undefined;
}

describe('dossier API', () => {
  it('opens an account by reference or by a name naming one account, hostile names kept as data', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, async (store) => {
      const d = await dossier(store, { account: 'skyecc:AAA111' });
      expect(d.subject).toMatchObject({ kind: 'account', ref: 'skyecc:AAA111' });
      expect(d.subject.label).toContain(XSS);
      expect(d.from).toBe('from:skyecc:AAA111');
      expect(d.activity.sent).toBe(122);
      expect(d.activity.received).toBe(2);
      expect(d.contacts.map((c) => [c.account.ref, c.total])).toEqual([['skyecc:BBB222', 124]]);
      expect(d.conversations.map((c) => c.title)).toContain('Chat <b onmouseover=window.__xss=3>1</b>');
      expect(d.entities.find((e) => e.type === 'phone')?.rows[0]?.value).toBe('+381641234567');
      expect((await dossier(store, { account: 'أبو خالد' })).subject.ref).toBe('skyecc:BBB222');
      // every item's messages are found by the filter the dossier gives
      const phone = d.entities.find((e) => e.type === 'phone')!.rows[0]!;
      expect((await search(store, { query: `${d.from} entity:phone=${phone.value}` })).hits).toHaveLength(phone.messages);
    });
  });

  it('answers NOT_FOUND for an unknown account or a person, INVALID_ARGUMENT for an empty one', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, async (store) => {
      expect(await code(() => dossier(store, { account: 'skyecc:NOPE' }))).toBe('NOT_FOUND');
      expect(await code(() => dossier(store, { person: 'p1' }))).toBe('NOT_FOUND');
      expect(await code(() => dossier(store, { account: '  ' }))).toBe('INVALID_ARGUMENT');
      expect(await code(() => dossier(store, { account: 'x'.repeat(301) }))).toBe('INVALID_ARGUMENT');
    });
  });

  it('lists accounts named by a term and the most active ones', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, async (store) => {
      const r = await findAccounts(store, 'AAA111');
      expect(r.matches.map((a) => a.ref)).toEqual(['skyecc:AAA111']);
      expect(r.top[0]!.account.ref).toBe('skyecc:AAA111');
      expect((await findAccounts(store, '')).matches).toEqual([]);
    });
  });

  it('labels the most active accounts by their best name: one without a display name by the name phones saved it under', async () => {
    const d = tmp();
    const at = (minute: number) => new Date(Date.UTC(2021, 2, 1, 10, minute)).toISOString();
    const f = join(d, 'src.jsonl');
    writeFileSync(
      f,
      jsonl([
        { type: 'contact', owner: 'skyecc:AAA111', contact: 'skyecc:CCC333', name: 'Tata' },
        { type: 'contact', owner: 'skyecc:BBB222', contact: 'skyecc:CCC333', name: 'Tata' },
        msg('skyecc:CCC333', 'skyecc:AAA111', at(0), 'dobro jutro'),
        msg('skyecc:CCC333', 'skyecc:BBB222', at(1), 'kafa sutra'),
      ]),
    );
    const casePath = join(d, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
    await withCase(casePath, { readonly: true }, async (store) => {
      const top = (await findAccounts(store, '')).top;
      expect(top[0]!.account).toMatchObject({ ref: 'skyecc:CCC333', displayName: null, label: 'Tata' });
      expect((await findAccounts(store, 'Tata')).matches).toMatchObject([{ ref: 'skyecc:CCC333', label: 'Tata' }]);
    });
  });
});
