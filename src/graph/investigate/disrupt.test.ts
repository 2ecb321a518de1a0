import { describe, expect, it } from 'vitest';
import { CAVALLARO_2020, disrupt, unitWeights, type Scorer } from './disrupt.js';
import { tinyCSR } from '../communities/test-support/tiny-csr.js';
import type { CSRGraph } from '../csr.js';

/** Degree among alive nodes, weighted (sum of weights) — a scorer written for the test. */
const strengthScorer: Scorer = (g: CSRGraph, mask) => {
  const s = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    if (!mask[v]) continue;
    for (let e = g.out.offsets[v]!; e < g.out.offsets[v + 1]!; e++) if (mask[g.out.targets[e]!]) s[v] = s[v]! + g.out.weights[e]!;
  }
  return s;
};

/** Brute-force global efficiency (BFS from each alive node), for the test. */
const efficiency = (g: CSRGraph, mask: Uint8Array): number => {
  let alive = 0;
  let sum = 0;
  for (let s = 0; s < g.n; s++) {
    if (!mask[s]) continue;
    alive++;
    const d = new Int32Array(g.n).fill(-1);
    d[s] = 0;
    const q = [s];
    for (let h = 0; h < q.length; h++) {
      const v = q[h]!;
      for (let e = g.out.offsets[v]!; e < g.out.offsets[v + 1]!; e++) {
        const u = g.out.targets[e]!;
        if (mask[u] && d[u] === -1) {
          d[u] = d[v]! + 1;
          sum += 1 / d[u]!;
          q.push(u);
        }
      }
    }
  }
  return alive < 2 ? 0 : sum / (alive * (alive - 1));
};

// two stars (hubs 0 and 4, three leaves each) joined hub to hub; leaf 8 hangs off leaf 1
const g = tinyCSR(9, [[0, 1], [0, 2], [0, 3], [4, 5], [4, 6], [4, 7], [0, 4], [1, 8]]);

describe('disrupt', () => {
  it('reports the intact graph at step 0 and shrinks the LCC as hubs go', () => {
    const r = disrupt(g, { strategy: strengthScorer, steps: 2, efficiency });
    expect(r).toHaveLength(3);
    expect(r[0]!).toMatchObject({ step: 0, lccShare: 1, components: 1, removedTotal: 0, efficiencyRelative: 1 });
    expect(Array.from(r[1]!.removed)).toEqual([0]); // degree 4, ties broken by id
    // left: {1,8}, {2}, {3}, {4,5,6,7}
    expect(r[1]!).toMatchObject({ lccSize: 4, components: 4 });
    expect(r[1]!.lccShare).toBeCloseTo(4 / 9, 12);
    expect(Array.from(r[2]!.removed)).toEqual([4]);
    expect(r[2]!.lccSize).toBe(2);
    expect(r[2]!.efficiency).toBeLessThan(r[1]!.efficiency);
    expect(r[1]!.efficiencyRelative).toBeCloseTo(r[1]!.efficiency / r[0]!.efficiency, 12);
  });

  it('blocks remove b nodes per step', () => {
    const r = disrupt(g, { strategy: strengthScorer, block: 2, steps: 1 });
    expect(Array.from(r[1]!.removed)).toEqual([0, 4]);
    expect(r[1]!.removedTotal).toBe(2);
    expect(Number.isNaN(r[1]!.efficiency)).toBe(true);
  });

  it('recompute matters: static order removes by the intact graph scores', () => {
    // path 0-1-2-3-4-5-6 plus leaves on 1: static degree order is 1 then 2,3,4,5 ...
    const p = tinyCSR(9, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [1, 7], [1, 8]]);
    let calls = 0;
    const counting: Scorer = (gg, m) => {
      calls++;
      return strengthScorer(gg, m);
    };
    const stat = disrupt(p, { strategy: counting, steps: 3, recompute: false });
    expect(calls).toBe(1);
    calls = 0;
    const adaptive = disrupt(p, { strategy: counting, steps: 3, recompute: true });
    expect(calls).toBe(3);
    expect(Array.from(stat[1]!.removed)).toEqual([1]);
    expect(Array.from(adaptive[1]!.removed)).toEqual([1]);
    // after removing 1, degrees: 2..5 have 2 (3,4,5) or 1; static keeps intact-graph order 2,3
    expect(Array.from(stat[2]!.removed)).toEqual([2]);
    expect(Array.from(adaptive[2]!.removed)).toEqual([3]);
  });

  it('explicit order, validated', () => {
    const r = disrupt(g, { strategy: { order: [8, 1] }, steps: 5 });
    expect(r).toHaveLength(3);
    expect(r[2]!.lccSize).toBe(7);
    expect(() => disrupt(g, { strategy: { order: [1, 1] } })).toThrow();
    expect(() => disrupt(g, { strategy: { order: [99] } })).toThrow();
  });

  it('unweighted hands the scorer unit weights (Cavallaro settings)', () => {
    const w = tinyCSR(6, [[0, 1, 100], [2, 3, 1], [2, 4, 1], [2, 5, 1]]);
    const r = disrupt(w, { strategy: strengthScorer, ...CAVALLARO_2020, block: 1, steps: 1 });
    expect(Array.from(r[1]!.removed)).toEqual([2]); // degree 3
    const r2 = disrupt(w, { strategy: strengthScorer, block: 1, steps: 1 });
    expect(Array.from(r2[1]!.removed)).toEqual([0]); // strength 100
    expect(unitWeights(w).out.weights.every((x) => x === 1)).toBe(true);
    expect(CAVALLARO_2020.block).toBe(5);
  });
});
