import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { graphContext } from './graph.js';
import { contactPairs, egoView, networkView, viewMeasures } from './graph-view.js';
import type { Network } from './network.js';

/** Two triangles joined by a bridge c–d, a pendant f–g off d, and a self-contact on a. */
function net(): Network {
  const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const pairs: [number, number, number][] = [
    [0, 1, 3],
    [1, 0, 2],
    [1, 2, 1],
    [2, 0, 1],
    [2, 3, 5],
    [3, 4, 1],
    [4, 5, 1],
    [5, 3, 1],
    [5, 6, 2],
    [0, 0, 4],
  ];
  return {
    labels,
    keys: labels.map((l) => `k:${l}`),
    accounts: labels.map(() => null),
    edges: { n: labels.length, src: Int32Array.from(pairs, (p) => p[0]), dst: Int32Array.from(pairs, (p) => p[1]), weight: Float64Array.from(pairs, (p) => p[2]) },
    first: new Float64Array(pairs.length).fill(NaN),
    last: new Float64Array(pairs.length).fill(NaN),
  };
}

describe('network view', () => {
  it('sends every node with its measures and each contact pair once, both directions summed', () => {
    const ctx = graphContext(net());
    const m = viewMeasures(ctx);
    const v = networkView(ctx, m, { maxNodes: 100, by: 'pagerank' });
    expect(v).toMatchObject({ nodes: 7, edges: 8, truncated: false, rankedBy: 'pagerank' });
    expect(contactPairs(ctx)).toBe(8);
    const g = v.graph;
    expect(g.keys).toEqual(['k:a', 'k:b', 'k:c', 'k:d', 'k:e', 'k:f', 'k:g']);
    const pairs = g.src.map((s, i) => `${g.labels[s]}-${g.labels[g.dst[i]!]}:${g.weight[i]}`).sort();
    expect(pairs).toEqual(['a-b:5', 'a-c:1', 'b-c:1', 'c-d:5', 'd-e:1', 'd-f:1', 'e-f:1', 'f-g:2']);
    expect(g.measures.degree[3]).toBe(3); // d: c, e, f
    // the bridge endpoints carry all the betweenness between the triangles
    const bc = g.measures.betweenness;
    expect(bc[2]).toBeGreaterThan(bc[0]!);
    expect(bc[3]).toBeGreaterThan(bc[4]!);
    expect(bc[6]).toBe(0);
    expect(m.betweenness.sampled).toBe(false);
    // the two triangles fall in different communities
    expect(g.community[0]).toBe(g.community[1]);
    expect(g.community[0]).not.toBe(g.community[4]);
  });

  it('caps at the top nodes by the chosen measure and keeps only the contacts among them', () => {
    const ctx = graphContext(net());
    const m = viewMeasures(ctx);
    const v = networkView(ctx, m, { maxNodes: 3, by: 'betweenness' });
    expect(v).toMatchObject({ nodes: 7, edges: 8, truncated: true });
    expect(v.graph.keys).toEqual(['k:c', 'k:d', 'k:f']);
    expect(v.graph.src.map((s, i) => `${v.graph.labels[s]}-${v.graph.labels[v.graph.dst[i]!]}`).sort()).toEqual(['c-d', 'd-f']);
    expect(() => networkView(ctx, m, { maxNodes: 0, by: 'degree' })).toThrow(ClewError);
    expect(() => networkView(ctx, m, { maxNodes: 3, by: 'nope' as 'degree' })).toThrow(/unknown measure/);
  });

  it('estimates betweenness from pivots above the exact limit and says so', () => {
    const ctx = graphContext(net(), undefined, { exactMaxNodes: 3, samples: 2 });
    const m = viewMeasures(ctx);
    expect(m.betweenness).toMatchObject({ sampled: true, samples: 2 });
  });

  it('expands an ego network with distances and the whole-network measures, capped', async () => {
    const ctx = graphContext(net());
    const m = viewMeasures(ctx);
    const e = await egoView(ctx, m, 'k:d', { hops: 1, maxNodes: 100 });
    expect(e.center).toBe('k:d');
    expect(e.truncated).toBe(false);
    expect([...e.graph.keys].sort()).toEqual(['k:c', 'k:d', 'k:e', 'k:f']);
    expect(e.distance[e.graph.keys.indexOf('k:d')]).toBe(0);
    expect(e.distance[e.graph.keys.indexOf('k:f')]).toBe(1);
    expect(e.graph.measures.degree[e.graph.keys.indexOf('k:d')]).toBe(3);
    expect(e.graph.src.length).toBe(4); // c-d, d-e, d-f, e-f
    const capped = await egoView(ctx, m, 'k:d', { hops: 2, maxNodes: 2 });
    expect(capped.truncated).toBe(true);
    expect(capped.graph.keys.length).toBe(2);
    await expect(egoView(ctx, m, 'k:zz', { hops: 1, maxNodes: 10 })).rejects.toThrow(ClewError);
  });
});
