/**
 * Activity over time for the timeline: messages and calls per day, ISO week or calendar month
 * (all in UTC), for the whole case, one account, a set of accounts or a conversation, and a
 * day-of-week × hour matrix in UTC or in a chosen IANA time zone.
 *
 * The store counts per UTC day or hour (CaseStore.activity); this file folds those into the
 * asked unit and fills the empty buckets, so a chart's axis is continuous. Duplicates (the same
 * message seen on two phones) are never counted. Counts are exact: each figure is a count of
 * message and call records in that bucket, and the Search view lists those messages with
 * `after:` / `before:` (and `from:`) filters.
 */
import { ClewError } from '../model/errors.js';
import type { AccountView, ActivityCounts, ActivityPort, IdentityPort, PersonView, SearchPort } from '../store/types.js';
import { resolvePerson } from './dossier.js';
import { refIndex, type RefIndex, resolveSubjectAccountsOf } from './resolve.js';

export const ACTIVITY_UNITS = ['day', 'week', 'month'] as const;
export type ActivityUnit = (typeof ACTIVITY_UNITS)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday; ISO weeks start on Monday, 1970-01-05. */
const MONDAY0 = 4 * DAY_MS;
/** More buckets than this means the unit is too fine for the range. */
export const MAX_BUCKETS = 20_000;
/** Accounts in one activity request (a community of more is cut to its most active members). */
export const MAX_ACTIVITY_ACCOUNTS = 2_000;

const invalid = (message: string, details: Record<string, string | number> = {}) => new ClewError('INVALID_ARGUMENT', message, details);

export interface ActivityScope {
  /**
   * Account terms (reference, handle or display name, or `person:<id or name>` for all of a
   * person's accounts): what any of them sent or received.
   */
  accounts?: string[];
  /** A conversation (store id): its messages. */
  conversation?: number;
  /** [after, before) in UTC ms. */
  after?: number;
  before?: number;
}

export interface ActivityBucket {
  /** [start, end) in UTC ms. */
  start: number;
  end: number;
  messages: number;
  calls: number;
}

export interface ActivityResult {
  unit: ActivityUnit;
  accounts: AccountView[];
  conversation: number | null;
  buckets: ActivityBucket[];
  totals: { messages: number; calls: number };
}

/**
 * The person a `person:<id>`, `person:#<id>`, `person:Name` or `person:"Name"` term names
 * (identity resolution), null for any other term; NOT_FOUND for an unknown person.
 */
export async function personOfTerm(store: IdentityPort, term: string): Promise<PersonView | null> {
  const m = /^person:\s*(.*)$/is.exec(term.trim());
  if (!m) return null;
  let name = m[1]!.trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).trim();
  return resolvePerson(store, name);
}

/**
 * Every account the terms name (the one resolver, src/api/resolve.ts: a `person:` term, or a
 * name naming one person, names all of the person's accounts; an ambiguous name is AMBIGUOUS_REF).
 */
export async function resolveActivityAccounts(store: SearchPort & IdentityPort, terms: string[]): Promise<AccountView[]> {
  const out = new Map<number, AccountView>();
  let index: RefIndex | undefined;
  for (const raw of terms) {
    const t = raw.trim();
    if (t === '') throw invalid('empty account name');
    // one resolver: a name two accounts share is refused with its candidates, never summed
    for (const a of await resolveSubjectAccountsOf(store, t, (index ??= await refIndex(store)))) out.set(a.id, a);
  }
  if (out.size > MAX_ACTIVITY_ACCOUNTS) throw invalid(`more than ${MAX_ACTIVITY_ACCOUNTS} accounts`, { accounts: out.size });
  return [...out.values()];
}

function counts(store: ActivityPort, scope: ActivityScope, accounts: AccountView[] | null, bucketMs: number): Promise<ActivityCounts> {
  if (scope.after !== undefined && scope.before !== undefined && scope.after >= scope.before) throw invalid('after must be earlier than before');
  return store.activity({
    bucketMs,
    after: scope.after,
    before: scope.before,
    ...(accounts ? { accounts: accounts.map((a) => a.id) } : {}),
    ...(scope.conversation !== undefined ? { conversation: scope.conversation } : {}),
  });
}

/** Start of the unit holding `t` (UTC), and the start of the next one. */
export function unitStart(unit: ActivityUnit, t: number): number {
  if (unit === 'day') return Math.floor(t / DAY_MS) * DAY_MS;
  if (unit === 'week') return Math.floor((t - MONDAY0) / (7 * DAY_MS)) * 7 * DAY_MS + MONDAY0;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextUnit(unit: ActivityUnit, start: number): number {
  if (unit === 'day') return start + DAY_MS;
  if (unit === 'week') return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Messages and calls per unit over the scope, from the first to the last active unit (or the
 * asked range), empty units included. `accounts` already resolved (see resolveActivityAccounts),
 * or pass `scope.accounts` terms.
 */
export async function activity(store: ActivityPort & SearchPort & IdentityPort, opts: ActivityScope & { unit: ActivityUnit; resolved?: AccountView[] }): Promise<ActivityResult> {
  const { unit } = opts;
  if (!(ACTIVITY_UNITS as readonly string[]).includes(unit)) throw invalid(`unknown unit "${String(unit).slice(0, 20)}" (use ${ACTIVITY_UNITS.join(', ')})`);
  if (opts.conversation !== undefined && (opts.accounts?.length || opts.resolved?.length)) throw invalid('activity is per conversation or per accounts, not both');
  const accounts = opts.resolved ?? (opts.accounts?.length ? await resolveActivityAccounts(store, opts.accounts) : null);
  const c = await counts(store, opts, accounts, DAY_MS);
  const byUnit = new Map<number, { messages: number; calls: number }>();
  const put = (pairs: [number, number][], k: 'messages' | 'calls') => {
    for (const [day, n] of pairs) {
      const s = unitStart(unit, day * DAY_MS);
      let b = byUnit.get(s);
      if (!b) byUnit.set(s, (b = { messages: 0, calls: 0 }));
      b[k] += n;
    }
  };
  put(c.messages, 'messages');
  put(c.calls, 'calls');
  const starts = [...byUnit.keys()];
  const buckets: ActivityBucket[] = [];
  const totals = { messages: 0, calls: 0 };
  if (starts.length > 0 || (opts.after !== undefined && opts.before !== undefined)) {
    const first = opts.after !== undefined ? unitStart(unit, opts.after) : Math.min(...starts);
    const last = opts.before !== undefined ? unitStart(unit, opts.before - 1) : Math.max(...starts);
    let n = 0;
    for (let s = first; s <= last; s = nextUnit(unit, s)) {
      if (++n > MAX_BUCKETS) throw invalid(`more than ${MAX_BUCKETS} ${unit}s in the range; use a coarser unit or a shorter range`, { unit });
      const b = byUnit.get(s) ?? { messages: 0, calls: 0 };
      totals.messages += b.messages;
      totals.calls += b.calls;
      buckets.push({ start: s, end: nextUnit(unit, s), messages: b.messages, calls: b.calls });
    }
  }
  return { unit, accounts: accounts ?? [], conversation: opts.conversation ?? null, buckets, totals };
}

// ------------------------------------------------------------------ day-of-week × hour

export interface HeatResult {
  /** 'UTC' or the IANA zone asked for. */
  timeZone: string;
  /** cells[day][hour]: messages + calls; day 0 = Monday … 6 = Sunday, hour 0..23 local to `timeZone`. */
  cells: number[][];
  max: number;
  total: number;
  accounts: AccountView[];
  conversation: number | null;
}

/** A checked IANA zone name, or INVALID_ARGUMENT. */
export function checkTimeZone(tz: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) throw invalid('time zone must be an IANA name like Europe/Belgrade', { timeZone: tz.slice(0, 64) });
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz;
  } catch {
    throw invalid(`unknown time zone "${tz.slice(0, 64)}"`, { timeZone: tz.slice(0, 64) });
  }
}

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/**
 * (day-of-week, hour) of the UTC hour starting at `t`, in the zone. Zones with a half-hour offset
 * put the whole UTC hour in the local hour where it starts.
 */
function localSlot(fmt: Intl.DateTimeFormat, t: number): [number, number] {
  let wd = 0;
  let h = 0;
  for (const p of fmt.formatToParts(t)) {
    if (p.type === 'weekday') wd = WEEKDAY[p.value] ?? 0;
    else if (p.type === 'hour') h = Number(p.value) % 24;
  }
  return [wd, h];
}

export async function activityHeat(store: ActivityPort & SearchPort & IdentityPort, opts: ActivityScope & { timeZone?: string; resolved?: AccountView[] }): Promise<HeatResult> {
  if (opts.conversation !== undefined && (opts.accounts?.length || opts.resolved?.length)) throw invalid('activity is per conversation or per accounts, not both');
  const timeZone = opts.timeZone && opts.timeZone !== 'UTC' ? checkTimeZone(opts.timeZone) : 'UTC';
  const accounts = opts.resolved ?? (opts.accounts?.length ? await resolveActivityAccounts(store, opts.accounts) : null);
  const c = await counts(store, opts, accounts, HOUR_MS);
  const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const fmt = timeZone === 'UTC' ? null : new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  let total = 0;
  for (const pairs of [c.messages, c.calls]) {
    for (const [hour, n] of pairs) {
      // 1970-01-01 00:00 UTC was a Thursday (day 3 counting from Monday)
      const [d, h] = fmt ? localSlot(fmt, hour * HOUR_MS) : [(Math.floor(hour / 24) + 3) % 7, hour % 24];
      cells[d]![h]! += n;
      total += n;
    }
  }
  let max = 0;
  for (const row of cells) for (const x of row) if (x > max) max = x;
  return { timeZone, cells, max, total, accounts: accounts ?? [], conversation: opts.conversation ?? null };
}
