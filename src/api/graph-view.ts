/**
 * The network as the workspace draws it: per-node measures (degree, strength, PageRank,
 * betweenness, community) computed once per network, and compact node/edge arrays of the
 * whole network or of its top nodes by a measure, or of one person's ego network.
 * Composes the measures of src/graph and ego() of ./graph.ts; no graph algorithm of its own.
 * Edges are contact pairs (both directions summed): weight = messages and calls between the two.
 */
import { betweenness, degree, louvain, pagerank, sampledBetweenness, strength } from '../graph/index.js';
import { ClewError } from '../model/errors.js';
import { ego, type GraphContext, type SamplingNote } from './graph.js';

export const VIEW_MEASURES = ['degree', 'strength', 'pagerank', 'betweenness'] as const;
export type ViewMeasure = (typeof VIEW_MEASURES)[number];

export interface ViewMeasures {
  /** Per node, in the network's node order. */
  values: Record<ViewMeasure, Float64Array>;
  /** Louvain community per node (seeded, so the same network gives the same communities). */
  community: Int32Array;
  communities: number;
  modularity: number;
  betweenness: SamplingNote;
}

/**
 * Every measure the view can size or colour by. Betweenness is exact up to ctx.exactMaxNodes
 * nodes and estimated from ctx.samples pivots above (the note says which).
 */
export function viewMeasures(ctx: GraphContext): ViewMeasures {
  const g = ctx.undirected;
  let bc: Float64Array;
  let note: SamplingNote;
  if (g.n <= ctx.exactMaxNodes) {
    bc = betweenness(g);
    note = { sampled: false, samples: g.n, errorBound: 0, errorBoundRaw: 0, confidence: 1 };
  } else {
    const s = sampledBetweenness(g, { samples: ctx.samples, seed: ctx.seed, maxWork: ctx.pivotWork });
    bc = s.scores;
    note = { sampled: !s.exact, samples: s.sources.length, errorBound: s.errorBound, errorBoundRaw: s.errorBoundRaw, confidence: s.confidence };
  }
  const comm = louvain(g, { seed: ctx.seed });
  return {
    values: { degree: degree(g), strength: strength(g), pagerank: pagerank(ctx.directed).scores, betweenness: bc },
    community: comm.membership,
    communities: comm.count,
    modularity: comm.modularity,
    betweenness: note,
  };
}

/** Nodes and edges in compact parallel arrays; edge endpoints are indices into `keys`. */
export interface ViewGraph {
  keys: string[];
  labels: string[];
  community: number[];
  measures: Record<ViewMeasure, number[]>;
  src: number[];
  dst: number[];
  weight: number[];
}

/** The subgraph on `nodes` (network node ids, in the order given): contact pairs among them. */
function viewGraph(ctx: GraphContext, m: ViewMeasures, nodes: ArrayLike<number>): ViewGraph {
  const g = ctx.undirected;
  const local = new Int32Array(g.n).fill(-1);
  for (let i = 0; i < nodes.length; i++) local[nodes[i]!] = i;
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  const { offsets, targets, weights } = g.out;
  for (let i = 0; i < nodes.length; i++) {
    const u = nodes[i]!;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = targets[p]!;
      const j = local[v]!;
      if (v <= u || j < 0) continue; // each pair once; self-contact is not drawn
      src.push(i);
      dst.push(j);
      weight.push(weights[p]!);
    }
  }
  const pick = <T>(a: ArrayLike<T>): T[] => Array.from(nodes, (v) => a[v]!);
  return {
    keys: pick(ctx.net.keys),
    labels: pick(ctx.net.labels),
    community: pick(m.community),
    measures: {
      degree: pick(m.values.degree),
      strength: pick(m.values.strength),
      pagerank: pick(m.values.pagerank),
      betweenness: pick(m.values.betweenness),
    },
    src,
    dst,
    weight,
  };
}

/** Contact pairs (each unordered pair once, self-contact left out). */
export function contactPairs(ctx: GraphContext): number {
  const { offsets, targets } = ctx.undirected.out;
  let k = 0;
  for (let u = 0; u < ctx.undirected.n; u++) for (let p = offsets[u]!; p < offsets[u + 1]!; p++) if (targets[p]! > u) k++;
  return k;
}

export interface NetworkViewResult {
  /** Nodes and contact pairs in the whole (filtered) network. */
  nodes: number;
  edges: number;
  /** True when only the top `maxNodes` nodes by `rankedBy` are in `graph`. */
  truncated: boolean;
  rankedBy: ViewMeasure;
  graph: ViewGraph;
}

/** The whole network, or its top `maxNodes` nodes by a measure (ties: network order) and the contacts among them. */
export function networkView(ctx: GraphContext, m: ViewMeasures, opts: { maxNodes: number; by: ViewMeasure }): NetworkViewResult {
  const { maxNodes, by } = opts;
  if (!Number.isSafeInteger(maxNodes) || maxNodes < 1) throw new ClewError('INVALID_ARGUMENT', 'maxNodes must be a positive integer', { maxNodes });
  if (!(VIEW_MEASURES as readonly string[]).includes(by)) throw new ClewError('INVALID_ARGUMENT', `unknown measure "${String(by).slice(0, 40)}" (use ${VIEW_MEASURES.join(', ')})`);
  const n = ctx.undirected.n;
  let nodes: Int32Array;
  if (n <= maxNodes) nodes = Int32Array.from({ length: n }, (_, i) => i);
  else {
    const s = m.values[by];
    nodes = Int32Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => s[b]! - s[a]! || a - b)
      .subarray(0, maxNodes)
      .sort();
  }
  return { nodes: n, edges: contactPairs(ctx), truncated: n > maxNodes, rankedBy: by, graph: viewGraph(ctx, m, nodes) };
}

export interface EgoViewResult {
  center: string;
  hops: number;
  /** True when the ego network was cut at maxNodes (nearest first). */
  truncated: boolean;
  /** Hops from the centre, per node of `graph`. */
  distance: number[];
  graph: ViewGraph;
}

/** ego() of a person, with the measures of each node in the whole network. */
export async function egoView(ctx: GraphContext, m: ViewMeasures, center: string, opts: { hops: number; maxNodes: number }): Promise<EgoViewResult> {
  const e = await ego(ctx, center, opts);
  const index = new Map(ctx.net.keys.map((k, i) => [k, i]));
  const nodes = e.nodes.map((x) => index.get(x.key)!);
  return { center: e.center.key, hops: e.hops, truncated: e.truncated, distance: e.nodes.map((x) => x.hops), graph: viewGraph(ctx, m, nodes) };
}
