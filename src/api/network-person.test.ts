import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdentityCase, KUM_CONTACTS, NEW, NEW_PER_CONTACT, OLD, OLD_PER_CONTACT, SAILOR1 } from './test-support/identity-case.js';
import { openCase } from './case.js';
import { ego, graphContext, path, rank } from './graph.js';
import { timeWindows } from './graph-windows.js';
import { decide } from './identity.js';
import { loadCaseNetwork, type Network } from './network.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const weight = (n: Network, a: string, b: string) => {
  const s = n.keys.indexOf(a);
  const d = n.keys.indexOf(b);
  for (let i = 0; i < n.edges.src.length; i++) if (n.edges.src[i] === s && n.edges.dst[i] === d) return n.edges.weight[i]!;
  return 0;
};

describe('loadCaseNetwork at person level', () => {
  it('makes merged handles one node with summed weights; unmerged accounts stand for themselves', async () => {
    const casePath = await buildIdentityCase(join(tmp(), 'c'));
    const ro = await openCase(casePath, { readonly: true });
    // before any decision both levels are the same network
    const acc0 = await loadCaseNetwork(ro);
    const per0 = await loadCaseNetwork(ro, { level: 'person' });
    expect(per0.keys).toEqual(acc0.keys);
    expect(per0.members?.every((m) => m === null)).toBe(true);

    const m = await decide(casePath, { action: 'merge', a: OLD, b: NEW, name: 'Kum' }, { by: 'tester' });
    if (m.action !== 'merge') throw new Error('not a merge');
    const pk = `person:${m.person.id}`;
    const acc = await loadCaseNetwork(ro);
    const per = await loadCaseNetwork(ro, { level: 'person' });
    expect(acc.edges.n).toBe(acc0.edges.n);
    expect(per.edges.n).toBe(acc.edges.n - 1);
    expect(per.keys).toContain(pk);
    expect(per.keys).not.toContain(OLD);
    expect(per.keys).not.toContain(NEW);
    expect(per.keys).toContain(SAILOR1);
    const v = per.keys.indexOf(pk);
    expect(per.labels[v]).toBe('Kum');
    expect(per.accounts[v]).toBeNull();
    expect(per.members?.[v]?.map((a) => a.ref)).toEqual([OLD, NEW]);
    for (const c of KUM_CONTACTS) {
      expect(weight(acc, OLD, c)).toBe(OLD_PER_CONTACT);
      expect(weight(per, pk, c)).toBe(weight(acc, OLD, c) + weight(acc, NEW, c));
      expect(weight(per, c, pk)).toBe(weight(acc, c, OLD));
    }
    expect(weight(per, pk, KUM_CONTACTS[1]!)).toBe(OLD_PER_CONTACT + NEW_PER_CONTACT);
    // total weight kept (no messages between the two handles here)
    const sum = (n: Network) => n.edges.weight.reduce((x, y) => x + y, 0);
    expect(sum(per)).toBe(sum(acc));

    // measures: a contact talked to OLD and NEW (2 of its neighbours) and now to one person; the person has all four contacts
    const ctxA = graphContext(acc, ro);
    const ctxP = graphContext(per, ro);
    const degree = (ctx: typeof ctxA, key: string) => rank(ctx, { by: 'degree', top: 100 }).rows.find((r) => r.key === key)!.score;
    expect(degree(ctxA, KUM_CONTACTS[1]!)).toBe(2 + 3);
    expect(degree(ctxP, KUM_CONTACTS[1]!)).toBe(1 + 3);
    expect(degree(ctxP, pk)).toBe(KUM_CONTACTS.length);
    // a member's reference and the person key both name the person node
    expect((await ego(ctxP, NEW, { hops: 1 })).center.key).toBe(pk);
    expect((await path(ctxP, pk, KUM_CONTACTS[2]!)).length).toBe(1);
    const w = await timeWindows(ctxP, { unit: 'month' });
    expect(w.windows.length).toBeGreaterThan(0);
    await ro.close();
  });

  it('drops messages between a person’s own handles (self-loops)', async () => {
    const casePath = await buildIdentityCase(join(tmp(), 'c'));
    await decide(casePath, { action: 'merge', a: OLD, b: KUM_CONTACTS[0]!, name: 'Odd' }, { by: 'tester' });
    const ro = await openCase(casePath, { readonly: true });
    const per = await loadCaseNetwork(ro, { level: 'person' });
    for (let i = 0; i < per.edges.src.length; i++) expect(per.edges.src[i]).not.toBe(per.edges.dst[i]);
    const acc = await loadCaseNetwork(ro);
    const sum = (n: Network) => n.edges.weight.reduce((x, y) => x + y, 0);
    expect(sum(per)).toBe(sum(acc) - weight(acc, OLD, KUM_CONTACTS[0]!) - weight(acc, KUM_CONTACTS[0]!, OLD));
    await ro.close();
  });
});
