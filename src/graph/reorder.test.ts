import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCSR, toEdgeList } from './build.js';
import type { CSRGraph } from './csr.js';
import { bfsOrder, localityView, permute, toOriginalOrder } from './reorder.js';

/** Edge set with original ids, for comparing a graph with its relabelled copy. */
function edgeSet(g: CSRGraph, oldId?: Int32Array): string[] {
  const el = toEdgeList(g);
  const name = (v: number): number => (oldId ? (oldId[v] as number) : v);
  const out: string[] = [];
  for (let i = 0; i < el.src.length; i++) {
    let a = name(el.src[i] as number);
    let b = name(el.dst[i] as number);
    if (!g.directed && a > b) [a, b] = [b, a];
    out.push(`${a}-${b}:${el.weight[i]}`);
  }
  return out.sort();
}

const graphArb = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 5 })), { maxLength: 50 }), fc.boolean()),
);

describe('reorder', () => {
  it('bfsOrder is a permutation and permute preserves every edge, weight and row order', () => {
    fc.assert(
      fc.property(graphArb, ([n, list, directed]) => {
        const g = buildCSR(
          { n, src: Int32Array.from(list.map((e) => e[0])), dst: Int32Array.from(list.map((e) => e[1])), weight: Float64Array.from(list.map((e) => e[2])) },
          { directed },
        );
        const order = bfsOrder(g);
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
        const r = permute(g, order);
        expect(edgeSet(r.graph, r.oldId)).toEqual(edgeSet(g));
        for (const adj of [r.graph.out, r.graph.in]) {
          for (let v = 0; v < n; v++) {
            for (let p = (adj.offsets[v] as number) + 1; p < (adj.offsets[v + 1] as number); p++) {
              expect(adj.targets[p] as number).toBeGreaterThan(adj.targets[p - 1] as number);
            }
          }
        }
        for (let v = 0; v < n; v++) expect(r.oldId[r.newId[v] as number]).toBe(v);
      }),
    );
  });

  it('localityView relabels large graphs with their mask and maps results back', () => {
    const n = 2000;
    const src = Int32Array.from({ length: n - 1 }, (_, i) => (i * 7919) % n);
    const dst = Int32Array.from({ length: n - 1 }, (_, i) => ((i + 1) * 7919) % n);
    const g = buildCSR({ n, src, dst, weight: new Float64Array(n - 1).fill(1) }, { directed: false });
    const mask = new Uint8Array(n).fill(1);
    mask[5] = 0;
    const view = localityView(g, mask, 10);
    expect(view.graph).not.toBe(g);
    expect(view.mask![view.newId[5] as number]).toBe(0);
    const values = Float64Array.from(view.oldId, (o) => o * 2);
    expect([...toOriginalOrder(values, view.newId)]).toEqual(Array.from({ length: n }, (_, i) => i * 2));
    expect(localityView(g, mask, 2).graph).toBe(g);
  });
});
