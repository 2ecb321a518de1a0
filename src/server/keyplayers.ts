/** The composite key-player ranking the workspace shows, computed from the case (no caching here). */
import { graphContext, rank, type RankResult } from '../api/graph.js';
import { loadCaseNetwork, type NetworkLevel } from '../api/network.js';
import type { GraphStore } from '../api/graph.js';
import type { WireKeyPlayer } from './wire.js';

/** The most key players one request may ask for; the ranking is computed once for this many. */
export const MAX_KEY_PLAYERS = 200;

/** The family of answers the ranking is kept under in the case's state (case-state.ts), keyed by its level. */
export const KEY_PLAYERS_FAMILY = 'keyplayers';

export interface KeyPlayerRanking {
  level: NetworkLevel;
  result: RankResult;
  rows: WireKeyPlayer[];
}

/**
 * The ranking at account level (one node per account) or person level (a person's merged
 * accounts are one node `person:<id>`, measured as one; unmerged accounts stand for themselves).
 */
export async function computeKeyPlayerRanking(
  store: GraphStore,
  step: (phase: string, done: number, total: number) => void = () => {},
  level: NetworkLevel = 'account',
): Promise<KeyPlayerRanking> {
  step('loading the network', 0, 3);
  const net = await loadCaseNetwork(store, { level });
  step('building the graph', 1, 3);
  const ctx = graphContext(net, store);
  step('ranking (PageRank, betweenness, degree, eigenvector)', 2, 3);
  const result = rank(ctx, { by: 'composite', top: MAX_KEY_PLAYERS, contacts: 3 });
  const index = new Map(ctx.net.keys.map((k, i) => [k, i]));
  const rows = result.rows.map((r): WireKeyPlayer => {
    const i = index.get(r.key) ?? -1;
    const members = ctx.net.members?.[i] ?? null;
    return {
      position: r.position,
      key: r.key,
      label: r.label,
      account: ctx.net.accounts[i] ?? null,
      ...(members ? { members } : {}),
      score: r.score,
      measures: r.measures ?? {},
      contacts: r.contacts.map((c) => ({ key: c.key, label: c.label, messages: c.messages })),
    };
  });
  step('done', 3, 3);
  return { level, result, rows };
}
