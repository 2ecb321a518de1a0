/** The Timeline and Key players views' endpoints: activity over time, the week × hour matrix, communities, the disruption simulation. */
import { z } from 'zod';
import { ACTIVITY_UNITS } from '../../api/activity.js';
import { DISRUPT_STRATEGIES } from '../../api/graph-options.js';
import { NETWORK_LEVELS } from '../../api/network.js';
import { MAX_ARRESTS } from '../disruption.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { accountView, betweennessInfo, count, int } from './common.js';

/** Account series in one activity answer. */
export const MAX_ACTIVITY_SERIES = 12;
export const MAX_BLOCK = 200;
export const MAX_STEPS = 40;

const time = z.string().trim().min(1, { message: 'is empty' }).max(40, { message: 'is longer than 40 characters' });
export const term = z.string().trim().min(1, { message: 'is empty' }).max(300, { message: 'is longer than 300 characters' });
/** What the activity is of: accounts (repeatable), a conversation or a community (one of them), in a time window. */
const scopeShape = {
  account: z.array(term).max(MAX_ACTIVITY_SERIES, { message: `names more than ${MAX_ACTIVITY_SERIES} accounts` }).optional(),
  conversation: wholeNumber(1).optional(),
  community: wholeNumber(0, 10_000_000).optional(),
  after: time.optional(),
  before: time.optional(),
};
export const activityQuery = z.strictObject({ ...scopeShape, unit: z.enum(ACTIVITY_UNITS).optional() });

export const wireActivitySeries = z.strictObject({
  /** Account reference, `person:<id>`, `conversation:<id>`, `community:<id>` or `case`. */
  key: z.string(),
  /** What the series is (a display name from the seized phone: render as text). */
  label: z.string(),
  account: accountView.nullable(),
  /** A person's series: the person and the accounts it counts. */
  person: z.strictObject({ id: int, name: z.string(), accounts: z.array(accountView) }).optional(),
  /** Aligned with the answer's `buckets`. */
  messages: z.array(count),
  calls: z.array(count),
  totals: z.strictObject({ messages: count, calls: count }),
});

export const activity = endpoint({
  method: 'GET',
  path: '/activity',
  summary: 'Messages and calls per UTC day, ISO week or month: per account asked for (account=, repeatable; person:<id> for a person), else the conversation, the community or the whole case',
  query: activityQuery,
  response: z.strictObject({
    unit: z.enum(ACTIVITY_UNITS),
    /** The time axis: [start, end) of each bucket, UTC ms. */
    buckets: z.array(z.strictObject({ start: int, end: int })),
    series: z.array(wireActivitySeries),
    /** Set when a community was cut to its most active members. */
    note: z.string().nullable(),
  }),
});

export const activityHeat = endpoint({
  method: 'GET',
  path: '/activity/heat',
  summary: 'Messages and calls per day of week × hour (in a time zone, tz=IANA)',
  query: z.strictObject({ ...scopeShape, tz: z.string().trim().min(1).max(64, { message: 'is longer than 64 characters' }).optional() }),
  response: z.strictObject({
    timeZone: z.string(),
    /** cells[day][hour]; day 0 = Monday … 6 = Sunday. */
    cells: z.array(z.array(count)),
    max: count,
    total: count,
    label: z.string(),
  }),
});

const wireNode = z.strictObject({ key: z.string(), label: z.string() });

export const activityGroups = endpoint({
  method: 'GET',
  path: '/activity/groups',
  summary: 'Communities of the contact network (Leiden, seeded), largest first',
  query: z.strictObject({}),
  response: z.strictObject({ communities: z.array(z.strictObject({ id: int, size: count, members: z.array(wireNode) })) }),
});

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

export const disrupt = endpoint({
  method: 'POST',
  path: '/disrupt',
  summary: "The disruption simulation: the analyst's arrests ({remove}) or a comparison strategy ({strategy}), removed block by block",
  body: z.union([arrestsBody, strategyBody]),
  job: true,
  response: z.strictObject({
    level: z.enum(NETWORK_LEVELS),
    strategy: z.enum(['list', ...DISRUPT_STRATEGIES]),
    block: int,
    nodes: count,
    /** Terms of `remove` and the nodes each named. */
    arrests: z.array(z.strictObject({ term: z.string(), nodes: z.array(wireNode) })),
    /** Terms of `remove` that name no account with contacts (left out of the simulation). */
    unresolved: z.array(z.strictObject({ term: z.string(), reason: z.string() })),
    betweenness: betweennessInfo.nullable(),
    efficiencySamples: count.nullable(),
    steps: z.array(
      z.strictObject({
        /** 0 = the intact network. */
        step: int,
        removed: z.array(wireNode),
        removedTotal: count,
        lccShare: z.number(),
        lccSize: count,
        components: count,
        efficiency: z.number().nullable(),
        efficiencyRelative: z.number().nullable(),
      }),
    ),
  }),
});
