/**
 * The disruption simulation the workspace runs (POST /api/disrupt): the analyst's arrests, or a
 * comparison strategy, on the contact network at a level. One implementation, run as a job in a
 * worker thread (job-tasks.ts `disrupt`): the betweenness comparison takes seconds on a big case.
 */
import { personOfTerm } from '../api/activity.js';
import { disrupt, type DisruptStrategy, type GraphContext, graphContext, resolveNodes } from '../api/graph.js';
import { loadCaseNetwork, type NetworkLevel } from '../api/network.js';
import type { GraphStore } from '../api/graph.js';
import { ClewError } from '../model/errors.js';
import type { DisruptResponse } from './wire/timeline.js';

/** Arrests in one simulation. */
export const MAX_ARRESTS = 200;

/**
 * Betweenness (the comparison strategy, recomputed after every block) is exact up to this many
 * nodes and estimated from DISRUPT_SAMPLES pivots above, and so is global efficiency: an answer
 * within seconds on a big case (exact betweenness on 7,600 nodes took 9 s per block). Answers say so.
 */
export const DISRUPT_EXACT_MAX_NODES = 2_000;
export const DISRUPT_SAMPLES = 256;

/** A validated POST /api/disrupt body (routes/timeline.ts parses it). */
export type DisruptBody =
  | { remove: string[]; block?: number; level?: NetworkLevel }
  | { strategy: DisruptStrategy; block?: number; steps?: number; level?: NetworkLevel };

/** The contact network at a level, ready for the simulation (sampling as above). */
export async function disruptionContext(store: GraphStore, level: NetworkLevel = 'account'): Promise<GraphContext> {
  return graphContext(await loadCaseNetwork(store, { level }), store, { exactMaxNodes: DISRUPT_EXACT_MAX_NODES, samples: DISRUPT_SAMPLES });
}

/**
 * The nodes an arrest names: at person level a person (`person:<id>`) or any of its accounts
 * names the person's node; at account level `person:<id or name>` names all its accounts (an
 * arrested person's handles all go).
 */
async function arrestNodes(store: GraphStore, ctx: GraphContext, level: NetworkLevel, t: string): Promise<number[]> {
  const person = await personOfTerm(store, t);
  if (!person) return resolveNodes(ctx, t);
  if (level === 'person') return resolveNodes(ctx, `person:${person.id}`);
  const found = new Set<number>();
  for (const a of person.accounts) {
    try {
      for (const v of await resolveNodes(ctx, a.ref)) found.add(v);
    } catch (e) {
      if (!(e instanceof ClewError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  if (found.size === 0) throw new ClewError('NOT_FOUND', `person "${t.slice(0, 80)}" has no contacts in the network`, { person: t.slice(0, 80) });
  return [...found].sort((a, b) => a - b);
}

/** The simulation on `ctx` (the network at `body.level`); `onProgress` after each block. */
export async function computeDisruption(store: GraphStore, ctx: GraphContext, body: DisruptBody, onProgress?: (done: number, total: number) => void): Promise<DisruptResponse> {
  const level = body.level ?? 'account';
  const arrests: DisruptResponse['arrests'] = [];
  const unresolved: DisruptResponse['unresolved'] = [];
  let r;
  if ('remove' in body) {
    const keys: string[] = [];
    for (const t of [...new Set(body.remove)]) {
      try {
        const nodes = (await arrestNodes(store, ctx, level, t)).map((v) => ({ key: ctx.net.keys[v]!, label: ctx.net.labels[v]! }));
        arrests.push({ term: t, nodes });
        for (const n of nodes) if (!keys.includes(n.key)) keys.push(n.key);
      } catch (e) {
        if (!(e instanceof ClewError && (e.code === 'NOT_FOUND' || e.code === 'INVALID_ARGUMENT'))) throw e;
        unresolved.push({ term: t, reason: e.message });
      }
    }
    if (keys.length === 0) throw new ClewError('NOT_FOUND', unresolved[0]?.reason ?? 'nothing to remove', { parameter: 'remove' });
    if (keys.length > MAX_ARRESTS) throw new ClewError('INVALID_ARGUMENT', `the names given match more than ${MAX_ARRESTS} accounts`, { parameter: 'remove' });
    r = await disrupt(ctx, { remove: keys, block: body.block, onProgress });
  } else {
    r = await disrupt(ctx, { strategy: body.strategy, block: body.block, steps: body.steps ?? 5, onProgress });
  }
  const b = r.betweenness;
  return {
    level,
    strategy: r.strategy,
    block: r.block,
    nodes: r.nodes,
    arrests,
    unresolved,
    betweenness: b ? { sampled: b.sampled, samples: b.samples, errorBound: b.errorBound, confidence: b.confidence } : null,
    efficiencySamples: r.efficiencySamples,
    steps: r.steps.map((s) => ({
      step: s.step,
      removed: s.removed.map((n) => ({ key: n.key, label: n.label })),
      removedTotal: s.removedTotal,
      lccShare: s.lccShare,
      lccSize: s.lccSize,
      components: s.components,
      efficiency: s.efficiency,
      efficiencyRelative: s.efficiencyRelative,
    })),
  };
}

/** A canonical cache key for a body (same simulation, same key). */
export function disruptCacheKey(body: DisruptBody): string {
  const level = body.level ?? 'account';
  const rest = 'remove' in body ? { remove: [...new Set(body.remove)], block: body.block ?? null } : { strategy: body.strategy, block: body.block ?? null, steps: body.steps ?? 5 };
  return `disrupt:${level}:${JSON.stringify(rest)}`;
}
