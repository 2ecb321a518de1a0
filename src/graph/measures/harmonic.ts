import type { CSRGraph } from '../csr.js';
import { localityView } from '../reorder.js';
import { createTraversal, type PathOptions } from './paths.js';

export interface HarmonicOptions extends PathOptions {
  /** Divide by n-1 (igraph `normalized=True`), giving a value in [0, 1]. Default true. */
  normalized?: boolean;
}

/**
 * Harmonic centrality: the sum of 1/d(v, u) over all other nodes u (unreachable ones add 0),
 * divided by n-1 when normalized (default). Well defined on disconnected graphs, unlike closeness.
 * Matches igraph `harmonic_centrality` (mode default 'out'). Masked nodes score 0 and are not
 * counted in n. O(n·m) unweighted, O(n·m log n) weighted.
 */
export function harmonic(g: CSRGraph, options: HarmonicOptions = {}): Float64Array {
  const normalized = options.normalized ?? true;
  const { mask } = options;
  const n = g.n;
  let alive = n;
  if (mask !== undefined) for (let v = 0; v < n; v++) if (mask[v] === 0) alive--;
  const view = localityView(g, mask, alive);
  const t = createTraversal(view.graph, { ...options, mask: view.mask });
  const result = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    if (mask !== undefined && mask[s] === 0) continue;
    const reached = t.run(view.newId[s] as number);
    let sum = 0;
    for (let i = 1; i < reached; i++) sum += 1 / (t.dist[t.order[i] as number] as number);
    result[s] = normalized ? (alive > 1 ? sum / (alive - 1) : 0) : sum;
  }
  return result;
}
