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
   * vector (default 1e-10, PRPACK's tolerance in igraph). Sweeps stop when
   * d/(1-d) · ||x_k - x_{k-1}||₁ + |1/Σx_k - 1| · ||x_k||₁ ≤ tolerance, which implies that the
   * returned, renormalised vector x_k/Σx_k is within `tolerance` of x* (see `pagerank`).
   */
  tolerance?: number;
  /** Iteration cap (default 1000); `converged` is false when it is hit. */
  maxIterations?: number;
}

export interface PageRankResult {
  /** Scores summing to 1. */
  scores: Float64Array;
  /** Gauss–Seidel sweeps done. */
  iterations: number;
  converged: boolean;
  /** L1 change ||x_k - x_{k-1}||₁ of the last sweep. */
  residual: number;
}

/** Minimum sweeps between two extrapolations. */
const EXTRAPOLATE_EVERY = 4;
/** Extrapolate only when the last two contraction ratios δ_k/δ_{k-1} agree within this fraction. */
const EXTRAPOLATE_STABLE = 0.15;

/**
 * PageRank by Gauss–Seidel sweeps with occasional geometric extrapolation (pull form over the
 * predecessor lists; O(m) per sweep, one multiply-add per edge and no division: each node keeps
 * share[u] = x[u]/strength_out(u) up to date, and the dangling mass is one scalar).
 *
 * The fixed point x* solves x = A(x) := d·(S x + (Σ_dangling x)·r) + (1-d)·r, where S is the
 * column-stochastic transition matrix and r the normalised reset vector; A contracts the L1 norm
 * by d, so ||x - x*||₁ ≤ ||A(x) - x||₁ / (1-d) for any x. A sweep updates nodes 0..n-1 in place
 * (the dangling mass is one scalar, updated as dangling nodes change); node v uses new values of
 * nodes before it and old ones of nodes from v on, so A(x_new) - x_new = d·S'_{upper}(x_new - x_old)
 * and ||A(x_new) - x_new||₁ ≤ d·δ with δ = ||x_new - x_old||₁: the stopping rule d/(1-d)·δ ≤ ε
 * bounds the error of x_new by ε whatever the sweep started from. That is what makes extrapolation
 * safe: when the last two ratios δ_k/δ_{k-1} agree (one geometric mode ρ dominates), x is moved to
 * x + ρ/(1-ρ)·(x_new - x_old), the limit of that mode (at most every EXTRAPOLATE_EVERY sweeps), and
 * the bound is then checked on the sweeps that follow. Renormalising x to x/Σx at the end moves it
 * by exactly |1/Σx - 1|·||x||₁, which the stopping rule adds to the bound.
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
  let danglingCount = 0;
  for (let u = 0; u < n; u++) {
    let s = 0;
    const start = outOff[u] as number;
    const end = outOff[u + 1] as number;
    if (weighted) {
      for (let p = start; p < end; p++) {
        const w = outW[p] as number;
        if (w < 0) throw new ClewError('INVALID_ARGUMENT', 'PageRank weights must be non-negative', { node: u, weight: w });
        s += w;
      }
    } else {
      s = end - start;
    }
    if (s > 0) inv[u] = 1 / s;
    else danglingCount++;
  }
  const danglingNodes = new Int32Array(danglingCount);
  for (let u = 0, k = 0; u < n; u++) if ((inv[u] as number) === 0) danglingNodes[k++] = u;

  // share[u] = x[u]/strength_out(u) (0 for a dangling u) is kept in step with x, so the sweep does
  // one gather and one multiply-add per edge with no division.
  const share = new Float64Array(n);
  const r = reset;
  const x = new Float64Array(n);
  x.set(r);
  for (let i = 0; i < n; i++) share[i] = (x[i] as number) * (inv[i] as number);
  const step = new Float64Array(n);
  // After a sweep ||x - x*||₁ ≤ d/(1-d)·δ (see above); renormalising to x/Σx moves x by
  // |1/Σx - 1|·||x||₁ more, computed exactly once the first term is small enough.
  const bound = d / (1 - d);
  let iterations = 0;
  let residual = Infinity;
  let converged = false;
  let prevDelta = Infinity;
  let prevRatio = Infinity;
  let sinceExtrapolation = 0;
  while (iterations < maxIterations) {
    iterations++;
    const delta = weighted ? gaussSeidelSweep(n, d, inOff, inTgt, inW, inv, danglingNodes, r, x, share, step) : gaussSeidelSweepUnweighted(n, d, inOff, inTgt, inv, danglingNodes, r, x, share, step);
    residual = delta;
    if (bound * delta <= tolerance) {
      let sum = 0;
      let abs = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i] as number;
        sum += v;
        abs += Math.abs(v);
      }
      if (bound * delta + Math.abs(1 / sum - 1) * abs <= tolerance) {
        converged = true;
        break;
      }
    }
    const ratio = delta / prevDelta;
    sinceExtrapolation++;
    if (sinceExtrapolation >= EXTRAPOLATE_EVERY && ratio < 1 && Math.abs(ratio - prevRatio) <= EXTRAPOLATE_STABLE * ratio) {
      const c = ratio / (1 - ratio);
      for (let i = 0; i < n; i++) {
        const value = (x[i] as number) + c * (step[i] as number);
        x[i] = value;
        share[i] = value * (inv[i] as number);
      }
      sinceExtrapolation = 0;
      prevDelta = Infinity;
      prevRatio = Infinity;
    } else {
      prevRatio = ratio;
      prevDelta = delta;
    }
  }
  // Renormalise so scores sum to exactly 1 (the fixed point sums to 1; x is within the bound of it).
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i] as number;
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) / total;
  return { scores: x, iterations, converged, residual };
}

/**
 * One in-place Gauss–Seidel sweep of x ← d·(P x + (dangling mass)·r) + (1-d)·r; writes each
 * node's change to `step` and returns δ = ||x_new - x_old||₁. A separate function so V8 optimises
 * it as a whole rather than by on-stack replacement inside the caller's loop.
 */
function gaussSeidelSweep(
  n: number,
  d: number,
  inOff: Int32Array,
  inTgt: Int32Array,
  w: Float64Array,
  inv: Float64Array,
  danglingNodes: Int32Array,
  r: Float64Array,
  x: Float64Array,
  share: Float64Array,
  step: Float64Array,
): number {
  const teleport = 1 - d;
  let dangling = 0;
  for (let k = 0; k < danglingNodes.length; k++) dangling += x[danglingNodes[k] as number] as number;
  let delta = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    const end = inOff[i + 1] as number;
    let acc2 = 0;
    for (; p + 1 < end; p += 2) {
      acc += (share[inTgt[p] as number] as number) * (w[p] as number);
      acc2 += (share[inTgt[p + 1] as number] as number) * (w[p + 1] as number);
    }
    if (p < end) {
      acc += (share[inTgt[p] as number] as number) * (w[p] as number);
      p++;
    }
    acc += acc2;
    const old = x[i] as number;
    const ri = r[i] as number;
    const value = d * (acc + dangling * ri) + teleport * ri;
    const iv = inv[i] as number;
    if (iv === 0) dangling += value - old;
    else share[i] = value * iv;
    x[i] = value;
    step[i] = value - old;
    delta += Math.abs(value - old);
  }
  return delta;
}

/** gaussSeidelSweep with every weight 1. */
function gaussSeidelSweepUnweighted(
  n: number,
  d: number,
  inOff: Int32Array,
  inTgt: Int32Array,
  inv: Float64Array,
  danglingNodes: Int32Array,
  r: Float64Array,
  x: Float64Array,
  share: Float64Array,
  step: Float64Array,
): number {
  const teleport = 1 - d;
  let dangling = 0;
  for (let k = 0; k < danglingNodes.length; k++) dangling += x[danglingNodes[k] as number] as number;
  let delta = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    const end = inOff[i + 1] as number;
    let acc2 = 0;
    for (; p + 1 < end; p += 2) {
      acc += (share[inTgt[p] as number] as number);
      acc2 += (share[inTgt[p + 1] as number] as number);
    }
    if (p < end) {
      acc += (share[inTgt[p] as number] as number);
      p++;
    }
    acc += acc2;
    const old = x[i] as number;
    const ri = r[i] as number;
    const value = d * (acc + dangling * ri) + teleport * ri;
    const iv = inv[i] as number;
    if (iv === 0) dangling += value - old;
    else share[i] = value * iv;
    x[i] = value;
    step[i] = value - old;
    delta += Math.abs(value - old);
  }
  return delta;
}
