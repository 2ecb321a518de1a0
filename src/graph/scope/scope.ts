/**
 * Scopes: the part of a network an analysis runs on. A scope is resolved against a CSR graph
 * into the subgraph it selects, renumbered 0..k-1, with the map back to the parent's node ids
 * and its size. Every analysis of src/graph (ranking, key players, communities, disruption)
 * then runs on `scope.graph` unchanged, and its node ids map back through `scope.original`.
 *
 * - `all`: the whole graph.
 * - `community`: the community (Leiden, or a given membership) holding a node.
 * - `ego`: everyone within k hops (direction ignored) of one or more targets, and the edges
 *   among them (the induced subgraph of the union of their ego networks).
 * - `window`: the edges active in [from, to), on the nodes they touch. From timestamped contacts
 *   (one per message or call: exact, weights = contacts in the window), or from edges with a
 *   first and last contact (an edge is in when first < to and last >= from; weights unchanged).
 * - `nodes`: an explicit node set (a tag, the persons of the identity view …) and the edges among them.
 */
import { buildCSR, checkNode, edgeCount, toUndirected } from '../build.js';
import type { CSRGraph, EdgeList } from '../csr.js';
import { leiden } from '../communities/leiden.js';
import { egoNetwork } from '../measures/ego.js';
import { inducedSubgraph } from '../subgraph.js';
import type { TemporalEdges } from '../temporal/windows.js';
import { ClewError } from '../../model/errors.js';

export type ScopeSpec =
  | { kind: 'all' }
  | {
      kind: 'community';
      /** The node whose community is the scope. */
      node: number;
      /** Community of every node (e.g. a stored Leiden run); default: Leiden on the undirected view with `seed`. */
      membership?: ArrayLike<number>;
      seed?: number;
    }
  | {
      kind: 'ego';
      targets: ArrayLike<number>;
      /** Radius in hops (default 1). */
      hops?: number;
      /** Cap on the scope's nodes (default 5000 per target, as egoNetwork). */
      maxNodes?: number;
    }
  | {
      kind: 'window';
      /** UTC ms, inclusive (-Infinity: open). */
      from: number;
      /** UTC ms, exclusive (Infinity: open). */
      to: number;
      /** One entry per contact, node ids of the parent graph. */
      contacts?: TemporalEdges;
      /** Or: edges with their first and last contact (parallel arrays). */
      spans?: { edges: EdgeList; first: ArrayLike<number>; last: ArrayLike<number> };
    }
  | {
      kind: 'nodes';
      nodes: ArrayLike<number>;
      /** What the set is, for the description (e.g. `tag "suppliers"`, `persons`). */
      label?: string;
    };

export interface Scope {
  kind: ScopeSpec['kind'];
  /** One line saying what the scope is, e.g. "2-hop ego network of 1 target". */
  description: string;
  /** The scoped graph, nodes 0..k-1, as directed as the parent. */
  graph: CSRGraph;
  /** original[i]: the parent's id of scope node i. */
  original: Int32Array;
  /** Scope node of a parent node, or -1 when it is outside the scope. */
  local(v: number): number;
  /** Nodes and edges of the scoped graph (edges: arcs when directed, unordered pairs when undirected). */
  size: { nodes: number; edges: number };
  /** `ego`: true when a cap cut a neighbourhood short. */
  truncated?: boolean;
  /** `community`: the community's number in the membership used. */
  community?: number;
}

const invalid = (message: string, details: Record<string, number | string> = {}): ClewError => new ClewError('INVALID_ARGUMENT', message, details);

function finish(kind: Scope['kind'], description: string, graph: CSRGraph, original: Int32Array, parentN: number, extra: Partial<Scope> = {}): Scope {
  let index: Int32Array | null = null;
  const local = (v: number): number => {
    if (!index) {
      index = new Int32Array(parentN).fill(-1);
      original.forEach((p, i) => ((index as Int32Array)[p] = i));
    }
    return Number.isInteger(v) && v >= 0 && v < parentN ? (index[v] as number) : -1;
  };
  return { kind, description, graph, original, local, size: { nodes: graph.n, edges: edgeCount(graph) }, ...extra };
}

const plural = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;

/** Resolves a scope against `g` (node ids in the spec are ids of `g`). Throws INVALID_ARGUMENT on bad ids or bounds. */
export function resolveScope(g: CSRGraph, spec: ScopeSpec): Scope {
  switch (spec.kind) {
    case 'all': {
      const original = new Int32Array(g.n);
      for (let v = 0; v < g.n; v++) original[v] = v;
      return finish('all', 'the whole network', g, original, g.n);
    }
    case 'community': {
      checkNode(g, spec.node);
      let membership = spec.membership;
      if (membership === undefined) membership = leiden(g.directed ? toUndirected(g) : g, { seed: spec.seed ?? 1 }).membership;
      if (membership.length !== g.n) throw invalid('membership length differs from node count', { membership: membership.length, n: g.n });
      const c = membership[spec.node] as number;
      const nodes: number[] = [];
      for (let v = 0; v < g.n; v++) if (membership[v] === c) nodes.push(v);
      const sub = inducedSubgraph(g, nodes);
      return finish('community', `community ${c} (${plural(nodes.length, 'node')}), the one holding node ${spec.node}`, sub.graph, sub.original, g.n, { community: c });
    }
    case 'ego': {
      const hops = spec.hops ?? 1;
      if (!Number.isInteger(hops) || hops < 0) throw invalid('hops must be a non-negative integer', { hops });
      if (spec.targets.length === 0) throw invalid('an ego scope needs at least one target');
      const seen = new Set<number>();
      const nodes: number[] = [];
      let truncated = false;
      for (let i = 0; i < spec.targets.length; i++) {
        const t = spec.targets[i] as number;
        checkNode(g, t, 'target');
        const e = egoNetwork(g, t, { hops, mode: 'all', ...(spec.maxNodes !== undefined ? { maxNodes: spec.maxNodes } : {}) });
        truncated ||= e.truncated;
        for (const v of e.nodes) {
          if (seen.has(v)) continue;
          seen.add(v);
          nodes.push(v);
        }
      }
      const sub = inducedSubgraph(g, nodes);
      const k = new Set(Array.from(spec.targets)).size;
      return finish('ego', `${hops}-hop ego network of ${plural(k, 'target')}`, sub.graph, sub.original, g.n, { truncated });
    }
    case 'window': {
      const { from, to } = spec;
      if (Number.isNaN(from) || Number.isNaN(to) || !(from < to)) throw invalid('a time window needs from < to', { from, to });
      const src: number[] = [];
      const dst: number[] = [];
      const weight: number[] = [];
      if (spec.contacts) {
        const c = spec.contacts;
        if (c.n !== g.n) throw invalid('contacts are over another node count', { contacts: c.n, n: g.n });
        for (let i = 0; i < c.ts.length; i++) {
          const t = c.ts[i] as number;
          if (t < from || t >= to) continue;
          src.push(c.src[i] as number);
          dst.push(c.dst[i] as number);
          weight.push(c.weight[i] as number);
        }
      } else if (spec.spans) {
        const { edges, first, last } = spec.spans;
        if (edges.n !== g.n) throw invalid('edges are over another node count', { edges: edges.n, n: g.n });
        for (let i = 0; i < edges.src.length; i++) {
          if (!((first[i] as number) < to && (last[i] as number) >= from)) continue;
          src.push(edges.src[i] as number);
          dst.push(edges.dst[i] as number);
          weight.push(edges.weight[i] as number);
        }
      } else throw invalid('a time window needs timestamped contacts or edge spans');
      const active = new Uint8Array(g.n);
      for (let i = 0; i < src.length; i++) {
        if (src[i] === dst[i]) continue;
        active[src[i] as number] = 1;
        active[dst[i] as number] = 1;
      }
      const nodes: number[] = [];
      for (let v = 0; v < g.n; v++) if (active[v]) nodes.push(v);
      let wg = buildCSR({ n: g.n, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: Float64Array.from(weight) }, { directed: true });
      if (!g.directed) wg = toUndirected(wg);
      const sub = inducedSubgraph(wg, nodes);
      const at = (t: number): string => new Date(t).toISOString();
      const what = from === -Infinity ? `contacts before ${at(to)}` : to === Infinity ? `contacts from ${at(from)} on` : `contacts from ${at(from)} to ${at(to)} (exclusive)`;
      return finish('window', what, sub.graph, sub.original, g.n);
    }
    case 'nodes': {
      for (let i = 0; i < spec.nodes.length; i++) checkNode(g, spec.nodes[i] as number);
      const sub = inducedSubgraph(g, spec.nodes);
      return finish('nodes', `${spec.label ?? 'a set of nodes'} (${plural(sub.graph.n, 'node')})`, sub.graph, sub.original, g.n);
    }
    default:
      throw invalid(`unknown scope kind "${String((spec as { kind: unknown }).kind)}"`);
  }
}

/** Scope node ids → parent ids. */
export function toParent(scope: Scope, nodes: ArrayLike<number>): Int32Array {
  return Int32Array.from(Array.from(nodes), (v) => scope.original[v] as number);
}

/** Parent ids → scope node ids, dropping nodes outside the scope. */
export function toScope(scope: Scope, nodes: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const v = scope.local(nodes[i] as number);
    if (v >= 0) out.push(v);
  }
  return Int32Array.from(out);
}
