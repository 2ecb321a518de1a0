/**
 * Newman–Girvan modularity with a resolution parameter, for weighted graphs:
 *   Q = 1/(2m) * sum_c [ in_c - gamma * tot_c^2 / (2m) ]
 * where in_c = sum of A_ij over i, j in c (each internal edge counted twice, a loop as A_vv)
 * and tot_c = sum of strengths in c. Directed graphs are symmetrised (A_ij = w_ij + w_ji),
 * which is what igraph's `modularity(..., directed=False)` computes.
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { toWGraph, type WGraph } from './wgraph.js';

export function modularityW(g: WGraph, membership: ArrayLike<number>, resolution = 1): number {
  if (membership.length !== g.n) {
    throw new ClewError('INVALID_ARGUMENT', 'membership length differs from node count', {
      membership: membership.length,
      n: g.n,
    });
  }
  if (g.total === 0) return 0;
  let k = 0;
  for (let v = 0; v < g.n; v++) {
    const c = membership[v]!;
    if (!Number.isInteger(c) || c < 0) throw new ClewError('INVALID_ARGUMENT', 'community ids must be integers >= 0', { node: v });
    if (c + 1 > k) k = c + 1;
  }
  const inW = new Float64Array(k);
  const tot = new Float64Array(k);
  for (let v = 0; v < g.n; v++) {
    const c = membership[v]!;
    tot[c] = tot[c]! + g.strength[v]!;
    inW[c] = inW[c]! + g.loops[v]!;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      if (membership[g.targets[e]!] === c) inW[c] += g.weights[e]!;
    }
  }
  let q = 0;
  for (let c = 0; c < k; c++) q += inW[c]! - (resolution * tot[c]! * tot[c]!) / g.total;
  return q / g.total;
}

/** Modularity of a partition (`membership[v]` = community id of node v). */
export function modularity(g: CSRGraph, membership: ArrayLike<number>, resolution = 1): number {
  return modularityW(toWGraph(g), membership, resolution);
}
