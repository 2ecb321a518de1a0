/**
 * Leiden community detection (Traag, Waltman & van Eck 2019, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Sci. Rep. 9:5233) for modularity with a
 * resolution parameter, on weighted graphs (directed graphs are symmetrised).
 *
 * Per level: (1) fast local moving with a queue, empty community allowed; (2) refinement:
 * inside each community, start from singletons and merge well-connected singletons into
 * well-connected refined sub-communities, picking among the non-negative-gain candidates with
 * probability ∝ exp(ΔH/θ) (θ = `randomness`, 0.01 as in the paper and igraph); (3) aggregate
 * by the refined partition, with the initial partition of the aggregate taken from step (1).
 * Stops when the moving phase leaves every (aggregate) node in its own community.
 * `iterations` full runs are chained, each starting from the previous partition (igraph's
 * n_iterations, default 2). Communities are connected by construction; a final O(m) check
 * splits any community into its connected components should a level cap cut the run short
 * (splitting a disconnected community never lowers modularity).
 * Deterministic for a seed (mulberry32). Iterative; no recursion.
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { Partition } from './local-move.js';
import { checkResolution, type CommunityOptions, type CommunityResult } from './louvain.js';
import { modularityW } from './modularity.js';
import { mulberry32, permutation, type Rng } from './prng.js';
import { aggregate, renumber, toWGraph, type WGraph } from './wgraph.js';

export interface LeidenOptions extends CommunityOptions {
  /** θ of the refinement's randomised merge (default 0.01). */
  randomness?: number;
  /** Full Leiden runs chained (default 2, as igraph); each starts from the previous result. */
  iterations?: number;
  /** Starting partition (membership per node); default singletons. */
  initial?: ArrayLike<number>;
}

/** Fast local moving (queue based). Returns the number of moves. */
function moveNodesFast(p: Partition, resolution: number, rng: Rng): number {
  const g = p.g;
  const n = g.n;
  const queue = permutation(rng, n);
  const inQueue = new Uint8Array(n).fill(1);
  let head = 0;
  let len = n;
  const empty = new Int32Array(n);
  let ne = 0;
  for (let c = n - 1; c >= 0; c--) if (p.size[c] === 0) empty[ne++] = c;
  let moves = 0;
  while (len > 0) {
    const v = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    len--;
    inQueue[v] = 0;
    const own = p.comm[v]!;
    p.gather(v);
    p.remove(v);
    let { c, gain } = p.best(v, resolution);
    if (gain < 0) {
      // an empty community (gain 0) beats every candidate
      if (p.size[own] === 0) c = own;
      else c = empty[--ne]!;
      gain = 0;
    }
    p.insert(v, c);
    if (c !== own) {
      moves++;
      if (p.size[own] === 0) empty[ne++] = own;
      for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
        const u = g.targets[e]!;
        if (!inQueue[u] && p.comm[u] !== c) {
          inQueue[u] = 1;
          queue[(head + len) % n] = u;
          len++;
        }
      }
    }
  }
  return moves;
}

/**
 * Refinement of partition `comm` (ids 0..n-1, totals `tot`). Returns the refined membership
 * (refined community ids are node ids of a representative; renumber before use).
 */
function refine(g: WGraph, comm: Int32Array, tot: Float64Array, resolution: number, theta: number, rng: Rng): Int32Array {
  const n = g.n;
  const r = Int32Array.from({ length: n }, (_, i) => i);
  const kr = Float64Array.from(g.strength);
  const sizeR = new Int32Array(n).fill(1);
  const extV = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (comm[g.targets[e]!] === comm[v]) s += g.weights[e]!;
    extV[v] = s;
  }
  const extR = Float64Array.from(extV);
  const gam = resolution / g.total;
  const acc = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const cand = new Int32Array(n);
  const prob = new Float64Array(n);
  const order = permutation(rng, n);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (sizeR[r[v]!] !== 1) continue;
    const kv = g.strength[v]!;
    const KC = tot[comm[v]!]!;
    if (extV[v]! < gam * kv * (KC - kv) - 1e-12 * KC) continue;
    let nt = 0;
    const own = r[v]!;
    mark[own] = v;
    acc[own] = 0;
    touched[nt++] = own;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const u = g.targets[e]!;
      if (comm[u] !== comm[v]) continue;
      const s = r[u]!;
      if (mark[s] !== v) {
        mark[s] = v;
        acc[s] = 0;
        touched[nt++] = s;
      }
      acc[s] = acc[s]! + g.weights[e]!;
    }
    // candidates: well-connected refined communities with ΔH >= 0 (staying has ΔH = 0)
    let nc = 0;
    let maxGain = 0;
    for (let j = 0; j < nt; j++) {
      const s = touched[j]!;
      let gain: number;
      if (s === own) gain = 0;
      else {
        if (extR[s]! < gam * kr[s]! * (KC - kr[s]!) - 1e-12 * KC) continue;
        gain = acc[s]! - gam * kv * kr[s]!;
        if (gain < 0) continue;
      }
      cand[nc] = s;
      prob[nc] = gain;
      nc++;
      if (gain > maxGain) maxGain = gain;
    }
    let sum = 0;
    for (let j = 0; j < nc; j++) {
      prob[j] = Math.exp((prob[j]! - maxGain) / theta);
      sum += prob[j]!;
    }
    let x = rng() * sum;
    let pick = cand[nc - 1]!;
    for (let j = 0; j < nc; j++) {
      x -= prob[j]!;
      if (x < 0) {
        pick = cand[j]!;
        break;
      }
    }
    if (pick === own) continue;
    r[v] = pick;
    sizeR[own] = 0;
    sizeR[pick] = sizeR[pick]! + 1;
    kr[pick] = kr[pick]! + kv;
    extR[pick] = extR[pick]! + extV[v]! - 2 * acc[pick]!;
  }
  return r;
}

/** Splits every community into its connected components (BFS with an explicit queue). */
export function splitDisconnected(g: WGraph, membership: Int32Array): number {
  const n = g.n;
  const out = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let k = 0;
  for (let s = 0; s < n; s++) {
    if (out[s] !== -1) continue;
    const c = membership[s]!;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    out[s] = k;
    while (qh < qt) {
      const v = queue[qh++]!;
      for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
        const u = g.targets[e]!;
        if (out[u] === -1 && membership[u] === c) {
          out[u] = k;
          queue[qt++] = u;
        }
      }
    }
    k++;
  }
  membership.set(out);
  return k;
}

function leidenRun(g0: WGraph, start: Int32Array, resolution: number, theta: number, rng: Rng, maxLevels: number): Int32Array {
  const membership = Int32Array.from({ length: g0.n }, (_, i) => i);
  let g = g0;
  let init: Int32Array = start;
  for (let level = 0; ; level++) {
    const p = new Partition(g, init);
    moveNodesFast(p, resolution, rng);
    const comm = Int32Array.from(p.comm);
    const k = renumber(Int32Array.from(comm));
    if (k === g.n || level + 1 >= maxLevels) {
      for (let v = 0; v < membership.length; v++) membership[v] = comm[membership[v]!]!;
      return membership;
    }
    const r = refine(g, comm, p.tot, resolution, theta, rng);
    const kr = renumber(r);
    const next = new Int32Array(kr);
    for (let v = 0; v < g.n; v++) next[r[v]!] = comm[v]!;
    renumber(next);
    for (let v = 0; v < membership.length; v++) membership[v] = r[membership[v]!]!;
    if (kr === g.n) {
      // refinement merged nothing: aggregating would not shrink the graph; stop here
      for (let v = 0; v < membership.length; v++) membership[v] = comm[membership[v]!]!;
      return membership;
    }
    g = aggregate(g, r, kr);
    init = next;
  }
}

export function leidenW(g0: WGraph, opts: LeidenOptions = {}): CommunityResult {
  const resolution = opts.resolution ?? 1;
  checkResolution(resolution);
  const theta = opts.randomness ?? 0.01;
  if (!(theta > 0)) throw new ClewError('INVALID_ARGUMENT', 'randomness must be > 0', { randomness: theta });
  const iterations = opts.iterations ?? 2;
  const maxLevels = opts.maxLevels ?? 50;
  const rng = mulberry32(opts.seed ?? 1);
  let membership: Int32Array;
  if (opts.initial) {
    if (opts.initial.length !== g0.n) throw new ClewError('INVALID_ARGUMENT', 'initial partition length differs from node count');
    membership = Int32Array.from(opts.initial);
    for (const c of membership) if (c < 0) throw new ClewError('INVALID_ARGUMENT', 'community ids must be >= 0');
    renumber(membership);
  } else membership = Int32Array.from({ length: g0.n }, (_, i) => i);
  let levels = 0;
  const limit = iterations < 0 ? 1000 : Math.max(1, iterations);
  for (let it = 0; it < limit; it++) {
    const before = Int32Array.from(membership);
    membership = leidenRun(g0, membership, resolution, theta, rng, maxLevels);
    renumber(membership);
    levels++;
    if (iterations < 0 && before.every((c, i) => c === membership[i])) break;
  }
  splitDisconnected(g0, membership);
  const count = renumber(membership);
  return { membership, count, modularity: modularityW(g0, membership, resolution), levels };
}

/** Leiden communities of a CSR graph. `levels` reports the number of chained runs. */
export function leiden(g: CSRGraph, opts: LeidenOptions = {}): CommunityResult {
  return leidenW(toWGraph(g), opts);
}
