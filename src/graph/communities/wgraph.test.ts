import { describe, expect, it } from 'vitest';
import { modularityW } from './modularity.js';
import { mulberry32 } from './prng.js';
import { tinyCSR } from './test-support/tiny-csr.js';
import { aggregate, renumber, toWGraph } from './wgraph.js';

describe('wgraph', () => {
  it('a self-loop counts twice in the strength', () => {
    const w = toWGraph(tinyCSR(2, [[0, 0, 1], [0, 1, 1]]));
    expect(w.strength[0]).toBe(3);
    expect(w.total).toBe(4);
  });
  it('rejects negative weights', () => {
    expect(() => toWGraph(tinyCSR(2, [[0, 1, -1]]))).toThrow();
  });
  it('aggregation preserves modularity of any coarser partition', () => {
    const rng = mulberry32(5);
    const n = 60;
    const e: number[][] = [];
    for (let i = 0; i < 200; i++) e.push([Math.floor(rng() * n), Math.floor(rng() * n), 1 + Math.floor(rng() * 4)]);
    const g = toWGraph(tinyCSR(n, e));
    const fine = Int32Array.from({ length: n }, () => Math.floor(rng() * 15));
    const k = renumber(fine);
    const coarseOfFine = Int32Array.from({ length: k }, () => Math.floor(rng() * 4));
    const agg = aggregate(g, fine, k);
    const onOriginal = Int32Array.from(fine, (c) => coarseOfFine[c]!);
    expect(agg.total).toBeCloseTo(g.total, 9);
    expect(modularityW(agg, coarseOfFine)).toBeCloseTo(modularityW(g, onOriginal), 12);
  });
  it('renumber orders by first appearance', () => {
    const m = Int32Array.from([7, 3, 7, 9]);
    expect(renumber(m)).toBe(3);
    expect(Array.from(m)).toEqual([0, 1, 0, 2]);
  });
});

describe('renumber with sparse large ids', () => {
  it('falls back to a map and keeps first-appearance order', () => {
    const m = Int32Array.from([1_000_000, 5, 1_000_000]);
    expect(renumber(m)).toBe(2);
    expect(Array.from(m)).toEqual([0, 1, 0]);
  });
});
