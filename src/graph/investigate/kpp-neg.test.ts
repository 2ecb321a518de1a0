import { describe, expect, it } from 'vitest';
import { distanceFragmentation, fragmentation, kppNeg } from './kpp-neg.js';
import { tinyCSR } from '../communities/test-support/tiny-csr.js';
import { mulberry32 } from '../communities/prng.js';

const all = (n: number): Uint8Array => new Uint8Array(n).fill(1);

describe('fragmentation', () => {
  it('is 0 for a connected graph and 1 for isolates', () => {
    expect(fragmentation(tinyCSR(3, [[0, 1], [1, 2]]), all(3))).toBe(0);
    expect(fragmentation(tinyCSR(3, []), all(3))).toBe(1);
  });
  it('counts only surviving nodes: path 0-1-2-3-4 minus 2 leaves two pairs', () => {
    const a = all(5);
    a[2] = 0;
    // n = 4, components {0,1},{3,4}: 1 - (2+2)/12
    expect(fragmentation(tinyCSR(5, [[0, 1], [1, 2], [2, 3], [3, 4]]), a)).toBeCloseTo(1 - 4 / 12, 12);
  });
  it('DF on a path of 3: distances 1,1,2 -> 1 - (2*(1+1+0.5))/6', () => {
    expect(distanceFragmentation(tinyCSR(3, [[0, 1], [1, 2]]), all(3))).toBeCloseTo(1 - 5 / 6, 12);
  });
});

describe('kppNeg', () => {
  // two stars (centres 0 and 6, five leaves each) joined through bridge node 12: 0-12-6
  const edges: number[][] = [];
  for (let i = 1; i <= 5; i++) edges.push([0, i], [6, 6 + i]);
  edges.push([0, 12], [12, 6]);
  const g = tinyCSR(13, edges);

  it('k = 2 picks the two star centres', () => {
    const r = kppNeg(g, { k: 2, seed: 1 });
    expect(Array.from(r.set)).toEqual([0, 6]);
    expect(r.fragmentation).toBe(1); // everything left is an isolate
    expect(r.baseline).toBe(0);
  });

  it('k = 1 picks a centre (removing the bridge only splits in two halves)', () => {
    const r = kppNeg(g, { k: 1, seed: 4 });
    expect([0, 6]).toContain(r.set[0]);
  });

  it('barbell: k = 1 picks the bridge node for F; DF prefers a clique gate (worked by hand)', () => {
    const e: number[][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) e.push([i, j], [i + 6, j + 6]);
    e.push([4, 5], [5, 6]);
    const bb = tinyCSR(11, e);
    expect(Array.from(kppNeg(bb, { k: 1 }).set)).toEqual([5]);
    // remove 5: two K5, sum 1/d = 40 -> DF = 1 - 40/90. Remove 6: K5 + pendant 5 (20 + 2*(1 + 4/2))
    // and K4 (12): 38 -> DF = 1 - 38/90, larger. Node 4 is symmetric to 6.
    const df = kppNeg(bb, { k: 1, objective: 'DF' });
    expect([4, 6]).toContain(df.set[0]);
    expect(df.fragmentation).toBeCloseTo(1 - 38 / 90, 12);
  });

  it('swaps improve a bad greedy start and the result is seed-deterministic', () => {
    const rng = mulberry32(3);
    const e: number[][] = [];
    for (let i = 0; i < 120; i++) e.push([Math.floor(rng() * 60), Math.floor(rng() * 60)]);
    const rg = tinyCSR(60, e);
    const a = kppNeg(rg, { k: 4, seed: 2 });
    expect(a.fragmentation).toBeGreaterThanOrEqual(a.greedy);
    expect(kppNeg(rg, { k: 4, seed: 2 }).set).toEqual(a.set);
    // brute-force check on this small graph: no single swap improves the result
    const alive = new Uint8Array(60).fill(1);
    for (const v of a.set) alive[v] = 0;
    for (const u of a.set) {
      alive[u] = 1;
      for (let v = 0; v < 60; v++) {
        if (!alive[v]) continue;
        alive[v] = 0;
        expect(fragmentation(rg, alive)).toBeLessThanOrEqual(a.fragmentation + 1e-12);
        alive[v] = 1;
      }
      alive[u] = 0;
    }
  });

  it('rejects bad k', () => {
    expect(() => kppNeg(g, { k: 0 })).toThrow();
    expect(() => kppNeg(g, { k: 13 })).toThrow();
  });
});
