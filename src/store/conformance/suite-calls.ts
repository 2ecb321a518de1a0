/**
 * Conformance: calls (CallPort): read by id in the order asked, an account's calls, and what
 * passed between two accounts on either side of a call or message, in the order calls and
 * messages are placed in (time, then calls before messages, then id); copies left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStore, CommunicationKey } from '../types.js';
import { type CaseFactory, type TestCase, call, codeOf, ingest, msg } from './support.js';

const T = Date.UTC(2021, 2, 1, 10);
const MIN = 60_000;
const A = 'sky:ana';
const B = 'sky:boban';
const C = 'sky:ceca';

export function describeCalls(factory: CaseFactory): void {
  describe('calls and what passed between two accounts', () => {
    let tc: TestCase | undefined;
    beforeAll(async () => {
      tc = await factory();
      const s = tc.store;
      await ingest(s, [
        msg(A, [B], T, 'm1'),
        call(A, B, T + 10 * MIN, 60),
        msg(B, [A], T + 10 * MIN, 'm2 at the same time as the call'),
        call(A, C, T + 15 * MIN, 5),
        call(B, A, T + 20 * MIN, 0),
        msg(C, [A], T + 25 * MIN, 'not between A and B'),
        msg(A, [B, C], T + 30 * MIN, 'm3 to both'),
      ]);
      // the same call again from another source: a copy, never listed
      await ingest(s, [call(B, A, T + 20 * MIN, 0)], { sha: 'b', name: 'second.jsonl' });
    }, 120_000);
    afterAll(async () => {
      await tc?.cleanup();
    });
    const c = { store: (): CaseStore => tc!.store };
    const id = async (ref: string) => (await c.store().resolveAccounts(ref))[0]!.id;
    const show = (keys: CommunicationKey[]) => keys.map((k) => `${k.kind}@${(k.ts - T) / MIN}`);

    it('reads calls by id in the order asked with both parties, duration and provenance; lists an account’s calls oldest first', async () => {
      const s = c.store();
      const [a, b, cc] = [await id(A), await id(B), await id(C)];
      const ofA = await s.callsOf([a], { limit: 10 });
      expect(ofA.map((k) => [k.caller.ref, k.callee.ref, (k.ts - T) / MIN, k.duration])).toEqual([
        [A, B, 10, 60],
        [A, C, 15, 5],
        [B, A, 20, 0],
      ]);
      expect(ofA.every((k) => k.duplicateOf === null && k.channel === 'call')).toBe(true);
      expect((await s.callsOf([a], { with: [b], limit: 10 })).map((k) => k.id)).toEqual([ofA[0]!.id, ofA[2]!.id]);
      expect((await s.callsOf([cc], { limit: 10 })).map((k) => k.id)).toEqual([ofA[1]!.id]);
      expect((await s.callsOf([a], { limit: 1 })).map((k) => k.id)).toEqual([ofA[0]!.id]);
      const two = await s.calls([ofA[2]!.id, ofA[0]!.id]);
      expect(two.map((k) => k.id)).toEqual([ofA[2]!.id, ofA[0]!.id]);
      expect(two[1]!.provenance).toMatchObject({ sourceId: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await s.calls([])).toEqual([]);
      expect(await codeOf(s.calls([ofA[0]!.id, 987654321]))).toBe('NOT_FOUND');
    });

    it('gives the nearest calls and messages between two accounts on each side, either way, in (time, calls first, id) order', async () => {
      const s = c.store();
      const [a, b] = [await id(A), await id(B)];
      const [k1, , k2] = await s.callsOf([a], { limit: 10 });
      const at1 = { kind: 'call' as const, id: k1!.id, ts: k1!.ts };
      expect(show(await s.between(a, b, at1, 'before', 5))).toEqual(['message@0']);
      expect(show(await s.between(b, a, at1, 'after', 5))).toEqual(['message@10', 'call@20', 'message@30']);
      expect(show(await s.between(a, b, at1, 'after', 1))).toEqual(['message@10']);
      const at2 = { kind: 'call' as const, id: k2!.id, ts: k2!.ts };
      expect(show(await s.between(a, b, at2, 'before', 2))).toEqual(['message@10', 'call@10']);
      expect(show(await s.between(a, b, at2, 'after', 0))).toEqual([]);
    });
  });
}
