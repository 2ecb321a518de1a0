/**
 * What an ego-network picture shows (src/report/ego-graph.ts draws it): the centres (the named
 * accounts or persons), then their contacts ring by ring (hops from the centres, direction
 * ignored), strongest tie to the ring inside first, cut to `max` nodes; and the contact edges
 * among the nodes shown, weighted (messages + calls, both ways). Deterministic: ties are broken
 * by the label (code units), then the node's index.
 */
import type { CSRGraph } from '../graph/csr.js';
import type { EgoGraph } from './ego-graph.js';

/** Nodes an ego picture shows (more are unreadable on a printed page); the table beside it lists the rest. */
export const MAX_EGO_NODES = 40;

export function egoSelection(g: CSRGraph, labels: readonly string[], centres: readonly number[], opts: { title: string; seed: number; max?: number }): EgoGraph {
  const max = Math.max(1, opts.max ?? MAX_EGO_NODES);
  const ring = new Int32Array(g.n).fill(-1);
  const { offsets, targets, weights } = g.out;
  let frontier = [...new Set(centres)].filter((v) => v >= 0 && v < g.n);
  for (const v of frontier) ring[v] = 0;
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const u of frontier)
      for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
        const w = targets[p]!;
        if (ring[w] === -1) {
          ring[w] = d;
          next.push(w);
        }
      }
    frontier = next;
  }
  // a node's strength: its tie to the ring inside it
  const strength = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++)
    if (ring[v]! > 0) for (let p = offsets[v]!; p < offsets[v + 1]!; p++) if (ring[targets[p]!] === ring[v]! - 1) strength[v]! += weights[p]!;
  const byLabel = (a: number, b: number) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : a - b);
  const centreList = [...new Set(centres)].filter((v) => v >= 0 && v < g.n).sort(byLabel).slice(0, max);
  const others: number[] = [];
  for (let v = 0; v < g.n; v++) if (ring[v]! > 0) others.push(v);
  others.sort((a, b) => ring[a]! - ring[b]! || strength[b]! - strength[a]! || byLabel(a, b));
  const shown = [...centreList, ...others.slice(0, max - centreList.length)];
  const index = new Map(shown.map((v, i) => [v, i]));
  const pairs = new Map<number, number>();
  for (const [i, u] of shown.entries())
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const j = index.get(targets[p]!);
      if (j !== undefined && j > i) pairs.set(i * shown.length + j, (pairs.get(i * shown.length + j) ?? 0) + weights[p]!);
    }
  let edges = 0;
  for (let u = 0; u < g.n; u++) for (let p = offsets[u]!; p < offsets[u + 1]!; p++) if (targets[p]! > u) edges++;
  return {
    title: opts.title,
    seed: opts.seed,
    nodes: shown.map((v) => ({ label: labels[v]!, ring: ring[v]! })),
    edges: [...pairs.entries()].sort((x, y) => x[0] - y[0]).map(([k, weight]) => ({ a: Math.floor(k / shown.length), b: k % shown.length, weight })),
    of: { nodes: g.n, edges },
  };
}
