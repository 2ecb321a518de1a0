/**
 * Louvain community detection (Blondel et al. 2008) maximising modularity with a resolution
 * parameter, on weighted graphs (directed graphs are symmetrised, as igraph's multilevel does).
 * Deterministic for a seed: the node order of every local-moving pass is a seeded shuffle.
 * Iterative throughout (no recursion); O(m) memory per level.
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { Partition } from './local-move.js';
import { modularityW } from './modularity.js';
import { mulberry32, permutation, type Rng } from './prng.js';
import { aggregate, renumber, toWGraph, type WGraph } from './wgraph.js';

export interface CommunityOptions {
  /** gamma in Q = sum_c [in_c/2m - gamma (tot_c/2m)^2]; 1 = classic modularity. */
  resolution?: number;
  seed?: number;
  /** Cap on aggregation levels (default 50). */
  maxLevels?: number;
}

export interface CommunityResult {
  /** membership[v] = community of node v, numbered 0..count-1 by first node (node 0 is in 0). */
  membership: Int32Array;
  count: number;
  /** Modularity (at the given resolution) of `membership` on the input graph. */
  modularity: number;
  /** Number of aggregation levels run. */
  levels: number;
}

export function checkResolution(r: number): void {
  if (!(r > 0) || !Number.isFinite(r)) throw new ClewError('INVALID_ARGUMENT', 'resolution must be a positive number', { resolution: r });
}

/** One local-moving phase: passes over the nodes in seeded random order until none moves. */
function moveNodes(p: Partition, resolution: number, rng: Rng, maxPasses = 1000): number {
  const n = p.g.n;
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const order = permutation(rng, n);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      const own = p.comm[v]!;
      p.gather(v);
      p.remove(v);
      const { c } = p.best(v, resolution);
      p.insert(v, c);
      if (c !== own) moved++;
    }
    moves += moved;
    if (moved === 0) break;
  }
  return moves;
}

export function louvainW(g0: WGraph, opts: CommunityOptions = {}): CommunityResult {
  const resolution = opts.resolution ?? 1;
  checkResolution(resolution);
  const rng = mulberry32(opts.seed ?? 1);
  const maxLevels = opts.maxLevels ?? 50;
  const membership = Int32Array.from({ length: g0.n }, (_, i) => i);
  let g = g0;
  let levels = 0;
  while (levels < maxLevels && g.n > 0) {
    const p = new Partition(g);
    const moves = moveNodes(p, resolution, rng);
    levels++;
    if (moves === 0) break;
    const comm = p.comm;
    const k = renumber(comm);
    for (let v = 0; v < membership.length; v++) membership[v] = comm[membership[v]!]!;
    if (k === g.n) break;
    g = aggregate(g, comm, k);
  }
  const count = renumber(membership);
  return { membership, count, modularity: modularityW(g0, membership, resolution), levels };
}

/** Louvain communities of a CSR graph. */
export function louvain(g: CSRGraph, opts: CommunityOptions = {}): CommunityResult {
  return louvainW(toWGraph(g), opts);
}
