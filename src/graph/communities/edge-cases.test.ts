import { describe, expect, it } from 'vitest';
import { leiden } from './leiden.js';
import { louvain } from './louvain.js';
import { tinyCSR } from './test-support/tiny-csr.js';

describe('community edge cases', () => {
  for (const [name, algo] of [['louvain', louvain], ['leiden', leiden]] as const) {
    it(`${name}: empty graph, edgeless graph, isolates, self-loops`, () => {
      expect(algo(tinyCSR(0, [])).count).toBe(0);
      const r = algo(tinyCSR(3, []));
      expect(Array.from(r.membership)).toEqual([0, 1, 2]);
      expect(r.modularity).toBe(0);
      const s = algo(tinyCSR(5, [[0, 1], [1, 2], [0, 2], [2, 2, 3]]));
      expect(s.membership[0]).toBe(s.membership[1]);
      expect(s.membership[3]).not.toBe(s.membership[4]);
      expect(Number.isFinite(s.modularity)).toBe(true);
    });
  }
});
