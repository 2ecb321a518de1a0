import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { dossier, findAccounts } from './dossier.js';
import { search } from './search.js';
import { buildTestCase, XSS } from '../server/test-support/case.js';
import { useTmp } from './test-support/tmp.js';
import type { ClewError } from '../model/errors.js';

const tmp = useTmp();

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as ClewError).code;
  }
  return undefined;
}

describe('dossier API', () => {
  it('opens an account by reference or by a name naming one account, hostile names kept as data', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, (store) => {
      const d = dossier(store, { account: 'skyecc:AAA111' });
      expect(d.subject).toMatchObject({ kind: 'account', ref: 'skyecc:AAA111' });
      expect(d.subject.label).toContain(XSS);
      expect(d.from).toBe('from:skyecc:AAA111');
      expect(d.activity.sent).toBe(122);
      expect(d.activity.received).toBe(2);
      expect(d.contacts.map((c) => [c.account.ref, c.total])).toEqual([['skyecc:BBB222', 124]]);
      expect(d.conversations.map((c) => c.title)).toContain('Chat <b onmouseover=window.__xss=3>1</b>');
      expect(d.entities.find((e) => e.type === 'phone')?.rows[0]?.value).toBe('+381641234567');
      expect(dossier(store, { account: 'أبو خالد' }).subject.ref).toBe('skyecc:BBB222');
      // every item's messages are found by the filter the dossier gives
      const phone = d.entities.find((e) => e.type === 'phone')!.rows[0]!;
      expect(search(store, { query: `${d.from} entity:phone=${phone.value}` }).hits).toHaveLength(phone.messages);
    });
  });

  it('answers NOT_FOUND for an unknown account or a person, INVALID_ARGUMENT for an empty one', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, (store) => {
      expect(code(() => dossier(store, { account: 'skyecc:NOPE' }))).toBe('NOT_FOUND');
      expect(code(() => dossier(store, { person: 'p1' }))).toBe('NOT_FOUND');
      expect(code(() => dossier(store, { account: '  ' }))).toBe('INVALID_ARGUMENT');
      expect(code(() => dossier(store, { account: 'x'.repeat(301) }))).toBe('INVALID_ARGUMENT');
    });
  });

  it('lists accounts named by a term and the most active ones', async () => {
    const { casePath } = await buildTestCase(tmp());
    await withCase(casePath, { readonly: true }, (store) => {
      const r = findAccounts(store, 'AAA111');
      expect(r.matches.map((a) => a.ref)).toEqual(['skyecc:AAA111']);
      expect(r.top[0]!.account.ref).toBe('skyecc:AAA111');
      expect(findAccounts(store, '').matches).toEqual([]);
    });
  });
});
