import { describe, expect, it } from 'vitest';
import { maskWithout } from '../build.js';
import { inducedSubgraph } from '../subgraph.js';
import { expectClose, expectedNumber, loadFixtures } from '../test-support/fixtures.js';
import { globalEfficiency } from './efficiency.js';
import { harmonic } from './harmonic.js';

const fixtures = loadFixtures();

describe('globalEfficiency', () => {
  for (const f of fixtures.filter((x) => !x.directed)) {
    it(`${f.name}: equals networkx global_efficiency (1e-9 relative: the sums run in different orders)`, () => {
      expectClose([globalEfficiency(f.graph)], [expectedNumber(f, 'efficiency')], 0, 1e-9, 'efficiency');
    });
  }

  it('with a mask equals the efficiency of the induced subgraph, and drops when a hub goes', () => {
    const f = fixtures.find((x) => x.name === 'karate')!;
    const removed = [0, 33];
    const mask = maskWithout(f.n, removed);
    const alive = [...mask.keys()].filter((v) => mask[v] === 1);
    expect(globalEfficiency(f.graph, { mask })).toBeCloseTo(globalEfficiency(inducedSubgraph(f.graph, alive).graph), 12);
    expect(globalEfficiency(f.graph, { mask })).toBeLessThan(globalEfficiency(f.graph));
  });

  it('on directed graphs is the mean normalized harmonic centrality', () => {
    const f = fixtures.find((x) => x.name === 'er-directed-weighted')!;
    const h = harmonic(f.graph, { weighted: true });
    expect(globalEfficiency(f.graph, { weighted: true })).toBeCloseTo(h.reduce((a, b) => a + b, 0) / f.n, 12);
  });

  it('sampled estimate lies within its Hoeffding bound (δ = 0.01)', () => {
    const f = fixtures.find((x) => x.name === 'ba-weighted')!;
    const exact = globalEfficiency(f.graph);
    const k = 50;
    const bound = Math.sqrt(Math.log(2 / 0.01) / (2 * k));
    for (const seed of [1, 2, 3]) {
      const est = globalEfficiency(f.graph, { samples: k, seed });
      expect(Math.abs(est - exact)).toBeLessThan(bound);
      expect(est).not.toBe(exact);
    }
    expect(() => globalEfficiency(f.graph, { samples: 0 })).toThrow();
  });
});
