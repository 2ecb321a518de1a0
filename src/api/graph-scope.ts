/**
 * Scoped analytics (issue 17 part 3): ranking, key players, communities, disruption and time
 * windows run on a part of the network, named by a SPEC (src/graph/scope/parse.ts):
 * `community:REF`, `ego:REF[,REF…][:K]`, `window:FROM..TO`, `tag:NAME`, `persons`. REFs go
 * through the one name resolver (resolveNode). The scope becomes a network of its own (the
 * induced subnetwork; a window reloads the case network counted from the records in it), so
 * every analysis runs on it unchanged, and each result says what the scope was and its size.
 * Arrests on a scope are reported as an investigator asks (scopedArrests): the largest
 * component and global efficiency before and after, who loses every path to a watched set
 * (suppliers, port insiders …), and the new brokers.
 */
import { edgeCount, MAX_SCOPE_LENGTH, resolveScope, parseScope, scopedDisruption, type ScopeRequest } from '../graph/index.js';

export { MAX_SCOPE_LENGTH };
import { ClewError } from '../model/errors.js';
import { normaliseTag } from '../model/annotations.js';
import { EFFICIENCY_EXACT_MAX_NODES, type GraphContext, graphContext, type NodeRef, nodeRef, resolveNode, resolveNodes } from './graph.js';
import { loadCaseNetwork, type Network } from './network.js';
import { refIndex } from './resolve.js';

export interface ScopeInfo {
  /** The SPEC as given. */
  spec: string;
  kind: ScopeRequest['kind'];
  /** What the scope is, in words, e.g. "2-hop ego network of Kum <skyecc:77E961>". */
  description: string;
  /** Its size: nodes, and contact pairs (undirected pairs of nodes in contact). */
  nodes: number;
  contactPairs: number;
  /** The size of the network it was cut from. */
  of: { nodes: number; contactPairs: number };
}

const invalid = (message: string, details: Record<string, string | number> = {}) => new ClewError('INVALID_ARGUMENT', message, details);

/** The induced subnetwork on `nodes` (ids of `net`), in that order. */
export function subNetwork(net: Network, nodes: readonly number[]): Network {
  const idx = new Int32Array(net.edges.n).fill(-1);
  nodes.forEach((v, i) => (idx[v] = i));
  const keep: number[] = [];
  for (let e = 0; e < net.edges.src.length; e++) if (idx[net.edges.src[e]!]! >= 0 && idx[net.edges.dst[e]!]! >= 0) keep.push(e);
  return {
    labels: nodes.map((v) => net.labels[v]!),
    keys: nodes.map((v) => net.keys[v]!),
    accounts: nodes.map((v) => net.accounts[v] ?? null),
    ...(net.members ? { members: nodes.map((v) => net.members![v] ?? null) } : {}),
    edges: {
      n: nodes.length,
      src: Int32Array.from(keep, (e) => idx[net.edges.src[e]!]!),
      dst: Int32Array.from(keep, (e) => idx[net.edges.dst[e]!]!),
      weight: Float64Array.from(keep, (e) => net.edges.weight[e]!),
    },
    first: Float64Array.from(keep, (e) => net.first[e]!),
    last: Float64Array.from(keep, (e) => net.last[e]!),
  };
}

const who = (r: NodeRef) => (r.label === r.key ? r.key : `${r.label} <${r.key}>`);

/** The parent context (a window reloads the case network) and the scope's nodes in it. */
async function scopeNodes(ctx: GraphContext, req: ScopeRequest): Promise<{ parent: GraphContext; nodes: number[]; description: string; centres?: number[] }> {
  switch (req.kind) {
    case 'tag':
      return tagNodes(ctx, req.name);
    case 'community': {
      const v = await resolveNode(ctx, req.ref);
      const s = resolveScope(ctx.undirected, { kind: 'community', node: v, seed: ctx.seed });
      return { parent: ctx, nodes: Array.from(s.original), description: `the community of ${who(nodeRef(ctx, v))} (Leiden, seed ${ctx.seed})` };
    }
    case 'ego': {
      const index = ctx.store ? await refIndex(ctx.store) : undefined;
      const targets: number[] = [];
      for (const r of req.refs) {
        // a person at account level: all of its accounts are targets
        for (const v of await resolveNodes(ctx, r, index)) if (!targets.includes(v)) targets.push(v);
      }
      const s = resolveScope(ctx.undirected, { kind: 'ego', targets, hops: req.hops });
      const names = targets.slice(0, 3).map((v) => who(nodeRef(ctx, v)));
      return {
        parent: ctx,
        nodes: Array.from(s.original),
        centres: targets,
        description: `${req.hops === 0 ? 'the named nodes' : `${req.hops}-hop ego network`} of ${names.join(', ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}${s.truncated ? ' (truncated)' : ''}`,
      };
    }
    case 'window': {
      if (!ctx.store) throw invalid('a window scope needs the dates of the contacts: use --case, not an edge or matrix file');
      const f = ctx.filter ?? {};
      const after = Math.max(f.after ?? -Infinity, req.from ?? -Infinity);
      const before = Math.min(f.before ?? Infinity, req.to ?? Infinity);
      if (!(after < before)) throw invalid('the window does not overlap the network’s --after/--before');
      const filter = { ...f, ...(Number.isFinite(after) ? { after } : {}), ...(Number.isFinite(before) ? { before } : {}) };
      const net = await loadCaseNetwork(ctx.store, filter);
      const parent = graphContext(net, ctx.store, { exactMaxNodes: ctx.exactMaxNodes, samples: ctx.samples, pivotWork: ctx.pivotWork, seed: ctx.seed }, filter);
      const at = (t: number) => new Date(t).toISOString();
      const nodes: number[] = [];
      for (let v = 0; v < net.edges.n; v++) nodes.push(v);
      return { parent, nodes, description: `contacts ${Number.isFinite(after) ? `from ${at(after)} ` : ''}${Number.isFinite(before) ? `before ${at(before)}` : 'on'}` };
    }
    case 'persons': {
      const nodes: number[] = [];
      if (ctx.net.members) ctx.net.members.forEach((m, v) => m && nodes.push(v));
      else if (ctx.store) {
        const members = await ctx.store.identity().members();
        ctx.net.accounts.forEach((a, v) => a && members.has(a.id) && nodes.push(v));
      } else throw invalid('the persons scope needs a case (identity resolution)');
      if (nodes.length === 0) throw invalid('no persons in this network: identity resolution has merged no accounts yet (clew identity merge)');
      return { parent: ctx, nodes, description: `the persons of identity resolution${ctx.net.members ? '' : ' (their accounts)'}` };
    }
  }
}

/** Tagged messages read for a tag scope (each one's sender and recipients). */
export const MAX_TAGGED_MESSAGES = 10_000;

/** The nodes of a tag: the tagged accounts and persons, the senders and recipients of the tagged messages, and the parties of the tagged calls. */
async function tagNodes(ctx: GraphContext, name: string): Promise<{ parent: GraphContext; nodes: number[]; description: string }> {
  if (!ctx.store) throw invalid('a tag scope needs a case (tags are stored in it): use --case, not an edge or matrix file');
  const tag = normaliseTag(name);
  const items = await ctx.store.taggedItems(tag.key);
  const accounts = new Set<number>();
  const persons = new Set<number>();
  let messages = 0;
  const calls: number[] = [];
  for (const i of items) {
    if (i.type === 'account') accounts.add(Number(i.key));
    else if (i.type === 'person') persons.add(Number(i.key));
    else if (i.type === 'message' && messages < MAX_TAGGED_MESSAGES) {
      messages++;
      const m = await ctx.store.message(Number(i.key));
      accounts.add(m.sender.id);
      for (const r of m.recipients) accounts.add(r.id);
    } else if (i.type === 'call' && calls.length < MAX_TAGGED_MESSAGES) calls.push(Number(i.key));
  }
  for (const c of await ctx.store.calls(calls)) accounts.add(c.caller.id).add(c.callee.id);
  if (persons.size > 0) for (const [account, p] of await ctx.store.identity().members()) if (persons.has(p.person)) accounts.add(account);
  const shown = tag.name.slice(0, 80);
  if (accounts.size === 0) throw invalid(`no account, person, message or call of this case is tagged "${shown}" (clew tag list shows the tags)`, { tag: shown });
  const nodes: number[] = [];
  for (let v = 0; v < ctx.net.edges.n; v++) {
    const a = ctx.net.accounts[v];
    if ((a && accounts.has(a.id)) || ctx.net.members?.[v]?.some((x) => accounts.has(x.id))) nodes.push(v);
  }
  if (nodes.length === 0) throw invalid(`the accounts tagged "${shown}" are not in this network (check its filters)`, { tag: shown });
  const parts = [
    persons.size ? `${persons.size} person${persons.size === 1 ? '' : 's'}` : '',
    items.some((i) => i.type === 'account') ? `${items.filter((i) => i.type === 'account').length} account(s)` : '',
    messages ? `the accounts of ${messages} message${messages === 1 ? '' : 's'}` : '',
    calls.length ? `the parties of ${calls.length} call${calls.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return { parent: ctx, nodes, description: `tagged "${shown}": ${parts.join(', ')}` };
}

/**
 * A context for the scope: its induced subnetwork, the same options. `centres`: an ego scope's
 * named nodes, as nodes of the subnetwork ([] for other scopes).
 */
export async function scopedContext(ctx: GraphContext, spec: string): Promise<{ ctx: GraphContext; scope: ScopeInfo; parent: GraphContext; nodes: number[]; centres: number[] }> {
  const req = parseScope(spec);
  const { parent, nodes, description, centres } = await scopeNodes(ctx, req);
  const at = new Map(nodes.map((v, i) => [v, i]));
  const sub = graphContext(subNetwork(parent.net, nodes), parent.store, { exactMaxNodes: parent.exactMaxNodes, samples: parent.samples, pivotWork: parent.pivotWork, seed: parent.seed }, parent.filter);
  return {
    ctx: sub,
    parent,
    nodes,
    centres: (centres ?? []).flatMap((v) => (at.has(v) ? [at.get(v)!] : [])),
    scope: {
      spec,
      kind: req.kind,
      description,
      nodes: sub.undirected.n,
      contactPairs: edgeCount(sub.undirected),
      of: { nodes: ctx.undirected.n, contactPairs: edgeCount(ctx.undirected) },
    },
  };
}

export interface ScopedArrestsRequest {
  scope: string;
  remove: string[];
  /** Watched sets: who loses every path to them (e.g. suppliers, port insiders), by name and refs. */
  watch?: { name: string; refs: string[] }[];
  /** New brokers listed (default 10). */
  brokers?: number;
}

export interface ScopedFigures {
  nodes: number;
  largestComponent: number;
  largestComponentShare: number;
  components: number;
  globalEfficiency: number;
}

export interface ScopedArrestsResult {
  scope: ScopeInfo;
  removed: NodeRef[];
  /** Arrests named that are outside the scope (not removed from it). */
  outsideScope: NodeRef[];
  before: ScopedFigures;
  after: ScopedFigures;
  cutOff: { name: string; members: NodeRef[]; surviving: NodeRef[]; reachedBefore: number; lost: NodeRef[] }[];
  brokers: (NodeRef & { betweennessBefore: number; betweennessAfter: number; rankBefore: number; rankAfter: number; change: number })[];
  /** Efficiency estimated from this many sources (null: exact). */
  efficiencySamples: number | null;
}

/** The arrests on a scope, reported as an investigator asks (see the module comment). */
export async function scopedArrests(ctx: GraphContext, req: ScopedArrestsRequest): Promise<ScopedArrestsResult> {
  if (req.remove.length === 0) throw invalid('name at least one arrest');
  const { parent, nodes, scope: info } = await scopedContext(ctx, req.scope);
  const index = parent.store ? await refIndex(parent.store) : undefined;
  const named = async (refs: string[]) => {
    const out: number[] = [];
    for (const r of refs) for (const v of await resolveNodes(parent, r, index)) if (!out.includes(v)) out.push(v);
    return out;
  };
  const remove = await named(req.remove);
  const watch = [];
  for (const w of req.watch ?? []) watch.push({ name: w.name, nodes: await named(w.refs) });
  const scope = resolveScope(parent.undirected, { kind: 'nodes', nodes, label: info.description });
  const samples = nodes.length > EFFICIENCY_EXACT_MAX_NODES ? 256 : undefined;
  const d = scopedDisruption(scope, { remove, watch, brokers: req.brokers ?? 10, ...(samples ? { efficiencySamples: samples, seed: parent.seed } : {}) });
  const ref = (v: number) => nodeRef(parent, v);
  return {
    scope: info,
    removed: d.removed.map(ref),
    outsideScope: d.outsideScope.map(ref),
    before: pick(d.before),
    after: pick(d.after),
    cutOff: d.cutOff.map((c) => ({ name: c.name, members: c.members.map(ref), surviving: c.surviving.map(ref), reachedBefore: c.reachedBefore, lost: c.lost.map(ref) })),
    brokers: d.brokers.map((b) => ({ ...ref(b.node), betweennessBefore: b.betweennessBefore, betweennessAfter: b.betweennessAfter, rankBefore: b.rankBefore, rankAfter: b.rankAfter, change: b.change })),
    efficiencySamples: d.efficiencySamples,
  };
}

function pick(f: ScopedFigures): ScopedFigures {
  return { nodes: f.nodes, largestComponent: f.largestComponent, largestComponentShare: f.largestComponentShare, components: f.components, globalEfficiency: f.globalEfficiency };
}
