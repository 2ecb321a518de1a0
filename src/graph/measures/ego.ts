import { ClewError } from '../../model/errors.js';
import { adjacencies, checkMask, checkNode, type Mode, type NodeMask } from '../build.js';
import type { CSRGraph } from '../csr.js';

export interface EgoOptions {
  /** Radius in hops (default 1). */
  hops?: number;
  /**
   * Cap on the number of nodes returned, centre included (default 5000): around a hub the 2-hop
   * neighbourhood of a 170k-user network can be most of it. When the cap is hit the result is
   * `truncated` and holds the nearest nodes first: whole hops, then the first-discovered part of
   * the last one (neighbours are scanned in ascending id, successors before predecessors).
   */
  maxNodes?: number;
  /** Edge direction followed in a directed graph (default 'all': contacts either way). */
  mode?: Mode;
  mask?: NodeMask;
}

export interface EgoNetwork {
  /** Nodes in BFS order, the centre first. */
  nodes: Int32Array;
  /** Hop distance of each entry of `nodes`. */
  hops: Int32Array;
  truncated: boolean;
}

/** Nodes within k hops of `center`, nearest first, at most `maxNodes`. O(size of the ball's edges). */
export function egoNetwork(g: CSRGraph, center: number, options: EgoOptions = {}): EgoNetwork {
  checkNode(g, center, 'center');
  const { mask } = options;
  checkMask(g, mask);
  const maxHops = options.hops ?? 1;
  const maxNodes = options.maxNodes ?? 5000;
  if (!Number.isInteger(maxHops) || maxHops < 0) throw new ClewError('INVALID_ARGUMENT', 'hops must be a non-negative integer', { hops: maxHops });
  if (!Number.isInteger(maxNodes) || maxNodes < 1) throw new ClewError('INVALID_ARGUMENT', 'maxNodes must be a positive integer', { maxNodes });
  if (mask !== undefined && mask[center] === 0) return { nodes: new Int32Array(0), hops: new Int32Array(0), truncated: false };
  const lists = adjacencies(g, options.mode ?? 'all');
  const cap = Math.min(maxNodes, g.n);
  const nodes = new Int32Array(cap);
  const hops = new Int32Array(cap);
  // Visited set sized to the ball, not to n: a Set keeps small egos on huge graphs cheap.
  const seen = new Set<number>([center]);
  let tail = 0;
  nodes[tail] = center;
  hops[tail++] = 0;
  let head = 0;
  let truncated = false;
  outer: while (head < tail) {
    const u = nodes[head] as number;
    const h = hops[head++] as number;
    if (h === maxHops) break;
    for (const { offsets, targets } of lists) {
      const end = offsets[u + 1] as number;
      for (let p = offsets[u] as number; p < end; p++) {
        const v = targets[p] as number;
        if (seen.has(v) || (mask !== undefined && mask[v] === 0)) continue;
        if (tail === cap) {
          truncated = true;
          break outer;
        }
        seen.add(v);
        nodes[tail] = v;
        hops[tail++] = h + 1;
      }
    }
  }
  return { nodes: nodes.slice(0, tail), hops: hops.slice(0, tail), truncated };
}
