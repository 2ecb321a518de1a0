import { describe, expect, it } from 'vitest';
import { buildCSR } from '../graph/build.js';
import { egoSelection } from './ego-select.js';

// centre 0; ring 1: 1 (weight 5), 2 (weight 1), 3 (weight 5); ring 2: 4 via 1 and 2, 5 via 3; 6 unreachable
const E: [number, number, number][] = [[0, 1, 5], [2, 0, 1], [0, 3, 5], [1, 4, 2], [2, 4, 1], [3, 5, 7], [1, 2, 3]];
const g = buildCSR({ n: 7, src: Int32Array.from(E.map((e) => e[0])), dst: Int32Array.from(E.map((e) => e[1])), weight: Float64Array.from(E.map((e) => e[2])) }, { directed: false });
const labels = ['Kum', 'Brat', 'Ana', 'Ana', 'Ceca', 'Duda', 'Nobody'];

describe('egoSelection', () => {
  it('centres first, then ring by ring, strongest tie inward first (ties by label, then node), with the edges among them', () => {
    const e = egoSelection(g, labels, [0], { title: 't', seed: 3 });
    expect(e.nodes).toEqual([
      { label: 'Kum', ring: 0 },
      { label: 'Ana', ring: 1 },
      { label: 'Brat', ring: 1 },
      { label: 'Ana', ring: 1 },
      { label: 'Duda', ring: 2 },
      { label: 'Ceca', ring: 2 },
    ]);
    // node 3 (Ana, 5) and node 1 (Brat, 5) tie: Ana first by label; node 2 (Ana, 1) last of ring 1; Duda (7 to ring 1) before Ceca (2 + 1)
    expect(e.edges).toEqual([
      { a: 0, b: 1, weight: 5 },
      { a: 0, b: 2, weight: 5 },
      { a: 0, b: 3, weight: 1 },
      { a: 1, b: 4, weight: 7 },
      { a: 2, b: 3, weight: 3 },
      { a: 2, b: 5, weight: 2 },
      { a: 3, b: 5, weight: 1 },
    ]);
    expect(e.edges).toHaveLength(7);
    expect(e.of).toEqual({ nodes: 7, edges: 7 });
    expect(e.seed).toBe(3);
  });

  it('cuts to max nodes, inner rings first, and keeps only the edges among those shown', () => {
    const e = egoSelection(g, labels, [0], { title: 't', seed: 1, max: 3 });
    expect(e.nodes.map((n) => n.label)).toEqual(['Kum', 'Ana', 'Brat']);
    expect(e.edges).toEqual([
      { a: 0, b: 1, weight: 5 },
      { a: 0, b: 2, weight: 5 },
    ]);
    expect(egoSelection(g, labels, [], { title: 't', seed: 1 }).nodes).toEqual([]);
  });
});
