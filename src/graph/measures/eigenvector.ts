import { ClewError } from '../../model/errors.js';
import type { CSRGraph } from '../csr.js';

export interface EigenvectorOptions {
  /** Use edge weights as adjacency values (default true). Weights must be non-negative. */
  weighted?: boolean;
  /** Stop when no score changes by more than this (scores are scaled to max 1). Default 1e-12. */
  tolerance?: number;
  /** Iteration cap (default 10000); `converged` is false when it is hit. */
  maxIterations?: number;
}

export interface EigenvectorResult {
  /** Scores scaled so the largest is 1 (igraph `scale=True`); all 0 for a graph without edges. */
  scores: Float64Array;
  /** The leading eigenvalue of the (weighted) adjacency matrix. */
  eigenvalue: number;
  iterations: number;
  converged: boolean;
}

/**
 * Eigenvector centrality: the leading eigenvector of the adjacency matrix, x_v ∝ Σ_u w(u,v) x_u.
 * For a directed graph a node is central when central nodes point to it (in-edges, as igraph).
 * Power iteration on A + I (the shift removes the oscillation on bipartite graphs without changing
 * the eigenvector), started from the degree vector as igraph does. On a disconnected graph the
 * eigenvector concentrates on the component with the largest eigenvalue; compute it per component
 * if that is not what you want. O(m) per iteration.
 */
export function eigenvectorCentrality(g: CSRGraph, options: EigenvectorOptions = {}): EigenvectorResult {
  const n = g.n;
  const weighted = options.weighted ?? true;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  const { offsets, targets, weights } = g.in;
  let x = new Float64Array(n);
  let any = false;
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = offsets[v] as number; p < (offsets[v + 1] as number); p++) {
      const w = weighted ? (weights[p] as number) : 1;
      if (w < 0) throw new ClewError('INVALID_ARGUMENT', 'eigenvector weights must be non-negative', { node: v, weight: w });
      s += w;
    }
    x[v] = s;
    if (s > 0) any = true;
  }
  if (!any) return { scores: new Float64Array(n), eigenvalue: 0, iterations: 0, converged: true };
  scaleToMax(x);
  let next = new Float64Array(n);
  let iterations = 0;
  let lambda = 0;
  while (iterations < maxIterations) {
    iterations++;
    for (let v = 0; v < n; v++) {
      let acc = x[v] as number;
      const end = offsets[v + 1] as number;
      if (weighted) for (let p = offsets[v] as number; p < end; p++) acc += (x[targets[p] as number] as number) * (weights[p] as number);
      else for (let p = offsets[v] as number; p < end; p++) acc += x[targets[p] as number] as number;
      next[v] = acc;
    }
    lambda = scaleToMax(next) - 1;
    let change = 0;
    for (let v = 0; v < n; v++) {
      const dlt = Math.abs((next[v] as number) - (x[v] as number));
      if (dlt > change) change = dlt;
    }
    const t = x;
    x = next;
    next = t;
    if (change <= tolerance) return { scores: x, eigenvalue: lambda, iterations, converged: true };
  }
  return { scores: x, eigenvalue: lambda, iterations, converged: false };
}

/** Scales x in place so its maximum is 1; returns the previous maximum. */
function scaleToMax(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > max) max = x[i] as number;
  if (max > 0) for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / max;
  return max;
}
