import { describe, expect, it } from 'vitest';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { harmonic } from './harmonic.js';

const fixtures = loadFixtures();

describe('harmonic centrality against igraph', () => {
  for (const f of fixtures) {
    it(`${f.name}: normalized, unweighted and weighted`, () => {
      expectClose(harmonic(f.graph), expectedVector(f, 'harmonic')!, 1e-12, 1e-9, 'harmonic');
      expectClose(harmonic(f.graph, { weighted: true }), expectedVector(f, 'harmonic_weighted')!, 1e-12, 1e-9, 'weighted');
    });
  }

  it('unnormalized is the plain sum of 1/d', () => {
    const f = fixtures.find((x) => x.name === 'florentine')!;
    const raw = harmonic(f.graph, { normalized: false });
    const norm = harmonic(f.graph);
    for (let v = 0; v < f.n; v++) expect(raw[v]).toBeCloseTo((norm[v] as number) * (f.n - 1), 12);
  });
});
