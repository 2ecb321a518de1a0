import { describe, expect, it } from 'vitest';
import { brokerage, dominantRole } from './brokerage.js';
import { tinyCSR } from '../communities/test-support/tiny-csr.js';

describe('brokerage (Gould–Fernandez)', () => {
  // Groups: A = {0,1,2}, B = {3,4}, C = {5,6}.
  // Arcs and the two-paths through each broker, worked by hand:
  //   0->1, 1->2          : 0->1->2  A,A,A  coordinator(1)
  //   3->1, 1->4          : 3->1->4  B,A,B  itinerant(1); also 3->1->2 (B,A,A) gatekeeper(1),
  //                         0->1->4 (A,A,B) representative(1)
  //   4->5, 5->6          : 4->5->6  B,C,C  gatekeeper(5)
  //   2->6                : 1->2->6  A,A,C  representative(2)
  //   6->3                : 5->6->3  C,C,B  representative(6); 2->6->3 A,C,B liaison(6)
  //   0->2 (closes 0->1->2, so that path does NOT count)
  const arcs = [
    [0, 1], [1, 2], [3, 1], [1, 4], [4, 5], [5, 6], [2, 6], [6, 3], [0, 2],
  ];
  const groups = [0, 0, 0, 1, 1, 2, 2];
  const b = brokerage(tinyCSR(7, arcs, true), groups);

  it('counts each role as worked out by hand', () => {
    // node 1: in {0,3}, out {2,4}. 0->1->2 closed by 0->2. 0->1->4 representative.
    // 3->1->2 gatekeeper. 3->1->4 itinerant.
    expect([b.coordinator[1], b.itinerant[1], b.gatekeeper[1], b.representative[1], b.liaison[1]]).toEqual([0, 1, 1, 1, 0]);
    // node 2: in {1,0}, out {6}: 1->2->6 representative, 0->2->6 representative
    expect(b.representative[2]).toBe(2);
    // node 5: 4->5->6 gatekeeper
    expect(b.gatekeeper[5]).toBe(1);
    // node 6: in {5,2}, out {3}: 5->6->3 representative (C,C,B); 2->6->3 liaison (A,C,B)
    expect([b.representative[6], b.liaison[6]]).toEqual([1, 1]);
    // node 3: in {6}, out {1}: 6->3->1 liaison (C,B,A)
    expect(b.liaison[3]).toBe(1);
    // node 4: in {1}, out {5}: 1->4->5 liaison (A,B,C)
    expect(b.liaison[4]).toBe(1);
    expect(b.total[0]).toBe(0);
    expect(Array.from(b.total).reduce((s, x) => s + x, 0)).toBe(3 + 2 + 1 + 2 + 1 + 1);
  });

  it('coordinator when everything is in one group', () => {
    const c = brokerage(tinyCSR(3, [[0, 1], [1, 2]], true), [5, 5, 5]);
    expect(c.coordinator[1]).toBe(1);
    expect(dominantRole(c, 1)).toBe('coordinator');
    expect(dominantRole(c, 0)).toBeNull();
  });

  it('dominant role and parallel arcs counted once', () => {
    const c = brokerage(tinyCSR(3, [[0, 1], [0, 1], [1, 2], [1, 2]], true), [0, 1, 0]);
    expect(c.itinerant[1]).toBe(1);
    expect(dominantRole(c, 1)).toBe('itinerant');
  });

  it('rejects a wrong-length partition and caps work', () => {
    expect(() => brokerage(tinyCSR(3, [[0, 1]], true), [0])).toThrow();
    expect(() => brokerage(tinyCSR(3, [[0, 1], [1, 2]], true), [0, 0, 0], { maxPairs: 0 })).toThrow();
  });
});
