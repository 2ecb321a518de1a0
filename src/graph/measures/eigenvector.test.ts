import { describe, expect, it } from 'vitest';
import { buildCSR } from '../build.js';
import { expectClose, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { eigenvectorCentrality } from './eigenvector.js';

const fixtures = loadFixtures().filter((f) => f.expected['eigenvector'] !== undefined);

describe('eigenvector centrality against igraph (strongly connected graphs, directed and undirected)', () => {
  it('has fixtures to compare with', () => expect(fixtures.length).toBeGreaterThanOrEqual(5));
  for (const f of fixtures) {
    it(`${f.name}: unweighted and weighted, within 1e-8`, () => {
      const r = eigenvectorCentrality(f.graph, { weighted: false });
      expect(r.converged).toBe(true);
      expectClose(r.scores, expectedVector(f, 'eigenvector')!, 1e-8, 0, 'unweighted');
      expectClose(eigenvectorCentrality(f.graph).scores, expectedVector(f, 'eigenvector_weighted')!, 1e-8, 0, 'weighted');
    });
  }

  it('converges on a bipartite graph (star) and reports the eigenvalue', () => {
    const g = buildCSR({ n: 5, src: Int32Array.of(0, 0, 0, 0), dst: Int32Array.of(1, 2, 3, 4), weight: new Float64Array(4).fill(1) }, { directed: false });
    const r = eigenvectorCentrality(g);
    expect(r.converged).toBe(true);
    expect(r.scores[0]).toBeCloseTo(1, 10);
    expect(r.scores[1]).toBeCloseTo(0.5, 10); // leaf = hub / sqrt(4)
    expect(r.eigenvalue).toBeCloseTo(2, 10);
  });

  it('returns zeros for a graph without edges', () => {
    const g = buildCSR({ n: 3, src: new Int32Array(0), dst: new Int32Array(0), weight: new Float64Array(0) }, { directed: false });
    expect([...eigenvectorCentrality(g).scores]).toEqual([0, 0, 0]);
  });
});
