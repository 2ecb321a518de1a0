/**
 * The map's typed API: points (places and coordinates in message text, location records) and
 * routes (places in the order a shipment thread mentions them). See docs/map.md.
 *
 * A shipment thread, honestly defined: a thread is a conversation, or the two accounts of a
 * one-to-one message outside any conversation. Its gazetteer place mentions, in time order (then
 * in their order in the message), are cut into episodes wherever two consecutive mentions are
 * more than `windowDays` apart. Within an episode, the stops are the places in the order they are
 * first named (consecutive repeats collapse; a place named again later is not a new stop). An
 * episode with at least two distinct places is a route. Episodes with the same stops in the same
 * order are one route, counted once per episode.
 */
import { ClewError } from '../model/errors.js';
import { LOCATION_KINDS } from '../model/records.js';
import type { GeoEvidence, GeoFilter, GeoKind, GeoPlaceMention, GeoPointRow, GeoPort, IdentityPort } from '../store/types.js';
import { personOfTerm } from './activity.js';

export type { GeoEvidence, GeoFilter, GeoKind, GeoPointRow } from '../store/types.js';

export const GEO_KINDS: readonly GeoKind[] = ['place', 'coordinate', ...LOCATION_KINDS];

const DAY = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 14;
export const MAX_POINTS = 5000;
export const MAX_EVIDENCE = 2000;
export const MAX_ROUTES = 500;
/** Stops kept per route: a longer episode is chatter about many places, not a route; it is cut here (and flagged). */
export const MAX_STOPS = 8;
/** Episodes (with their message ids) listed per route. */
export const MAX_EPISODES = 50;

export interface PlacesQuery extends GeoFilter {
  limit?: number;
  /** Records listed per point (newest first). */
  evidence?: number;
  /** Only this point (see GeoPointRow.key). */
  key?: string;
}

export interface PlacesResult {
  points: GeoPointRow[];
  /** True when more points matched than `limit`. */
  truncated: boolean;
}

function checkFilter(q: GeoFilter): void {
  if (q.after !== undefined && q.before !== undefined && q.after >= q.before) throw new ClewError('INVALID_ARGUMENT', '"after" must be before "before"');
  for (const k of q.kinds ?? []) if (!GEO_KINDS.includes(k)) throw new ClewError('INVALID_ARGUMENT', `unknown map point kind "${k}"; known: ${GEO_KINDS.join(', ')}`);
}

/**
 * The account references a filter's `account` stands for: itself, or every account of a person
 * (`person:<id or name>`, identity resolution); null without an account filter.
 */
export async function filterAccounts(store: IdentityPort, account: string | undefined): Promise<string[] | null> {
  if (account === undefined) return null;
  const person = await personOfTerm(store, account);
  return person ? person.accounts.map((a) => a.ref) : [account];
}

const byCountThenKey = (a: GeoPointRow, b: GeoPointRow) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * One point list from the lists of several accounts (a person's): counts and messages summed,
 * first/last widened, evidence merged newest first. A message between two of the person's own
 * handles is in both lists: its evidence is listed once, but it counts twice.
 */
function mergePoints(lists: GeoPointRow[][], evidence: number): GeoPointRow[] {
  const byKey = new Map<string, GeoPointRow>();
  for (const list of lists)
    for (const p of list) {
      const m = byKey.get(p.key);
      if (!m) {
        byKey.set(p.key, { ...p, evidence: [...p.evidence] });
        continue;
      }
      m.count += p.count;
      m.messages += p.messages;
      m.first = m.first === null ? p.first : p.first === null ? m.first : Math.min(m.first, p.first);
      m.last = m.last === null ? p.last : p.last === null ? m.last : Math.max(m.last, p.last);
      m.evidence.push(...p.evidence);
    }
  const out = [...byKey.values()];
  for (const p of out) {
    const ev: GeoEvidence[] = [];
    const seen = new Set<string>();
    for (const e of p.evidence.sort((a, b) => (b.ts ?? -Infinity) - (a.ts ?? -Infinity) || (b.messageId ?? 0) - (a.messageId ?? 0))) {
      const id = JSON.stringify([e.sourceId, e.messageId, e.locator]);
      if (!seen.has(id)) ev.push(e);
      seen.add(id);
    }
    p.evidence = ev.slice(0, evidence);
  }
  return out.sort(byCountThenKey);
}

export async function listPlaces(store: GeoPort & IdentityPort, q: PlacesQuery = {}): Promise<PlacesResult> {
  checkFilter(q);
  const limit = Math.min(Math.max(q.limit ?? 1000, 1), MAX_POINTS);
  const evidence = Math.min(Math.max(q.evidence ?? 10, 0), MAX_EVIDENCE);
  const accounts = await filterAccounts(store, q.account);
  if (accounts && accounts.length !== 1) {
    // a person: each account's points (every one of them, so the merged order is right), merged
    const lists: GeoPointRow[][] = [];
    for (const account of accounts) lists.push(await store.geo().points({ ...q, account }, { limit: MAX_POINTS + 1, evidence, key: q.key }));
    const rows = mergePoints(lists, evidence);
    return { points: rows.slice(0, limit), truncated: rows.length > limit || lists.some((l) => l.length > MAX_POINTS) };
  }
  const rows = await store.geo().points({ ...q, ...(accounts ? { account: accounts[0] } : {}) }, { limit: limit + 1, evidence, key: q.key });
  return { points: rows.slice(0, limit), truncated: rows.length > limit };
}

export interface RouteStop {
  placeId: string;
  name: string;
  lat: number;
  lon: number;
}

export interface RouteEpisode {
  thread: string;
  first: number;
  last: number;
  /** For each stop, the message that first names it in this episode. */
  stopMessages: number[];
  /** Every message of the episode that names a place, oldest first. */
  messageIds: number[];
}

export interface PlaceRoute {
  /** The stops' place ids joined by ">". */
  key: string;
  stops: RouteStop[];
  /** Episodes with exactly these stops, and the distinct threads they come from. */
  episodes: number;
  threads: number;
  messages: number;
  first: number;
  last: number;
  /** The episode was longer than MAX_STOPS stops and was cut. */
  cut: boolean;
  /** Up to MAX_EPISODES, newest first. */
  evidence: RouteEpisode[];
}

export interface RoutesQuery extends Omit<GeoFilter, 'kinds'> {
  /** Which places are stops: seaports only (default; shipments travel by sea) or every place. */
  stops?: 'ports' | 'all';
  /** The longest gap between two consecutive place mentions of one episode, in days (default 14). */
  windowDays?: number;
  /** Only routes with at least this many stops (default 2). */
  minStops?: number;
  limit?: number;
}

export interface RoutesResult {
  routes: PlaceRoute[];
  /** Episodes found in total (before grouping and `limit`). */
  episodes: number;
  truncated: boolean;
  windowDays: number;
  stops: 'ports' | 'all';
}

interface Episode {
  thread: string;
  stops: RouteStop[];
  stopMessages: number[];
  messageIds: number[];
  first: number;
  last: number;
  cut: boolean;
}

/**
 * Cut place mentions (in time order, any number of interleaved threads) into episodes per thread
 * and keep those that are routes (≥ 2 distinct places). Stops are in the order places are first
 * named in the episode: consecutive repeats collapse, and a place named again later (the thread
 * talking about it again, not the cargo going back) is not a new stop unless `revisits` is set.
 * Pure: the definition lives here.
 */
export function routeEpisodes(mentions: Iterable<GeoPlaceMention>, windowMs: number, revisits = false): Episode[] {
  const cut = episodeCutter(windowMs, revisits);
  for (const m of mentions) cut.add(m);
  return cut.finish();
}

/** routeEpisodes one mention at a time (for a stream of chunks). */
function episodeCutter(windowMs: number, revisits: boolean): { add(m: GeoPlaceMention): void; finish(): Episode[] } {
  const open = new Map<string, { ep: Episode; lastTs: number; places: Set<string> }>();
  const done: Episode[] = [];
  const close = (o: { ep: Episode; places: Set<string> }) => {
    if (o.places.size >= 2) done.push(o.ep);
  };
  const add = (m: GeoPlaceMention): void => {
    let o = open.get(m.thread);
    if (o && m.ts - o.lastTs > windowMs) {
      close(o);
      o = undefined;
    }
    if (!o) {
      o = { ep: { thread: m.thread, stops: [], stopMessages: [], messageIds: [], first: m.ts, last: m.ts, cut: false }, lastTs: m.ts, places: new Set() };
      open.set(m.thread, o);
    }
    const ep = o.ep;
    o.lastTs = m.ts;
    ep.last = m.ts;
    if (ep.messageIds[ep.messageIds.length - 1] !== m.messageId) ep.messageIds.push(m.messageId);
    if (ep.stops[ep.stops.length - 1]?.placeId === m.placeId) return;
    if (!revisits && o.places.has(m.placeId)) return;
    if (ep.stops.length >= MAX_STOPS) {
      ep.cut = true;
      return;
    }
    ep.stops.push({ placeId: m.placeId, name: m.name, lat: m.lat, lon: m.lon });
    ep.stopMessages.push(m.messageId);
    o.places.add(m.placeId);
  };
  const finish = (): Episode[] => {
    for (const o of open.values()) close(o);
    return done;
  };
  return { add, finish };
}

/** Group episodes with the same stops into routes, most episodes first. */
export function groupRoutes(episodes: Episode[]): PlaceRoute[] {
  const byKey = new Map<string, { route: PlaceRoute; threads: Set<string>; messages: Set<number> }>();
  for (const ep of episodes) {
    const key = ep.stops.map((s) => s.placeId).join('>');
    let g = byKey.get(key);
    if (!g) {
      g = { route: { key, stops: ep.stops, episodes: 0, threads: 0, messages: 0, first: ep.first, last: ep.last, cut: false, evidence: [] }, threads: new Set(), messages: new Set() };
      byKey.set(key, g);
    }
    const r = g.route;
    r.episodes++;
    r.first = Math.min(r.first, ep.first);
    r.last = Math.max(r.last, ep.last);
    r.cut ||= ep.cut;
    g.threads.add(ep.thread);
    for (const id of ep.messageIds) g.messages.add(id);
    r.evidence.push({ thread: ep.thread, first: ep.first, last: ep.last, stopMessages: ep.stopMessages, messageIds: ep.messageIds });
  }
  const routes = [...byKey.values()].map(({ route, threads, messages }) => {
    route.threads = threads.size;
    route.messages = messages.size;
    route.evidence.sort((a, b) => b.last - a.last);
    route.evidence = route.evidence.slice(0, MAX_EPISODES);
    return route;
  });
  routes.sort((a, b) => b.episodes - a.episodes || b.messages - a.messages || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return routes;
}

export async function placeRoutes(store: GeoPort & IdentityPort, q: RoutesQuery = {}): Promise<RoutesResult> {
  checkFilter(q);
  const windowDays = q.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!(windowDays >= 1 && windowDays <= 366)) throw new ClewError('INVALID_ARGUMENT', 'windowDays must be between 1 and 366');
  const limit = Math.min(Math.max(q.limit ?? 100, 1), MAX_ROUTES);
  const minStops = Math.max(q.minStops ?? 2, 2);
  const stops = q.stops ?? 'ports';
  const accounts = await filterAccounts(store, q.account);
  const cut = episodeCutter(windowDays * DAY, false);
  const take = (m: GeoPlaceMention) => {
    if (stops === 'all' || m.port) cut.add(m);
  };
  if (accounts && accounts.length !== 1) {
    // a person: the mentions of all its accounts, each message once, in message order
    const seen = new Set<number>();
    const merged: GeoPlaceMention[] = [];
    for (const account of accounts) {
      const mine = new Set<number>();
      for await (const chunk of store.geo().placeMentions({ account, after: q.after, before: q.before }))
        for (const m of chunk) {
          if (seen.has(m.messageId)) continue;
          mine.add(m.messageId);
          merged.push(m);
        }
      for (const id of mine) seen.add(id);
    }
    merged.sort((a, b) => a.messageId - b.messageId); // stable: a message's mentions keep their order
    for (const m of merged) take(m);
  } else for await (const chunk of store.geo().placeMentions({ account: accounts?.[0], after: q.after, before: q.before })) for (const m of chunk) take(m);
  const episodes = cut.finish();
  const routes = groupRoutes(episodes).filter((r) => r.stops.length >= minStops);
  return { routes: routes.slice(0, limit), episodes: episodes.length, truncated: routes.length > limit, windowDays, stops };
}
