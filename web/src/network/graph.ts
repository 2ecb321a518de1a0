/**
 * The API's compact network as a graphology graph for sigma: node size and colour follow a
 * measure or the community, edge thickness the number of messages. Labels come from seized
 * phones: sigma draws them on the canvas, never as markup.
 */
import Graph from 'graphology';
import type { WireViewGraph, WireViewMeasure } from '../lib/api';
import { revealBidi as reveal } from '../../../src/text/display/bidi.js';

export const MEASURES: { id: WireViewMeasure; title: string }[] = [
  { id: 'pagerank', title: 'PageRank' },
  { id: 'degree', title: 'Degree (contacts)' },
  { id: 'strength', title: 'Strength (messages)' },
  { id: 'betweenness', title: 'Betweenness' },
];
export type ColourBy = WireViewMeasure | 'community';

export function isMeasure(s: string | null): s is WireViewMeasure {
  return MEASURES.some((m) => m.id === s);
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#3949ab', '#00897b', '#c2185b'];
const SMALL = '#9aa3ad';

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  community: number;
  degree: number;
  strength: number;
  pagerank: number;
  betweenness: number;
  [k: string]: unknown;
}

export interface EdgeAttrs {
  weight: number;
  size: number;
  color: string;
  [k: string]: unknown;
}

export type NetGraph = Graph<NodeAttrs, EdgeAttrs>;

/** A deterministic jitter in [-0.5, 0.5) (same picture on every load). */
function jitter(i: number, salt: number): number {
  return (((Math.imul(i ^ salt, 0x9e3779b1) ^ Math.imul(i + salt, 0x85ebca6b)) >>> 0) / 2 ** 32) - 0.5;
}

/**
 * Add the nodes and edges of `g` that are not in `graph` yet. New nodes start where they were
 * (`known`), else next to a neighbour already placed (`near`), else around their community's
 * place on a circle, so the first frame already shows the communities apart.
 */
export function addToGraph(graph: NetGraph, g: WireViewGraph, known: Map<string, { x: number; y: number }> = new Map(), near?: string, withEdges = true): string[] {
  const sizes = new Map<number, number>();
  for (const c of g.community) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const big = [...sizes.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const slot = new Map(big.map((c, i) => [c, i]));
  const R = Math.sqrt(g.keys.length) * 10;
  const added: string[] = [];
  const anchor = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : null;
  g.keys.forEach((key, i) => {
    if (graph.hasNode(key)) return;
    let x: number;
    let y: number;
    const was = known.get(key);
    if (was) ({ x, y } = was);
    else if (anchor) {
      const a = 2 * Math.PI * (jitter(i, 7) + 0.5);
      x = anchor.x + Math.cos(a) * 20 * (1 + jitter(i, 3));
      y = anchor.y + Math.sin(a) * 20 * (1 + jitter(i, 3));
    } else {
      const s = slot.get(g.community[i]!) ?? 0;
      const n = sizes.get(g.community[i]!) ?? 1;
      const angle = (2 * Math.PI * s) / Math.max(1, Math.min(big.length, 24)) + s * 0.1;
      const ring = s < 24 ? R : R * 1.6;
      const spread = Math.sqrt(n) * 6;
      x = Math.cos(angle) * ring + jitter(i, 1) * spread;
      y = Math.sin(angle) * ring + jitter(i, 2) * spread;
    }
    graph.addNode(key, {
      x,
      y,
      size: 3,
      color: SMALL,
      label: reveal(g.labels[i] ?? key),
      community: g.community[i]!,
      degree: g.measures.degree[i]!,
      strength: g.measures.strength[i]!,
      pagerank: g.measures.pagerank[i]!,
      betweenness: g.measures.betweenness[i]!,
    });
    added.push(key);
  });
  if (withEdges) addEdges(graph, g, 0, g.src.length, graph.size === 0 && added.length === graph.order);
  return added;
}

/**
 * Edges [from, to) of `g` whose two ends are drawn and that are not drawn yet. `fresh`: the graph
 * holds exactly `g`'s people and none of its edges (the first build): the checks are skipped
 * (the API sends each pair once) and edges are keyed by their index.
 */
export function addEdges(graph: NetGraph, g: WireViewGraph, from: number, to: number, fresh = false): void {
  for (let e = from; e < to; e++) {
    const s = g.keys[g.src[e]!]!;
    const t = g.keys[g.dst[e]!]!;
    if (fresh) {
      if (s !== t) graph.addEdgeWithKey(`e${e}`, s, t, { weight: g.weight[e]!, size: 1, color: '#c8ced6' });
      continue;
    }
    if (s === t || !graph.hasNode(s) || !graph.hasNode(t) || graph.hasEdge(s, t)) continue;
    graph.addEdge(s, t, { weight: g.weight[e]!, size: 1, color: '#c8ced6' });
  }
}

/** A new graph of `g`'s people, and their contacts unless `edges` is false (they can be added later with addEdges). */
export function buildGraph(g: WireViewGraph, known?: Map<string, { x: number; y: number }>, edges = true): NetGraph {
  const graph: NetGraph = new Graph<NodeAttrs, EdgeAttrs>({ type: 'undirected', multi: false, allowSelfLoops: false });
  addToGraph(graph, g, known, undefined, edges);
  return graph;
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Light blue (low) to dark red (high). */
function ramp(t: number): string {
  const a = [158, 202, 225];
  const b = [203, 24, 29];
  return hex(a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t, a[2]! + (b[2]! - a[2]!) * t);
}

/** Community colours by size rank (the 12 largest get a colour of their own, the rest grey). */
export function communityColours(graph: NetGraph): Map<number, string> {
  const sizes = new Map<number, number>();
  graph.forEachNode((_n, a) => sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1));
  const order = [...sizes.entries()].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return new Map(order.slice(0, PALETTE.length).map(([c], i) => [c, PALETTE[i]!]));
}

/** Size nodes by a measure (square root of the share of the largest), colour by a measure or community, edges by weight. */
export function styleGraph(graph: NetGraph, sizeBy: WireViewMeasure, colourBy: ColourBy): void {
  let maxS = 0;
  let maxC = 0;
  let maxW = 1;
  graph.forEachNode((_n, a) => {
    if (a[sizeBy] > maxS) maxS = a[sizeBy]; // NaN (unknown) never wins
    if (colourBy !== 'community' && a[colourBy] > maxC) maxC = a[colourBy];
  });
  graph.forEachEdge((_e, a) => {
    maxW = Math.max(maxW, a.weight);
  });
  const big = graph.order > 5000;
  const [lo, hi] = big ? [1, 8] : [3, 16];
  const comm = colourBy === 'community' ? communityColours(graph) : null;
  graph.updateEachNodeAttributes(
    (_n, a) => {
      const s = a[sizeBy];
      const c = colourBy === 'community' ? 0 : a[colourBy];
      a.size = lo + (hi - lo) * Math.sqrt(maxS > 0 && s > 0 ? s / maxS : 0);
      a.color = comm ? (comm.get(a.community) ?? SMALL) : Number.isNaN(c) ? SMALL : ramp(Math.sqrt(maxC > 0 && c > 0 ? c / maxC : 0));
      return a;
    },
    { attributes: ['size', 'color'] },
  );
  const lw = Math.log1p(maxW);
  graph.updateEachEdgeAttributes(
    (_e, a) => {
      const t = Math.log1p(a.weight) / lw;
      a.size = (big ? 0.3 : 0.6) + (big ? 2 : 4) * t;
      // hairlines (big graphs) show the weight by shade: light grey to slate
      a.color = hex(214 - 120 * t, 219 - 112 * t, 225 - 100 * t);
      return a;
    },
    { attributes: ['size', 'color'] },
  );
}
