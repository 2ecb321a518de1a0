import { ClewError } from '../../model/errors.js';
import type { CSRGraph } from '../csr.js';

export interface PageRankOptions {
  /** Probability of following an edge rather than teleporting (default 0.85). */
  damping?: number;
  /** Use edge weights as transition preferences (default true; all weights 1 gives plain PageRank). */
  weighted?: boolean;
  /**
   * Personalisation (reset) vector, length n, non-negative, not all zero; normalised internally.
   * Teleports — and dangling nodes — jump according to it. Default uniform.
   */
  reset?: Float64Array;
  /**
   * Guaranteed bound on the L1 distance between the returned vector and the exact PageRank
   * vector (default 1e-10, PRPACK's tolerance in igraph). The iteration stops when
   * d/(1-d) · ||x_k - x_{k-1}||₁ ≤ tolerance, which implies ||x_k - x*||₁ ≤ tolerance
   * because the PageRank operator contracts the L1 norm by d.
   */
  tolerance?: number;
  /** Iteration cap (default 1000); `converged` is false when it is hit. */
  maxIterations?: number;
}

export interface PageRankResult {
  /** Scores summing to 1. */
  scores: Float64Array;
  iterations: number;
  converged: boolean;
  /** Last L1 change ||x_k - x_{k-1}||₁. */
  residual: number;
}

/**
 * PageRank by power iteration (pull form over the predecessor lists; O(m) per iteration).
 *
 * Conventions (those of igraph's PRPACK implementation, so scores match igraph `pagerank`):
 * a random surfer at u follows edge u→v with probability w(u,v)/strength_out(u); with probability
 * 1-d it teleports according to `reset` (uniform by default). A dangling node (no out-edges, or
 * all out-weights 0) sends all of its mass according to `reset` too. Undirected graphs use each
 * edge both ways. Weights must be non-negative.
 */
export function pagerank(g: CSRGraph, options: PageRankOptions = {}): PageRankResult {
  const n = g.n;
  const d = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const weighted = options.weighted ?? true;
  if (!(d >= 0 && d < 1)) throw new ClewError('INVALID_ARGUMENT', 'damping must be in [0, 1)', { damping: d });
  if (!(tolerance > 0)) throw new ClewError('INVALID_ARGUMENT', 'tolerance must be positive', { tolerance });
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, converged: true, residual: 0 };

  const reset = new Float64Array(n);
  if (options.reset === undefined) {
    reset.fill(1 / n);
  } else {
    if (options.reset.length !== n) throw new ClewError('INVALID_ARGUMENT', 'reset vector length differs from node count', { length: options.reset.length, n });
    let sum = 0;
    for (let v = 0; v < n; v++) {
      const x = options.reset[v] as number;
      if (!(x >= 0) || x === Infinity) throw new ClewError('INVALID_ARGUMENT', 'reset entries must be finite and non-negative', { node: v });
      sum += x;
    }
    if (!(sum > 0)) throw new ClewError('INVALID_ARGUMENT', 'reset vector is all zero');
    for (let v = 0; v < n; v++) reset[v] = (options.reset[v] as number) / sum;
  }

  const { offsets: outOff, weights: outW } = g.out;
  const { offsets: inOff, targets: inTgt, weights: inW } = g.in;
  // Inverse out-strength; 0 marks a dangling node.
  const inv = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let s = 0;
    const end = outOff[u + 1] as number;
    for (let p = outOff[u] as number; p < end; p++) {
      const w = weighted ? (outW[p] as number) : 1;
      if (w < 0) throw new ClewError('INVALID_ARGUMENT', 'PageRank weights must be non-negative', { node: u, weight: w });
      s += w;
    }
    inv[u] = s > 0 ? 1 / s : 0;
  }

  let x = Float64Array.from(reset);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  const stopAt = (tolerance * (1 - d)) / Math.max(d, Number.MIN_VALUE);
  let iterations = 0;
  let residual = Infinity;
  while (iterations < maxIterations) {
    iterations++;
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      const iu = inv[u] as number;
      if (iu === 0) dangling += x[u] as number;
      share[u] = (x[u] as number) * iu;
    }
    const jump = d * dangling + (1 - d);
    let total = 0;
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = inOff[v + 1] as number;
      if (weighted) {
        for (let p = inOff[v] as number; p < end; p++) acc += (share[inTgt[p] as number] as number) * (inW[p] as number);
      } else {
        for (let p = inOff[v] as number; p < end; p++) acc += share[inTgt[p] as number] as number;
      }
      const value = d * acc + jump * (reset[v] as number);
      next[v] = value;
      total += value;
    }
    // Mass is conserved up to rounding; renormalise so scores sum to exactly 1.
    residual = 0;
    for (let v = 0; v < n; v++) {
      const value = (next[v] as number) / total;
      next[v] = value;
      residual += Math.abs(value - (x[v] as number));
    }
    const t = x;
    x = next;
    next = t;
    if (residual <= stopAt) return { scores: x, iterations, converged: true, residual };
  }
  return { scores: x, iterations, converged: false, residual };
}
