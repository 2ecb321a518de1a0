/**
 * The symmetric weighted graph the community algorithms work on, and its aggregation.
 *
 * Convention (same as igraph / networkx for modularity): A is symmetric, 2m = sum_ij A_ij,
 * k_v = sum_j A_vj. Off-diagonal entries are kept in CSR form; the diagonal A_vv is kept
 * apart in `loops` (after aggregation it holds the community's internal weight, counted
 * in both directions). A directed CSRGraph is symmetrised: A_ij = w(i->j) + w(j->i).
 * Undirected self-loops: each self entry in the CSR adds 2w to A_vv (a loop adds 2 to degree).
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';

export interface WGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Diagonal A_vv. */
  loops: Float64Array;
  /** k_v = row sum of A including the diagonal. */
  strength: Float64Array;
  /** 2m. */
  total: number;
}

function checkWeight(w: number): void {
  if (!(w >= 0) || !Number.isFinite(w)) {
    throw new ClewError('INVALID_ARGUMENT', 'edge weights must be finite and non-negative', { weight: w });
  }
}

/** The symmetric view of a CSR graph (see the module comment). */
export function toWGraph(g: CSRGraph): WGraph {
  const n = g.n;
  const lists = g.directed ? [g.out, g.in] : [g.out];
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let c = 0;
    for (const a of lists) {
      for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) if (a.targets[e] !== v) c++;
    }
    offsets[v + 1] = offsets[v]! + c;
  }
  const m = offsets[n]!;
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  const loops = new Float64Array(n);
  const strength = new Float64Array(n);
  let total = 0;
  for (let v = 0; v < n; v++) {
    let p = offsets[v]!;
    for (const a of lists) {
      for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) {
        const t = a.targets[e]!;
        const w = a.weights[e]!;
        checkWeight(w);
        if (t === v) {
          // undirected: one entry = a loop = 2w; directed: the loop appears in out and in = 2w.
          loops[v] = loops[v]! + (g.directed ? w : 2 * w);
        } else {
          targets[p] = t;
          weights[p] = w;
          p++;
        }
        strength[v] = strength[v]! + (t === v ? (g.directed ? w : 2 * w) : w);
      }
    }
    total += strength[v]!;
  }
  return { n, offsets, targets, weights, loops, strength, total };
}

/**
 * Collapses each community into one node. `comm` holds ids 0..k-1 (every id used).
 * A'_CD = sum of A_ij over i in C, j in D; internal weight goes to loops[C].
 */
export function aggregate(g: WGraph, comm: Int32Array, k: number): WGraph {
  const n = g.n;
  // nodes grouped by community (counting sort)
  const start = new Int32Array(k + 1);
  for (let v = 0; v < n; v++) start[comm[v]! + 1] = start[comm[v]! + 1]! + 1;
  for (let c = 0; c < k; c++) start[c + 1] = start[c + 1]! + start[c]!;
  const fill = start.slice(0, k);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const c = comm[v]!;
    members[fill[c]!] = v;
    fill[c] = fill[c]! + 1;
  }

  const acc = new Float64Array(k);
  const seen = new Int32Array(k).fill(-1);
  const touched = new Int32Array(k);
  const offsets = new Int32Array(k + 1);
  let cap = Math.max(16, Math.min(g.targets.length, 4 * k));
  let targets = new Int32Array(cap);
  let weights = new Float64Array(cap);
  const loops = new Float64Array(k);
  const strength = new Float64Array(k);
  let p = 0;
  for (let c = 0; c < k; c++) {
    let nt = 0;
    let loop = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const v = members[i]!;
      loop += g.loops[v]!;
      strength[c] = strength[c]! + g.strength[v]!;
      for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
        const d = comm[g.targets[e]!]!;
        const w = g.weights[e]!;
        if (d === c) {
          loop += w;
        } else {
          if (seen[d] !== c) {
            seen[d] = c;
            acc[d] = 0;
            touched[nt++] = d;
          }
          acc[d] = acc[d]! + w;
        }
      }
    }
    loops[c] = loop;
    if (p + nt > cap) {
      while (p + nt > cap) cap *= 2;
      const t2 = new Int32Array(cap);
      t2.set(targets.subarray(0, p));
      targets = t2;
      const w2 = new Float64Array(cap);
      w2.set(weights.subarray(0, p));
      weights = w2;
    }
    // sorted neighbour order keeps the result independent of hash/visit order
    const tl = touched.subarray(0, nt).sort();
    for (let i = 0; i < nt; i++) {
      const d = tl[i]!;
      targets[p] = d;
      weights[p] = acc[d]!;
      p++;
    }
    offsets[c + 1] = p;
  }
  return {
    n: k,
    offsets,
    targets: targets.slice(0, p),
    weights: weights.slice(0, p),
    loops,
    strength,
    total: g.total,
  };
}

/**
 * Renumbers community labels to 0..k-1 in order of first appearance by node index
 * (so community 0 contains node 0). Returns the count k.
 */
export function renumber(comm: Int32Array): number {
  let max = -1;
  for (let v = 0; v < comm.length; v++) if (comm[v]! > max) max = comm[v]!;
  if (max < 4 * comm.length + 16) {
    const map = new Int32Array(max + 1).fill(-1);
    let k = 0;
    for (let v = 0; v < comm.length; v++) {
      const c = comm[v]!;
      let r = map[c]!;
      if (r === -1) {
        r = k++;
        map[c] = r;
      }
      comm[v] = r;
    }
    return k;
  }
  const map = new Map<number, number>();
  for (let v = 0; v < comm.length; v++) {
    const c = comm[v]!;
    let r = map.get(c);
    if (r === undefined) {
      r = map.size;
      map.set(c, r);
    }
    comm[v] = r;
  }
  return map.size;
}
