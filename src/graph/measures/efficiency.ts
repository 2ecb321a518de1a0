import { ClewError } from '../../model/errors.js';
import type { CSRGraph } from '../csr.js';
import { createRng, sampleWithoutReplacement } from '../random.js';
import { localityView } from '../reorder.js';
import { createTraversal, type PathOptions } from './paths.js';

export interface EfficiencyOptions extends PathOptions {
  /**
   * Estimate from this many source nodes drawn uniformly without replacement instead of all n
   * (unbiased; each source's term lies in [0, 1], so by Hoeffding the error exceeds
   * sqrt(ln(2/δ) / (2k)) with probability at most δ). Default: exact.
   */
  samples?: number;
  /** Seed for the sample (default 1). */
  seed?: number;
}

/**
 * Global efficiency (Latora & Marchiori): the mean of 1/d(u, v) over ordered pairs of distinct
 * alive nodes, unreachable pairs contributing 0. With a mask it measures the network left after
 * removing nodes — the standard disruption score. Equals networkx `global_efficiency` on
 * undirected unweighted graphs. 0 when fewer than two nodes are alive. O(n·m) exact.
 */
export function globalEfficiency(g: CSRGraph, options: EfficiencyOptions = {}): number {
  const { mask } = options;
  const n = g.n;
  const aliveList: number[] = [];
  for (let v = 0; v < n; v++) if (mask === undefined || mask[v] === 1) aliveList.push(v);
  const alive = aliveList.length;
  if (alive < 2) return 0;
  let sources: Int32Array = Int32Array.from(aliveList);
  if (options.samples !== undefined) {
    if (!Number.isInteger(options.samples) || options.samples < 1) {
      throw new ClewError('INVALID_ARGUMENT', 'samples must be a positive integer', { samples: options.samples });
    }
    if (options.samples < alive) sources = sampleWithoutReplacement(sources, options.samples, createRng(options.seed ?? 1));
  }
  const view = localityView(g, mask, sources.length);
  const t = createTraversal(view.graph, { ...options, mask: view.mask });
  let total = 0;
  for (const s of sources) {
    const reached = t.run(view.newId[s] as number);
    let sum = 0;
    for (let i = 1; i < reached; i++) sum += 1 / (t.dist[t.order[i] as number] as number);
    total += sum / (alive - 1);
  }
  return total / sources.length;
}
