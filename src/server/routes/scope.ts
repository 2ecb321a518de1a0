/**
 * Scoped analytics for the workspace (issue 17 part 3): the key-player ranking, key-player set,
 * communities, time windows and arrests on a part of the network named by `scope=SPEC`
 * (community:REF, ego:REF[,REF…][:K], window:FROM..TO, persons; tag:NAME is refused until tags
 * exist). REFs go through the one name resolver: an ambiguous one is 409 AMBIGUOUS_REF with the
 * choices. Every answer states the scope and its size. The whole network a scope is cut from is
 * kept per level in the case's state; the scope itself is computed per request (it is small).
 */
import { z } from 'zod';
import { communities, graphContext, keyPlayers, rank } from '../../api/graph.js';
import { MAX_SCOPE_LENGTH, scopedArrests, scopedContext } from '../../api/graph-scope.js';
import { timeWindows } from '../../api/graph-windows.js';
import { loadCaseNetwork, NETWORK_LEVELS, type NetworkLevel } from '../../api/network.js';
import type { CaseStore } from '../../api/types.js';
import { caseState } from '../case-state.js';

import type { Route } from '../route.js';
import type { ScopedDisruptResponse, ScopedRankResponse } from '../wire/scope.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';

const scope = z.string().trim().min(1, { message: 'is empty' }).max(MAX_SCOPE_LENGTH, { message: `is longer than ${MAX_SCOPE_LENGTH} characters` });
const refs = z
  .string()
  .max(4000, { message: 'is longer than 4000 characters' })
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
  .refine((l) => l.length >= 1 && l.length <= 200, { message: 'names 1 to 200 accounts or persons, comma-separated' });
const base = { scope, level: z.enum(NETWORK_LEVELS).optional() };
const analysisQuery = z.strictObject({ ...base, top: wholeNumber(1, 200).optional(), k: wholeNumber(1, 50).optional() });
const disruptQuery = z.strictObject({ ...base, remove: refs, suppliers: refs.optional(), port: refs.optional(), brokers: wholeNumber(0, 50).optional() });

/** The whole contact network at a level, kept for the case's generation. */
function wholeNetwork(store: CaseStore, level: NetworkLevel) {
  const filter = { level } as const;
  return caseState(store).cached('scope-whole', level, async () => graphContext(await loadCaseNetwork(store, filter), store, {}, filter), 2);
}

export const SCOPE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/scoped\/(rank|keyplayers|communities|windows)$/,
    async handle({ store, params, query }) {
      const q = parseInput(analysisQuery, queryObject(query));
      const whole = await wholeNetwork(store, q.level ?? 'account');
      const { ctx, scope: info } = await scopedContext(whole, q.scope);
      const top = q.top ?? 20;
      switch (params[0]) {
        case 'rank':
          return { scope: info, result: rank(ctx, { by: 'composite', top, contacts: 3 }) } satisfies ScopedRankResponse;
        case 'keyplayers':
          return { scope: info, result: keyPlayers(ctx, { k: Math.min(q.k ?? 5, Math.max(1, ctx.undirected.n - 1)) }) };
        case 'communities':
          return { scope: info, result: communities(ctx, { top, members: 5 }) };
        default:
          return { scope: info, result: await timeWindows(ctx, { unit: 'week', top: Math.min(top, 20) }) };
      }
    },
  },
  {
    method: 'GET',
    pattern: /^\/scoped\/disrupt$/,
    async handle({ store, query }) {
      const q = parseInput(disruptQuery, queryObject(query));
      const whole = await wholeNetwork(store, q.level ?? 'account');
      const watch = [...(q.suppliers ? [{ name: 'suppliers', refs: q.suppliers }] : []), ...(q.port ? [{ name: 'port insiders', refs: q.port }] : [])];
      const r: ScopedDisruptResponse = await scopedArrests(whole, { scope: q.scope, remove: q.remove, watch, brokers: q.brokers ?? 10 });
      return r;
    },
  },
];
