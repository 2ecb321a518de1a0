import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../store/chunks.js';
import { openCase } from './case.js';
import { buildIdentityCase, KUM_CONTACTS, NEW, OLD } from './test-support/identity-case.js';
import { reviewPair } from './identity.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('review data of a few handles', () => {
  it('reads the same handles, saved names and links as the whole-case load, for those accounts only', async () => {
    const ro = await openCase(await buildIdentityCase(join(tmp(), 'c')), { readonly: true });
    const all = await ro.identity().data([]);
    const ids = (await collect(ro.accounts())).filter((a) => a.ref === OLD || a.ref === NEW || a.ref === KUM_CONTACTS[0]).map((a) => a.id);
    const few = await ro.identity().dataFor(ids);
    const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(few.handles).toEqual(all.handles.filter((h) => ids.includes(h.id)));
    expect(sort(few.contacts)).toEqual(sort(all.contacts.filter((c) => ids.includes(c.contact))));
    expect(sort(few.links)).toEqual(sort(all.links.filter((l) => ids.includes(l.a) || ids.includes(l.b))));
    expect(few.identifiers).toEqual([]);
    expect((await ro.identity().dataFor([])).handles).toEqual([]);
    const r = await reviewPair(ro, OLD, NEW);
    expect(r.a.messages).toBe(all.handles.find((h) => h.ref === OLD)!.messages);
    expect(r.b.hours).toEqual(all.handles.find((h) => h.ref === NEW)!.hours);
    await ro.close();
  });
});
