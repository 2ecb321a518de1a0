import { describe, expect, it } from 'vitest';
import { maskWithout } from '../build.js';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { harmonic } from './harmonic.js';
import { sampledHarmonic } from './sampled-harmonic.js';

const fixtures = loadFixtures();

describe('sampledHarmonic', () => {
  for (const f of fixtures.filter((x) => x.directed || x.n >= 1000)) {
    it(`${f.name}: k >= n reproduces igraph's harmonic centrality (weighted, directed)`, () => {
      const r = sampledHarmonic(f.graph, { samples: f.n, weighted: true });
      expect(r.exact).toBe(true);
      expectClose(r.scores, expectedVector(f, 'harmonic_weighted')!, 1e-12, 1e-9, 'exact');
    });
  }

  it('stays within its error bound and is reproducible per seed', () => {
    const f = fixtures.find((x) => x.name === 'ba-1100-weighted')!;
    const exact = expectedVector(f, 'harmonic')!;
    for (const seed of [1, 2]) {
      const r = sampledHarmonic(f.graph, { samples: 50, seed });
      let maxErr = 0;
      for (let v = 0; v < f.n; v++) maxErr = Math.max(maxErr, Math.abs((r.scores[v] as number) - (exact[v] as number)));
      expect(maxErr).toBeGreaterThan(0);
      expect(maxErr).toBeLessThanOrEqual(r.errorBound);
      expect(sampledHarmonic(f.graph, { samples: 50, seed }).scores).toEqual(r.scores);
    }
  });

  it('is unbiased: the mean over seeds approaches the exact value (directed, mode out)', () => {
    const f = fixtures.find((x) => x.name === 'ba-directed-weighted')!;
    const exact = harmonic(f.graph);
    const mean = new Float64Array(f.n);
    const runs = 200;
    for (let seed = 1; seed <= runs; seed++) {
      const s = sampledHarmonic(f.graph, { samples: 20, seed }).scores;
      for (let v = 0; v < f.n; v++) mean[v] = (mean[v] as number) + (s[v] as number) / runs;
    }
    let num = 0;
    let den = 0;
    for (let v = 0; v < f.n; v++) {
      num += Math.abs((mean[v] as number) - (exact[v] as number));
      den += exact[v] as number;
    }
    expect(num / den).toBeLessThan(0.05);
  });

  it('honours a mask like harmonic does', () => {
    const f = fixtures.find((x) => x.name === 'karate')!;
    const mask = maskWithout(f.n, [0, 33]);
    expectClose(sampledHarmonic(f.graph, { samples: 100, mask }).scores, [...harmonic(f.graph, { mask })], 1e-12, 1e-12, 'masked');
    expect(() => sampledHarmonic(f.graph, { samples: 0 })).toThrow();
  });
});
