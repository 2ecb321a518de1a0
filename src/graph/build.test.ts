import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isClewError } from '../model/errors.js';
import { buildCSR, edgeCount, findArc, mapWeights, maskWithout, reverse, toEdgeList, toUndirected, transpose } from './build.js';
import type { CSRGraph, EdgeList } from './csr.js';

function edges(n: number, list: ReadonlyArray<readonly [number, number, number?]>): EdgeList {
  return {
    n,
    src: Int32Array.from(list.map((e) => e[0])),
    dst: Int32Array.from(list.map((e) => e[1])),
    weight: Float64Array.from(list.map((e) => e[2] ?? 1)),
  };
}

function rows(g: CSRGraph, which: 'out' | 'in'): Array<Array<[number, number]>> {
  const adj = g[which];
  const result: Array<Array<[number, number]>> = [];
  for (let u = 0; u < g.n; u++) {
    const row: Array<[number, number]> = [];
    for (let p = adj.offsets[u] as number; p < (adj.offsets[u + 1] as number); p++) {
      row.push([adj.targets[p] as number, adj.weights[p] as number]);
    }
    result.push(row);
  }
  return result;
}

/** Naive model: a map per node, summing weights. */
function naive(el: EdgeList, directed: boolean, dropSelfLoops: boolean): Array<Array<[number, number]>> {
  const maps = Array.from({ length: el.n }, () => new Map<number, number>());
  for (let i = 0; i < el.src.length; i++) {
    const u = el.src[i] as number;
    const v = el.dst[i] as number;
    const w = el.weight[i] as number;
    if (u === v && dropSelfLoops) continue;
    maps[u]!.set(v, (maps[u]!.get(v) ?? 0) + w);
    if (!directed && u !== v) maps[v]!.set(u, (maps[v]!.get(u) ?? 0) + w);
  }
  return maps.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0]));
}

const edgeListArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 9 })), { maxLength: 60 })
    .map((list) => edges(n, list)),
);

describe('buildCSR', () => {
  it('merges parallel edges, sums weights and drops self-loops', () => {
    const g = buildCSR(edges(3, [[0, 1, 2], [0, 1, 3], [1, 0, 4], [2, 2, 5], [1, 2, 1]]), { directed: true });
    expect(rows(g, 'out')).toEqual([[[1, 5]], [[0, 4], [2, 1]], []]);
    expect(rows(g, 'in')).toEqual([[[1, 4]], [[0, 5]], [[1, 1]]]);
    const u = buildCSR(edges(3, [[0, 1, 2], [0, 1, 3], [1, 0, 4], [2, 2, 5]]), { directed: false, dropSelfLoops: false });
    expect(rows(u, 'out')).toEqual([[[1, 9]], [[0, 9]], [[2, 5]]]);
    expect(u.in).toBe(u.out);
    expect(edgeCount(u)).toBe(2);
  });

  it('matches a naive map model on random edge lists (directed and undirected)', () => {
    fc.assert(
      fc.property(edgeListArb, fc.boolean(), fc.boolean(), (el, directed, drop) => {
        const g = buildCSR(el, { directed, dropSelfLoops: drop });
        expect(rows(g, 'out')).toEqual(naive(el, directed, drop));
        if (directed) {
          const rev: EdgeList = { n: el.n, src: el.dst, dst: el.src, weight: el.weight };
          expect(rows(g, 'in')).toEqual(naive(rev, true, drop));
        }
        expect(rows(buildCSR(toEdgeList(g), { directed, dropSelfLoops: drop }), 'out')).toEqual(rows(g, 'out'));
      }),
    );
  });

  it('toUndirected sums both directions of a mutual pair', () => {
    const g = buildCSR(edges(3, [[0, 1, 3], [1, 0, 2], [1, 2, 1]]), { directed: true });
    const u = toUndirected(g);
    expect(u.directed).toBe(false);
    expect(rows(u, 'out')).toEqual([[[1, 5]], [[0, 5], [2, 1]], [[1, 1]]]);
    expect(toUndirected(u)).toBe(u);
  });

  it('reverse swaps successor and predecessor lists', () => {
    const g = buildCSR(edges(3, [[0, 1, 2], [1, 2, 3]]), { directed: true });
    const r = reverse(g);
    expect(rows(r, 'out')).toEqual([[], [[0, 2]], [[1, 3]]]);
    expect(rows(r, 'in')).toEqual(rows(g, 'out'));
    const u = toUndirected(g);
    expect(reverse(u)).toBe(u);
  });

  it('mapWeights transforms both directions and rejects non-finite results', () => {
    const g = buildCSR(edges(3, [[0, 1, 2], [1, 2, 4]]), { directed: true });
    const inv = mapWeights(g, (w) => 1 / w);
    expect(rows(inv, 'out')).toEqual([[[1, 0.5]], [[2, 0.25]], []]);
    expect(rows(inv, 'in')).toEqual([[], [[0, 0.5]], [[1, 0.25]]]);
    expect(rows(g, 'out')).toEqual([[[1, 2]], [[2, 4]], []]);
    const u = mapWeights(toUndirected(g), (w) => w * 10);
    expect(u.in).toBe(u.out);
    expect(() => mapWeights(g, () => Number.NaN)).toThrow();
  });

  it('transpose twice is the identity and findArc finds every arc', () => {
    fc.assert(
      fc.property(edgeListArb, (el) => {
        const g = buildCSR(el, { directed: true });
        const tt = transpose(g.n, transpose(g.n, g.out));
        expect(tt).toEqual(g.out);
        for (let u = 0; u < g.n; u++) {
          for (let v = 0; v < g.n; v++) {
            const p = findArc(g.out, u, v);
            const has = naive(el, true, true)[u]!.some(([t]) => t === v);
            expect(p >= 0).toBe(has);
            if (p >= 0) expect(g.out.targets[p]).toBe(v);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('rejects out-of-range endpoints, ragged arrays and non-finite weights with INVALID_ARGUMENT', () => {
    const bad: EdgeList[] = [
      edges(2, [[0, 2]]),
      edges(2, [[-1, 0]]),
      { n: 2, src: Int32Array.of(0), dst: Int32Array.of(), weight: Float64Array.of(1) },
      edges(2, [[0, 1, Number.NaN]]),
      edges(2, [[0, 1, Infinity]]),
      { n: -1, src: new Int32Array(0), dst: new Int32Array(0), weight: new Float64Array(0) },
    ];
    for (const el of bad) {
      let caught: unknown;
      try {
        buildCSR(el, { directed: true });
      } catch (e) {
        caught = e;
      }
      expect(isClewError(caught) && caught.code === 'INVALID_ARGUMENT').toBe(true);
    }
  });

  it('handles the empty graph', () => {
    const g = buildCSR(edges(0, []), { directed: false });
    expect(g.n).toBe(0);
    expect(g.out.offsets).toEqual(Int32Array.of(0));
  });

  it('maskWithout clears exactly the removed nodes', () => {
    expect([...maskWithout(4, [1, 3])]).toEqual([1, 0, 1, 0]);
    expect(() => maskWithout(4, [4])).toThrow();
  });
});
