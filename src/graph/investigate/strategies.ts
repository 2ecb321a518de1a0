/**
 * The engine's measures as disruption scorers and efficiency functions (see disrupt.ts), and
 * the named-strategy entry point `disruptBy`. Every scorer respects the removal mask.
 */
import { inducedSubgraph } from '../subgraph.js';
import type { CSRGraph } from '../csr.js';
import type { NodeMask } from '../build.js';
import { betweenness, sampledBetweenness } from '../measures/betweenness.js';
import { degree } from '../measures/degree.js';
import { globalEfficiency } from '../measures/efficiency.js';
import { pagerank } from '../measures/pagerank.js';
import { CAVALLARO_2020, disrupt, type DisruptOptions, type DisruptStep, type EfficiencyFn, type Scorer } from './disrupt.js';

/** Number of distinct alive neighbours (in + out for directed graphs). */
export const degreeScorer: Scorer = (g, mask) => degree(g, 'all', mask);

/**
 * Betweenness on the surviving graph: hop-count (or weighted) shortest paths, exact or, with
 * `samples`, estimated from that many seeded pivots (Brandes–Pich).
 */
export function betweennessScorer(opts: { weighted?: boolean; samples?: number; seed?: number } = {}): Scorer {
  return (g, mask) =>
    opts.samples !== undefined
      ? sampledBetweenness(g, { mask, weighted: opts.weighted ?? false, samples: opts.samples, seed: opts.seed ?? 1 }).scores
      : betweenness(g, { mask, weighted: opts.weighted ?? false });
}

/** PageRank of the subgraph induced by the alive nodes (removed nodes score 0). */
export function pagerankScorer(opts: { damping?: number; weighted?: boolean } = {}): Scorer {
  return (g: CSRGraph, mask: NodeMask) => {
    const alive: number[] = [];
    for (let v = 0; v < g.n; v++) if (mask[v]) alive.push(v);
    const sub = inducedSubgraph(g, alive);
    const pr = pagerank(sub.graph, { damping: opts.damping ?? 0.85, weighted: opts.weighted ?? true }).scores;
    const out = new Float64Array(g.n);
    for (let i = 0; i < sub.original.length; i++) out[sub.original[i]!] = pr[i]!;
    return out;
  };
}

/** Global efficiency (hop distances) of the surviving graph; `samples` estimates it from pivots. */
export function efficiencyOf(opts: { samples?: number; seed?: number } = {}): EfficiencyFn {
  return (g, mask) => globalEfficiency(g, { mask, ...(opts.samples !== undefined ? { samples: opts.samples, seed: opts.seed ?? 1 } : {}) });
}

export type StrategyName = 'degree' | 'betweenness' | 'pagerank';

export interface DisruptByOptions extends Omit<DisruptOptions, 'strategy' | 'efficiency'> {
  /** Compute global efficiency after each step (default true; O(n·m) per step when exact). */
  efficiency?: boolean;
  /** Pivots for sampled betweenness / efficiency on large graphs (default exact). */
  samples?: number;
  seed?: number;
}

/** Disruption by a named strategy (or an explicit order) using the engine's measures. */
export function disruptBy(g: CSRGraph, strategy: StrategyName | { order: ArrayLike<number> }, opts: DisruptByOptions = {}): DisruptStep[] {
  const { efficiency = true, samples, seed, ...rest } = opts;
  let scorer: DisruptOptions['strategy'];
  if (typeof strategy === 'object') scorer = strategy;
  else if (strategy === 'degree') scorer = degreeScorer;
  else if (strategy === 'betweenness') scorer = betweennessScorer({ samples, seed });
  else scorer = pagerankScorer();
  return disrupt(g, { ...rest, strategy: scorer, ...(efficiency ? { efficiency: efficiencyOf({ samples, seed }) } : {}) });
}

/**
 * Cavallaro et al. 2020: blocks of 5 nodes by unweighted betweenness, recomputed after each
 * block, for `steps` blocks; LCC share, components and efficiency after each.
 */
export function cavallaro2020(g: CSRGraph, steps: number, opts: { efficiency?: boolean; samples?: number; seed?: number } = {}): DisruptStep[] {
  return disruptBy(g, 'betweenness', { ...CAVALLARO_2020, steps, ...opts });
}
