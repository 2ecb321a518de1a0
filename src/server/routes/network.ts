/**
 * The Network view's endpoints: the contact network (whole, or its top people by a measure on
 * a big case) with every node's measures, a person's ego network, and a shortest path, all over
 * the same filters (time window, channels, minimum weight). A network and its measures take
 * seconds on a big case: each filter combination is computed once per generation of the case
 * and the last few are kept (case-state.ts drops them when the case changes).
 */
import { egoView, networkView, viewMeasures, type ViewMeasures } from '../../api/graph-view.js';
import { type GraphContext, graphContext, parseChannels, parseTimeBound, path } from '../../api/graph.js';
import { scopedContext } from '../../api/graph-scope.js';
import { loadCaseNetwork, type NetworkLevel, type NetworkOptions } from '../../api/network.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { caseState } from '../case-state.js';
import * as api from '../contract/network.js';
import { filterShape, MAX_EGO_NODES, MAX_VIEW_NODES } from '../contract/network.js';
import { defineRoute, type Route } from '../route.js';
import type { WireNetworkFilter } from '../wire/network.js';
import type { WireScope } from '../wire/scope.js';

export const DEFAULT_VIEW_NODES = 20_000;
/** Betweenness is exact up to this many nodes and estimated from SAMPLES pivots above (the answer says so). */
const VIEW_EXACT_MAX_NODES = 5_000;
const VIEW_SAMPLES = 256;
/** Filter combinations kept per generation. */
const CACHE_ENTRIES = 6;

export { filterShape, MAX_EGO_NODES, MAX_VIEW_NODES };

export type FilterInput = { after?: string; before?: string; channel?: string; minWeight?: number; level?: NetworkLevel };

export function filterOf(q: FilterInput): NetworkOptions {
  const f: NetworkOptions = {};
  if (q.after !== undefined) f.after = parseTimeBound(q.after, 'after');
  if (q.before !== undefined) f.before = parseTimeBound(q.before, 'before');
  if (f.after !== undefined && f.before !== undefined && f.after >= f.before) {
    throw new ClewError('INVALID_ARGUMENT', 'after must be earlier than before', { parameter: 'after' });
  }
  if (q.channel !== undefined) f.channels = parseChannels(q.channel);
  if (q.minWeight !== undefined) f.minWeight = q.minWeight;
  if (q.level === 'person') f.level = 'person';
  return f;
}

interface Loaded {
  ctx: GraphContext;
  measures: ViewMeasures;
  /** The part of the network it is, when a scope was asked for. */
  scope?: WireScope;
}

/** The network for these filters with its measures: computed once per generation, then kept in the case's state (most recent kept). */
export function viewNetwork(store: CaseStore, filter: NetworkOptions): Promise<Loaded> {
  const key = [filter.after ?? null, filter.before ?? null, filter.channels ?? null, filter.minWeight ?? 0, filter.level ?? 'account'];
  return caseState(store).cached(
    'network',
    key,
    () =>
      loadCaseNetwork(store, filter).then((net): Loaded => {
        const ctx = graphContext(net, store, { exactMaxNodes: VIEW_EXACT_MAX_NODES, samples: VIEW_SAMPLES }, filter);
        return { ctx, measures: viewMeasures(ctx) };
      }),
    CACHE_ENTRIES,
  );
}

/** The network for these filters, or the part of it a scope names (its measures computed within it), kept like viewNetwork's. */
export function scopedViewNetwork(store: CaseStore, filter: NetworkOptions, scope: string | undefined): Promise<Loaded> {
  if (scope === undefined) return viewNetwork(store, filter);
  const key = [filter.after ?? null, filter.before ?? null, filter.channels ?? null, filter.minWeight ?? 0, filter.level ?? 'account', scope];
  return caseState(store).cached(
    'network-scoped',
    key,
    async (): Promise<Loaded> => {
      const whole = await viewNetwork(store, filter);
      const { ctx, scope: info } = await scopedContext(whole.ctx, scope);
      return { ctx, measures: viewMeasures(ctx), scope: info };
    },
    CACHE_ENTRIES,
  );
}

function span(store: CaseStore): Promise<{ first: number | null; last: number | null }> {
  return caseState(store).cached('span', null, async () => {
    const st = await store.stats({ top: 0 });
    return { first: st.firstTs, last: st.lastTs };
  });
}

function wireFilter(f: NetworkOptions): WireNetworkFilter {
  return { after: f.after ?? null, before: f.before ?? null, channels: f.channels ?? null, minWeight: f.minWeight ?? 0, level: f.level ?? 'account' };
}

export const NETWORK_ROUTES: Route[] = [
  defineRoute(api.network, async ({ store, query: q }) => {
    const t0 = performance.now();
    const filter = filterOf(q);
    const opts = { maxNodes: q.maxNodes ?? DEFAULT_VIEW_NODES, by: q.by ?? 'pagerank' } as const;
    // the view itself (top nodes, their measures and edges) is the same for every request of a generation: kept too
    const key = [filter.after ?? null, filter.before ?? null, filter.channels ?? null, filter.minWeight ?? 0, filter.level ?? 'account', q.scope ?? null, opts.maxNodes, opts.by];
    const { loaded, v } = await caseState(store).cached(
      'network-view',
      key,
      async () => {
        const l = await scopedViewNetwork(store, filter, q.scope);
        return { loaded: l, v: networkView(l.ctx, l.measures, opts) };
      },
      CACHE_ENTRIES,
    );
    const { measures, scope } = loaded;
    const b = measures.betweenness;
    return {
      ...v,
      filter: wireFilter(filter),
      scope: scope ?? null,
      span: await span(store),
      communities: measures.communities,
      modularity: measures.modularity,
      betweenness: { sampled: b.sampled, samples: b.samples, errorBound: b.errorBound, confidence: b.confidence },
      elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }),
  defineRoute(api.networkEgo, async ({ store, query: q }) => {
    const { ctx, measures } = await scopedViewNetwork(store, filterOf(q), q.scope);
    return egoView(ctx, measures, q.center, { hops: q.hops ?? 1, maxNodes: q.maxNodes ?? 100 });
  }),
  defineRoute(api.networkPath, async ({ store, query: q }) => {
    const { ctx } = await scopedViewNetwork(store, filterOf(q), q.scope);
    return path(ctx, q.a, q.b);
  }),
];
