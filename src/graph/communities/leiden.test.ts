import { describe, expect, it } from 'vitest';
import { leiden, leidenW, splitDisconnected } from './leiden.js';
import { loadFixture } from './test-support/fixtures.js';
import { modularity } from './modularity.js';
import { tinyCSR } from './test-support/tiny-csr.js';
import { toWGraph } from './wgraph.js';
import { mulberry32 } from './prng.js';

function connectedCommunities(n: number, edges: number[][], membership: Int32Array): boolean {
  const m = Int32Array.from(membership);
  const before = new Set(m).size;
  return splitDisconnected(toWGraph(tinyCSR(n, edges)), m) === before;
}

const NAMES = ['karate', 'lesmis', 'planted-4x32', 'planted-10x100-weighted'];

describe('leiden', () => {
  it('finds two cliques joined by an edge', () => {
    const e: number[][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) e.push([i, j], [i + 5, j + 5]);
    e.push([0, 5]);
    const r = leiden(tinyCSR(10, e), { seed: 3 });
    expect(Array.from(r.membership)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(r.modularity).toBeCloseTo(modularity(tinyCSR(10, e), r.membership), 12);
  });

  it('is deterministic for a seed', () => {
    const f = loadFixture('planted-10x100-weighted');
    const g = tinyCSR(f.n, f.edges);
    expect(leiden(g, { seed: 9 }).membership).toEqual(leiden(g, { seed: 9 }).membership);
  });

  it('splitDisconnected separates a community that is two pieces', () => {
    const m = Int32Array.from([0, 0, 0, 0]);
    expect(splitDisconnected(toWGraph(tinyCSR(4, [[0, 1], [2, 3]])), m)).toBe(2);
    expect(Array.from(m)).toEqual([0, 0, 1, 1]);
  });

  it('communities are connected on random sparse graphs', () => {
    const rng = mulberry32(11);
    for (let t = 0; t < 10; t++) {
      const n = 300;
      const e: number[][] = [];
      for (let i = 0; i < 450; i++) e.push([Math.floor(rng() * n), Math.floor(rng() * n), 1 + Math.floor(rng() * 3)]);
      const r = leiden(tinyCSR(n, e), { seed: t, iterations: 1 });
      expect(connectedCommunities(n, e, r.membership)).toBe(true);
    }
  });

  it('accepts an initial partition and never returns worse than it on karate', () => {
    const f = loadFixture('karate');
    const g = tinyCSR(f.n, f.edges);
    const r = leiden(g, { initial: f.igraph.membershipSeed0, seed: 2 });
    expect(r.modularity).toBeGreaterThanOrEqual(f.igraph.modularitySeed0 - 1e-12);
  });

  it('directed input is symmetrised', () => {
    const r = leidenW(toWGraph(tinyCSR(4, [[0, 1], [1, 0], [2, 3]], true)), { seed: 1 });
    expect(r.count).toBe(2);
  });

  for (const name of NAMES) {
    it(`${name}: modularity >= 0.995 x igraph community_leiden (median and best over seeds); connected`, () => {
      const f = loadFixture(name);
      const g = tinyCSR(f.n, f.edges);
      const qs: number[] = [];
      for (let seed = 1; seed <= 11; seed++) {
        const r = leiden(g, { seed });
        expect(connectedCommunities(f.n, f.edges, r.membership)).toBe(true);
        qs.push(r.modularity);
      }
      qs.sort((a, b) => a - b);
      expect(qs[5]).toBeGreaterThanOrEqual(0.995 * f.igraph.leidenMedian);
      expect(qs[10]).toBeGreaterThanOrEqual(0.995 * f.igraph.leidenMax);
    });
  }
});
