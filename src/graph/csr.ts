/**
 * Compressed sparse rows: the one graph representation every algorithm in src/graph takes.
 * Nodes are 0..n-1. For a directed graph `out` holds successors and `in` predecessors; for an
 * undirected view both hold the symmetric neighbour lists. Weights are parallel to the targets.
 * Built once from an edge list; algorithms never mutate it (removal is expressed by a mask).
 */
export interface Adjacency {
  /** offsets[v]..offsets[v+1] index `targets`/`weights` for node v; length n+1. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export interface CSRGraph {
  n: number;
  directed: boolean;
  out: Adjacency;
  /** Predecessors (equal to `out` for undirected graphs). */
  in: Adjacency;
}

/** An edge list as it comes from the store or a file: parallel arrays, node ids 0..n-1. */
export interface EdgeList {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
}
