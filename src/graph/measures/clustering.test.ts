import { describe, expect, it } from 'vitest';
import { buildCSR } from '../build.js';
import { expectClose, expectedNumber, expectedVector, loadFixtures } from '../test-support/fixtures.js';
import { localClustering, transitivity, triangles } from './clustering.js';

const fixtures = loadFixtures();

describe('clustering against igraph', () => {
  for (const f of fixtures) {
    it(`${f.name}: local (NaN below degree 2) and global transitivity`, () => {
      const expected = expectedVector(f, 'clustering')!;
      expectClose(localClustering(f.graph, 'nan'), expected, 1e-12, 1e-12, 'local');
      expectClose(localClustering(f.graph), expected.map((x) => (Number.isNaN(x) ? 0 : x)), 1e-12, 1e-12, 'local zero');
      expect(transitivity(f.graph)).toBeCloseTo(expectedNumber(f, 'transitivity'), 12);
    });
  }

  it('counts the triangles of K4 (4) and ignores direction and mutual pairs', () => {
    const pairs = [[0, 1], [1, 0], [0, 2], [2, 1], [3, 0], [1, 3], [2, 3], [3, 2]];
    const g = buildCSR(
      { n: 4, src: Int32Array.from(pairs.map((p) => p[0]!)), dst: Int32Array.from(pairs.map((p) => p[1]!)), weight: new Float64Array(pairs.length).fill(1) },
      { directed: true },
    );
    const t = triangles(g);
    expect(t.total).toBe(4);
    expect([...t.perNode]).toEqual([3, 3, 3, 3]);
    expect(transitivity(g)).toBe(1);
  });
});
