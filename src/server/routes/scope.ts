/**
 * Scoped analytics for the workspace (issue 17 part 3): the key-player ranking, key-player set,
 * communities, time windows and arrests on a part of the network named by `scope=SPEC`
 * (community:REF, ego:REF[,REF…][:K], window:FROM..TO, persons; tag:NAME is refused until tags
 * exist). REFs go through the one name resolver: an ambiguous one is 409 AMBIGUOUS_REF with the
 * choices. Every answer states the scope and its size. The whole network a scope is cut from is
 * kept per level in the case's state; the scope itself is computed per request (it is small).
 */
import { communities, graphContext, keyPlayers, rank } from '../../api/graph.js';
import { scopedArrests, scopedContext } from '../../api/graph-scope.js';
import { timeWindows } from '../../api/graph-windows.js';
import { loadCaseNetwork, type NetworkLevel } from '../../api/network.js';
import type { CaseStore } from '../../api/types.js';
import { caseState } from '../case-state.js';
import * as api from '../contract/network.js';
import { defineRoute, type Route } from '../route.js';

/** The whole contact network at a level, kept for the case's generation. */
function wholeNetwork(store: CaseStore, level: NetworkLevel) {
  const filter = { level } as const;
  return caseState(store).cached('scope-whole', level, async () => graphContext(await loadCaseNetwork(store, filter), store, {}, filter), 2);
}

/** The scope a query names, cut from the whole network at its level. */
async function scoped(store: CaseStore, q: { scope: string; level?: NetworkLevel }) {
  return scopedContext(await wholeNetwork(store, q.level ?? 'account'), q.scope);
}

export const SCOPE_ROUTES: Route[] = [
  defineRoute(api.scopedRank, async ({ store, query: q }) => {
    const { ctx, scope } = await scoped(store, q);
    return { scope, result: rank(ctx, { by: 'composite', top: q.top ?? 20, contacts: 3 }) };
  }),
  defineRoute(api.scopedKeyPlayers, async ({ store, query: q }) => {
    const { ctx, scope } = await scoped(store, q);
    return { scope, result: keyPlayers(ctx, { k: Math.min(q.k ?? 5, Math.max(1, ctx.undirected.n - 1)) }) };
  }),
  defineRoute(api.scopedCommunities, async ({ store, query: q }) => {
    const { ctx, scope } = await scoped(store, q);
    return { scope, result: communities(ctx, { top: q.top ?? 20, members: 5 }) };
  }),
  defineRoute(api.scopedWindows, async ({ store, query: q }) => {
    const { ctx, scope } = await scoped(store, q);
    return { scope, result: await timeWindows(ctx, { unit: 'week', top: Math.min(q.top ?? 20, 20) }) };
  }),
  defineRoute(api.scopedDisrupt, async ({ store, query: q }) => {
    const whole = await wholeNetwork(store, q.level ?? 'account');
    const watch = [...(q.suppliers ? [{ name: 'suppliers', refs: q.suppliers }] : []), ...(q.port ? [{ name: 'port insiders', refs: q.port }] : [])];
    return scopedArrests(whole, { scope: q.scope, remove: q.remove, watch, brokers: q.brokers ?? 10 });
  }),
];
