import { adjacencies, checkMask, checkNode, checkPositiveWeights, type Mode, type NodeMask } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { IndexedMinHeap } from '../heap.js';

export interface PathOptions {
  /**
   * false (default): every edge has length 1 (BFS). true: edge weights are lengths (Dijkstra);
   * weights must be positive. Note that message counts are *strengths*: to make frequent contact
   * "close", pass `mapWeights(g, (w) => 1 / w)`.
   */
  weighted?: boolean;
  /** Direction followed in a directed graph (default 'out'). Ignored for undirected graphs. */
  mode?: Mode;
  /** Removed nodes are never visited (a masked source reaches nothing). */
  mask?: NodeMask;
}

/**
 * A reusable single-source shortest-path engine (BFS or Dijkstra on typed arrays). After
 * `run(s)`, `order[0..reached)` lists the reached nodes in non-decreasing distance and `dist`
 * holds their distances (Infinity elsewhere). Each `run` resets only what the previous one touched,
 * so all-sources loops cost O(n·m) (BFS) or O(n·m log n) (Dijkstra) without O(n²) resets.
 */
export interface Traversal {
  readonly dist: Float64Array;
  readonly order: Int32Array;
  /** Predecessor on one shortest path (the first found), -1 for the source and unreached nodes. */
  readonly pred: Int32Array;
  /** Runs from `source`; stops early once `target` is settled when given. Returns the number reached. */
  run(source: number, target?: number): number;
}

export function createTraversal(g: CSRGraph, options: PathOptions = {}): Traversal {
  const { mask } = options;
  checkMask(g, mask);
  const weighted = options.weighted ?? false;
  if (weighted) checkPositiveWeights(g);
  const lists = adjacencies(g, options.mode ?? 'out');
  const n = g.n;
  const dist = new Float64Array(n).fill(Infinity);
  const order = new Int32Array(n);
  const pred = new Int32Array(n).fill(-1);
  const heap = weighted ? new IndexedMinHeap(n) : null;
  let reached = 0;

  const reset = (): void => {
    for (let i = 0; i < reached; i++) {
      const v = order[i] as number;
      dist[v] = Infinity;
      pred[v] = -1;
    }
    // Dijkstra may leave labelled-but-unsettled nodes when stopped early.
    if (heap !== null) {
      while (heap.size > 0) {
        const v = heap.pop();
        dist[v] = Infinity;
        pred[v] = -1;
      }
    }
    reached = 0;
  };

  const bfs = (s: number, target: number): void => {
    let head = 0;
    dist[s] = 0;
    order[reached++] = s;
    while (head < reached) {
      const u = order[head++] as number;
      if (u === target) return;
      const du = (dist[u] as number) + 1;
      for (const { offsets, targets } of lists) {
        const end = offsets[u + 1] as number;
        for (let p = offsets[u] as number; p < end; p++) {
          const v = targets[p] as number;
          if (dist[v] !== Infinity || (mask !== undefined && mask[v] === 0)) continue;
          dist[v] = du;
          pred[v] = u;
          order[reached++] = v;
        }
      }
    }
  };

  const dijkstra = (s: number, target: number, h: IndexedMinHeap): void => {
    dist[s] = 0;
    h.push(s, 0);
    while (h.size > 0) {
      const u = h.pop();
      order[reached++] = u;
      if (u === target) return;
      const du = dist[u] as number;
      for (const { offsets, targets, weights } of lists) {
        const end = offsets[u + 1] as number;
        for (let p = offsets[u] as number; p < end; p++) {
          const v = targets[p] as number;
          if (mask !== undefined && mask[v] === 0) continue;
          const alt = du + (weights[p] as number);
          if (alt < (dist[v] as number)) {
            dist[v] = alt;
            pred[v] = u;
            h.push(v, alt);
          }
        }
      }
    }
  };

  return {
    dist,
    order,
    pred,
    run(source: number, target = -1): number {
      checkNode(g, source, 'source');
      reset();
      if (mask !== undefined && mask[source] === 0) return 0;
      if (heap === null) bfs(source, target);
      else dijkstra(source, target, heap);
      return reached;
    },
  };
}

/** Distances from `source` to every node (Infinity when unreachable). */
export function shortestPathLengths(g: CSRGraph, source: number, options: PathOptions = {}): Float64Array {
  const t = createTraversal(g, options);
  t.run(source);
  return t.dist.slice();
}

/**
 * One shortest path from `source` to `target` as the node sequence [source, ..., target], or null
 * when target is unreachable. Among equal-length paths the one found first is returned
 * (deterministic: neighbours are scanned in id order).
 */
export function shortestPath(g: CSRGraph, source: number, target: number, options: PathOptions = {}): Int32Array | null {
  checkNode(g, target, 'target');
  const t = createTraversal(g, options);
  t.run(source, target);
  if (t.dist[target] === Infinity) return null;
  let len = 1;
  for (let v = target; v !== source; v = t.pred[v] as number) len++;
  const path = new Int32Array(len);
  for (let v = target, i = len - 1; i >= 0; v = t.pred[v] as number, i--) path[i] = v;
  return path;
}
