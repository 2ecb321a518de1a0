import { describe, expect, it } from 'vitest';
import { modularity } from './modularity.js';
import { tinyCSR } from './test-support/tiny-csr.js';

describe('modularity', () => {
  // two triangles joined by one edge: m = 7; in each triangle in_c = 6, tot_c = 7
  const g = tinyCSR(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]);
  it('matches the hand-computed value', () => {
    const q = 2 * (6 / 14 - (7 / 14) ** 2);
    expect(modularity(g, [0, 0, 0, 1, 1, 1])).toBeCloseTo(q, 12);
  });
  it('is 0 for one community and negative for singletons', () => {
    expect(modularity(g, [0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 12);
    expect(modularity(g, [0, 1, 2, 3, 4, 5])).toBeLessThan(0);
  });
  it('applies the resolution', () => {
    expect(modularity(g, [0, 0, 0, 1, 1, 1], 2)).toBeCloseTo(2 * (6 / 14 - 2 * (7 / 14) ** 2), 12);
  });
  it('counts weights and treats a directed graph as symmetrised', () => {
    const d = tinyCSR(4, [[0, 1, 3], [2, 3, 1], [1, 2, 1]], true);
    const u = tinyCSR(4, [[0, 1, 3], [2, 3, 1], [1, 2, 1]]);
    expect(modularity(d, [0, 0, 1, 1])).toBeCloseTo(modularity(u, [0, 0, 1, 1]), 12);
  });
  it('rejects a wrong-length membership', () => {
    expect(() => modularity(g, [0, 1])).toThrow();
  });
});
