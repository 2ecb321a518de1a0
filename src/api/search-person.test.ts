import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../text/query/parse.js';
import { openCase } from './case.js';
import { decide } from './identity.js';
import { search } from './search.js';
import { buildIdentityCase, KUM_CONTACTS, NEW, NEW_PER_CONTACT, OLD, OLD_PER_CONTACT, SAILOR1 } from './test-support/identity-case.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('person: search filter', () => {
  it('parses person: terms (id or quoted name) and counts them as a filter', () => {
    expect(parseQuery('person:12').persons).toEqual(['12']);
    expect(parseQuery('kafa person:"Kum Đorđević" person:3').persons).toEqual(['Kum Đorđević', '3']);
    expect(parseQuery('kafa').persons).toBeUndefined();
    expect(() => parseQuery('person:')).toThrow(/needs a value/);
  });

  it('finds the messages sent by every account of a person, by id or name', async () => {
    const casePath = await buildIdentityCase(join(tmp(), 'c'));
    const ro = await openCase(casePath, { readonly: true });
    expect((await search(ro, { query: 'person:Kum', limit: 10 })).notes).toEqual(['person:Kum matches no person']);
    expect((await search(ro, { query: 'person:Kum', limit: 10 })).hits).toEqual([]);
    const m = await decide(casePath, { action: 'merge', a: OLD, b: NEW, name: 'Kum' }, { by: 'tester' });
    if (m.action !== 'merge') throw new Error('not a merge');
    const all = KUM_CONTACTS.length * (OLD_PER_CONTACT + NEW_PER_CONTACT) + 1;
    for (const q of ['person:Kum', 'person:kum', `person:${m.person.id}`, `person:#${m.person.id}`]) {
      const r = await search(ro, { query: q, limit: 200, count: 10_000 });
      expect(r.total?.count, q).toBe(all);
      expect(new Set(r.hits.map((h) => h.sender.ref)), q).toEqual(new Set([OLD, NEW]));
    }
    // with words and other filters: the announcement came from the new handle only
    const r = await search(ro, { query: 'person:Kum novi broj', limit: 10 });
    expect(r.hits.map((h) => h.sender.ref)).toEqual([NEW]);
    // joined with from: (either sender)
    const both = await search(ro, { query: `person:Kum from:${SAILOR1}`, limit: 200, count: 10_000 });
    expect(new Set(both.hits.map((h) => h.sender.ref))).toEqual(new Set([OLD, NEW, SAILOR1]));
    expect((await search(ro, { query: 'person:999', limit: 10 })).hits).toEqual([]);
    await ro.close();
  });
});
