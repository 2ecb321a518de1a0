import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCSR } from '../build.js';
import { betweennessScorer, cavallaro2020, degreeScorer, disruptBy, efficiencyOf, pagerankScorer } from './strategies.js';

interface Fx {
  n: number;
  edges: [number, number, number][];
  steps: { step: number; removed: number[]; lcc: number; components: number; efficiency: number }[];
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/cavallaro-nx.json', import.meta.url), 'utf8')) as Fx;
const g = buildCSR(
  {
    n: fx.n,
    src: Int32Array.from(fx.edges.map((e) => e[0])),
    dst: Int32Array.from(fx.edges.map((e) => e[1])),
    weight: Float64Array.from(fx.edges.map((e) => e[2])),
  },
  { directed: false },
);

describe('Cavallaro et al. 2020 procedure against networkx', () => {
  it('removes the same blocks and reports the same LCC, components and efficiency', () => {
    const r = cavallaro2020(g, fx.steps.length - 1);
    expect(r).toHaveLength(fx.steps.length);
    fx.steps.forEach((s, i) => {
      const ours = r[i]!;
      expect(Array.from(ours.removed)).toEqual(s.removed);
      expect(ours.lccSize).toBe(s.lcc);
      expect(ours.lccShare).toBeCloseTo(s.lcc / fx.n, 12);
      expect(ours.components).toBe(s.components);
      expect(ours.efficiency).toBeCloseTo(s.efficiency, 10);
    });
  });
});

describe('scorers', () => {
  const mask = new Uint8Array(fx.n).fill(1);
  mask[0] = 0;
  it('respect the mask', () => {
    expect(degreeScorer(g, mask)[0]).toBe(0);
    expect(betweennessScorer()(g, mask)[0]).toBe(0);
    const pr = pagerankScorer()(g, mask);
    expect(pr[0]).toBe(0);
    expect(Array.from(pr).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(efficiencyOf()(g, mask)).toBeGreaterThan(0);
  });
  it('named strategies run; sampled betweenness with all pivots equals exact', () => {
    const a = disruptBy(g, 'betweenness', { block: 5, steps: 2, samples: fx.n, efficiency: false });
    const b = disruptBy(g, 'betweenness', { block: 5, steps: 2, efficiency: false });
    expect(a.map((s) => Array.from(s.removed))).toEqual(b.map((s) => Array.from(s.removed)));
    expect(disruptBy(g, 'pagerank', { steps: 1 })[1]!.removed).toHaveLength(1);
    expect(disruptBy(g, 'degree', { steps: 1, efficiency: false })[1]!.removed).toHaveLength(1);
    expect(disruptBy(g, { order: [3, 4] }, { steps: 1, block: 2 })[1]!.removedTotal).toBe(2);
  });
});
