/**
 * What both backends' map readers share: point keys, the grid location records are grouped by,
 * and the turning of their rows into map points, evidence and place mentions — so that a point
 * reads the same from a case file and from a database.
 */
import { ClewError } from '../model/errors.js';
import { LOCATION_KINDS } from '../model/records.js';
import type { AccountView, GeoEvidence, GeoKind, GeoPlaceMention, GeoPointRow } from './types.js';
import { parseLoc, toAccount } from './rows.js';

export const MENTION_KINDS = ['place', 'coordinate'] as const;
export const GEO_KINDS: readonly GeoKind[] = [...MENTION_KINDS, ...LOCATION_KINDS];
export { LOCATION_KINDS };

/** Time filters on mentions go through the time-ordered message id, widened by this much for slot overflow. */
export const SLACK_MS = 60_000;
/** Decimal places a location record's position is grouped by (about 1 m). */
export const GRID = 5;

export function roundToGrid(x: number): number {
  const f = 10 ** GRID;
  return Math.round(x * f) / f;
}

/** A point key: the kind, then what identifies the point within it. */
export function parseGeoKey(key: string): { kind: GeoKind; value: string; lat?: number; lon?: number } {
  const i = key.indexOf(':');
  const kind = key.slice(0, i) as GeoKind;
  const value = key.slice(i + 1);
  if (i < 1 || !GEO_KINDS.includes(kind) || value === '') throw new ClewError('INVALID_ARGUMENT', `"${key}" is not a map point key (kind:value)`);
  if (kind === 'place') return { kind, value };
  const m = /^(-?[0-9]{1,2}(?:\.[0-9]{1,10})?),(-?[0-9]{1,3}(?:\.[0-9]{1,10})?)$/.exec(value);
  if (!m) throw new ClewError('INVALID_ARGUMENT', `"${key}": a ${kind} key ends in lat,lon`);
  return { kind, value, lat: Number(m[1]), lon: Number(m[2]) };
}

/** Points of both sources, most records first then by key, at most `limit`. */
export function rankPoints(points: GeoPointRow[], limit: number): GeoPointRow[] {
  points.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return points.slice(0, limit);
}

/** A record behind a point with the account it belongs to (null columns for a record of no account). */
export interface EvidenceDbRow {
  ts: number | null;
  source_id: number;
  loc: string;
  a_id: number | null;
  ref: string | null;
  platform: string | null;
  handle: string | null;
  kind: string | null;
  display_name: string | null;
}

export function evidenceOf(e: EvidenceDbRow, messageId: number | null): GeoEvidence {
  const account: AccountView | null =
    e.a_id === null ? null : toAccount({ id: e.a_id, ref: e.ref!, platform: e.platform!, handle: e.handle!, kind: e.kind, display_name: e.display_name });
  return { messageId, ts: e.ts, account, sourceId: e.source_id, locator: parseLoc(e.loc) };
}

/** One place or coordinate mentioned in messages, grouped by value. */
export interface MentionPointRow {
  type: 'place' | 'coordinate';
  value: string;
  n: number;
  msgs: number;
  first: number;
  last: number;
}

/** A mentioned place or coordinate as a map point, or null when its attributes hold no position. */
export function mentionPoint(r: MentionPointRow, attrs: Record<string, unknown>, evidence: GeoEvidence[]): GeoPointRow | null {
  const lat = Number(attrs.lat);
  const lon = Number(attrs.lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const label = r.type === 'place' ? `${String(attrs.name ?? r.value)}${attrs.country ? `, ${String(attrs.country)}` : ''}` : r.value;
  return { key: `${r.type}:${r.value}`, kind: r.type, label, lat, lon, count: r.n, messages: r.msgs, first: r.first, last: r.last, evidence };
}

/** Location records grouped by kind and grid cell. */
export interface LocationPointRow {
  kind: GeoKind;
  lat: number;
  lon: number;
  n: number;
  msgs: number;
  first: number | null;
  last: number | null;
  label: string | null;
}

/** The newest records of each group (`rn` ≤ the evidence asked for), with the message they came with. */
export type LocationEvidenceRow = EvidenceDbRow & { k: string; glat: number; glon: number; id: number | null };

export function locationPoints(rows: LocationPointRow[], evidenceRows: Iterable<LocationEvidenceRow>): GeoPointRow[] {
  const evidence = new Map<string, GeoEvidence[]>();
  for (const e of evidenceRows) {
    const key = `${e.k}:${e.glat},${e.glon}`;
    let list = evidence.get(key);
    if (!list) evidence.set(key, (list = []));
    list.push(evidenceOf(e, e.id));
  }
  return rows.map((r) => {
    const where = `${r.lat},${r.lon}`;
    const key = `${r.kind}:${where}`;
    return { key, kind: r.kind, label: r.label ?? where, lat: r.lat, lon: r.lon, count: r.n, messages: r.msgs, first: r.first, last: r.last, evidence: evidence.get(key) ?? [] };
  });
}

/** A gazetteer place's name and position from a mention's attributes, or null without a position. */
export type GazetteerPlace = { name: string; lat: number; lon: number; port: boolean };

export function gazetteerPlace(value: string, attrs: Record<string, unknown>): GazetteerPlace | null {
  const lat = Number(attrs.lat);
  const lon = Number(attrs.lon);
  return Number.isFinite(lat) && Number.isFinite(lon) ? { name: String(attrs.name ?? value), lat, lon, port: attrs.port === 1 || attrs.port === true } : null;
}

/**
 * A place mention with the thread it was said in: the conversation, else the pair of sender
 * and its one recipient, else the message alone (`onlyRecipient` null when it had several).
 */
export function placeMention(
  m: { messageId: number; ts: number; conversation: number | null; sender: number; onlyRecipient: number | null; value: string },
  p: GazetteerPlace,
): GeoPlaceMention {
  const r1 = m.onlyRecipient;
  const thread = m.conversation !== null ? `c${m.conversation}` : r1 !== null ? `p${Math.min(m.sender, r1)}-${Math.max(m.sender, r1)}` : `m${m.messageId}`;
  return { messageId: m.messageId, ts: m.ts, thread, placeId: m.value, name: p.name, lat: p.lat, lon: p.lon, port: p.port };
}
