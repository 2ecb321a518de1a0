/**
 * The Network view's endpoints (the contact network, a person's ego network, a shortest path),
 * its exports' filters, and the scoped analytics (scope=SPEC, GET /api/scoped/*).
 */
import { z } from 'zod';
import { BROKERAGE_ROLES } from '../../api/graph.js';
import { RANK_MEASURES } from '../../api/graph-options.js';
import { MAX_SCOPE_LENGTH } from '../../api/graph-scope.js';
import { VIEW_MEASURES } from '../../api/graph-view.js';
import { NETWORK_LEVELS } from '../../api/network.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { betweennessInfo, count, int } from './common.js';

/** The most nodes one answer carries (the view stays smooth up to about this many). */
export const MAX_VIEW_NODES = 50_000;
export const MAX_EGO_NODES = 2_000;

const ref = z.string().trim().min(1, { message: 'is empty' }).max(300, { message: 'is longer than 300 characters' });
const time = z.string().trim().min(1, { message: 'is empty' }).max(40, { message: 'is longer than 40 characters' });
/** scope=SPEC: community:REF, ego:REF[,REF…][:K], window:FROM..TO, tag:NAME, persons (src/api/graph-scope.ts). */
export const scopeSpec = z.string().trim().min(1, { message: 'is empty' }).max(MAX_SCOPE_LENGTH, { message: `is longer than ${MAX_SCOPE_LENGTH} characters` });

/** The filters every network answer takes (the Network and Key players views, and their exports). */
export const filterShape = {
  after: time.optional(),
  before: time.optional(),
  channel: z.string().max(100, { message: 'is longer than 100 characters' }).optional(),
  minWeight: wholeNumber(1, 1_000_000_000).optional(),
  level: z.enum(NETWORK_LEVELS).optional(),
  /** Only a part of the network (src/api/graph-scope.ts). */
  scope: scopeSpec.optional(),
};

/** What a scope is and its size, stated on every answer computed on it. */
export const wireScope = z.strictObject({
  /** The SPEC as given. */
  spec: z.string(),
  kind: z.enum(['community', 'ego', 'window', 'tag', 'persons']),
  /** In words (names from seized phones: render as text). */
  description: z.string(),
  nodes: count,
  contactPairs: count,
  of: z.strictObject({ nodes: count, contactPairs: count }),
});

/** Nodes and edges in compact parallel arrays; edge endpoints are indices into `keys`. */
export const wireViewGraph = z.strictObject({
  keys: z.array(z.string()),
  /** Display name or handle: from a seized phone, draw as text only. */
  labels: z.array(z.string()),
  community: z.array(int),
  measures: z.strictObject(Object.fromEntries(VIEW_MEASURES.map((m) => [m, z.array(z.number())])) as Record<(typeof VIEW_MEASURES)[number], z.ZodArray<z.ZodNumber>>),
  src: z.array(int),
  dst: z.array(int),
  weight: z.array(z.number()),
});

export const wireNetworkFilter = z.strictObject({
  after: int.nullable(),
  before: int.nullable(),
  channels: z.array(z.string()).nullable(),
  minWeight: count,
  level: z.enum(NETWORK_LEVELS),
});

export const network = endpoint({
  method: 'GET',
  path: '/network',
  summary: 'The contact network (each pair once, weight = messages and calls both ways); on a big case its top maxNodes people by a measure',
  query: z.strictObject({ ...filterShape, maxNodes: wholeNumber(1, MAX_VIEW_NODES).optional(), by: z.enum(VIEW_MEASURES).optional() }),
  response: z.strictObject({
    nodes: count,
    edges: count,
    truncated: z.boolean(),
    rankedBy: z.enum(VIEW_MEASURES),
    graph: wireViewGraph,
    filter: wireNetworkFilter,
    /** scope=SPEC: the part of the network drawn, else null. */
    scope: wireScope.nullable(),
    /** First and last communication in the whole case (for the time slider). */
    span: z.strictObject({ first: int.nullable(), last: int.nullable() }),
    communities: count,
    modularity: z.number(),
    betweenness: betweennessInfo,
    elapsedMs: z.number(),
  }),
});

export const networkEgo = endpoint({
  method: 'GET',
  path: '/network/ego',
  summary: "A person's contacts, nearest first, capped",
  query: z.strictObject({ ...filterShape, center: ref, hops: wholeNumber(1, 3).optional(), maxNodes: wholeNumber(1, MAX_EGO_NODES).optional() }),
  response: z.strictObject({ center: z.string(), hops: int, truncated: z.boolean(), distance: z.array(int), graph: wireViewGraph }),
});

const nodeRef = z.strictObject({ key: z.string(), label: z.string() });

export const networkPath = endpoint({
  method: 'GET',
  path: '/network/path',
  summary: 'A shortest chain of contacts between two people; length null when there is none',
  query: z.strictObject({ ...filterShape, a: ref, b: ref }),
  response: z.strictObject({
    from: nodeRef,
    to: nodeRef,
    length: int.nullable(),
    nodes: z.array(nodeRef),
    hops: z.array(z.strictObject({ from: nodeRef, to: nodeRef, sent: count, received: count, messages: count })),
  }),
});

// ---------------------------------------------------------------- scoped analytics

const scopeBase = { scope: scopeSpec, level: z.enum(NETWORK_LEVELS).optional() };
const analysisQuery = z.strictObject({ ...scopeBase, top: wholeNumber(1, 200).optional(), k: wholeNumber(1, 50).optional() });
const refs = z
  .string()
  .max(4000, { message: 'is longer than 4000 characters' })
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
  .refine((l) => l.length >= 1 && l.length <= 200, { message: 'names 1 to 200 accounts or persons, comma-separated' });

export const wireScopeNode = nodeRef;

/** Reachability within a network (src/api/graph.ts Fragmentation). */
const fragmentation = z.strictObject({
  /** Share of node pairs that cannot reach each other (0: connected). */
  fragmentation: z.number(),
  components: count,
  /** The largest component's share of the nodes. */
  lccShare: z.number(),
});

/** The key-player set (KPP-Neg, src/api/graph.ts KeyPlayersResult): the k people whose removal fragments the network most. */
const keyPlayersResult = z.strictObject({
  k: count,
  seed: int,
  nodes: count,
  set: z.array(nodeRef),
  before: fragmentation,
  after: fragmentation,
  /** Candidates searched, and swap rounds of the improvement phase. */
  candidates: count,
  swaps: count,
});

/** Communities and the brokers between them (src/api/graph.ts CommunitiesResult). */
const communitiesResult = z.strictObject({
  algorithm: z.enum(['leiden', 'louvain']),
  resolution: z.number(),
  seed: int,
  nodes: count,
  count,
  modularity: z.number(),
  /** Communities of one node. */
  singletons: count,
  communities: z.array(
    z.strictObject({
      id: int,
      size: count,
      /** Share of all nodes. */
      share: z.number(),
      /** `messages`: messages and calls with anyone. */
      members: z.array(nodeRef.extend({ messages: z.number() })),
    }),
  ),
  /** Top brokers between communities (Gould–Fernandez), when asked. */
  brokers: z
    .array(
      nodeRef.extend({
        community: int,
        /** Two-paths mediated between members of different communities. */
        between: z.number(),
        role: z.enum(BROKERAGE_ROLES).nullable(),
        roles: z.strictObject(Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, z.number()])) as Record<(typeof BROKERAGE_ROLES)[number], z.ZodNumber>),
      }),
    )
    .nullable(),
  /** Why brokers are missing, when they were asked for but not computed. */
  brokersNote: z.string().nullable(),
});

const windowMover = nodeRef.extend({ rank: int, previousRank: int, change: int });

/** The network per time window (src/api/graph-windows.ts WindowsResult): who is at the top of each, who rose and fell. */
const windowsResult = z.strictObject({
  unit: z.enum(['day', 'week', 'month', 'ms']),
  size: z.number(),
  step: z.number(),
  rankBy: z.literal('contacts'),
  windows: z.array(
    z.strictObject({
      start: int,
      end: int,
      /** Communications (message recipients and calls) in the window. */
      communications: count,
      /** People with at least one contact in the window. */
      active: count,
      top: z.array(nodeRef.extend({ contacts: count })),
      rising: z.array(windowMover),
      falling: z.array(windowMover),
    }),
  ),
});

export const scopedRank = endpoint({
  method: 'GET',
  path: '/scoped/rank',
  summary: 'The composite key-player ranking within a scope',
  query: analysisQuery,
  response: z.strictObject({
    scope: wireScope,
    result: z.strictObject({
      by: z.enum(RANK_MEASURES),
      nodes: count,
      edges: count,
      weights: z.record(z.string(), z.number()).optional(),
      /** Set when betweenness took part (`errorBoundRaw`: the bound in raw pair counts). */
      betweenness: betweennessInfo.extend({ errorBoundRaw: z.number() }).nullable(),
      rows: z.array(
        z.strictObject({
          key: z.string(),
          label: z.string(),
          position: int,
          score: z.number(),
          measures: z.record(z.string(), z.strictObject({ value: z.number(), rank: z.number(), contribution: z.number() })).optional(),
          contacts: z.array(z.strictObject({ key: z.string(), label: z.string(), messages: count })),
        }),
      ),
    }),
  }),
});

export const scopedKeyPlayers = endpoint({
  method: 'GET',
  path: '/scoped/keyplayers',
  summary: 'The key-player set (KPP-Neg) within a scope',
  query: analysisQuery,
  response: z.strictObject({ scope: wireScope, result: keyPlayersResult }),
});

export const scopedCommunities = endpoint({
  method: 'GET',
  path: '/scoped/communities',
  summary: 'Communities (Leiden) within a scope',
  query: analysisQuery,
  response: z.strictObject({ scope: wireScope, result: communitiesResult }),
});

export const scopedWindows = endpoint({
  method: 'GET',
  path: '/scoped/windows',
  summary: 'Weekly time windows of the network within a scope',
  query: analysisQuery,
  response: z.strictObject({ scope: wireScope, result: windowsResult }),
});

const scopedFigures = z.strictObject({ nodes: count, largestComponent: count, largestComponentShare: z.number(), components: count, globalEfficiency: z.number() });

export const scopedDisrupt = endpoint({
  method: 'GET',
  path: '/scoped/disrupt',
  summary: 'Arrests within a scope: what they cut off, and the brokers before and after',
  query: z.strictObject({ ...scopeBase, remove: refs, suppliers: refs.optional(), port: refs.optional(), brokers: wholeNumber(0, 50).optional() }),
  response: z.strictObject({
    scope: wireScope,
    removed: z.array(nodeRef),
    /** Arrests named that are outside the scope (not removed from it). */
    outsideScope: z.array(nodeRef),
    before: scopedFigures,
    after: scopedFigures,
    cutOff: z.array(z.strictObject({ name: z.string(), members: z.array(nodeRef), surviving: z.array(nodeRef), reachedBefore: count, lost: z.array(nodeRef) })),
    brokers: z.array(
      z.strictObject({ key: z.string(), label: z.string(), betweennessBefore: z.number(), betweennessAfter: z.number(), rankBefore: int, rankAfter: int, change: int }),
    ),
    efficiencySamples: count.nullable(),
  }),
});
