/**
 * Explained composite key-player score. Each measure (PageRank, betweenness, degree,
 * eigenvector, or any other vector) is turned into a normalised rank in [0, 1]
 * (1 = highest value, 0 = lowest; tied values share their average rank), and the score is the
 * weighted mean of those ranks:
 *
 *   score(v) = sum_m w_m * nrank_m(v) / sum_m w_m,   nrank = (ascending average rank - 1) / (n - 1)
 *
 * Default weights: pagerank 0.3, betweenness 0.3, degree 0.2, eigenvector 0.2 (flow measures
 * first: in seized-phone networks the brokers between cells matter more than the chatty).
 * Ranks rather than raw values make measures on different scales comparable and keep one
 * extreme hub from swamping the score. Each row says how much each measure contributed and
 * lists the node's strongest contacts (by edge weight, both directions summed) so an analyst
 * can see why the node ranks where it does. Pure function of its inputs.
 */
import type { CSRGraph } from '../csr.js';
import { ClewError } from '../../model/errors.js';

export const DEFAULT_KEYPLAYER_WEIGHTS: Readonly<Record<string, number>> = {
  pagerank: 0.3,
  betweenness: 0.3,
  degree: 0.2,
  eigenvector: 0.2,
};

export interface KeyPlayerOptions {
  /** Weight per measure name; measures absent from `weights` are ignored. Default DEFAULT_KEYPLAYER_WEIGHTS. */
  weights?: Readonly<Record<string, number>>;
  /** Rows returned (best first); default all. */
  limit?: number;
  /** Contacts listed per row; default 5. */
  topContacts?: number;
}

export interface KeyPlayerContact {
  node: number;
  /** Sum of edge weights between the two nodes, both directions. */
  weight: number;
}

export interface KeyPlayerRow {
  node: number;
  /** 0..1. */
  score: number;
  /** 1-based position in the ranking. */
  position: number;
  /** Per measure: its raw value, normalised rank (0..1), and weighted contribution to the score. */
  measures: Record<string, { value: number; rank: number; contribution: number }>;
  contacts: KeyPlayerContact[];
}

/** Normalised average rank in [0, 1]; 1 for the largest value. NaN counts as the smallest. */
export function normalisedRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n <= 1) return out.fill(n === 1 ? 1 : 0);
  const key = (i: number): number => {
    const x = values[i]!;
    return Number.isNaN(x) ? -Infinity : x;
  };
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && key(idx[j + 1]!) === key(idx[i]!)) j++;
    const avg = (i + j) / 2; // 0-based average rank
    for (let t = i; t <= j; t++) out[idx[t]!] = avg / (n - 1);
    i = j + 1;
  }
  return out;
}

/** The k heaviest contacts of v (out and in arcs merged), heaviest first, ties by node id. */
export function topContacts(g: CSRGraph, v: number, k: number): KeyPlayerContact[] {
  const acc = new Map<number, number>();
  const lists = g.directed ? [g.out, g.in] : [g.out];
  for (const a of lists) {
    for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) {
      const u = a.targets[e]!;
      if (u !== v) acc.set(u, (acc.get(u) ?? 0) + a.weights[e]!);
    }
  }
  return [...acc.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, k)
    .map(([node, weight]) => ({ node, weight }));
}

export function keyPlayerRank(
  g: CSRGraph,
  measures: Readonly<Record<string, ArrayLike<number>>>,
  opts: KeyPlayerOptions = {},
): KeyPlayerRow[] {
  const weights = opts.weights ?? DEFAULT_KEYPLAYER_WEIGHTS;
  const n = g.n;
  const used: { name: string; w: number; values: ArrayLike<number>; ranks: Float64Array }[] = [];
  let wsum = 0;
  for (const [name, w] of Object.entries(weights)) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new ClewError('INVALID_ARGUMENT', 'measure weights must be finite and >= 0', { measure: name });
    if (w === 0) continue;
    const values = measures[name];
    if (!values) throw new ClewError('INVALID_ARGUMENT', 'a weighted measure is missing', { measure: name });
    if (values.length !== n) throw new ClewError('INVALID_ARGUMENT', 'measure length differs from node count', { measure: name, length: values.length, n });
    used.push({ name, w, values, ranks: normalisedRanks(values) });
    wsum += w;
  }
  if (used.length === 0) throw new ClewError('INVALID_ARGUMENT', 'no measure has a positive weight');
  const score = new Float64Array(n);
  for (const m of used) for (let v = 0; v < n; v++) score[v] = score[v]! + (m.w * m.ranks[v]!) / wsum;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  const limit = Math.min(n, opts.limit ?? n);
  const k = opts.topContacts ?? 5;
  const rows: KeyPlayerRow[] = [];
  for (let p = 0; p < limit; p++) {
    const v = order[p]!;
    const ms: KeyPlayerRow['measures'] = {};
    for (const m of used) ms[m.name] = { value: m.values[v]!, rank: m.ranks[v]!, contribution: (m.w * m.ranks[v]!) / wsum };
    rows.push({ node: v, score: score[v]!, position: p + 1, measures: ms, contacts: topContacts(g, v, k) });
  }
  return rows;
}
