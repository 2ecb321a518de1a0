/**
 * Network analytics on a case or an edge/matrix file: the typed API behind `clew graph`.
 *
 * A network is loaded once (loadCaseNetwork / loadFileNetwork) into a GraphContext holding two
 * views: the directed graph of message and call counts (sender → recipient) and its undirected
 * contact graph (both directions summed). PageRank runs on the directed view; betweenness,
 * components, paths, ego networks, key-player sets and disruption on the undirected one (who is
 * in contact with whom, whoever wrote first); eigenvector centrality on the undirected view.
 * Nodes are reported by key (account reference; the label for file networks) and label.
 * Betweenness on graphs above `exactMaxNodes` nodes (default 20,000) is estimated from pivots
 * (Brandes–Pich) and every result that used it says so with its error bound.
 */
import { writeFileSync } from 'node:fs';
import {
  brokerage,
  buildCSR,
  CAVALLARO_2020,
  betweennessScorer,
  degreeScorer,
  efficiencyOf,
  pagerankScorer,
  disrupt as simulate,
  coreness,
  degree,
  dominantRole,
  eigenvectorCentrality,
  egoNetwork,
  findArc,
  harmonic,
  keyPlayerRank,
  kppNeg,
  leiden,
  louvain,
  pagerank,
  sampledBetweenness,
  betweenness,
  shortestPath,
  strength,
  toCsv,
  toFtmNdjson,
  toGexf,
  toGraphml,
  toI2Csv,
  toUndirected,
  weakComponents,
  type BrokerageRole,
  type CSRGraph,
  type CommunityResult,
  type DisruptStep,
  type FtmAccount,
  type NetworkExport,
} from '../graph/index.js';
import { ClewError } from '../model/errors.js';
import { type Channel, CHANNELS } from '../model/records.js';
import { withCase } from './case.js';
import { clewVersion } from './export.js';
import type { ScopeInfo } from './graph-scope.js';
import { DISRUPT_STRATEGIES, EXPORT_FORMATS, RANK_MEASURES, type DisruptStrategy, type ExportFormat, type RankMeasure } from './graph-options.js';
import { loadCaseNetwork, loadFileNetwork, type Network, type NetworkOptions } from './network.js';
import type { AnnotationPort, CallPort, IdentityPort, MessagePort, NetworkPort, SearchPort } from '../store/types.js';
import { type RefIndex, resolveSubject } from './resolve.js';

/** What a case network reads: names for the terms, the network, persons. */
/** `taggedItems` and `message`: the tag:NAME scope (graph-scope.ts) reads the tagged accounts, persons and messages. */
export type GraphStore = SearchPort & NetworkPort & IdentityPort & Pick<AnnotationPort, 'taggedItems'> & Pick<MessagePort, 'message'> & Pick<CallPort, 'calls'>;

/** Above this many nodes betweenness is sampled (and exact efficiency is replaced by a sample). */
export const EXACT_MAX_NODES = 20_000;
/** Pivots for sampled betweenness (at most; see DEFAULT_PIVOT_WORK). */
export const DEFAULT_SAMPLES = 512;
/**
 * Work budget of sampled betweenness, in arc reads: a network of n nodes and a arcs (twice its
 * contact pairs) gets at most ⌊W / (n + a)⌋ pivots, never fewer than 32 (sampledBetweenness).
 * W = 3·10⁹ keeps the default 512 pivots up to n + a ≈ 5.9M (about 2.8M contact pairs) and bounds the
 * estimate's cost above that; the pivots used and their error bound are in every result.
 */
export const DEFAULT_PIVOT_WORK = 3e9;
/** Above this many nodes disruption estimates global efficiency from pivots (it is O(n·m) per step). */
export const EFFICIENCY_EXACT_MAX_NODES = 5_000;

const invalid = (message: string, details: Record<string, string | number> = {}) => new ClewError('INVALID_ARGUMENT', message, details);

// ------------------------------------------------------------------ loading

export type GraphSource = { case: string; filter?: NetworkOptions } | { edges: string } | { matrix: string };

export interface GraphContext {
  net: Network;
  /** Sender → recipient, weight = messages + calls. */
  directed: CSRGraph;
  /** Contact graph: both directions summed. */
  undirected: CSRGraph;
  /** The open case, for resolving names (case networks only). */
  store?: GraphStore;
  /** The filters the case network was loaded with. */
  filter?: NetworkOptions;
  /** Betweenness is exact up to this many nodes, sampled above. */
  exactMaxNodes: number;
  /** Pivots asked for; the budget below may use fewer. */
  samples: number;
  /** Work budget of sampled betweenness in arc reads (Infinity: exactly `samples` pivots). */
  pivotWork: number;
  seed: number;
}

export interface ContextOptions {
  exactMaxNodes?: number;
  samples?: number;
  /** Default DEFAULT_PIVOT_WORK. */
  pivotWork?: number;
  seed?: number;
}

export function graphContext(net: Network, store?: GraphStore, opts: ContextOptions = {}, filter?: NetworkOptions): GraphContext {
  const samples = opts.samples ?? DEFAULT_SAMPLES;
  if (!Number.isSafeInteger(samples) || samples < 1) throw invalid('samples must be a positive integer', { samples });
  const pivotWork = opts.pivotWork ?? DEFAULT_PIVOT_WORK;
  if (!(pivotWork > 0)) throw invalid('pivotWork must be positive', { pivotWork });
  const directed = buildCSR(net.edges, { directed: true });
  return {
    net,
    directed,
    undirected: toUndirected(directed),
    store,
    filter,
    exactMaxNodes: opts.exactMaxNodes ?? EXACT_MAX_NODES,
    samples,
    pivotWork,
    seed: opts.seed ?? 1,
  };
}

/** Open the source, build the context, run `fn`, close the case. */
export async function withGraph<T>(source: GraphSource, opts: ContextOptions, fn: (ctx: GraphContext) => T | Promise<T>): Promise<T> {
  if ('case' in source) {
    return withCase(source.case, { readonly: true }, async (store) => fn(graphContext(await loadCaseNetwork(store, source.filter ?? {}), store, opts, source.filter)));
  }
  const net = 'edges' in source ? loadFileNetwork(source.edges, 'edges') : loadFileNetwork(source.matrix, 'matrix');
  return fn(graphContext(net, undefined, opts));
}

/** `chat,sms` → channels; INVALID_ARGUMENT for unknown names. */
export function parseChannels(spec: string): Channel[] {
  const out: Channel[] = [];
  for (const raw of spec.split(',')) {
    const c = raw.trim().toLowerCase();
    if (c === '') continue;
    if (!(CHANNELS as readonly string[]).includes(c)) throw invalid(`unknown channel "${c.slice(0, 40)}" (use ${CHANNELS.join(', ')})`, { channel: c.slice(0, 40) });
    if (!out.includes(c as Channel)) out.push(c as Channel);
  }
  if (out.length === 0) throw invalid('no channel given');
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** YYYY-MM-DD (UTC midnight) or an ISO 8601 date-time (UTC when it has no offset) → epoch ms. */
export function parseTimeBound(s: string, name = 'time'): number {
  const t = s.trim();
  let ms = NaN;
  const d = DATE.exec(t);
  if (d) {
    const [y, mo, da] = [Number(d[1]), Number(d[2]), Number(d[3])];
    ms = Date.UTC(y, mo - 1, da);
    const back = new Date(ms);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da) ms = NaN;
  } else if (DATETIME.test(t)) {
    ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`);
  }
  if (!Number.isFinite(ms) || ms < 0) throw invalid(`${name} must be YYYY-MM-DD or an ISO 8601 date-time, got "${t.slice(0, 40)}"`, { [name]: t.slice(0, 40) });
  return ms;
}

// ------------------------------------------------------------------ node identity

export interface NodeRef {
  key: string;
  label: string;
}

export function nodeRef(ctx: GraphContext, v: number): NodeRef {
  return { key: ctx.net.keys[v]!, label: ctx.net.labels[v]! };
}

/**
 * Every node a term names: for a case, the one subject the name resolver finds (src/api/resolve.ts:
 * reference, handle, phone number, display name, saved name, person; a person stands for its
 * node at person level and for its accounts' nodes at account level); a term naming several
 * subjects is AMBIGUOUS_REF with the candidates, never summed. For a file: the key, then the
 * label ignoring case. NOT_FOUND when nothing matches or the match has no contacts in this network.
 */
export async function resolveNodes(ctx: GraphContext, term: string, index?: RefIndex): Promise<number[]> {
  const t = term.trim();
  if (t === '') throw invalid('empty account name');
  const byKey = new Map<string, number>();
  ctx.net.keys.forEach((k, i) => byKey.set(k, i));
  // person level: a member account's reference names its person's node; `person:<id>` the person
  ctx.net.members?.forEach((ms, i) => ms?.forEach((a) => byKey.set(a.ref, i)));
  let found: number[] = [];
  const asKey = byKey.get(t);
  if (ctx.net.members && t.startsWith('person:') && asKey !== undefined) found = [asKey];
  else if (ctx.store) {
    const s = await resolveSubject(ctx.store, t, index);
    const keys = s.kind === 'person' ? [`person:${s.person.id}`, ...s.person.accounts.map((a) => a.ref)] : [s.account.ref];
    found = keys.map((k) => byKey.get(k)).filter((v): v is number => v !== undefined);
    if (found.length === 0) throw new ClewError('NOT_FOUND', `"${t.slice(0, 80)}" (${s.kind === 'person' ? `person:${s.person.id}` : s.account.ref}) has no contacts in the selected network`, { account: t.slice(0, 80) });
  } else {
    const k = byKey.get(t);
    if (k !== undefined) found = [k];
    else {
      const low = t.toLowerCase();
      ctx.net.labels.forEach((l, i) => {
        if (l.toLowerCase() === low) found.push(i);
      });
    }
    if (found.length === 0) throw new ClewError('NOT_FOUND', `no node "${t.slice(0, 80)}" in the network`, { node: t.slice(0, 80) });
  }
  return [...new Set(found)].sort((a, b) => a - b);
}

/** Exactly one node; AMBIGUOUS_REF with the candidates when the term names several (a person's accounts at account level). */
export async function resolveNode(ctx: GraphContext, term: string): Promise<number> {
  const found = await resolveNodes(ctx, term);
  if (found.length > 1) {
    const choices = found.slice(0, 50).map((v) => ({ ref: ctx.net.keys[v]!, kind: 'account' as const, label: ctx.net.labels[v]!, handles: [ctx.net.keys[v]!], how: ['a node of the network'] }));
    throw new ClewError('AMBIGUOUS_REF', `"${term.slice(0, 80)}" names ${found.length} nodes of this network; name one by its reference (or use --level person)`, { ref: term.slice(0, 80), matches: found.length }, { choices });
  }
  return found[0]!;
}

// ------------------------------------------------------------------ betweenness (exact or sampled)

export interface SamplingNote {
  /** True when betweenness was estimated from pivots. */
  sampled: boolean;
  samples: number;
  /** With probability `confidence`, every estimate is within this of the exact value (fraction of pairs). */
  errorBound: number;
  /** The same bound in raw path counts. */
  errorBoundRaw: number;
  confidence: number;
}

function contactBetweenness(ctx: GraphContext): { scores: Float64Array; sampling: SamplingNote } {
  const g = ctx.undirected;
  if (g.n <= ctx.exactMaxNodes) {
    return { scores: betweenness(g), sampling: { sampled: false, samples: g.n, errorBound: 0, errorBoundRaw: 0, confidence: 1 } };
  }
  const s = sampledBetweenness(g, { samples: ctx.samples, seed: ctx.seed, maxWork: ctx.pivotWork });
  return { scores: s.scores, sampling: { sampled: !s.exact, samples: s.sources.length, errorBound: s.errorBound, errorBoundRaw: s.errorBoundRaw, confidence: s.confidence } };
}

// ------------------------------------------------------------------ rank

export { RANK_MEASURES, type RankMeasure } from './graph-options.js';
export { BROKERAGE_ROLES } from '../graph/index.js';

export interface Contact extends NodeRef {
  /** Messages and calls between the two, both directions. */
  messages: number;
}

export interface RankRow extends NodeRef {
  position: number;
  score: number;
  /** Composite only: each measure's raw value, normalised rank (0..1) and share of the score. */
  measures?: Record<string, { value: number; rank: number; contribution: number }>;
  contacts: Contact[];
}

export interface RankResult {
  by: RankMeasure;
  nodes: number;
  edges: number;
  /** Set when betweenness took part. */
  betweenness: SamplingNote | null;
  /** Composite only: the weight of each measure. */
  weights?: Record<string, number>;
  rows: RankRow[];
}

function checkTop(top: number): void {
  if (!Number.isSafeInteger(top) || top < 1) throw invalid('top must be a positive integer', { top });
}

function contactsOf(ctx: GraphContext, v: number, k: number): Contact[] {
  const out: Contact[] = [];
  const a = ctx.undirected.out;
  const list: [number, number][] = [];
  for (let e = a.offsets[v]!; e < a.offsets[v + 1]!; e++) if (a.targets[e] !== v) list.push([a.targets[e]!, a.weights[e]!]);
  list.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  for (const [u, w] of list.slice(0, k)) out.push({ ...nodeRef(ctx, u), messages: w });
  return out;
}

const COMPOSITE_WEIGHTS = { pagerank: 0.3, betweenness: 0.3, degree: 0.2, eigenvector: 0.2 } as const;

export function rank(ctx: GraphContext, opts: { by: RankMeasure; top: number; contacts?: number }): RankResult {
  const { by, top } = opts;
  if (!(RANK_MEASURES as readonly string[]).includes(by)) throw invalid(`unknown measure "${String(by).slice(0, 40)}" (use ${RANK_MEASURES.join(', ')})`);
  checkTop(top);
  const nContacts = opts.contacts ?? 3;
  const g = ctx.undirected;
  const base = { by, nodes: g.n, edges: ctx.net.edges.src.length };
  if (by === 'composite') {
    const bc = contactBetweenness(ctx);
    const measures = {
      pagerank: pagerank(ctx.directed).scores,
      betweenness: bc.scores,
      degree: degree(g),
      eigenvector: eigenvectorCentrality(g).scores,
    };
    const rows = keyPlayerRank(ctx.directed, measures, { weights: COMPOSITE_WEIGHTS, limit: top, topContacts: 0 });
    return {
      ...base,
      betweenness: bc.sampling,
      weights: { ...COMPOSITE_WEIGHTS },
      rows: rows.map((r) => ({ ...nodeRef(ctx, r.node), position: r.position, score: r.score, measures: r.measures, contacts: contactsOf(ctx, r.node, nContacts) })),
    };
  }
  let scores: ArrayLike<number>;
  let sampling: SamplingNote | null = null;
  if (by === 'pagerank') scores = pagerank(ctx.directed).scores;
  else if (by === 'degree') scores = degree(g);
  else if (by === 'eigenvector') scores = eigenvectorCentrality(g).scores;
  else if (by === 'harmonic') {
    if (g.n > ctx.exactMaxNodes) {
      throw new ClewError('TOO_LARGE', `harmonic centrality is O(n·m); ${g.n} nodes is above the limit of ${ctx.exactMaxNodes} (rank by pagerank or betweenness instead)`, { n: g.n, max: ctx.exactMaxNodes });
    }
    scores = harmonic(g);
  } else {
    const bc = contactBetweenness(ctx);
    scores = bc.scores;
    sampling = bc.sampling;
  }
  const order = Int32Array.from({ length: g.n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const rows: RankRow[] = [];
  for (let p = 0; p < Math.min(top, g.n); p++) {
    const v = order[p]!;
    rows.push({ ...nodeRef(ctx, v), position: p + 1, score: scores[v]!, contacts: contactsOf(ctx, v, nContacts) });
  }
  return { ...base, betweenness: sampling, rows };
}

// ------------------------------------------------------------------ communities

export interface CommunityMember extends NodeRef {
  /** Messages and calls with anyone (both directions). */
  messages: number;
}

export interface CommunitySummary {
  id: number;
  size: number;
  /** Share of all nodes. */
  share: number;
  members: CommunityMember[];
}

export interface BrokerRow extends NodeRef {
  community: number;
  /** Two-paths mediated between members of different communities (all roles but coordinator). */
  between: number;
  role: BrokerageRole | null;
  roles: Record<BrokerageRole, number>;
}

export interface CommunitiesResult {
  algorithm: 'leiden' | 'louvain';
  resolution: number;
  seed: number;
  nodes: number;
  count: number;
  modularity: number;
  /** Communities of one node. */
  singletons: number;
  communities: CommunitySummary[];
  /** Top brokers between communities (Gould–Fernandez on the directed graph), when asked. */
  brokers: BrokerRow[] | null;
  /** Why brokers are missing, when they were asked for but not computed. */
  brokersNote: string | null;
}

export interface CommunitiesOptions {
  algorithm?: 'leiden' | 'louvain';
  resolution?: number;
  seed?: number;
  /** Communities listed (largest first, default 10) and members per community (default 5). */
  top?: number;
  members?: number;
  /** Number of brokers to list (0 = skip brokerage). */
  brokers?: number;
}

function detect(ctx: GraphContext, algorithm: 'leiden' | 'louvain', resolution: number, seed: number): CommunityResult {
  if (algorithm !== 'leiden' && algorithm !== 'louvain') throw invalid(`unknown algorithm "${String(algorithm).slice(0, 40)}" (use leiden or louvain)`);
  return algorithm === 'leiden' ? leiden(ctx.undirected, { resolution, seed }) : louvain(ctx.undirected, { resolution, seed });
}

/** Cap on brokerage work (two-path checks). */
const BROKERAGE_MAX_PAIRS = 200_000_000;

export function communities(ctx: GraphContext, opts: CommunitiesOptions = {}): CommunitiesResult {
  const algorithm = opts.algorithm ?? 'leiden';
  const resolution = opts.resolution ?? 1;
  const seed = opts.seed ?? ctx.seed;
  const top = opts.top ?? 10;
  const nMembers = opts.members ?? 5;
  checkTop(top);
  if (!Number.isSafeInteger(nMembers) || nMembers < 0) throw invalid('members must be a whole number', { members: nMembers });
  const r = detect(ctx, algorithm, resolution, seed);
  const g = ctx.undirected;
  const s = strength(g);
  const sizes = new Int32Array(r.count);
  for (let v = 0; v < g.n; v++) sizes[r.membership[v]!]!++;
  let singletons = 0;
  for (const z of sizes) if (z === 1) singletons++;
  const ids = Array.from({ length: r.count }, (_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b).slice(0, top);
  const want = new Set(ids);
  const byComm = new Map<number, number[]>();
  for (let v = 0; v < g.n; v++) {
    const c = r.membership[v]!;
    if (!want.has(c)) continue;
    let l = byComm.get(c);
    if (!l) byComm.set(c, (l = []));
    l.push(v);
  }
  const list: CommunitySummary[] = ids.map((c) => {
    const members = (byComm.get(c) ?? []).sort((a, b) => s[b]! - s[a]! || a - b).slice(0, nMembers);
    return { id: c, size: sizes[c]!, share: g.n ? sizes[c]! / g.n : 0, members: members.map((v) => ({ ...nodeRef(ctx, v), messages: s[v]! })) };
  });
  let brokers: BrokerRow[] | null = null;
  let brokersNote: string | null = null;
  const nBrokers = opts.brokers ?? 0;
  if (!Number.isSafeInteger(nBrokers) || nBrokers < 0) throw invalid('brokers must be a whole number', { brokers: nBrokers });
  if (nBrokers > 0) {
    try {
      const b = brokerage(ctx.directed, r.membership, { maxPairs: BROKERAGE_MAX_PAIRS });
      const between = new Float64Array(g.n);
      for (let v = 0; v < g.n; v++) between[v] = b.total[v]! - b.coordinator[v]!;
      const order = Int32Array.from({ length: g.n }, (_, i) => i).sort((x, y) => between[y]! - between[x]! || x - y);
      brokers = [];
      for (const v of order.slice(0, nBrokers)) {
        if (!(between[v]! > 0)) break;
        brokers.push({
          ...nodeRef(ctx, v),
          community: r.membership[v]!,
          between: between[v]!,
          role: dominantRole(b, v),
          roles: { coordinator: b.coordinator[v]!, itinerant: b.itinerant[v]!, gatekeeper: b.gatekeeper[v]!, representative: b.representative[v]!, liaison: b.liaison[v]! },
        });
      }
    } catch (e) {
      if (!(e instanceof ClewError && e.code === 'TOO_LARGE')) throw e;
      brokersNote = `brokerage skipped: more than ${BROKERAGE_MAX_PAIRS} two-paths to examine`;
    }
  }
  return { algorithm, resolution, seed, nodes: g.n, count: r.count, modularity: r.modularity, singletons, communities: list, brokers, brokersNote };
}

// ------------------------------------------------------------------ key players (KPP-Neg)

export interface Fragmentation {
  /** Borgatti's F: share of node pairs that cannot reach each other (0 = connected). */
  fragmentation: number;
  components: number;
  /** Largest component / original node count. */
  lccShare: number;
}

export interface KeyPlayersResult {
  k: number;
  seed: number;
  nodes: number;
  set: NodeRef[];
  before: Fragmentation;
  after: Fragmentation;
  /** Candidates searched (top-degree nodes), and swap rounds of the improvement phase. */
  candidates: number;
  swaps: number;
}

function shape(g: CSRGraph, mask?: Uint8Array): { components: number; lccShare: number } {
  const c = weakComponents(g, mask);
  let lcc = 0;
  for (const s of c.sizes) if (s > lcc) lcc = s;
  return { components: c.count, lccShare: g.n ? lcc / g.n : 0 };
}

export function keyPlayers(ctx: GraphContext, opts: { k: number; seed?: number }): KeyPlayersResult {
  const g = ctx.undirected;
  const { k } = opts;
  if (!Number.isSafeInteger(k) || k < 1 || k >= g.n) throw invalid(`k must be a whole number from 1 to ${Math.max(1, g.n - 1)} (the network has ${g.n} nodes)`, { k, n: g.n });
  const seed = opts.seed ?? ctx.seed;
  const candidates = Math.min(g.n, g.n <= 2000 ? g.n : 200);
  const r = kppNeg(g, { k, seed, candidates });
  const mask = new Uint8Array(g.n).fill(1);
  for (const v of r.set) mask[v] = 0;
  return {
    k,
    seed,
    nodes: g.n,
    set: Array.from(r.set, (v) => nodeRef(ctx, v)),
    before: { fragmentation: r.baseline, ...shape(g) },
    after: { fragmentation: r.fragmentation, ...shape(g, mask) },
    candidates,
    swaps: r.swaps,
  };
}

// ------------------------------------------------------------------ disruption

export { DISRUPT_STRATEGIES, type DisruptStrategy } from './graph-options.js';

export interface DisruptRow {
  step: number;
  removed: NodeRef[];
  removedTotal: number;
  /** Largest connected component / original node count. */
  lccShare: number;
  lccSize: number;
  components: number;
  /** Global efficiency (mean 1/distance over pairs); null when not computed. */
  efficiency: number | null;
  /** Efficiency / efficiency of the intact network. */
  efficiencyRelative: number | null;
}

export interface DisruptResult {
  strategy: DisruptStrategy | 'list';
  block: number;
  recompute: boolean;
  nodes: number;
  /** Betweenness scores (betweenness/cavallaro strategies) from pivots on large graphs. */
  betweenness: SamplingNote | null;
  /** Efficiency from this many pivot sources (null: exact). */
  efficiencySamples: number | null;
  steps: DisruptRow[];
}

export type DisruptOptionsApi = (
  | { strategy: DisruptStrategy; block?: number; steps?: number; recompute?: boolean }
  | { remove: string[]; block?: number }
) & {
  /** Called after each block is removed and measured (done 0 = the intact network) of `total`. */
  onProgress?: (done: number, total: number) => void;
};

export async function disrupt(ctx: GraphContext, opts: DisruptOptionsApi): Promise<DisruptResult> {
  const g = ctx.undirected;
  const effSamples = g.n > EFFICIENCY_EXACT_MAX_NODES && ctx.samples < g.n ? ctx.samples : null;
  const efficiency = efficiencyOf(effSamples !== null ? { samples: effSamples, seed: ctx.seed } : {});
  const big = g.n > ctx.exactMaxNodes && ctx.samples < g.n;
  const bcScorer = betweennessScorer(big ? { samples: ctx.samples, seed: ctx.seed } : {});
  let steps: DisruptStep[];
  let strategy: DisruptResult['strategy'];
  let block: number;
  let recompute = true;
  if ('remove' in opts) {
    const order: number[] = [];
    for (const term of opts.remove) for (const v of await resolveNodes(ctx, term)) if (!order.includes(v)) order.push(v);
    if (order.length === 0) throw invalid('nothing to remove');
    block = opts.block ?? order.length;
    if (!Number.isSafeInteger(block) || block < 1) throw invalid('block must be a positive integer', { block });
    strategy = 'list';
    recompute = false;
    steps = simulate(g, { strategy: { order }, block, efficiency, onProgress: opts.onProgress });
  } else {
    strategy = opts.strategy;
    if (!(DISRUPT_STRATEGIES as readonly string[]).includes(strategy)) throw invalid(`unknown strategy "${String(strategy).slice(0, 40)}" (use ${DISRUPT_STRATEGIES.join(', ')}, or --remove)`);
    const nSteps = opts.steps ?? 5;
    if (!Number.isSafeInteger(nSteps) || nSteps < 1) throw invalid('steps must be a positive integer', { steps: nSteps });
    if (strategy === 'cavallaro') {
      block = CAVALLARO_2020.block;
      steps = simulate(g, { ...CAVALLARO_2020, strategy: bcScorer, steps: nSteps, efficiency, onProgress: opts.onProgress });
    } else {
      block = opts.block ?? 5;
      if (!Number.isSafeInteger(block) || block < 1) throw invalid('block must be a positive integer', { block });
      recompute = opts.recompute ?? true;
      const scorer = strategy === 'degree' ? degreeScorer : strategy === 'pagerank' ? pagerankScorer() : bcScorer;
      steps = simulate(g, { strategy: scorer, block, steps: nSteps, recompute, efficiency, onProgress: opts.onProgress });
    }
  }
  const usesBetweenness = strategy === 'betweenness' || strategy === 'cavallaro';
  return {
    strategy,
    block,
    recompute,
    nodes: g.n,
    betweenness: usesBetweenness ? bcNote(g.n, big, ctx) : null,
    efficiencySamples: effSamples,
    steps: steps.map((s) => ({
      step: s.step,
      removed: Array.from(s.removed, (v) => nodeRef(ctx, v)),
      removedTotal: s.removedTotal,
      lccShare: s.lccShare,
      lccSize: s.lccSize,
      components: s.components,
      efficiency: Number.isFinite(s.efficiency) ? s.efficiency : null,
      efficiencyRelative: Number.isFinite(s.efficiencyRelative) ? s.efficiencyRelative : null,
    })),
  };
}

/** The error bound sampledBetweenness reports for k pivots among n nodes (normalised and raw, undirected). */
function bcNote(n: number, big: boolean, ctx: GraphContext): SamplingNote {
  if (!big) return { sampled: false, samples: n, errorBound: 0, errorBoundRaw: 0, confidence: 1 };
  const eps = (n / (n - 1)) * Math.sqrt(Math.log((2 * n) / 0.05) / (2 * ctx.samples));
  return { sampled: true, samples: ctx.samples, errorBound: eps, errorBoundRaw: (eps * (n - 1) * (n - 2)) / 2, confidence: 0.95 };
}

// ------------------------------------------------------------------ path and ego

export interface Hop {
  from: NodeRef;
  to: NodeRef;
  /** Messages and calls from → to, to → from, and both. */
  sent: number;
  received: number;
  messages: number;
}

export interface PathResult {
  from: NodeRef;
  to: NodeRef;
  /** Number of hops; null when there is no path. */
  length: number | null;
  nodes: NodeRef[];
  hops: Hop[];
}

function arcWeight(g: CSRGraph, u: number, v: number): number {
  const p = findArc(g.out, u, v);
  return p < 0 ? 0 : g.out.weights[p]!;
}

export async function path(ctx: GraphContext, a: string, b: string): Promise<PathResult> {
  const s = await resolveNode(ctx, a);
  const t = await resolveNode(ctx, b);
  const p = shortestPath(ctx.undirected, s, t);
  if (p === null) return { from: nodeRef(ctx, s), to: nodeRef(ctx, t), length: null, nodes: [], hops: [] };
  const hops: Hop[] = [];
  for (let i = 0; i + 1 < p.length; i++) {
    const u = p[i]!;
    const v = p[i + 1]!;
    const sent = arcWeight(ctx.directed, u, v);
    const received = arcWeight(ctx.directed, v, u);
    hops.push({ from: nodeRef(ctx, u), to: nodeRef(ctx, v), sent, received, messages: sent + received });
  }
  return { from: nodeRef(ctx, s), to: nodeRef(ctx, t), length: p.length - 1, nodes: Array.from(p, (v) => nodeRef(ctx, v)), hops };
}

export interface EgoResult {
  center: NodeRef;
  hops: number;
  truncated: boolean;
  nodes: (NodeRef & { hops: number; messages: number })[];
  /** Contacts among the ego network's nodes (directed: sender → recipient). */
  edges: { source: string; target: string; messages: number }[];
}

export async function ego(ctx: GraphContext, center: string, opts: { hops?: number; maxNodes?: number } = {}): Promise<EgoResult> {
  const c = await resolveNode(ctx, center);
  const hops = opts.hops ?? 2;
  const maxNodes = opts.maxNodes ?? 500;
  if (!Number.isSafeInteger(hops) || hops < 0) throw invalid('hops must be a whole number', { hops });
  if (!Number.isSafeInteger(maxNodes) || maxNodes < 1) throw invalid('max-nodes must be a positive integer', { maxNodes });
  const e = egoNetwork(ctx.undirected, c, { hops, maxNodes });
  const inEgo = new Set<number>(e.nodes);
  const s = strength(ctx.undirected);
  const nodes = Array.from(e.nodes, (v, i) => ({ ...nodeRef(ctx, v), hops: e.hops[i]!, messages: s[v]! }));
  const edges: EgoResult['edges'] = [];
  const { offsets, targets, weights } = ctx.directed.out;
  for (const u of e.nodes) {
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = targets[p]!;
      if (inEgo.has(v)) edges.push({ source: ctx.net.keys[u]!, target: ctx.net.keys[v]!, messages: weights[p]! });
    }
  }
  return { center: nodeRef(ctx, c), hops, truncated: e.truncated, nodes, edges };
}

// ------------------------------------------------------------------ export

export { EXPORT_FORMATS, type ExportFormat } from './graph-options.js';

export interface ExportFile {
  /** Appended to the output path's stem ('' = the path itself). */
  suffix: string;
  content: string;
}

export interface ExportResult {
  format: ExportFormat;
  nodes: number;
  edges: number;
  betweenness: SamplingNote;
  files: ExportFile[];
}

/** Measures as node attributes: key, pagerank, degree, betweenness, coreness, community (Louvain, seeded). */
export function networkExport(ctx: GraphContext): { x: NetworkExport; betweenness: SamplingNote } {
  const g = ctx.undirected;
  const bc = contactBetweenness(ctx);
  const comm = louvain(g, { seed: ctx.seed });
  const hasTimes = ctx.net.first.some((t) => Number.isFinite(t));
  const iso = (a: Float64Array) => Array.from(a, (t) => (Number.isFinite(t) ? new Date(t).toISOString() : ''));
  const x: NetworkExport = {
    labels: ctx.net.labels,
    directed: true,
    edges: ctx.net.edges,
    nodeAttributes: {
      key: ctx.net.keys,
      pagerank: pagerank(ctx.directed).scores,
      degree: Int32Array.from(degree(g)),
      messages: strength(g),
      betweenness: bc.scores,
      coreness: coreness(g),
      community: comm.membership,
    },
    ...(hasTimes ? { edgeAttributes: { first_contact: iso(ctx.net.first), last_contact: iso(ctx.net.last) } } : {}),
  };
  return { x, betweenness: bc.sampling };
}

/** Where an export came from, written into the file where the format has room for it (GEXF meta description, GraphML graph data). */
export interface ExportAbout {
  /** The case's name (file stem or database name). */
  caseName?: string;
  /** The part of the network exported, when a scope was asked for (graph-scope.ts). */
  scope?: Pick<ScopeInfo, 'spec' | 'description' | 'nodes' | 'contactPairs' | 'of'> | null;
}

const day = (ms: number) => new Date(ms).toISOString().replace(/T00:00:00\.000Z$/, '').replace(/\.000Z$/, 'Z');

/**
 * The export's provenance in words: the case, clew's version, the filters and the scope the
 * network was cut with, what nodes and edges are, and how each measure was computed (sampled
 * betweenness says so, with its error bound), so a figure made from the file can be traced back.
 */
export function exportDescription(ctx: GraphContext, about: ExportAbout, betweenness: SamplingNote | null): string {
  const f = ctx.filter;
  const parts: string[] = [];
  parts.push(`${about.caseName !== undefined ? `Contact network of case ${about.caseName}` : 'Contact network'}, exported by clew ${clewVersion()}.`);
  parts.push(
    f?.level === 'person'
      ? 'Nodes: persons (the accounts merged by identity resolution are one node, key person:<id>) and unmerged accounts.'
      : 'Nodes: accounts.',
  );
  parts.push('Edges: sender to recipient, weight = messages and calls.');
  if (f) {
    const filters = [
      `channels ${f.channels?.length ? f.channels.join(',') : 'all'}`,
      `from ${f.after !== undefined ? day(f.after) : 'the start'}`,
      `before ${f.before !== undefined ? day(f.before) : 'the end'} (UTC)`,
      `minimum weight ${f.minWeight ?? 1}`,
    ];
    parts.push(`Filters: ${filters.join('; ')}.`);
  }
  const s = about.scope;
  parts.push(
    s
      ? `Scope: ${s.spec} (${s.description}): ${s.nodes} of ${s.of.nodes} nodes, ${s.contactPairs} of ${s.of.contactPairs} contact pairs; measures computed within the scope.`
      : `Scope: the whole network (${ctx.net.edges.n} nodes).`,
  );
  if (betweenness) {
    const b = betweenness.sampled
      ? `estimated from ${betweenness.samples} sampled sources (within ±${betweenness.errorBound.toPrecision(3)} of the exact share with ${(100 * betweenness.confidence).toFixed(0)}% confidence)`
      : 'exact';
    parts.push(`Measures: pagerank (directed), degree, messages (weighted degree), betweenness ${b}, coreness (k-core), community (Louvain, seed ${ctx.seed}).`);
  }
  return parts.join(' ');
}

export function exportNetwork(ctx: GraphContext, format: ExportFormat, about: ExportAbout = {}): ExportResult {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw invalid(`unknown format "${String(format).slice(0, 40)}" (use ${EXPORT_FORMATS.join(', ')})`);
  const base = { format, nodes: ctx.net.edges.n, edges: ctx.net.edges.src.length };
  if (format === 'ftm') {
    // FtM has no aggregated-contact schema: one UserAccount per node (edges are not written)
    const accounts: FtmAccount[] = ctx.net.keys.map((key, v) => {
      const a = ctx.net.accounts[v];
      return { key, username: a?.handle || ctx.net.labels[v] || key, ...(a ? { service: a.platform } : {}) };
    });
    return { ...base, betweenness: { sampled: false, samples: 0, errorBound: 0, errorBoundRaw: 0, confidence: 1 }, files: [{ suffix: '', content: toFtmNdjson({ accounts }) }] };
  }
  const { x, betweenness: note } = networkExport(ctx);
  let files: ExportFile[];
  const description = exportDescription(ctx, about, note);
  if (format === 'gexf') files = [{ suffix: '', content: toGexf(x, { description }) }];
  else if (format === 'graphml') files = [{ suffix: '', content: toGraphml(x, { description }) }];
  else if (format === 'csv') {
    const c = toCsv(x);
    files = [
      { suffix: '.nodes.csv', content: c.nodes },
      { suffix: '.edges.csv', content: c.edges },
    ];
  } else {
    files = [{ suffix: '', content: toI2Csv(x, { ids: ctx.net.keys, entityType: 'Account', first: ctx.net.first, last: ctx.net.last }) }];
  }
  return { ...base, betweenness: note, files };
}

/** Write the export: `out` itself, or for csv `<stem>.nodes.csv` and `<stem>.edges.csv`. Returns the paths written. */
export function writeExport(result: ExportResult, out: string): string[] {
  const stem = out.replace(/\.csv$/i, '');
  const paths: string[] = [];
  for (const f of result.files) {
    const p = f.suffix === '' ? out : `${stem}${f.suffix}`;
    try {
      writeFileSync(p, f.content);
    } catch (e) {
      throw invalid(`cannot write ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: p });
    }
    paths.push(p);
  }
  return paths;
}
