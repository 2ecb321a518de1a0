// Wire types of the scoped analytics (GET /api/scoped/*, and `scope=` on /api/network*; see
// ../wire.ts). Standalone shapes: the server assigns src/api/graph-scope.ts's results to them.

/** What a scope is and its size, stated on every answer computed on it. */
export interface WireScope {
  /** The SPEC as given: community:REF, ego:REF[,REF…][:K], window:FROM..TO, persons. */
  spec: string;
  kind: 'community' | 'ego' | 'window' | 'tag' | 'persons';
  /** In words, e.g. "2-hop ego network of Kum <skyecc:77E961>" (names from seized phones: render as text). */
  description: string;
  /** Nodes (accounts, or persons at person level) and contact pairs in the scope. */
  nodes: number;
  contactPairs: number;
  /** The size of the network it was cut from. */
  of: { nodes: number; contactPairs: number };
}

export interface WireScopeNode {
  key: string;
  label: string;
}

export interface WireScopedRankRow extends WireScopeNode {
  position: number;
  score: number;
  measures?: Record<string, { value: number; rank: number; contribution: number }>;
  contacts: (WireScopeNode & { messages: number })[];
}

/** GET /api/scoped/rank?scope=SPEC&top=N&level= : the composite key-player ranking within the scope. */
export interface ScopedRankResponse {
  scope: WireScope;
  result: {
    nodes: number;
    edges: number;
    weights?: Record<string, number>;
    betweenness: { sampled: boolean; samples: number; errorBound: number; confidence: number } | null;
    rows: WireScopedRankRow[];
  };
}

export interface WireScopedFigures {
  nodes: number;
  largestComponent: number;
  largestComponentShare: number;
  components: number;
  globalEfficiency: number;
}

/** GET /api/scoped/disrupt?scope=SPEC&remove=REF,REF&suppliers=&port=&brokers=N : arrests within the scope. */
export interface ScopedDisruptResponse {
  scope: WireScope;
  removed: WireScopeNode[];
  /** Arrests named that are outside the scope (not removed from it). */
  outsideScope: WireScopeNode[];
  before: WireScopedFigures;
  after: WireScopedFigures;
  cutOff: { name: string; members: WireScopeNode[]; surviving: WireScopeNode[]; reachedBefore: number; lost: WireScopeNode[] }[];
  brokers: (WireScopeNode & { betweennessBefore: number; betweennessAfter: number; rankBefore: number; rankAfter: number; change: number })[];
  efficiencySamples: number | null;
}
