import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCSR, maskWithout } from '../build.js';
import { createRng, sampleWithoutReplacement } from '../random.js';
import { permute, RELABEL_MIN_NODES } from '../reorder.js';
import { inducedSubgraph } from '../subgraph.js';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { betweenness, budgetedPivots, MIN_BUDGET_PIVOTS, sampledBetweenness } from './betweenness.js';

const fixtures = loadFixtures();

describe('betweenness against igraph (networkx agrees; checked by reference.py)', () => {
  for (const f of fixtures) {
    it(`${f.name}: exact, unweighted and weighted, within 1e-9 relative`, () => {
      expectClose(betweenness(f.graph), expectedVector(f, 'betweenness')!, 1e-12, 1e-9, 'unweighted');
      expectClose(betweenness(f.graph, { weighted: true }), expectedVector(f, 'betweenness_weighted')!, 1e-12, 1e-9, 'weighted');
      expectClose(betweenness(f.graph, { normalized: true }), expectedVector(f, 'betweenness_normalized')!, 1e-12, 1e-9, 'normalized');
    });
  }
});

describe('betweenness with a mask', () => {
  it('equals betweenness of the induced subgraph of alive nodes', () => {
    const f = fixtures.find((x) => x.name === 'ba-directed-weighted')!;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(f.n - 1), { maxLength: 20 }), fc.boolean(), (removed, weighted) => {
        const mask = maskWithout(f.n, removed);
        const alive = [...mask.keys()].filter((v) => mask[v] === 1);
        const sub = inducedSubgraph(f.graph, alive);
        const masked = betweenness(f.graph, { mask, weighted, normalized: true });
        const expected = betweenness(sub.graph, { weighted, normalized: true });
        expectClose(Float64Array.from(sub.original, (v) => masked[v] as number), [...expected], 1e-12, 1e-9, 'masked');
        for (const v of removed) expect(masked[v]).toBe(0);
      }),
      { numRuns: 15 },
    );
  });
});

describe('sampledBetweenness', () => {
  it('is exact when k >= n', () => {
    const f = fixtures.find((x) => x.name === 'lesmis-weighted')!;
    const r = sampledBetweenness(f.graph, { samples: f.n, weighted: true });
    expect(r.exact).toBe(true);
    expect(r.errorBound).toBe(0);
    expectClose(r.scores, expectedVector(f, 'betweenness_weighted')!, 1e-12, 1e-9, 'k=n');
  });

  it('stays within its reported error bound and is reproducible per seed', () => {
    const f = fixtures.find((x) => x.name === 'ba-weighted')!;
    const exact = expectedVector(f, 'betweenness_normalized')!;
    for (const seed of [1, 2, 3]) {
      const r = sampledBetweenness(f.graph, { samples: 60, seed, normalized: true });
      expect(r.exact).toBe(false);
      expect(r.sources.length).toBe(60);
      const bound = r.errorBound;
      // n=300, k=60, δ=0.05: sqrt(ln(12000)/120)·300/299 ≈ 0.280
      expect(bound).toBeCloseTo((300 / 299) * Math.sqrt(Math.log(2 * 300 / 0.05) / 120), 12);
      let maxErr = 0;
      for (let v = 0; v < f.n; v++) maxErr = Math.max(maxErr, Math.abs((r.scores[v] as number) - (exact[v] as number)));
      expect(maxErr).toBeLessThanOrEqual(bound);
      expect(maxErr).toBeGreaterThan(0);
      expect(sampledBetweenness(f.graph, { samples: 60, seed, normalized: true }).scores).toEqual(r.scores);
    }
  });

  it('averages to the exact value over many seeds (unbiased)', () => {
    const f = fixtures.find((x) => x.name === 'karate')!;
    const exact = expectedVector(f, 'betweenness')!;
    const mean = new Float64Array(f.n);
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const s = sampledBetweenness(f.graph, { samples: 5, seed }).scores;
      for (let v = 0; v < f.n; v++) mean[v] = (mean[v] as number) + (s[v] as number) / runs;
    }
    // Node 0 has the largest betweenness (231.07); the mean of 400 runs is within a few percent.
    expect(Math.abs((mean[0] as number) - (exact[0] as number)) / (exact[0] as number)).toBeLessThan(0.08);
  });

  it('under a work budget uses fewer pivots, the first of the same seeded draw, and stays within its bound', () => {
    const f = fixtures.find((x) => x.name === 'ba-1100-weighted')!;
    const arcs = f.graph.out.targets.length;
    // Exact (unweighted, normalised) from every source, the reference for the bound.
    const exact = betweenness(f.graph, { normalized: true });
    for (const seed of [1, 2]) {
      const r = sampledBetweenness(f.graph, { samples: 200, seed, normalized: true, maxWork: 50 * (f.n + arcs) + 7 });
      expect(r.requested).toBe(200);
      expect(r.sources.length).toBe(50);
      const full = sampledBetweenness(f.graph, { samples: 200, seed, normalized: true });
      expect(full.sources.length).toBe(200);
      expect([...r.sources]).toEqual([...full.sources.subarray(0, 50)]);
      // samples: k reproduces the budgeted run exactly
      expect(sampledBetweenness(f.graph, { samples: 50, seed, normalized: true }).scores).toEqual(r.scores);
      expect(r.errorBound).toBeCloseTo((f.n / (f.n - 1)) * Math.sqrt(Math.log((2 * f.n) / 0.05) / 100), 12);
      let maxErr = 0;
      for (let v = 0; v < f.n; v++) maxErr = Math.max(maxErr, Math.abs((r.scores[v] as number) - (exact[v] as number)));
      expect(maxErr).toBeGreaterThan(0);
      expect(maxErr).toBeLessThanOrEqual(r.errorBound);
    }
  });

  it('budgetedPivots: ⌊W / (n + arcs)⌋ capped by the request, never below MIN_BUDGET_PIVOTS (or the request)', () => {
    expect(budgetedPivots(512, undefined, 1000, 9000)).toBe(512);
    expect(budgetedPivots(512, Infinity, 1000, 9000)).toBe(512);
    expect(budgetedPivots(512, 100 * 10_000 + 9_999, 1000, 9000)).toBe(100);
    expect(budgetedPivots(512, 1e12, 1000, 9000)).toBe(512);
    expect(budgetedPivots(512, 1, 1000, 9000)).toBe(MIN_BUDGET_PIVOTS);
    expect(budgetedPivots(10, 1, 1000, 9000)).toBe(10);
  });

  it('rejects bad arguments', () => {
    const g = buildCSR({ n: 3, src: Int32Array.of(0, 1), dst: Int32Array.of(1, 2), weight: Float64Array.of(1, 0) }, { directed: false });
    expect(() => sampledBetweenness(g, { samples: 0 })).toThrow();
    expect(() => sampledBetweenness(g, { samples: 1, delta: 1 })).toThrow();
    expect(() => sampledBetweenness(g, { samples: 1, maxWork: 0 })).toThrow();
    expect(() => betweenness(g, { weighted: true })).toThrow(); // zero weight as a distance
  });
});

describe('betweenness on a relabelled copy', () => {
  it('is invariant under node renaming (large graph, so the BFS-ordered copy is used)', () => {
    const f = fixtures.find((x) => x.name === 'ba-1100-weighted')!;
    expect(f.n).toBeGreaterThanOrEqual(RELABEL_MIN_NODES);
    const rng = createRng(5);
    const perm = sampleWithoutReplacement(Int32Array.from({ length: f.n }, (_, i) => i), f.n, rng);
    const r = permute(f.graph, perm);
    const renamed = betweenness(r.graph, { weighted: true });
    const original = betweenness(f.graph, { weighted: true });
    expectClose(Float64Array.from(r.newId, (nv) => renamed[nv] as number), [...original], 1e-12, 1e-12, 'renamed');
  });
});
