// Wire types of the network endpoints (see ../wire.ts). Standalone shapes (the server assigns
// the results of src/api/graph-view.ts and graph.ts to them, so the compiler keeps both in step).
import type { WireScope } from './scope.js';

/** What node size and colour can follow (besides the community). */
export type WireViewMeasure = 'degree' | 'strength' | 'pagerank' | 'betweenness';

/** Nodes and edges in compact parallel arrays; edge endpoints are indices into `keys`. */
export interface WireViewGraph {
  /** Account reference per node. */
  keys: string[];
  /** Display name or handle: from a seized phone, draw as text only. */
  labels: string[];
  community: number[];
  /** Each measure's value per node, in the whole (filtered) network. */
  measures: Record<WireViewMeasure, number[]>;
  src: number[];
  dst: number[];
  /** Messages and calls between the two, both directions. */
  weight: number[];
}

/**
 * GET /api/network/export?format=…&after=&before=&channel=&minWeight=&level=&scope= : the network
 * as a file to save (routes/export.ts), with the same filters and scope as GET /api/network.
 */
export type WireNetworkExportFormat = 'gexf' | 'graphml' | 'i2' | 'ftm';

export interface WireNetworkFilter {
  /** UTC ms; null = open. Only communication at or after `after` and before `before` counts. */
  after: number | null;
  before: number | null;
  channels: string[] | null;
  minWeight: number;
  /** `person`: accounts merged into a person are one node (key `person:<id>`). */
  level: 'account' | 'person';
}

/**
 * GET /api/network?after=&before=&channel=&minWeight=&maxNodes=&by=&scope= : the contact network
 * (each pair once, weight = messages and calls both ways). On a big case only the top
 * `maxNodes` people by `rankedBy` are sent (`truncated`); `nodes`/`edges` count the whole network.
 */
export interface NetworkResponse {
  nodes: number;
  edges: number;
  truncated: boolean;
  rankedBy: WireViewMeasure;
  graph: WireViewGraph;
  filter: WireNetworkFilter;
  /** `scope=SPEC`: the part of the network drawn (measures and communities computed within it), else null. */
  scope: WireScope | null;
  /** First and last communication in the whole case (for the time slider). */
  span: { first: number | null; last: number | null };
  communities: number;
  modularity: number;
  /** Betweenness estimated from pivots on big networks. */
  betweenness: { sampled: boolean; samples: number; errorBound: number; confidence: number };
  elapsedMs: number;
}

/** GET /api/network/ego?center=&hops=&maxNodes= (+ the network filters): a person's contacts, nearest first, capped. */
export interface NetworkEgoResponse {
  center: string;
  hops: number;
  truncated: boolean;
  /** Hops from the centre per node of `graph`. */
  distance: number[];
  graph: WireViewGraph;
}

export interface WireNodeRef {
  key: string;
  label: string;
}

/** GET /api/network/path?a=&b= (+ the network filters): a shortest chain of contacts; length null when there is none. */
export interface NetworkPathResponse {
  from: WireNodeRef;
  to: WireNodeRef;
  length: number | null;
  nodes: WireNodeRef[];
  hops: { from: WireNodeRef; to: WireNodeRef; sent: number; received: number; messages: number }[];
}
