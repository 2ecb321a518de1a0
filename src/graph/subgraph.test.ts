import { describe, expect, it } from 'vitest';
import { buildCSR } from './build.js';
import { inducedSubgraph } from './subgraph.js';

describe('inducedSubgraph', () => {
  it('keeps edges among the chosen nodes, renumbered in the given order', () => {
    const g = buildCSR(
      { n: 4, src: Int32Array.of(0, 1, 2, 3), dst: Int32Array.of(1, 2, 3, 0), weight: Float64Array.of(1, 2, 3, 4) },
      { directed: true },
    );
    const s = inducedSubgraph(g, [2, 1, 3, 2]);
    expect([...s.original]).toEqual([2, 1, 3]);
    expect(s.graph.n).toBe(3);
    expect(s.graph.directed).toBe(true);
    // edges 1->2 (w 2) and 2->3 (w 3) become 1->0 and 0->2
    expect([...s.graph.out.offsets]).toEqual([0, 1, 2, 2]);
    expect([...s.graph.out.targets]).toEqual([2, 0]);
    expect([...s.graph.out.weights]).toEqual([3, 2]);
  });

  it('keeps each undirected edge once', () => {
    const g = buildCSR({ n: 3, src: Int32Array.of(0, 1), dst: Int32Array.of(1, 2), weight: Float64Array.of(5, 6) }, { directed: false });
    const s = inducedSubgraph(g, [1, 0]);
    expect([...s.graph.out.targets]).toEqual([1, 0]);
    expect([...s.graph.out.weights]).toEqual([5, 5]);
    expect(() => inducedSubgraph(g, [3])).toThrow();
  });
});
