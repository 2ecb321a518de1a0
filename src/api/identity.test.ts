import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase, withCase } from './case.js';
import { decide, identityList, identitySuggest, reviewPair } from './identity.js';
import { ingestFile } from './ingest.js';
import { useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const OLD = 'skyecc:A00001';
const NEW = 'skyecc:A00002';
const msg = (from: string, to: string, day: number, body: string) =>
  JSON.stringify({ type: 'message', from, to: [to], ts: new Date(Date.UTC(2021, 0, day, 14)).toISOString(), body });

/** OLD (January) rotates to NEW (February): same contacts, names in two scripts, same IMEI, an announcement. */
async function rotationCase(): Promise<string> {
  const lines = [
    JSON.stringify({ type: 'account', ref: OLD, kind: 'pin', display_name: 'Kum Đorđević' }),
    JSON.stringify({ type: 'account', ref: NEW, kind: 'pin' }),
    JSON.stringify({ type: 'device', account: OLD, identifiers: { imei: '356938035643809' } }),
    JSON.stringify({ type: 'device', account: NEW, identifiers: { imei: '356938035643809' } }),
  ];
  const contacts = ['skyecc:C00001', 'skyecc:C00002', 'skyecc:C00003', 'skyecc:C00004'];
  for (const c of contacts) {
    lines.push(JSON.stringify({ type: 'contact', owner: c, contact: OLD, name: 'Kum Đorđević' }));
    lines.push(JSON.stringify({ type: 'contact', owner: c, contact: NEW, name: 'Кум Ђорђевић' }));
    for (let d = 1; d <= 20; d++) lines.push(msg(OLD, c, d, `poruka ${d} za kafu ${c}`));
    for (let d = 24; d <= 31; d++) lines.push(msg(NEW, c, d, `poruka ${d} za kafu ${c}`));
  }
  lines.push(msg(NEW, contacts[0]!, 24, 'Brate ovo je moj novi broj'));
  const src = join(tmp(), 'rot.jsonl');
  writeFileSync(src, lines.join('\n') + '\n');
  const casePath = join(tmp(), 'case.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src));
  return casePath;
}

describe('identity API', () => {
  it('suggests the rotation with evidence, then records merge, split and reject decisions', async () => {
    const casePath = await rotationCase();
    const ro = await openCase(casePath, { readonly: true });
    const r = await identitySuggest(ro);
    expect(r.suggestions.map((s) => [s.a.ref, s.b.ref])).toEqual([[OLD, NEW]]);
    const s = r.suggestions[0]!;
    expect(s.score).toBeGreaterThan(0.99);
    expect(s.evidence.find((e) => e.signal === 'identifiers')?.identifiers?.[0]).toMatchObject({ type: 'imei', value: '356938035643809' });
    expect(s.evidence.find((e) => e.signal === 'statements')?.messages).toHaveLength(1);
    expect(r.pairsScored).toBeLessThan(r.allPairs);
    const review = await reviewPair(ro, OLD, NEW);
    expect(review.a.names.map((n) => n.name)).toContain('Kum Đorđević');
    expect(review.b.names.map((n) => n.name)).toContain('Кум Ђорђевић');
    expect(review.a.contacts).toHaveLength(4);
    expect(review.b.hours[14]).toBeGreaterThan(0);

    // the read-only handle stays open while a decision goes through a short-lived writable one
    const m = await decide(casePath, { action: 'merge', a: OLD, b: NEW, name: 'Kum' }, { by: 'tester', why: 'same IMEI' });
    expect(m).toMatchObject({ action: 'merge', person: { name: 'Kum' } });
    expect((await identityList(ro)).persons.map((p) => p.accounts.map((a) => a.ref))).toEqual([[OLD, NEW]]);
    expect((await identitySuggest(ro)).suggestions).toEqual([]);
    await decide(casePath, { action: 'split', account: NEW }, { by: 'tester' });
    await decide(casePath, { action: 'reject', a: OLD, b: NEW }, { by: 'tester', why: 'two brothers' });
    expect((await identitySuggest(ro)).suggestions).toEqual([]);
    await decide(casePath, { action: 'unreject', a: OLD, b: NEW }, { by: 'tester' });
    expect((await identitySuggest(ro)).suggestions).toHaveLength(1);
    const log = (await identityList(ro)).decisions;
    expect(log.map((d) => d.action)).toEqual(['unreject', 'reject', 'split', 'merge']);
    expect(log.every((d) => d.by === 'tester')).toBe(true);
    await expect(decide(casePath, { action: 'merge', a: OLD, b: 'skyecc:NOPE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ro.close();
  });
});
