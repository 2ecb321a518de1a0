import { ClewError } from '../../model/errors.js';
import { checkMask, checkPositiveWeights, type NodeMask } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { IndexedMinHeap } from '../heap.js';
import { createRng, sampleWithoutReplacement } from '../random.js';
import { localityView, toOriginalOrder } from '../reorder.js';

export interface BetweennessOptions {
  /**
   * false (default): shortest paths count hops (BFS). true: edge weights are path *lengths*
   * (Dijkstra), so they must be positive; lengths within a relative 1e-10 of each other are
   * treated as equal, as igraph does. To favour frequent contacts pass `mapWeights(g, (w) => 1 / w)`.
   */
  weighted?: boolean;
  /**
   * Divide by the number of pairs not involving the node: (n-1)(n-2) for directed graphs,
   * (n-1)(n-2)/2 for undirected — networkx `normalized=True`. Default false (raw counts, as igraph).
   */
  normalized?: boolean;
  /** Removed nodes lie on no path and score 0; n counts alive nodes only. */
  mask?: NodeMask;
}

/** Relative comparison of path lengths, as igraph_cmp_epsilon with eps = 1e-10. */
function cmpLength(a: number, b: number): number {
  if (a === b) return 0;
  const diff = Math.abs(a - b);
  const sum = Math.abs(a) + Math.abs(b);
  if (a === 0 || b === 0 || sum < Number.MIN_VALUE) return diff < 1e-10 * Number.MIN_VALUE ? 0 : a < b ? -1 : 1;
  return diff / sum < 1e-10 ? 0 : a < b ? -1 : 1;
}

/**
 * Brandes' dependency accumulation from a set of sources. Directed graphs follow edge direction;
 * undirected graphs count each unordered pair twice (halved by the callers).
 * Predecessors are recorded during the forward pass in one flat array laid out like the `in`
 * lists (a node has at most in-degree predecessors), so memory is O(n + m) and the backward
 * pass reads only real predecessors.
 */
function accumulate(g: CSRGraph, sources: Int32Array, weighted: boolean, mask: NodeMask | undefined): Float64Array {
  // Work on a BFS-ordered copy when it pays (see reorder.ts); ids are mapped in and out.
  const view = localityView(g, mask, sources.length);
  const mapped = sources.map((s) => view.newId[s] as number);
  const bc = new Float64Array(g.n);
  if (weighted) accumulateDijkstra(view.graph, mapped, view.mask, bc);
  else accumulateBfs(view.graph, mapped, view.mask, bc);
  return view.graph === g ? bc : toOriginalOrder(bc, view.newId);
}

/**
 * Unweighted pass: BFS with integer distances (-1 = unreached), level by level, each level either
 * top-down (the frontier's out-arcs) or bottom-up (the in-arcs of every node not reached yet),
 * whichever reads fewer arcs (Beamer's direction-optimising BFS, without its early exit: every
 * shortest-path predecessor is needed for σ). On a small-world network the last, largest levels go
 * bottom-up and most arcs of the farthest nodes are never read. Both directions record the same
 * predecessors in the same flat array, so the backward pass is unchanged.
 */
function accumulateBfs(g: CSRGraph, sources: Int32Array, mask: NodeMask | undefined, bc: Float64Array): void {
  const n = g.n;
  const { offsets: outOff, targets: outTgt } = g.out;
  const { offsets: inOff, targets: inTgt } = g.in;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const pred = new Int32Array(inTgt.length);
  const predEnd = new Int32Array(n);
  // A mask is folded into the distance array: removed nodes look already visited at distance -2.
  if (mask !== undefined) for (let v = 0; v < n; v++) if (mask[v] === 0) dist[v] = -2;
  let aliveInArcs = 0;
  for (let v = 0; v < n; v++) if (dist[v] === -1) aliveInArcs += (inOff[v + 1] as number) - (inOff[v] as number);
  for (let si = 0; si < sources.length; si++) {
    const s = sources[si] as number;
    if (dist[s] === -2) continue;
    let reached = 0;
    dist[s] = 0;
    sigma[s] = 1;
    order[reached++] = s;
    let levelStart = 0;
    let level = 0;
    let frontierOut = (outOff[s + 1] as number) - (outOff[s] as number);
    let unreachedIn = aliveInArcs - ((inOff[s + 1] as number) - (inOff[s] as number));
    while (levelStart < reached) {
      const levelEnd = reached;
      const next = level + 1;
      let nextOut = 0;
      if (frontierOut <= unreachedIn) {
        for (let i = levelStart; i < levelEnd; i++) {
          const u = order[i] as number;
          const su = sigma[u] as number;
          const end = outOff[u + 1] as number;
          for (let p = outOff[u] as number; p < end; p++) {
            const v = outTgt[p] as number;
            const dv = dist[v] as number;
            if (dv === -1) {
              dist[v] = next;
              sigma[v] = su;
              order[reached++] = v;
              const q = inOff[v] as number;
              pred[q] = u;
              predEnd[v] = q + 1;
              nextOut += (outOff[v + 1] as number) - (outOff[v] as number);
              unreachedIn -= (inOff[v + 1] as number) - q;
            } else if (dv === next) {
              sigma[v] = (sigma[v] as number) + su;
              const q = predEnd[v] as number;
              pred[q] = u;
              predEnd[v] = q + 1;
            }
          }
        }
      } else {
        for (let v = 0; v < n; v++) {
          if (dist[v] !== -1) continue;
          const first = inOff[v] as number;
          const end = inOff[v + 1] as number;
          let q = first;
          let sv = 0;
          for (let p = first; p < end; p++) {
            const u = inTgt[p] as number;
            if (dist[u] === level) {
              sv += sigma[u] as number;
              pred[q++] = u;
            }
          }
          if (q === first) continue;
          dist[v] = next;
          sigma[v] = sv;
          order[reached++] = v;
          predEnd[v] = q;
          nextOut += (outOff[v + 1] as number) - (outOff[v] as number);
          unreachedIn -= end - first;
        }
      }
      levelStart = levelEnd;
      level = next;
      frontierOut = nextOut;
    }
    addDependencies(order, reached, sigma, delta, pred, predEnd, inOff, bc);
    for (let i = 0; i < reached; i++) {
      const v = order[i] as number;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
}

/** Weighted pass: Dijkstra with an indexed heap; lengths compared with igraph's relative epsilon. */
function accumulateDijkstra(g: CSRGraph, sources: Int32Array, mask: NodeMask | undefined, bc: Float64Array): void {
  const n = g.n;
  const { offsets: outOff, targets: outTgt, weights: outW } = g.out;
  const inOff = g.in.offsets;
  const dist = new Float64Array(n).fill(Infinity);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const pred = new Int32Array(g.in.targets.length);
  const predEnd = new Int32Array(n);
  const heap = new IndexedMinHeap(n);
  for (let si = 0; si < sources.length; si++) {
    const s = sources[si] as number;
    if (mask !== undefined && mask[s] === 0) continue;
    let reached = 0;
    dist[s] = 0;
    sigma[s] = 1;
    heap.push(s, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      order[reached++] = u;
      const du = dist[u] as number;
      const su = sigma[u] as number;
      const end = outOff[u + 1] as number;
      for (let p = outOff[u] as number; p < end; p++) {
        const v = outTgt[p] as number;
        if (mask !== undefined && mask[v] === 0) continue;
        const alt = du + (outW[p] as number);
        const dv = dist[v] as number;
        const c = dv === Infinity ? -1 : cmpLength(alt, dv);
        if (c < 0) {
          // Strictly shorter: u becomes the only predecessor so far.
          dist[v] = alt;
          sigma[v] = su;
          heap.push(v, alt);
          const q = inOff[v] as number;
          pred[q] = u;
          predEnd[v] = q + 1;
        } else if (c === 0 && heap.has(v)) {
          sigma[v] = (sigma[v] as number) + su;
          const q = predEnd[v] as number;
          pred[q] = u;
          predEnd[v] = q + 1;
        }
      }
    }
    addDependencies(order, reached, sigma, delta, pred, predEnd, inOff, bc);
    for (let i = 0; i < reached; i++) {
      const v = order[i] as number;
      dist[v] = Infinity;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
}

/**
 * Brandes' backward pass for one source: walk the reached nodes from the farthest, pass each
 * node's dependency to its shortest-path predecessors, and add it to its betweenness.
 */
function addDependencies(
  order: Int32Array,
  reached: number,
  sigma: Float64Array,
  delta: Float64Array,
  pred: Int32Array,
  predEnd: Int32Array,
  inOff: Int32Array,
  bc: Float64Array,
): void {
  for (let i = reached - 1; i > 0; i--) {
    const w = order[i] as number;
    const dw = delta[w] as number;
    const coeff = (1 + dw) / (sigma[w] as number);
    const end = predEnd[w] as number;
    for (let p = inOff[w] as number; p < end; p++) {
      const v = pred[p] as number;
      delta[v] = (delta[v] as number) + (sigma[v] as number) * coeff;
    }
    bc[w] = (bc[w] as number) + dw;
  }
}

function aliveNodes(g: CSRGraph, mask: NodeMask | undefined): Int32Array {
  if (mask === undefined) return Int32Array.from({ length: g.n }, (_, i) => i);
  let k = 0;
  for (let v = 0; v < g.n; v++) if (mask[v] === 1) k++;
  const out = new Int32Array(k);
  k = 0;
  for (let v = 0; v < g.n; v++) if (mask[v] === 1) out[k++] = v;
  return out;
}

/** Pairs not involving a node, counted as betweenness counts them (unordered when undirected). */
function pairCount(alive: number, directed: boolean): number {
  const pairs = (alive - 1) * (alive - 2);
  return directed ? pairs : pairs / 2;
}

function finish(g: CSRGraph, bc: Float64Array, scale: number, normalized: boolean, alive: number): Float64Array {
  let factor = g.directed ? scale : scale / 2;
  if (normalized) factor = alive > 2 ? factor / pairCount(alive, g.directed) : 0;
  if (factor !== 1) for (let v = 0; v < bc.length; v++) bc[v] = (bc[v] as number) * factor;
  return bc;
}

/**
 * Exact betweenness centrality (Brandes 2001): for each node, the number of shortest paths between
 * other pairs that pass through it, each pair's paths sharing one unit. Raw values equal igraph's
 * `betweenness` (undirected pairs counted once); endpoints are not counted.
 * O(n·m) unweighted, O(n·m + n² log n) weighted; O(n + m) memory.
 */
export function betweenness(g: CSRGraph, options: BetweennessOptions = {}): Float64Array {
  const { mask } = options;
  checkMask(g, mask);
  const weighted = options.weighted ?? false;
  if (weighted) checkPositiveWeights(g);
  const sources = aliveNodes(g, mask);
  return finish(g, accumulate(g, sources, weighted, mask), 1, options.normalized ?? false, sources.length);
}

export interface SampledBetweennessOptions extends BetweennessOptions {
  /** Number k of pivot sources, drawn uniformly without replacement among alive nodes. */
  samples: number;
  /** Seed for the pivot draw (default 1): same seed, same estimate. */
  seed?: number;
  /** Failure probability δ of the reported error bound (default 0.05). */
  delta?: number;
  /**
   * Work budget in arc reads: at most ⌊maxWork / (n + arcs)⌋ pivots are used (one traversal reads
   * each arc at most once forward and once backward, and touches every node), but never fewer than
   * MIN_BUDGET_PIVOTS (or `samples`, if smaller). Default: no budget, exactly `samples` pivots.
   * Deterministic: it depends on the graph's size only, and the pivots of a smaller k are the first
   * k of a larger one's draw (same seed), so `samples: k` reproduces a budgeted run.
   */
  maxWork?: number;
}

/** The work budget never cuts the pivots below this many. */
export const MIN_BUDGET_PIVOTS = 32;

/** Pivots for `samples` requested under a work budget of `maxWork` arc reads on a graph of `alive` nodes and `arcs` arcs. */
export function budgetedPivots(samples: number, maxWork: number | undefined, alive: number, arcs: number): number {
  if (maxWork === undefined || !Number.isFinite(maxWork)) return samples;
  return Math.min(samples, Math.max(MIN_BUDGET_PIVOTS, Math.floor(maxWork / (alive + arcs))));
}

export interface SampledBetweenness {
  /** Estimated betweenness, on the scale asked for (raw or normalized). Exact when `exact`. */
  scores: Float64Array;
  /** The pivots used (the first `sources.length` of the seeded draw). */
  sources: Int32Array;
  /** Pivots asked for (`samples`); more than were used when the work budget cut them. */
  requested: number;
  /** True when k >= number of alive nodes, so every node was a source. */
  exact: boolean;
  /**
   * ε such that, with probability at least 1-δ, every node's estimate is within ε of its exact
   * value *simultaneously* (Hoeffding + union bound over n nodes), on the normalized scale
   * (fraction of pairs, in [0, 1]); `errorBoundRaw` is the same on the raw scale.
   */
  errorBound: number;
  errorBoundRaw: number;
  /** 1-δ. */
  confidence: number;
}

/**
 * Approximate betweenness from k pivot sources (Brandes & Pich 2007): run the single-source
 * accumulation from k uniformly drawn nodes and scale by n/k, an unbiased estimator.
 *
 * Error bound: for a fixed node v, source s contributes X_s = n·δ_s(v) / P with δ_s(v) ∈ [0, n-2]
 * and P the directed pair count (n-1)(n-2), so X_s ∈ [0, n/(n-1)]. Hoeffding (valid for sampling
 * without replacement) with a union bound over the n nodes gives, with probability ≥ 1-δ,
 * |estimate - exact| ≤ (n/(n-1))·sqrt(ln(2n/δ) / (2k)) for all nodes at once, in normalized units.
 * The bound is worst-case and loose; the estimate is typically far closer for the top-ranked nodes.
 */
export function sampledBetweenness(g: CSRGraph, options: SampledBetweennessOptions): SampledBetweenness {
  const { mask } = options;
  checkMask(g, mask);
  const k = options.samples;
  if (!Number.isInteger(k) || k < 1) throw new ClewError('INVALID_ARGUMENT', 'samples must be a positive integer', { samples: k });
  const confidenceDelta = options.delta ?? 0.05;
  if (!(confidenceDelta > 0 && confidenceDelta < 1)) {
    throw new ClewError('INVALID_ARGUMENT', 'delta must be in (0, 1)', { delta: confidenceDelta });
  }
  const weighted = options.weighted ?? false;
  if (weighted) checkPositiveWeights(g);
  const normalized = options.normalized ?? false;
  const alive = aliveNodes(g, mask);
  const n = alive.length;
  if (options.maxWork !== undefined && !(options.maxWork > 0)) throw new ClewError('INVALID_ARGUMENT', 'maxWork must be positive', { maxWork: options.maxWork });
  const pivots = budgetedPivots(k, options.maxWork, n, g.out.targets.length);
  const exact = pivots >= n;
  const sources = exact ? alive : sampleWithoutReplacement(alive, pivots, createRng(options.seed ?? 1));
  const scale = exact ? 1 : n / sources.length;
  const scores = finish(g, accumulate(g, sources, weighted, mask), scale, normalized, n);
  const errorBound = exact || n < 3 ? 0 : (n / (n - 1)) * Math.sqrt(Math.log((2 * n) / confidenceDelta) / (2 * sources.length));
  return {
    scores,
    sources,
    requested: k,
    exact,
    errorBound,
    errorBoundRaw: n < 3 ? 0 : errorBound * pairCount(n, g.directed),
    confidence: 1 - confidenceDelta,
  };
}
