import { ClewError } from '../model/errors.js';
import type { Adjacency, CSRGraph, EdgeList } from './csr.js';

/**
 * Alive flags for node removal ("what if these accounts were arrested"): mask[v] === 1 keeps
 * node v, 0 removes it with all its edges. Length n. Algorithms that accept a mask treat a
 * removed node as absent (it is never a source, target or intermediate of any path, and n counts
 * alive nodes only) and report 0 for it — NaN where the measure is undefined (closeness), -1 for
 * labels (components).
 */
export type NodeMask = Uint8Array;

export interface BuildOptions {
  /** Directed view: `out` holds successors, `in` predecessors. Undirected: both hold neighbours. */
  directed: boolean;
  /**
   * Drop edges u→u (default true). Kept self-loops appear once in v's own list (also for
   * undirected graphs). Most measures assume there are none.
   */
  dropSelfLoops?: boolean;
}

/** Number of edges above which `buildCSR` refuses (an Int32Array index bound with headroom). */
export const MAX_EDGES = 500_000_000;

function invalid(message: string, details: Record<string, number | string> = {}): ClewError {
  return new ClewError('INVALID_ARGUMENT', message, details);
}

/**
 * Build a CSR graph from an edge list in O(n + m) (two counting-sort passes, no comparison sort).
 * Parallel edges are merged and their weights summed; in an undirected graph u–v and v–u are the
 * same edge. Every adjacency row is sorted by target, so lookups may binary-search.
 * Throws INVALID_ARGUMENT on node ids outside 0..n-1, mismatched array lengths or non-finite weights.
 */
export function buildCSR(edges: EdgeList, options: BuildOptions): CSRGraph {
  const { n, src, dst, weight } = edges;
  const dropSelfLoops = options.dropSelfLoops ?? true;
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw invalid('node count must be a non-negative int32', { n });
  const m = src.length;
  if (dst.length !== m || weight.length !== m) {
    throw invalid('edge arrays differ in length', { src: m, dst: dst.length, weight: weight.length });
  }
  if (m > MAX_EDGES) throw invalid('too many edges', { m, max: MAX_EDGES });

  let arcs = 0;
  for (let i = 0; i < m; i++) {
    const u = src[i] as number;
    const v = dst[i] as number;
    const w = weight[i] as number;
    if (u < 0 || u >= n || v < 0 || v >= n) throw invalid('edge endpoint out of range', { edge: i, src: u, dst: v, n });
    if (!Number.isFinite(w)) throw invalid('edge weight is not finite', { edge: i });
    if (u === v) {
      if (!dropSelfLoops) arcs += 1;
    } else {
      arcs += options.directed ? 1 : 2;
    }
  }

  // Directed and nothing dropped: the edge list is the arc list (arcsToAdjacency only reads it).
  if (options.directed && arcs === m) {
    const out = arcsToAdjacency(n, src, dst, weight);
    return { n, directed: true, out, in: transpose(n, out) };
  }
  // Arc list: each undirected edge becomes two arcs.
  const aSrc = new Int32Array(arcs);
  const aDst = new Int32Array(arcs);
  const aW = new Float64Array(arcs);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const u = src[i] as number;
    const v = dst[i] as number;
    const w = weight[i] as number;
    if (u === v) {
      if (dropSelfLoops) continue;
      aSrc[k] = u; aDst[k] = v; aW[k] = w; k++;
      continue;
    }
    aSrc[k] = u; aDst[k] = v; aW[k] = w; k++;
    if (!options.directed) {
      aSrc[k] = v; aDst[k] = u; aW[k] = w; k++;
    }
  }

  const out = arcsToAdjacency(n, aSrc, aDst, aW);
  if (!options.directed) return { n, directed: false, out, in: out };
  return { n, directed: true, out, in: transpose(n, out) };
}

/**
 * Sort arcs by (source, target) with two stable counting sorts, then merge equal pairs by
 * summing weights. O(n + arcs) time, O(n + arcs) extra memory.
 */
function arcsToAdjacency(n: number, aSrc: Int32Array, aDst: Int32Array, aW: Float64Array): Adjacency {
  const arcs = aSrc.length;
  const count = new Int32Array(n + 1);
  // Pass 1: order arc indices by target.
  for (let i = 0; i < arcs; i++) {
    const d = (aDst[i] as number) + 1;
    count[d] = (count[d] as number) + 1;
  }
  for (let v = 0; v < n; v++) count[v + 1] = (count[v + 1] as number) + (count[v] as number);
  const byDst = new Int32Array(arcs);
  for (let i = 0; i < arcs; i++) {
    const d = aDst[i] as number;
    byDst[count[d] as number] = i;
    count[d] = (count[d] as number) + 1;
  }
  // Pass 2: stable by source, so each row ends up sorted by target.
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < arcs; i++) {
    const s = (aSrc[i] as number) + 1;
    offsets[s] = (offsets[s] as number) + 1;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(arcs);
  const weights = new Float64Array(arcs);
  for (let j = 0; j < arcs; j++) {
    const i = byDst[j] as number;
    const s = aSrc[i] as number;
    const p = cursor[s] as number;
    targets[p] = aDst[i] as number;
    weights[p] = aW[i] as number;
    cursor[s] = p + 1;
  }
  // Merge runs of equal targets within each row, compacting in place.
  let write = 0;
  let rowStart = 0;
  for (let v = 0; v < n; v++) {
    const end = offsets[v + 1] as number;
    offsets[v] = write;
    let last = -1;
    for (let p = rowStart; p < end; p++) {
      const t = targets[p] as number;
      if (t === last) {
        weights[write - 1] = (weights[write - 1] as number) + (weights[p] as number);
      } else {
        targets[write] = t;
        weights[write] = weights[p] as number;
        write++;
        last = t;
      }
    }
    rowStart = end;
  }
  offsets[n] = write;
  if (write === arcs) return { offsets, targets, weights };
  return { offsets, targets: targets.slice(0, write), weights: weights.slice(0, write) };
}

/** The reverse adjacency (predecessor lists), rows sorted by source. O(n + m). */
export function transpose(n: number, adj: Adjacency): Adjacency {
  const arcs = adj.targets.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < arcs; i++) {
    const t = (adj.targets[i] as number) + 1;
    offsets[t] = (offsets[t] as number) + 1;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(arcs);
  const weights = new Float64Array(arcs);
  for (let u = 0; u < n; u++) {
    const end = adj.offsets[u + 1] as number;
    for (let p = adj.offsets[u] as number; p < end; p++) {
      const v = adj.targets[p] as number;
      const q = cursor[v] as number;
      targets[q] = u;
      weights[q] = adj.weights[p] as number;
      cursor[v] = q + 1;
    }
  }
  return { offsets, targets, weights };
}

/**
 * The undirected view of a graph: u–v exists when u→v or v→u does; the weight is the sum of
 * both directions (so a mutual pair of 3 and 2 messages becomes one edge of weight 5).
 * Returns the graph itself when it is already undirected.
 */
export function toUndirected(g: CSRGraph): CSRGraph {
  if (!g.directed) return g;
  const { offsets, targets, weights } = g.out;
  const m = targets.length;
  const src = new Int32Array(m);
  for (let u = 0; u < g.n; u++) src.fill(u, offsets[u] as number, offsets[u + 1] as number);
  return buildCSR({ n: g.n, src, dst: targets, weight: weights }, { directed: false, dropSelfLoops: false });
}

/** The directed graph with every edge turned round (shares the arrays; O(1)). Undirected: itself. */
export function reverse(g: CSRGraph): CSRGraph {
  return g.directed ? { n: g.n, directed: true, out: g.in, in: g.out } : g;
}

/**
 * The same graph with every weight replaced by f(weight), e.g. `w => 1 / w` to turn message counts
 * (strengths: more is closer) into lengths for the shortest-path measures. Shares the structure
 * arrays; throws INVALID_ARGUMENT if f yields a non-finite value.
 */
export function mapWeights(g: CSRGraph, f: (w: number) => number): CSRGraph {
  const map = (adj: Adjacency): Adjacency => {
    const weights = new Float64Array(adj.weights.length);
    for (let i = 0; i < weights.length; i++) {
      const w = f(adj.weights[i] as number);
      if (!Number.isFinite(w)) throw invalid('mapped weight is not finite', { arc: i, weight: adj.weights[i] as number });
      weights[i] = w;
    }
    return { offsets: adj.offsets, targets: adj.targets, weights };
  };
  const out = map(g.out);
  return { n: g.n, directed: g.directed, out, in: g.directed ? map(g.in) : out };
}

/**
 * The edge list of a graph (each undirected edge once, with u <= v), e.g. to hand to an
 * exporter or to rebuild after filtering.
 */
export function toEdgeList(g: CSRGraph): EdgeList {
  const { offsets, targets, weights } = g.out;
  let m = 0;
  for (let u = 0; u < g.n; u++) {
    for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) {
      if (g.directed || u <= (targets[p] as number)) m++;
    }
  }
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m);
  let k = 0;
  for (let u = 0; u < g.n; u++) {
    for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) {
      const v = targets[p] as number;
      if (!g.directed && u > v) continue;
      src[k] = u; dst[k] = v; weight[k] = weights[p] as number; k++;
    }
  }
  return { n: g.n, src, dst, weight };
}

/** Number of edges: arcs for a directed graph, unordered pairs (self-loops once) for undirected. */
export function edgeCount(g: CSRGraph): number {
  if (g.directed) return g.out.targets.length;
  const { offsets, targets } = g.out;
  let loops = 0;
  for (let u = 0; u < g.n; u++) {
    for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) if (targets[p] === u) loops++;
  }
  return (targets.length - loops) / 2 + loops;
}

/** Position of the edge u→v in g.out (rows are sorted), or -1. O(log deg u). */
export function findArc(adj: Adjacency, u: number, v: number): number {
  let lo = adj.offsets[u] as number;
  let hi = (adj.offsets[u + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = adj.targets[mid] as number;
    if (t === v) return mid;
    if (t < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A mask with every node alive except `removed`. Throws INVALID_ARGUMENT on ids out of range. */
export function maskWithout(n: number, removed: Iterable<number>): NodeMask {
  const mask = new Uint8Array(n).fill(1);
  for (const v of removed) {
    if (!Number.isInteger(v) || v < 0 || v >= n) throw invalid('node id out of range', { node: v, n });
    mask[v] = 0;
  }
  return mask;
}

/** Throws INVALID_ARGUMENT unless `mask` is absent or has one flag per node. */
export function checkMask(g: CSRGraph, mask: NodeMask | undefined): void {
  if (mask !== undefined && mask.length !== g.n) throw invalid('mask length differs from node count', { mask: mask.length, n: g.n });
}

/** Throws INVALID_ARGUMENT unless `v` is a node of g. */
export function checkNode(g: CSRGraph, v: number, what = 'node'): void {
  if (!Number.isInteger(v) || v < 0 || v >= g.n) throw invalid(`${what} id out of range`, { node: v, n: g.n });
}

/**
 * Throws INVALID_ARGUMENT unless every weight is finite and > 0, as shortest-path algorithms
 * that read weights as distances require.
 */
export function checkPositiveWeights(g: CSRGraph): void {
  const check = (w: Float64Array): void => {
    for (let i = 0; i < w.length; i++) {
      const x = w[i] as number;
      if (!(x > 0) || x === Infinity) throw invalid('weights used as distances must be finite and positive', { arc: i, weight: x });
    }
  };
  check(g.out.weights);
  if (g.directed) check(g.in.weights);
}

/**
 * Which edges a traversal follows in a directed graph: 'out' along edges (u→v from u),
 * 'in' against them, 'all' both ways (direction ignored). Undirected graphs ignore the mode.
 */
export type Mode = 'out' | 'in' | 'all';

/** The adjacency lists a traversal in `mode` must scan (one list, or two for 'all' on a directed graph). */
export function adjacencies(g: CSRGraph, mode: Mode): readonly Adjacency[] {
  if (!g.directed) return [g.out];
  if (mode === 'out') return [g.out];
  if (mode === 'in') return [g.in];
  return [g.out, g.in];
}
