/**
 * The Timeline and Key players views' endpoints: activity over time (per account, conversation,
 * community or the whole case), the day-of-week × hour matrix, the communities to pick from, and
 * the disruption simulation (the analyst's arrests, or a comparison strategy).
 *
 * The contact network (for communities) takes seconds to load on a big case: it is built once
 * in the case's state (case-state.ts: any change to the case makes it stale)
 * and kept. The disruption simulation runs as a job (routes/jobs.ts disruptViaJob, disruption.ts).
 */
import type { z } from 'zod';
import { activity, activityHeat, MAX_ACTIVITY_ACCOUNTS, nextUnit, personOfTerm, resolveActivityAccounts, type ActivityResult } from '../../api/activity.js';
import { communities, type GraphContext, parseTimeBound, type CommunitiesResult } from '../../api/graph.js';
import type { NetworkLevel } from '../../api/network.js';
import type { AccountView, CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { disruptionContext, MAX_ARRESTS } from '../disruption.js';
import { caseState } from '../case-state.js';
import * as api from '../contract/timeline.js';
import { MAX_ACTIVITY_SERIES, MAX_BLOCK, MAX_STEPS } from '../contract/timeline.js';
import { defineRoute, type Route } from '../route.js';
import { disruptViaJob } from './jobs.js';
import type { ActivityResponse, WireActivitySeries } from '../wire/timeline.js';

/** Account series in one activity answer; arrests in one simulation (disruption.ts); blocks and steps of a strategy. */
export { MAX_ACTIVITY_SERIES, MAX_ARRESTS, MAX_BLOCK, MAX_STEPS };
/** Communities listed to pick from. */
const GROUPS_LISTED = 30;

// ---------------------------------------------------------------- the network, once per store

interface Loaded {
  ctx: GraphContext;
  communities?: CommunitiesResult;
}

/**
 * The contact network of the open case at a level (person level: a person's accounts are one
 * node), kept until the case changes (case-state.ts).
 */
function network(store: CaseStore, level: NetworkLevel = 'account'): Promise<Loaded> {
  return caseState(store).cached('timeline:network', level, async (): Promise<Loaded> => ({ ctx: await disruptionContext(store, level) }));
}

/** Communities (Leiden, seeded) with every member, most active first. */
async function caseCommunities(store: CaseStore): Promise<{ ctx: GraphContext; result: CommunitiesResult }> {
  const l = await network(store);
  l.communities ??= communities(l.ctx, { top: 1_000_000, members: 1_000_000 });
  return { ctx: l.ctx, result: l.communities };
}

async function communityAccounts(store: CaseStore, id: number): Promise<{ accounts: AccountView[]; size: number }> {
  const { ctx, result } = await caseCommunities(store);
  const c = result.communities.find((x) => x.id === id);
  if (!c) throw new ClewError('NOT_FOUND', `no community ${id} in the contact network`, { community: id });
  const index = new Map(ctx.net.keys.map((k, i) => [k, i]));
  const accounts = c.members
    .slice(0, MAX_ACTIVITY_ACCOUNTS)
    .map((m) => ctx.net.accounts[index.get(m.key) ?? -1])
    .filter((a): a is AccountView => a !== null && a !== undefined);
  return { accounts, size: c.size };
}

// ---------------------------------------------------------------- activity

interface Scope {
  after?: number;
  before?: number;
  conversation?: number;
  community?: number;
  accounts: string[];
}

function boundsOf(q: { account?: string[]; after?: string; before?: string; conversation?: number; community?: number }): Scope {
  const accounts = [...new Set(q.account ?? [])];
  const s: Scope = { accounts };
  if (q.after !== undefined) s.after = parseTimeBound(q.after, 'after');
  if (q.before !== undefined) s.before = parseTimeBound(q.before, 'before');
  if (s.after !== undefined && s.before !== undefined && s.after >= s.before) throw new ClewError('INVALID_ARGUMENT', 'after must be earlier than before', { parameter: 'after' });
  const scopes = (accounts.length ? 1 : 0) + (q.conversation !== undefined ? 1 : 0) + (q.community !== undefined ? 1 : 0);
  if (scopes > 1) throw new ClewError('INVALID_ARGUMENT', 'give accounts, a conversation or a community, not several', { parameter: 'conversation' });
  if (q.conversation !== undefined) s.conversation = q.conversation;
  if (q.community !== undefined) s.community = q.community;
  return s;
}

const accountLabel = (a: AccountView) => a.displayName || a.handle || a.ref;

/** Series on one common axis from the first to the last active unit (or the asked range). */
function aligned(
  unit: ActivityResult['unit'],
  parts: { key: string; label: string; account: AccountView | null; person?: WireActivitySeries['person']; r: ActivityResult }[],
): Pick<ActivityResponse, 'buckets' | 'series'> {
  let first = Infinity;
  let last = -Infinity;
  for (const p of parts) {
    if (p.r.buckets.length === 0) continue;
    first = Math.min(first, p.r.buckets[0]!.start);
    last = Math.max(last, p.r.buckets[p.r.buckets.length - 1]!.start);
  }
  const buckets: { start: number; end: number }[] = [];
  if (Number.isFinite(first)) for (let s = first; s <= last; s = nextUnit(unit, s)) buckets.push({ start: s, end: nextUnit(unit, s) });
  const pos = new Map(buckets.map((b, i) => [b.start, i]));
  const series: WireActivitySeries[] = parts.map((p) => {
    const messages = new Array<number>(buckets.length).fill(0);
    const calls = new Array<number>(buckets.length).fill(0);
    for (const b of p.r.buckets) {
      const i = pos.get(b.start)!;
      messages[i] = b.messages;
      calls[i] = b.calls;
    }
    return { key: p.key, label: p.label, account: p.account, ...(p.person ? { person: p.person } : {}), messages, calls, totals: p.r.totals };
  });
  return { buckets, series };
}

/** GET /api/activity's answer for a query (the Timeline view, and its CSV). */
export async function activityAnswer(store: CaseStore, q: z.output<typeof api.activityQuery>): Promise<ActivityResponse> {
  const s = boundsOf(q);
  const unit = q.unit ?? 'day';
  const range = { unit, after: s.after, before: s.before };
  let note: string | null = null;
  let parts: Parameters<typeof aligned>[1];
  if (s.accounts.length > 0) {
    parts = [];
    for (const t of s.accounts) {
      const person = await personOfTerm(store, t);
      if (person) {
        // a person: one series over all its accounts
        const label = `${person.name} (${person.accounts.length} account${person.accounts.length === 1 ? '' : 's'})`;
        parts.push({ key: `person:${person.id}`, label, account: null, person: { id: person.id, name: person.name, accounts: person.accounts }, r: await activity(store, { ...range, resolved: person.accounts }) });
        continue;
      }
      const resolved = await resolveActivityAccounts(store, [t]);
      const one = resolved.length === 1 ? resolved[0]! : null;
      parts.push({ key: one ? one.ref : t, label: one ? accountLabel(one) : `${t} (${resolved.length} accounts)`, account: one, r: await activity(store, { ...range, resolved }) });
    }
  } else if (s.conversation !== undefined) {
    parts = [{ key: `conversation:${s.conversation}`, label: `Conversation ${s.conversation}`, account: null, r: await activity(store, { ...range, conversation: s.conversation }) }];
  } else if (s.community !== undefined) {
    const c = await communityAccounts(store, s.community);
    if (c.accounts.length < c.size) note = `community ${s.community} has ${c.size} members: counted for its ${c.accounts.length} most active`;
    parts = [{ key: `community:${s.community}`, label: `Community ${s.community} (${c.size} members)`, account: null, r: await activity(store, { ...range, resolved: c.accounts }) }];
  } else {
    parts = [{ key: 'case', label: 'Whole case', account: null, r: await activity(store, range) }];
  }
  return { unit, ...aligned(unit, parts), note };
}

export const TIMELINE_ROUTES: Route[] = [
  defineRoute(api.activity, ({ store, query }) => activityAnswer(store, query)),
  defineRoute(api.activityHeat, async ({ store, query: q }) => {
      const s = boundsOf(q);
      const base = { after: s.after, before: s.before, timeZone: q.tz };
      let label = 'Whole case';
      let h;
      if (s.accounts.length > 0) {
        const resolved = await resolveActivityAccounts(store, s.accounts);
        const names: string[] = [];
        for (const t of s.accounts) {
          const person = await personOfTerm(store, t);
          names.push(...(person ? [person.name] : (await resolveActivityAccounts(store, [t])).map(accountLabel)));
        }
        label = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
        h = await activityHeat(store, { ...base, resolved });
      } else if (s.conversation !== undefined) {
        label = `Conversation ${s.conversation}`;
        h = await activityHeat(store, { ...base, conversation: s.conversation });
      } else if (s.community !== undefined) {
        const c = await communityAccounts(store, s.community);
        label = `Community ${s.community}`;
        h = await activityHeat(store, { ...base, resolved: c.accounts });
      } else h = await activityHeat(store, base);
      return { timeZone: h.timeZone, cells: h.cells, max: h.max, total: h.total, label };
  }),
  defineRoute(api.activityGroups, async ({ store }) => {
      const { result } = await caseCommunities(store);
      return {
        communities: result.communities
          .filter((c) => c.size > 1)
          .slice(0, GROUPS_LISTED)
          .map((c) => ({ id: c.id, size: c.size, members: c.members.slice(0, 5).map((m) => ({ key: m.key, label: m.label })) })),
      };
  }),
  // 202 + the job while it computes in a worker thread (the client polls, then posts again)
  defineRoute(api.disrupt, ({ store, body }) => disruptViaJob(store, body)),
];
