/**
 * What removing some nodes (arrests) does to a scope, in the terms an investigator asks:
 *
 * - the largest connected component and global efficiency of the scope before and after;
 * - for each watched set (the suppliers, the port insiders …), the survivors who could reach a
 *   member of the set before and can reach none after ("who loses every path to the suppliers");
 * - the new brokers: the survivors with the highest betweenness after the removals, with their
 *   betweenness rank before and after.
 *
 * All on the undirected view of the scope (who is in contact with whom), hop distances, no
 * weights — the figures networkx gives for the same subgraph (`connected_components`,
 * `global_efficiency`, `betweenness_centrality(normalized=False)`); tested against it.
 */
import { edgeCount, toUndirected } from '../build.js';
import type { NodeMask } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { betweenness } from '../measures/betweenness.js';
import { weakComponents } from '../measures/components.js';
import { globalEfficiency } from '../measures/efficiency.js';
import type { Scope } from './scope.js';
import { ClewError } from '../../model/errors.js';

export interface ScopeFigures {
  /** Nodes of the scope still present. */
  nodes: number;
  largestComponent: number;
  /** largestComponent / the scope's node count before any removal. */
  largestComponentShare: number;
  components: number;
  /** Mean of 1/d over ordered pairs of present nodes (0 for unreachable pairs); exact unless `efficiencySamples`. */
  globalEfficiency: number;
}

export interface WatchedSet {
  name: string;
  /** Parent node ids; members outside the scope are ignored. */
  nodes: ArrayLike<number>;
}

export interface CutOff {
  name: string;
  /** The set's members inside the scope, and those of them left after the removals (parent ids). */
  members: number[];
  surviving: number[];
  /** Nodes outside the set, not removed, that could reach a member before. */
  reachedBefore: number;
  /** Of those, the ones that can reach no surviving member after (parent ids, ascending). */
  lost: number[];
}

export interface BrokerRow {
  /** Parent node id. */
  node: number;
  betweennessBefore: number;
  betweennessAfter: number;
  /** 1 = highest betweenness (ties share the best rank), among the scope's nodes before and the survivors after. */
  rankBefore: number;
  rankAfter: number;
  /** rankBefore - rankAfter: > 0 rose. */
  change: number;
}

export interface ScopedDisruption {
  /** The scope and its size in the undirected view the report uses (edges: pairs in contact). */
  scope: { kind: Scope['kind']; description: string; nodes: number; edges: number };
  /** Removed nodes inside the scope, and requested ones outside it (parent ids). */
  removed: number[];
  outsideScope: number[];
  before: ScopeFigures;
  after: ScopeFigures;
  cutOff: CutOff[];
  /** The top `brokers` survivors by betweenness after the removals. */
  brokers: BrokerRow[];
  /** Global efficiency from this many sources (null: exact). */
  efficiencySamples: number | null;
}

export interface ScopedDisruptionOptions {
  /** Parent node ids to remove (the arrests). */
  remove: ArrayLike<number>;
  watch?: readonly WatchedSet[];
  /** Broker rows returned (default 10). */
  brokers?: number;
  /** Estimate efficiency from this many sources (large scopes); default exact. */
  efficiencySamples?: number;
  seed?: number;
}

/**
 * Competition ranks (1 = largest; values within a relative 1e-9 tie and share the best rank)
 * of the nodes where `alive` is set; 0 for the others.
 */
export function competitionRanks(values: ArrayLike<number>, alive?: NodeMask): Int32Array {
  const ids: number[] = [];
  for (let v = 0; v < values.length; v++) if (!alive || alive[v]) ids.push(v);
  ids.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const rank = new Int32Array(values.length);
  const tie = (x: number, y: number): boolean => x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  let lead = 0;
  ids.forEach((v, i) => {
    if (i === 0 || !tie(values[ids[lead] as number] as number, values[v] as number)) lead = i;
    rank[v] = lead + 1;
  });
  return rank;
}

function figures(g: CSRGraph, mask: NodeMask | undefined, n0: number, samples: number | undefined, seed: number): ScopeFigures {
  const c = weakComponents(g, mask);
  let lcc = 0;
  for (const s of c.sizes) if (s > lcc) lcc = s;
  let nodes = g.n;
  if (mask) for (let v = 0; v < g.n; v++) if (!mask[v]) nodes--;
  return {
    nodes,
    largestComponent: lcc,
    largestComponentShare: n0 === 0 ? 0 : lcc / n0,
    components: c.count,
    globalEfficiency: globalEfficiency(g, { ...(mask ? { mask } : {}), ...(samples !== undefined && samples < nodes ? { samples, seed } : {}) }),
  };
}

/** Removes `opts.remove` from the scope and reports what it does (see the module comment). */
export function scopedDisruption(scope: Scope, opts: ScopedDisruptionOptions): ScopedDisruption {
  const g = toUndirected(scope.graph);
  const n = g.n;
  const topN = opts.brokers ?? 10;
  if (!Number.isInteger(topN) || topN < 0) throw new ClewError('INVALID_ARGUMENT', 'brokers must be a non-negative integer', { brokers: topN });
  const samples = opts.efficiencySamples;
  const seed = opts.seed ?? 1;
  const mask: NodeMask = new Uint8Array(n).fill(1);
  const removed: number[] = [];
  const outsideScope: number[] = [];
  for (let i = 0; i < opts.remove.length; i++) {
    const p = opts.remove[i] as number;
    const v = scope.local(p);
    if (v < 0) {
      if (!outsideScope.includes(p)) outsideScope.push(p);
    } else if (mask[v]) {
      mask[v] = 0;
      removed.push(p);
    }
  }
  const before = figures(g, undefined, n, samples, seed);
  const after = figures(g, mask, n, samples, seed);

  const compBefore = weakComponents(g).membership;
  const compAfter = weakComponents(g, mask).membership;
  const cutOff: CutOff[] = (opts.watch ?? []).map((w) => {
    const inSet = new Uint8Array(n);
    const members: number[] = [];
    for (let i = 0; i < w.nodes.length; i++) {
      const v = scope.local(w.nodes[i] as number);
      if (v >= 0 && !inSet[v]) {
        inSet[v] = 1;
        members.push(v);
      }
    }
    const compsBefore = new Set(members.map((v) => compBefore[v] as number));
    const compsAfter = new Set(members.filter((v) => mask[v]).map((v) => compAfter[v] as number));
    let reachedBefore = 0;
    const lost: number[] = [];
    for (let v = 0; v < n; v++) {
      if (inSet[v] || !mask[v] || !compsBefore.has(compBefore[v] as number)) continue;
      reachedBefore++;
      if (!compsAfter.has(compAfter[v] as number)) lost.push(scope.original[v] as number);
    }
    const parent = (v: number): number => scope.original[v] as number;
    return {
      name: w.name,
      members: members.map(parent).sort((a, b) => a - b),
      surviving: members.filter((v) => mask[v]).map(parent).sort((a, b) => a - b),
      reachedBefore,
      lost: lost.sort((a, b) => a - b),
    };
  });

  const bcBefore = betweenness(g);
  const bcAfter = betweenness(g, { mask });
  const rankBefore = competitionRanks(bcBefore);
  const rankAfter = competitionRanks(bcAfter, mask);
  const survivors: number[] = [];
  for (let v = 0; v < n; v++) if (mask[v]) survivors.push(v);
  survivors.sort((a, b) => (rankAfter[a] as number) - (rankAfter[b] as number) || a - b);
  const brokers = survivors.slice(0, topN).map((v) => ({
    node: scope.original[v] as number,
    betweennessBefore: bcBefore[v] as number,
    betweennessAfter: bcAfter[v] as number,
    rankBefore: rankBefore[v] as number,
    rankAfter: rankAfter[v] as number,
    change: (rankBefore[v] as number) - (rankAfter[v] as number),
  }));

  return {
    scope: { kind: scope.kind, description: scope.description, nodes: n, edges: edgeCount(g) },
    removed,
    outsideScope,
    before,
    after,
    cutOff,
    brokers,
    efficiencySamples: samples !== undefined && samples < n ? samples : null,
  };
}
