import { buildCSR, checkNode } from './build.js';
import type { CSRGraph } from './csr.js';

export interface Subgraph {
  graph: CSRGraph;
  /** original[i] is the id in the parent graph of subgraph node i. */
  original: Int32Array;
}

/**
 * The subgraph induced by `nodes` (duplicates ignored), renumbered 0..k-1 in the given order;
 * keeps direction and weights. O(k + edges incident to the nodes) plus one O(n) index array.
 */
export function inducedSubgraph(g: CSRGraph, nodes: ArrayLike<number>): Subgraph {
  const local = new Int32Array(g.n).fill(-1);
  const original: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i] as number;
    checkNode(g, v);
    if (local[v] !== -1) continue;
    local[v] = original.length;
    original.push(v);
  }
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  const { offsets, targets, weights } = g.out;
  for (let i = 0; i < original.length; i++) {
    const u = original[i] as number;
    for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) {
      const j = local[targets[p] as number] as number;
      if (j === -1 || (!g.directed && j < i)) continue;
      src.push(i);
      dst.push(j);
      weight.push(weights[p] as number);
    }
  }
  const graph = buildCSR(
    { n: original.length, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: Float64Array.from(weight) },
    { directed: g.directed, dropSelfLoops: false },
  );
  return { graph, original: Int32Array.from(original) };
}
