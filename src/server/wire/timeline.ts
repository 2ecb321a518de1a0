// Wire types of the timeline and disruption endpoints (see ../wire.ts).
import type { AccountView } from '../../api/types.js';

export type WireActivityUnit = 'day' | 'week' | 'month';

export interface WireActivityBucket {
  /** [start, end) in UTC ms. */
  start: number;
  end: number;
  messages: number;
  calls: number;
}

export interface WireActivitySeries {
  /** Account reference, `person:<id>`, `conversation:<id>`, `community:<id>` or `case`. */
  key: string;
  /** What the series is (a display name from the seized phone: render as text). */
  label: string;
  /** The account, for a per-account series. */
  account: AccountView | null;
  /** A person's series (`account=person:<id>`): the person and the accounts it counts. */
  person?: { id: number; name: string; accounts: AccountView[] };
  /** Aligned with `ActivityResponse.buckets` (same length, same order). */
  messages: number[];
  calls: number[];
  totals: { messages: number; calls: number };
}

/**
 * GET /api/activity?unit=day|week|month&account=REF (repeatable)&conversation=ID&community=ID&after=&before=
 * Messages and calls per UTC day, ISO week (Monday) or calendar month; one series per account
 * asked for (`account=person:<id>`: one series over all the person's accounts), else one for the
 * conversation, the community or the whole case. Duplicates are
 * left out. Calls have no conversation (0 for a conversation).
 */
export interface ActivityResponse {
  unit: WireActivityUnit;
  /** The time axis: [start, end) of each bucket, UTC ms. */
  buckets: { start: number; end: number }[];
  series: WireActivitySeries[];
  /** Set when a community was cut to its most active members. */
  note: string | null;
}

/** GET /api/activity/heat?…&tz=IANA : messages + calls per day of week × hour. */
export interface ActivityHeatResponse {
  /** 'UTC' unless a zone was asked for. */
  timeZone: string;
  /** cells[day][hour]; day 0 = Monday … 6 = Sunday. */
  cells: number[][];
  max: number;
  total: number;
  label: string;
}

export interface WireCommunity {
  id: number;
  size: number;
  /** The most active members (label = display name or handle: render as text). */
  members: { key: string; label: string }[];
}

/** GET /api/activity/groups : communities of the contact network (Leiden, seeded), largest first. */
export interface ActivityGroupsResponse {
  communities: WireCommunity[];
}

export interface WireNode {
  key: string;
  label: string;
}

export interface WireDisruptStep {
  /** 0 = the intact network. */
  step: number;
  removed: WireNode[];
  removedTotal: number;
  /** Largest connected component / nodes of the intact network. */
  lccShare: number;
  lccSize: number;
  components: number;
  /** Global efficiency (exact up to 5,000 nodes, from pivots above); null when not computed. */
  efficiency: number | null;
  efficiencyRelative: number | null;
}

/**
 * POST /api/disrupt with `{ remove: string[], block?, level? }` (the analyst's arrests, by reference,
 * handle, name or `person:<id>`; removed in the order given, `block` per step, default all at once) or
 * `{ strategy, block?, steps?, level? }` (a comparison strategy; Cavallaro et al. 2020 = betweenness
 * recomputed after each block). `level`: `account` (default) or `person` (a person's accounts are
 * one node, removed together); at account level `person:<id>` removes all the person's accounts.
 */
export interface DisruptResponse {
  level: 'account' | 'person';
  strategy: 'list' | 'degree' | 'betweenness' | 'pagerank' | 'cavallaro';
  block: number;
  nodes: number;
  /** Terms of `remove` and the nodes each named. */
  arrests: { term: string; nodes: WireNode[] }[];
  /** Terms of `remove` that name no account with contacts (left out of the simulation). */
  unresolved: { term: string; reason: string }[];
  betweenness: { sampled: boolean; samples: number; errorBound: number; confidence: number } | null;
  efficiencySamples: number | null;
  steps: WireDisruptStep[];
}
