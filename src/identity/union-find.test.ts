import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from './union-find.js';

describe('UnionFind', () => {
  it('groups connected ids', () => {
    const u = new UnionFind();
    u.union(1, 2);
    u.union(3, 4);
    u.union(2, 4);
    u.union(7, 8);
    expect(u.find(1)).toBe(u.find(3));
    expect(u.find(1)).not.toBe(u.find(7));
    expect(u.find(99)).toBe(99);
    expect([...u.groups().values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!)).toEqual([[1, 2, 3, 4], [7, 8]]);
  });
  it('agrees with a naive closure', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 })), { maxLength: 30 }), (pairs) => {
        const u = new UnionFind();
        for (const [a, b] of pairs) u.union(a, b);
        const reach = (x: number): Set<number> => {
          const seen = new Set([x]);
          const stack = [x];
          while (stack.length) {
            const y = stack.pop()!;
            for (const [a, b] of pairs) for (const [p, q] of [[a, b], [b, a]] as const) if (p === y && !seen.has(q)) { seen.add(q); stack.push(q); }
          }
          return seen;
        };
        const label = Array.from({ length: 16 }, (_, i) => Math.min(...reach(i)));
        for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) expect(u.find(i) === u.find(j)).toBe(label[i] === label[j]);
      }),
    );
  });
});
