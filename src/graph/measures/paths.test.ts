import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCSR, maskWithout } from '../build.js';
import type { EdgeList } from '../csr.js';
import { shortestPath, shortestPathLengths } from './paths.js';

function edges(n: number, list: ReadonlyArray<readonly [number, number, number]>): EdgeList {
  return {
    n,
    src: Int32Array.from(list.map((e) => e[0])),
    dst: Int32Array.from(list.map((e) => e[1])),
    weight: Float64Array.from(list.map((e) => e[2])),
  };
}

/** Bellman–Ford style relaxation to a fixed point: the model for distances. */
function naiveDistances(el: EdgeList, directed: boolean, weighted: boolean, s: number, mask?: Uint8Array): number[] {
  const d = new Array<number>(el.n).fill(Infinity);
  if (mask && mask[s] === 0) return d;
  d[s] = 0;
  for (let round = 0; round < el.n; round++) {
    for (let i = 0; i < el.src.length; i++) {
      const u = el.src[i] as number;
      const v = el.dst[i] as number;
      if (u === v || (mask && (mask[u] === 0 || mask[v] === 0))) continue;
      const w = weighted ? (el.weight[i] as number) : 1;
      if ((d[u] as number) + w < (d[v] as number)) d[v] = (d[u] as number) + w;
      if (!directed && (d[v] as number) + w < (d[u] as number)) d[u] = (d[v] as number) + w;
    }
  }
  return d;
}

const caseArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    list: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 6 })), { maxLength: 40 }),
    directed: fc.boolean(),
    weighted: fc.boolean(),
    s: fc.nat(n - 1),
    t: fc.nat(n - 1),
    removed: fc.uniqueArray(fc.nat(n - 1), { maxLength: 3 }),
  }),
);

describe('shortest paths', () => {
  it('BFS and Dijkstra distances equal a relaxation model, with masks', () => {
    fc.assert(
      fc.property(caseArb, ({ n, list, directed, weighted, s, removed }) => {
        // Parallel edges are summed at build time, so the model must see merged weights too.
        const g = buildCSR(edges(n, list), { directed });
        const merged: Array<[number, number, number]> = [];
        for (let u = 0; u < n; u++) {
          for (let p = g.out.offsets[u] as number; p < (g.out.offsets[u + 1] as number); p++) merged.push([u, g.out.targets[p] as number, g.out.weights[p] as number]);
        }
        const mask = maskWithout(n, removed);
        const got = shortestPathLengths(g, s, { weighted, mask });
        expect([...got]).toEqual(naiveDistances(edges(n, merged), true, weighted, s, mask));
      }),
    );
  });

  it('shortestPath returns a valid path of the shortest length, or null', () => {
    fc.assert(
      fc.property(caseArb, ({ n, list, directed, weighted, s, t }) => {
        const g = buildCSR(edges(n, list), { directed });
        const dist = shortestPathLengths(g, s, { weighted });
        const path = shortestPath(g, s, t, { weighted });
        if (dist[t] === Infinity) {
          expect(path).toBeNull();
          return;
        }
        expect(path).not.toBeNull();
        const p = path!;
        expect(p[0]).toBe(s);
        expect(p[p.length - 1]).toBe(t);
        let len = 0;
        for (let i = 0; i + 1 < p.length; i++) {
          const u = p[i] as number;
          const v = p[i + 1] as number;
          let w = Infinity;
          for (let q = g.out.offsets[u] as number; q < (g.out.offsets[u + 1] as number); q++) if (g.out.targets[q] === v) w = weighted ? (g.out.weights[q] as number) : 1;
          len += w;
        }
        expect(len).toBe(dist[t]);
      }),
    );
  });

  it('mode "in" walks edges backwards', () => {
    const g = buildCSR(edges(3, [[0, 1, 1], [1, 2, 1]]), { directed: true });
    expect([...shortestPathLengths(g, 2, { mode: 'in' })]).toEqual([2, 1, 0]);
    expect([...shortestPathLengths(g, 2)]).toEqual([Infinity, Infinity, 0]);
    expect([...shortestPathLengths(g, 1, { mode: 'all' })]).toEqual([1, 0, 1]);
  });

  it('rejects out-of-range nodes', () => {
    const g = buildCSR(edges(2, [[0, 1, 1]]), { directed: true });
    expect(() => shortestPath(g, 0, 2)).toThrow();
    expect(() => shortestPathLengths(g, -1)).toThrow();
  });
});
