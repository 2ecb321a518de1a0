/**
 * The map's typed API: points (places and coordinates in message text, location records) and
 * routes (where the messages say shipments go). See docs/map.md.
 *
 * A route is what messages state about a shipment: each message that names two or more places
 * with shipment evidence or direction words (the rule: shipment-route.ts) states its stops in
 * order (origin → transit → port). Statements with the same stops are one route, weighted by
 * how many messages state it; by default a route needs two statements (`minEvidence`), so a
 * one-off mention is not drawn unless the analyst asks for it.
 */
import { ClewError } from '../model/errors.js';
import { LOCATION_KINDS } from '../model/records.js';
import type { GeoEvidence, GeoFilter, GeoKind, GeoPlaceMention, GeoPointRow, GeoPort, IdentityPort, MessagePort } from '../store/types.js';
import { personOfTerm } from './activity.js';
import { routeStatement } from './shipment-route.js';

export type { GeoEvidence, GeoFilter, GeoKind, GeoPointRow } from '../store/types.js';

export const GEO_KINDS: readonly GeoKind[] = ['place', 'coordinate', ...LOCATION_KINDS];

export const MAX_POINTS = 5000;
export const MAX_EVIDENCE = 2000;
export const MAX_ROUTES = 500;
/** Stops kept per route: a longer statement is a list of places, not a route; it is cut here (and flagged). */
export const MAX_STOPS = 8;
/** Statements (messages) listed per route, newest first. */
export const MAX_STATEMENTS = 50;
/** Messages a route needs by default to be drawn. */
export const DEFAULT_MIN_EVIDENCE = 2;

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
  /** The gazetteer's name of the place. */
  name: string;
  lat: number;
  lon: number;
}

/** One message stating the route. */
export interface RouteMessage {
  messageId: number;
  ts: number;
  thread: string;
  /** What made it a shipment: vessels, IMO numbers, containers, quantities, shipment words (empty: direction words only). */
  cues: string[];
}

export interface PlaceRoute {
  /** The stops' place ids joined by ">". */
  key: string;
  stops: RouteStop[];
  /** Messages stating it (its weight), and the distinct threads they are in. */
  messages: number;
  threads: number;
  first: number;
  last: number;
  /** Vessels, containers and quantities its messages name (distinct, most named first, up to 8). */
  cues: string[];
  /** A statement named more than MAX_STOPS places and was cut. */
  cut: boolean;
  /** Up to MAX_STATEMENTS, newest first. */
  evidence: RouteMessage[];
}

export interface RoutesQuery extends Omit<GeoFilter, 'kinds'> {
  /** Only routes stated by at least this many messages (default 2: a one-off mention is not a route). */
  minEvidence?: number;
  /** Only routes with at least this many stops (default 2). */
  minStops?: number;
  limit?: number;
}

export interface RoutesResult {
  routes: PlaceRoute[];
  /** Messages that state a route (before grouping, the threshold and `limit`). */
  statements: number;
  /** Routes left out because fewer than `minEvidence` messages state them. */
  belowThreshold: number;
  minEvidence: number;
  truncated: boolean;
}

interface Statement {
  stops: RouteStop[];
  message: RouteMessage;
  cut: boolean;
}

/** `short`'s stops appear in `long` in the same order (not necessarily next to each other). */
function within(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (const x of long) if (x === short[i]) i++;
  return i === short.length;
}

/**
 * Group statements with the same stops into routes, most stated first. A statement naming part
 * of a longer stated route, in its order ("from Guayaquil via Abidjan" beside "from Guayaquil via
 * Abidjan to Rotterdam"), is evidence for the longest such route (the most stated one if several).
 */
export function groupStatements(statements: readonly Statement[]): PlaceRoute[] {
  const seqs = new Map<string, string[]>();
  const count = new Map<string, number>();
  for (const st of statements) {
    const ids = st.stops.map((s) => s.placeId);
    const k = ids.join('>');
    seqs.set(k, ids);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const home = new Map<string, string>();
  for (const [k, ids] of seqs) {
    let best = k;
    for (const [k2, ids2] of seqs) {
      if (k2 === k || ids2.length <= ids.length || !within(ids, ids2)) continue;
      const b = seqs.get(best)!;
      if (best === k || ids2.length > b.length || (ids2.length === b.length && count.get(k2)! > count.get(best)!)) best = k2;
    }
    home.set(k, best);
  }
  const byKey = new Map<string, { route: PlaceRoute; threads: Set<string>; cues: Map<string, number> }>();
  for (const st0 of statements) {
    const key = home.get(st0.stops.map((s) => s.placeId).join('>'))!;
    const st = key === st0.stops.map((s) => s.placeId).join('>') ? st0 : { ...st0, stops: statements.find((x) => x.stops.map((s) => s.placeId).join('>') === key)!.stops };
    let g = byKey.get(key);
    if (!g) {
      g = { route: { key, stops: st.stops, messages: 0, threads: 0, first: st.message.ts, last: st.message.ts, cues: [], cut: false, evidence: [] }, threads: new Set(), cues: new Map() };
      byKey.set(key, g);
    }
    const r = g.route;
    r.messages++;
    r.first = Math.min(r.first, st.message.ts);
    r.last = Math.max(r.last, st.message.ts);
    r.cut ||= st.cut;
    g.threads.add(st.message.thread);
    for (const c of st.message.cues) g.cues.set(c, (g.cues.get(c) ?? 0) + 1);
    r.evidence.push(st.message);
  }
  const routes = [...byKey.values()].map(({ route, threads, cues }) => {
    route.threads = threads.size;
    route.cues = [...cues].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([c]) => c);
    route.evidence.sort((a, b) => b.ts - a.ts || b.messageId - a.messageId);
    route.evidence = route.evidence.slice(0, MAX_STATEMENTS);
    return route;
  });
  routes.sort((a, b) => b.messages - a.messages || b.threads - a.threads || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return routes;
}

/**
 * The routes the case's messages state (see the top of this file and shipment-route.ts). Only
 * messages naming two or more distinct places are read again (body and mentions) to apply the rule.
 */
export async function placeRoutes(store: GeoPort & IdentityPort & Pick<MessagePort, 'message' | 'mentions'>, q: RoutesQuery = {}): Promise<RoutesResult> {
  checkFilter(q);
  const limit = Math.min(Math.max(q.limit ?? 100, 1), MAX_ROUTES);
  const minStops = Math.max(q.minStops ?? 2, 2);
  const minEvidence = Math.max(q.minEvidence ?? DEFAULT_MIN_EVIDENCE, 1);
  if (!Number.isInteger(minEvidence)) throw new ClewError('INVALID_ARGUMENT', 'minEvidence must be a whole number');
  const accounts = await filterAccounts(store, q.account);
  // the place mentions of each message (a person's accounts: each message once)
  const byMessage = new Map<number, GeoPlaceMention[]>();
  for (const account of accounts ?? [undefined])
    for await (const chunk of store.geo().placeMentions({ account, after: q.after, before: q.before }))
      for (const m of chunk) {
        const list = byMessage.get(m.messageId);
        if (list) list.push(m);
        else byMessage.set(m.messageId, [m]);
      }
  const statements: Statement[] = [];
  for (const [messageId, ms] of byMessage) {
    if (new Set(ms.map((m) => m.placeId)).size < 2) continue;
    const [message, mentions] = await Promise.all([store.message(messageId), store.mentions(messageId)]);
    const said = routeStatement(message.body ?? '', mentions);
    if (!said) continue;
    const place = new Map(ms.map((m) => [m.placeId, m]));
    const stops = said.stops.flatMap((s): RouteStop[] => {
      const p = place.get(s.placeId);
      return p ? [{ placeId: p.placeId, name: p.name, lat: p.lat, lon: p.lon }] : [];
    });
    if (stops.length < 2) continue;
    statements.push({ stops: stops.slice(0, MAX_STOPS), cut: stops.length > MAX_STOPS, message: { messageId, ts: ms[0]!.ts, thread: ms[0]!.thread, cues: said.cues } });
  }
  const all = groupStatements(statements).filter((r) => r.stops.length >= minStops);
  const routes = all.filter((r) => r.messages >= minEvidence);
  return { routes: routes.slice(0, limit), statements: statements.length, belowThreshold: all.length - routes.length, minEvidence, truncated: routes.length > limit };
}
