/**
 * Disruption simulation: remove nodes by a strategy, one at a time or in blocks of b, and track
 * how the network falls apart. After each block: the largest connected component's share of the
 * ORIGINAL node count, the number of connected components among the surviving nodes, and the
 * global efficiency of what is left. Direction is ignored for components (weak components).
 *
 * The strategy is either an explicit removal order or a scoring function (g, mask) -> score per
 * node; the b alive nodes with the highest scores are removed (ties: lower node id first).
 * With `recompute` (default) the score is recomputed on the surviving graph before every block
 * (adaptive attack); without it the scores of the intact graph fix the order. Scores within a
 * relative 1e-9 of each other are ties, broken by lower node id.
 *
 * Cavallaro et al. 2020 ("Disrupting resilient criminal networks through data analysis: the
 * case of Sicilian Mafia", PLoS ONE 15(8):e0236476) remove blocks of 5 nodes by unweighted
 * betweenness, recomputed after each block: `CAVALLARO_2020` gives those settings; pass
 * the betweenness scorer (see strategies.ts).
 */
import type { CSRGraph } from '../csr.js';
import type { NodeMask } from '../build.js';
import { weakComponents } from '../measures/components.js';
import { ClewError } from '../../model/errors.js';

/** Score per node of the graph restricted to `mask` (removed nodes' scores are ignored). */
export type Scorer = (g: CSRGraph, mask: NodeMask) => ArrayLike<number>;
/** Global efficiency of the graph restricted to `mask`. */
export type EfficiencyFn = (g: CSRGraph, mask: NodeMask) => number;

export interface DisruptOptions {
  /** A scoring function, or an explicit removal order (node ids, removed front to back). */
  strategy: Scorer | { order: ArrayLike<number> };
  /** Nodes removed per step (default 1). */
  block?: number;
  /** Number of steps K (default: until every node is removed). */
  steps?: number;
  /** Recompute the scores on the surviving graph before each block (default true). */
  recompute?: boolean;
  /** Give the scorer a copy of the graph with every weight 1 (default false). */
  unweighted?: boolean;
  /** Efficiency function; omit to skip efficiency (reported as NaN). */
  efficiency?: EfficiencyFn;
  /** Called after each measured step (0 = intact graph) with the steps done and planned. */
  onProgress?: (done: number, total: number) => void;
}

export const CAVALLARO_2020 = { block: 5, recompute: true, unweighted: true } as const;

export interface DisruptStep {
  /** 0 = intact graph. */
  step: number;
  /** Nodes removed in this step (empty at step 0). */
  removed: Int32Array;
  removedTotal: number;
  /** Largest connected component size / original n. */
  lccShare: number;
  lccSize: number;
  /** Connected components among surviving nodes. */
  components: number;
  efficiency: number;
  /** efficiency / efficiency of the intact graph (NaN if either is missing or 0). */
  efficiencyRelative: number;
}

/** The same graph with every weight set to 1 (structure shared). */
export function unitWeights(g: CSRGraph): CSRGraph {
  const out = { ...g.out, weights: new Float64Array(g.out.targets.length).fill(1) };
  if (!g.directed || g.in === g.out) return { n: g.n, directed: g.directed, out, in: out };
  return { n: g.n, directed: g.directed, out, in: { ...g.in, weights: new Float64Array(g.in.targets.length).fill(1) } };
}

/** Top-b alive nodes by score, ties by node id. O(n log n). */
function topAlive(score: ArrayLike<number>, mask: NodeMask, b: number): Int32Array {
  const alive: number[] = [];
  for (let v = 0; v < mask.length; v++) if (mask[v]) alive.push(v);
  const key = (v: number): number => {
    const s = score[v]!;
    return Number.isNaN(s) ? -Infinity : s;
  };
  // scores within a relative 1e-9 count as tied (then lower id first), so the order does not
  // hinge on floating-point noise and matches other implementations (networkx, igraph)
  alive.sort((a, c) => {
    const x = key(a);
    const y = key(c);
    if (x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))) return a - c;
    return y - x;
  });
  return Int32Array.from(alive.slice(0, b));
}

export function disrupt(g: CSRGraph, opts: DisruptOptions): DisruptStep[] {
  const n = g.n;
  const block = opts.block ?? 1;
  if (!Number.isInteger(block) || block < 1) throw new ClewError('INVALID_ARGUMENT', 'block must be a positive integer', { block });
  const maxSteps = Math.ceil(n / block);
  const steps = Math.min(opts.steps ?? maxSteps, maxSteps);
  if (!Number.isInteger(steps) || steps < 0) throw new ClewError('INVALID_ARGUMENT', 'steps must be a non-negative integer', { steps });
  const recompute = opts.recompute ?? true;
  const sg = opts.unweighted ? unitWeights(g) : g;
  const mask: NodeMask = new Uint8Array(n).fill(1);

  const measure = (step: number, removed: Int32Array, removedTotal: number, eff0: number): DisruptStep => {
    const c = weakComponents(g, mask);
    let lcc = 0;
    for (const s of c.sizes) if (s > lcc) lcc = s;
    const efficiency = opts.efficiency ? opts.efficiency(g, mask) : NaN;
    return {
      step,
      removed,
      removedTotal,
      lccShare: n === 0 ? 0 : lcc / n,
      lccSize: lcc,
      components: c.count,
      efficiency,
      efficiencyRelative: eff0 > 0 ? efficiency / eff0 : NaN,
    };
  };

  let fixedOrder: Int32Array | null = null;
  const strategy = opts.strategy;
  if (typeof strategy !== 'function') {
    const seen = new Uint8Array(n);
    for (let i = 0; i < strategy.order.length; i++) {
      const v = strategy.order[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= n) throw new ClewError('INVALID_ARGUMENT', 'removal order has a node id out of range', { index: i, node: v });
      if (seen[v]) throw new ClewError('INVALID_ARGUMENT', 'removal order repeats a node', { index: i, node: v });
      seen[v] = 1;
    }
    fixedOrder = Int32Array.from(strategy.order);
  } else if (!recompute) {
    fixedOrder = topAlive(strategy(sg, mask), mask, n);
  }

  const first = measure(0, new Int32Array(0), 0, NaN);
  const eff0 = first.efficiency;
  first.efficiencyRelative = eff0 > 0 ? 1 : NaN;
  const out: DisruptStep[] = [first];
  opts.onProgress?.(0, steps);
  let removedTotal = 0;
  let cursor = 0;
  for (let step = 1; step <= steps; step++) {
    let removed: Int32Array;
    if (fixedOrder) {
      removed = fixedOrder.slice(cursor, cursor + block);
      cursor += block;
    } else {
      removed = topAlive((strategy as Scorer)(sg, mask), mask, block);
    }
    if (removed.length === 0) break;
    for (const v of removed) mask[v] = 0;
    removedTotal += removed.length;
    out.push(measure(step, removed, removedTotal, eff0));
    opts.onProgress?.(step, steps);
  }
  return out;
}
