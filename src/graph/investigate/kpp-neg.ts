/**
 * Borgatti's KPP-Neg key-player set (Borgatti 2006, "Identifying sets of key players in a
 * social network", Comput. Math. Organ. Theory 12:21–34): the k nodes whose removal fragments
 * the network most.
 *
 *   F  = 1 - sum_i s_i (s_i - 1) / (n (n - 1))         s_i: component sizes after removal
 *   DF = 1 - sum_{i != j} (1 / d_ij) / (n (n - 1))     distance-weighted (1/d = 0 if unreachable)
 *
 * where n is the number of nodes LEFT after removal (as in Borgatti). Direction is ignored
 * (weak components; hop distances on the undirected view). Search: greedy start (add the node
 * whose removal raises the objective most, one at a time) followed by Borgatti's swap
 * improvement (try exchanging a member for a non-member; take the best improving swap; repeat
 * until none improves or `maxIterations`). Candidates are scanned in a seeded random order,
 * which only breaks ties. For large graphs, `candidates` restricts both phases to the
 * top-N nodes by degree (the key players of fragmentation are almost always among them).
 * Cost per objective evaluation: O(n + m) for F, O(n (n + m)) for DF (capped by `maxNodesDF`).
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { mulberry32, permutation } from '../communities/prng.js';

export interface KppNegOptions {
  k: number;
  /** 'F' (default) or 'DF' (distance-weighted). */
  objective?: 'F' | 'DF';
  seed?: number;
  /** Cap on swap rounds (default 100). */
  maxIterations?: number;
  /**
   * Restrict the search to the N highest-degree nodes (default: all when n <= 2000, else 200).
   * Cost: greedy k·N objective evaluations, each swap round k·N more, each O(n + m).
   */
  candidates?: number;
  /** Refuse DF above this node count (default 5000). */
  maxNodesDF?: number;
}

export interface KppNegResult {
  /** The key-player set, sorted by node id. */
  set: Int32Array;
  /** Objective after removing the set. */
  fragmentation: number;
  /** Objective of the intact graph. */
  baseline: number;
  /** Objective after the greedy phase (before swaps). */
  greedy: number;
  swaps: number;
  iterations: number;
}

/** F of the graph with `alive` nodes (1 = present); direction ignored. O(n + m). */
export function fragmentation(g: CSRGraph, alive: Uint8Array, scratch?: Int32Array): number {
  const n = g.n;
  const queue = scratch ?? new Int32Array(n);
  const seen = new Uint8Array(n);
  const lists = g.directed ? [g.out, g.in] : [g.out];
  let left = 0;
  let pairs = 0;
  for (let s = 0; s < n; s++) {
    if (!alive[s] || seen[s]) continue;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    seen[s] = 1;
    while (qh < qt) {
      const v = queue[qh++]!;
      for (const a of lists) {
        for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) {
          const u = a.targets[e]!;
          if (alive[u] && !seen[u]) {
            seen[u] = 1;
            queue[qt++] = u;
          }
        }
      }
    }
    left += qt;
    pairs += qt * (qt - 1);
  }
  return left < 2 ? 1 : 1 - pairs / (left * (left - 1));
}

/** DF (distance-weighted fragmentation) by BFS from every alive node. O(n (n + m)). */
export function distanceFragmentation(g: CSRGraph, alive: Uint8Array): number {
  const n = g.n;
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  const lists = g.directed ? [g.out, g.in] : [g.out];
  let left = 0;
  for (let v = 0; v < n; v++) if (alive[v]) left++;
  if (left < 2) return 1;
  let sum = 0;
  for (let s = 0; s < n; s++) {
    if (!alive[s]) continue;
    dist.fill(-1);
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    dist[s] = 0;
    while (qh < qt) {
      const v = queue[qh++]!;
      const dv = dist[v]! + 1;
      for (const a of lists) {
        for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) {
          const u = a.targets[e]!;
          if (alive[u] && dist[u] === -1) {
            dist[u] = dv;
            sum += 1 / dv;
            queue[qt++] = u;
          }
        }
      }
    }
  }
  return 1 - sum / (left * (left - 1));
}

export function kppNeg(g: CSRGraph, opts: KppNegOptions): KppNegResult {
  const n = g.n;
  const k = opts.k;
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new ClewError('INVALID_ARGUMENT', 'k must be an integer in 1..n-1', { k, n });
  const objective = opts.objective ?? 'F';
  if (objective === 'DF' && n > (opts.maxNodesDF ?? 5000)) {
    throw new ClewError('TOO_LARGE', 'distance-weighted fragmentation is O(n·m); graph too large', { n, max: opts.maxNodesDF ?? 5000 });
  }
  const maxIterations = opts.maxIterations ?? 100;
  const rng = mulberry32(opts.seed ?? 1);
  const scratch = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  const evaluate = (): number => (objective === 'F' ? fragmentation(g, alive, scratch) : distanceFragmentation(g, alive));

  // candidate pool: top-N by degree (ties by id), then a seeded shuffle to break ties in the scans
  const limit = Math.min(n, opts.candidates ?? (n <= 2000 ? n : 200));
  const deg = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    deg[v] = g.out.offsets[v + 1]! - g.out.offsets[v]! + (g.directed ? g.in.offsets[v + 1]! - g.in.offsets[v]! : 0);
  }
  const byDeg = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[b]! - deg[a]! || a - b);
  const pool = byDeg.slice(0, Math.max(limit, k));
  const perm = permutation(rng, pool.length);
  const cand = Int32Array.from(perm, (i) => pool[i]!);

  const baseline = evaluate();
  const inSet = new Uint8Array(n);
  const set: number[] = [];
  let current = baseline;
  // greedy start
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestF = -Infinity;
    for (const v of cand) {
      if (inSet[v]) continue;
      alive[v] = 0;
      const f = evaluate();
      alive[v] = 1;
      if (f > bestF + 1e-12) {
        bestF = f;
        best = v;
      }
    }
    inSet[best] = 1;
    alive[best] = 0;
    set.push(best);
    current = bestF;
  }
  const greedy = current;
  // swap improvement: best improving (member out, non-member in) per round
  let swaps = 0;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    let bestGain = 1e-12;
    let bestI = -1;
    let bestIn = -1;
    let bestF = current;
    for (let i = 0; i < set.length; i++) {
      const u = set[i]!;
      alive[u] = 1;
      for (const v of cand) {
        if (inSet[v]) continue;
        alive[v] = 0;
        const f = evaluate();
        alive[v] = 1;
        if (f - current > bestGain) {
          bestGain = f - current;
          bestI = i;
          bestIn = v;
          bestF = f;
        }
      }
      alive[u] = 0;
    }
    if (bestI < 0) break;
    const out = set[bestI]!;
    inSet[out] = 0;
    alive[out] = 1;
    inSet[bestIn] = 1;
    alive[bestIn] = 0;
    set[bestI] = bestIn;
    current = bestF;
    swaps++;
  }
  return { set: Int32Array.from(set).sort(), fragmentation: current, baseline, greedy, swaps, iterations };
}
