/**
 * The Timeline and Key players views' endpoints: activity over time (per account, conversation,
 * community or the whole case), the day-of-week × hour matrix, the communities to pick from, and
 * the disruption simulation (the analyst's arrests, or a comparison strategy).
 *
 * The contact network (for communities) takes seconds to load on a big case: it is built once
 * in the case's state (case-state.ts: any change to the case makes it stale)
 * and kept. The disruption simulation runs as a job (routes/jobs.ts disruptViaJob, disruption.ts).
 */
import { z } from 'zod';
import { activity, activityHeat, ACTIVITY_UNITS, MAX_ACTIVITY_ACCOUNTS, nextUnit, personOfTerm, resolveActivityAccounts, type ActivityResult } from '../../api/activity.js';
import { communities, DISRUPT_STRATEGIES, type GraphContext, parseTimeBound, type CommunitiesResult } from '../../api/graph.js';
import { NETWORK_LEVELS, type NetworkLevel } from '../../api/network.js';
import type { AccountView, CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { type DisruptBody, disruptionContext, MAX_ARRESTS } from '../disruption.js';
import { caseState } from '../case-state.js';
import type { Reply } from '../jobs.js';
import type { Route } from '../route.js';
import { disruptViaJob } from './jobs.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { ActivityGroupsResponse, ActivityHeatResponse, ActivityResponse, DisruptResponse, WireActivitySeries } from '../wire/timeline.js';

/** Account series in one activity answer. */
export const MAX_ACTIVITY_SERIES = 12;
/** Arrests in one simulation (disruption.ts); blocks and steps of a strategy. */
export { MAX_ARRESTS };
export const MAX_BLOCK = 200;
export const MAX_STEPS = 40;
/** Communities listed to pick from. */
const GROUPS_LISTED = 30;

const time = z.string().trim().min(1, { message: 'is empty' }).max(40, { message: 'is longer than 40 characters' });
const term = z.string().trim().min(1, { message: 'is empty' }).max(300, { message: 'is longer than 300 characters' });
const scopeShape = {
  conversation: wholeNumber(1).optional(),
  community: wholeNumber(0, 10_000_000).optional(),
  after: time.optional(),
  before: time.optional(),
};
const activityQuery = z.strictObject({ ...scopeShape, unit: z.enum(ACTIVITY_UNITS).optional() });
const heatQuery = z.strictObject({ ...scopeShape, tz: z.string().trim().min(1).max(64, { message: 'is longer than 64 characters' }).optional() });

const arrestsBody = z.strictObject({
  remove: z.array(term).min(1, { message: 'is empty: select at least one person' }).max(MAX_ARRESTS, { message: `holds more than ${MAX_ARRESTS} people` }),
  block: z.number().int().min(1).max(MAX_BLOCK).optional(),
  level: z.enum(NETWORK_LEVELS).optional(),
});
const strategyBody = z.strictObject({
  strategy: z.enum(DISRUPT_STRATEGIES),
  block: z.number().int().min(1).max(MAX_BLOCK).optional(),
  steps: z.number().int().min(1).max(MAX_STEPS).optional(),
  level: z.enum(NETWORK_LEVELS).optional(),
});

/** `{ remove }` or `{ strategy }`: told apart by the key, so a mistake gets that shape's message. */
function parseDisruptBody(body: unknown): DisruptBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ClewError('INVALID_ARGUMENT', 'the body must be a JSON object { remove: [...] } or { strategy, block, steps }', { parameter: 'body' });
  return 'remove' in body ? parseInput(arrestsBody, body) : parseInput(strategyBody, body);
}

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

/** The query minus the repeatable `account`, validated; accounts capped. */
function scopeOf<S extends z.ZodType>(schema: S, query: URLSearchParams): { q: z.output<S>; accounts: string[] } {
  const rest = new URLSearchParams();
  const accounts: string[] = [];
  for (const [k, v] of query) {
    if (k === 'account') accounts.push(parseInput(term, v));
    else rest.append(k, v);
  }
  if (accounts.length > MAX_ACTIVITY_SERIES) throw new ClewError('INVALID_ARGUMENT', `more than ${MAX_ACTIVITY_SERIES} accounts`, { parameter: 'account' });
  return { q: parseInput(schema, queryObject(rest)), accounts: [...new Set(accounts)] };
}

function boundsOf(q: { after?: string; before?: string; conversation?: number; community?: number }, accounts: string[]): Scope {
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
export async function activityAnswer(store: CaseStore, query: URLSearchParams): Promise<ActivityResponse> {
  const { q, accounts } = scopeOf(activityQuery, query);
  const s = boundsOf(q, accounts);
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
  {
    method: 'GET',
    pattern: /^\/activity$/,
    handle: ({ store, query }): Promise<ActivityResponse> => activityAnswer(store, query),
  },
  {
    method: 'GET',
    pattern: /^\/activity\/heat$/,
    async handle({ store, query }): Promise<ActivityHeatResponse> {
      const { q, accounts } = scopeOf(heatQuery, query);
      const s = boundsOf(q, accounts);
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
    },
  },
  {
    method: 'GET',
    pattern: /^\/activity\/groups$/,
    async handle({ store, query }): Promise<ActivityGroupsResponse> {
      parseInput(z.strictObject({}), queryObject(query));
      const { result } = await caseCommunities(store);
      return {
        communities: result.communities
          .filter((c) => c.size > 1)
          .slice(0, GROUPS_LISTED)
          .map((c) => ({ id: c.id, size: c.size, members: c.members.slice(0, 5).map((m) => ({ key: m.key, label: m.label })) })),
      };
    },
  },
  {
    method: 'POST',
    pattern: /^\/disrupt$/,
    // 202 + the job while it computes in a worker thread (the client polls, then posts again)
    async handle({ store, body }): Promise<Promise<DisruptResponse | Reply>> {
      return disruptViaJob(store, parseDisruptBody(body));
    },
  },
];
