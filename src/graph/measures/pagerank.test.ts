import { describe, expect, it } from 'vitest';
import { buildCSR } from '../build.js';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { pagerank } from './pagerank.js';

const fixtures = loadFixtures();

describe('pagerank against igraph PRPACK', () => {
  for (const f of fixtures) {
    it(`${f.name}: matches igraph within 1e-6 (plain and personalised)`, () => {
      const r = pagerank(f.graph, { weighted: f.weighted });
      expect(r.converged).toBe(true);
      expectClose(r.scores, expectedVector(f, 'pagerank')!, 1e-6, 0, 'pagerank');
      const p = pagerank(f.graph, { weighted: f.weighted, reset: Float64Array.from(f.reset) });
      expectClose(p.scores, expectedVector(f, 'pagerank_personalized')!, 1e-6, 0, 'personalized');
    });
  }
});

describe('pagerank', () => {
  it('honours its stated L1 tolerance against a tightly converged solution', () => {
    const f = fixtures.find((x) => x.name === 'ba-directed-weighted')!;
    const tight = pagerank(f.graph, { tolerance: 1e-15 }).scores;
    for (const tolerance of [1e-3, 1e-6]) {
      const loose = pagerank(f.graph, { tolerance });
      let err = 0;
      for (let v = 0; v < f.n; v++) err += Math.abs((loose.scores[v] as number) - (tight[v] as number));
      expect(err).toBeLessThanOrEqual(tolerance);
    }
  });

  it('sends dangling mass by the reset vector: a sink keeps what it receives', () => {
    // 0 -> 1, 1 has no out-edges; reset on node 0 only.
    const g = buildCSR({ n: 2, src: Int32Array.of(0), dst: Int32Array.of(1), weight: Float64Array.of(1) }, { directed: true });
    const r = pagerank(g, { reset: Float64Array.of(1, 0) }).scores;
    // x0 = (1-d) + d·x1, x1 = d·x0  =>  x0 = 1/(1+d)
    expect(r[0]).toBeCloseTo(1 / 1.85, 9);
    expect(r[1]).toBeCloseTo(0.85 / 1.85, 9);
  });

  it('rejects bad damping and reset vectors', () => {
    const g = buildCSR({ n: 2, src: Int32Array.of(0), dst: Int32Array.of(1), weight: Float64Array.of(1) }, { directed: true });
    expect(() => pagerank(g, { damping: 1 })).toThrow();
    expect(() => pagerank(g, { reset: Float64Array.of(0, 0) })).toThrow();
    expect(() => pagerank(g, { reset: Float64Array.of(1) })).toThrow();
    expect(pagerank(g, { maxIterations: 1, tolerance: 1e-300 }).converged).toBe(false);
  });
});
