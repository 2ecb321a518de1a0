/**
 * Calls as the calls table holds them (schema/tables.ts), shared by the SQLite and PostgreSQL
 * implementations of CallPort: the row, its view, and the bound that puts a table's rows strictly
 * before or after a point of the order calls and messages are placed in (ts, then calls before
 * messages, then id).
 */
import type { Channel } from '../model/records.js';
import { parseLoc } from './rows.js';
import type { AccountView, CallView, CommunicationKey } from './types.js';

export interface CallDbRow {
  id: number;
  source_id: number;
  loc: string;
  caller: number;
  callee: number;
  channel: Channel;
  ts: number;
  tz_offset: number | null;
  ts_local: string | null;
  duration: number;
  lat: number | null;
  lon: number | null;
  native_id: string | null;
  dup_of: number | null;
}

export const CALL_COLS = 'id, source_id, loc, caller, callee, channel, ts, tz_offset, ts_local, duration, lat, lon, native_id, dup_of';

export function toCallView(r: CallDbRow, accounts: ReadonlyMap<number, AccountView>, src: { id: number; path: string; sha256: string; format: string }): CallView {
  return {
    id: r.id,
    ts: r.ts,
    tzOffset: r.tz_offset,
    tsLocal: r.ts_local,
    channel: r.channel,
    caller: accounts.get(r.caller)!,
    callee: accounts.get(r.callee)!,
    duration: r.duration,
    lat: r.lat,
    lon: r.lon,
    duplicateOf: r.dup_of,
    provenance: { sourceId: src.id, path: src.path, sha256: src.sha256, format: src.format, locator: parseLoc(r.loc) },
  };
}

const RANK = { call: 0, message: 1 } as const;
const NONE_BELOW = 0;
const ALL_BELOW = Number.MAX_SAFE_INTEGER;

/**
 * For the rows of one kind: `ts < at.ts OR (ts = at.ts AND id < idBound)` (before) or
 * `ts > at.ts OR (ts = at.ts AND id > idBound)` (after) selects exactly the rows strictly on that side of `at`.
 */
export function idBound(kind: CommunicationKey['kind'], at: CommunicationKey, side: 'before' | 'after'): number {
  const r = RANK[kind];
  const k = RANK[at.kind];
  if (r === k) return at.id;
  if (side === 'before') return r < k ? ALL_BELOW : NONE_BELOW;
  return r > k ? NONE_BELOW : ALL_BELOW;
}

/** Calls and messages in the order of CommunicationKey. */
export function compareKeys(x: CommunicationKey, y: CommunicationKey): number {
  return x.ts - y.ts || RANK[x.kind] - RANK[y.kind] || x.id - y.id;
}

/** The `limit` nearest of both lists on one side of a point: newest first before it, oldest first after it. */
export function nearest(rows: readonly CommunicationKey[], side: 'before' | 'after', limit: number): CommunicationKey[] {
  const sorted = [...rows].sort(compareKeys);
  return side === 'before' ? sorted.reverse().slice(0, limit) : sorted.slice(0, limit);
}
