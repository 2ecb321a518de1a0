import type { CSRGraph } from '../csr.js';
import { localityView } from '../reorder.js';
import { createTraversal, type PathOptions } from './paths.js';

export interface ClosenessOptions extends PathOptions {
  /** Multiply by the number of reached nodes (igraph `normalized=True`). Default true. */
  normalized?: boolean;
  /**
   * Wasserman–Faust correction for disconnected graphs (networkx's default `wf_improved=True`):
   * scale the normalised value by (reached)/(n-1), so nodes in small components score low, and
   * isolated nodes score 0 instead of NaN. Implies `normalized`. Default false.
   */
  wassermanFaust?: boolean;
}

/**
 * Closeness centrality, igraph convention: only reachable nodes count. For node v with r other
 * nodes reachable (in `mode`, default 'out') at total distance S: closeness = 1/S, or r/S when
 * normalized (default). NaN when v reaches no other node (igraph) — or 0 with `wassermanFaust`,
 * which gives networkx's `closeness_centrality` (note networkx measures *incoming* distance on
 * directed graphs: use mode 'in' to match it). Masked nodes are NaN and count as absent (n is
 * the number of alive nodes). O(n·m) unweighted, O(n·m log n) weighted.
 */
export function closeness(g: CSRGraph, options: ClosenessOptions = {}): Float64Array {
  const wf = options.wassermanFaust ?? false;
  const normalized = wf || (options.normalized ?? true);
  const { mask } = options;
  const n = g.n;
  let alive = n;
  if (mask !== undefined) for (let v = 0; v < n; v++) if (mask[v] === 0) alive--;
  const view = localityView(g, mask, alive);
  const t = createTraversal(view.graph, { ...options, mask: view.mask });
  const result = new Float64Array(n).fill(Number.NaN);
  for (let s = 0; s < n; s++) {
    if (mask !== undefined && mask[s] === 0) continue;
    const reached = t.run(view.newId[s] as number);
    const r = reached - 1;
    if (r === 0) {
      result[s] = wf ? 0 : Number.NaN;
      continue;
    }
    let sum = 0;
    for (let i = 1; i < reached; i++) sum += t.dist[t.order[i] as number] as number;
    let c = 1 / sum;
    if (normalized) c *= r;
    if (wf) c *= r / (alive - 1);
    result[s] = c;
  }
  return result;
}
