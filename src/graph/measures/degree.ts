import { checkMask, type Mode, type NodeMask } from '../build.js';
import type { Adjacency, CSRGraph } from '../csr.js';

function rowsFor(g: CSRGraph, mode: Mode): readonly Adjacency[] {
  if (!g.directed) return [g.out];
  if (mode === 'out') return [g.out];
  if (mode === 'in') return [g.in];
  return [g.out, g.in];
}

function sumRows(g: CSRGraph, mode: Mode, mask: NodeMask | undefined, weighted: boolean): Float64Array {
  checkMask(g, mask);
  const result = new Float64Array(g.n);
  for (const { offsets, targets, weights } of rowsFor(g, mode)) {
    for (let v = 0; v < g.n; v++) {
      if (mask !== undefined && mask[v] === 0) continue;
      const start = offsets[v] as number;
      const end = offsets[v + 1] as number;
      let s = 0;
      if (mask === undefined && !weighted) {
        s = end - start;
      } else {
        for (let p = start; p < end; p++) {
          if (mask !== undefined && mask[targets[p] as number] === 0) continue;
          s += weighted ? (weights[p] as number) : 1;
        }
      }
      result[v] = (result[v] as number) + s;
    }
  }
  return result;
}

/**
 * Number of distinct neighbours (parallel edges were merged at build time). For a directed graph:
 * 'out' successors, 'in' predecessors, 'all' their sum (a mutual pair counts twice, as in igraph).
 * With a mask, edges to removed nodes do not count and removed nodes have degree 0.
 */
export function degree(g: CSRGraph, mode: Mode = 'all', mask?: NodeMask): Float64Array {
  return sumRows(g, mode, mask, false);
}

/** Weighted degree: the sum of edge weights (e.g. message counts), by the same rules as `degree`. */
export function strength(g: CSRGraph, mode: Mode = 'all', mask?: NodeMask): Float64Array {
  return sumRows(g, mode, mask, true);
}
