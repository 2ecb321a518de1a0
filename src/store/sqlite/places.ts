/**
 * Places for the map, read from a SQLite case: gazetteer places and coordinates found in message
 * text (the `mentions` table, types 'place' and 'coordinate', whose attrs carry lat/lon) and the
 * location records (`locations`: EXIF, antenna, shared, device positions).
 *
 * Every count comes with the records behind it (message ids, or source + locator for a location
 * record). Duplicate messages (dup_of set) are left out, as in the communication counts.
 * Time filters on mentions use the time-ordered message id (id = ts * SLOTS + slot) as an index
 * range, widened by a minute for slot overflow, and the message's ts for the exact bound.
 */
import type Database from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import { SLOTS } from '../../model/ids.js';
import { chunked } from '../chunks.js';
import {
  type EvidenceDbRow,
  evidenceOf,
  GEO_KINDS,
  gazetteerPlace,
  GRID,
  type GazetteerPlace,
  type LocationEvidenceRow,
  type LocationPointRow,
  LOCATION_KINDS,
  locationPoints,
  MENTION_KINDS,
  mentionPoint,
  type MentionPointRow,
  parseGeoKey,
  placeMention,
  rankPoints,
  roundToGrid,
  SLACK_MS,
} from '../geo.js';
import type { GeoFilter, GeoPlaceMention, GeoPointRow, GeoReader } from '../types.js';

interface Where {
  sql: string[];
  args: (number | string)[];
}

export class SqliteGeoReader implements GeoReader {
  constructor(private readonly db: Database.Database) {}

  private accountId(ref: string): number {
    const id = this.db.prepare('SELECT id FROM accounts WHERE ref = ?').pluck().get(ref) as number | undefined;
    if (id === undefined) throw new ClewError('NOT_FOUND', `no account "${ref}" in this case`, { account: ref });
    return id;
  }

  /** Conditions on `x` (mentions) joined with `m` (messages). */
  private mentionWhere(filter: GeoFilter): Where {
    const w: Where = { sql: ['m.dup_of IS NULL'], args: [] };
    if (filter.after !== undefined) {
      w.sql.push('x.message_id >= ?', 'm.ts >= ?');
      w.args.push(Math.max(0, filter.after - SLACK_MS) * SLOTS, filter.after);
    }
    if (filter.before !== undefined) {
      w.sql.push('x.message_id < ?', 'm.ts < ?');
      w.args.push((filter.before + SLACK_MS) * SLOTS, filter.before);
    }
    if (filter.account !== undefined) {
      const a = this.accountId(filter.account);
      w.sql.push('x.message_id IN (SELECT id FROM messages WHERE sender = ? UNION ALL SELECT message_id FROM message_recipients WHERE account_id = ?)');
      w.args.push(a, a);
    }
    return w;
  }

  private locationWhere(filter: GeoFilter, kinds: readonly string[]): Where {
    const w: Where = { sql: [`l.kind IN (${kinds.map(() => '?').join(', ')})`], args: [...kinds] };
    if (filter.after !== undefined) {
      w.sql.push('l.ts >= ?');
      w.args.push(filter.after);
    }
    if (filter.before !== undefined) {
      w.sql.push('l.ts < ?');
      w.args.push(filter.before);
    }
    if (filter.account !== undefined) {
      w.sql.push('l.account_id = ?');
      w.args.push(this.accountId(filter.account));
    }
    return w;
  }

  async points(filter: GeoFilter, opts: { limit: number; evidence: number; key?: string }): Promise<GeoPointRow[]> {
    const only = opts.key === undefined ? null : parseGeoKey(opts.key);
    const kinds = only ? [only.kind] : (filter.kinds ?? GEO_KINDS);
    const out: GeoPointRow[] = [];
    const mk = MENTION_KINDS.filter((k) => kinds.includes(k));
    if (mk.length > 0) out.push(...this.mentionPoints(filter, mk, only?.value ?? null, opts));
    const lk = LOCATION_KINDS.filter((k) => kinds.includes(k));
    if (lk.length > 0) out.push(...this.locationPoints(filter, lk, only, opts));
    return rankPoints(out, opts.limit);
  }

  private mentionPoints(filter: GeoFilter, kinds: readonly string[], value: string | null, opts: { limit: number; evidence: number }): GeoPointRow[] {
    const w = this.mentionWhere(filter);
    const cond = [`x.type IN (${kinds.map(() => '?').join(', ')})`, ...(value === null ? [] : ['x.value = ?']), ...w.sql].join(' AND ');
    const args = [...kinds, ...(value === null ? [] : [value]), ...w.args];
    const rows = this.db
      .prepare(
        `SELECT x.type, x.value, count(*) AS n, count(DISTINCT x.message_id) AS msgs, min(m.ts) AS first, max(m.ts) AS last, max(x.attrs) AS attrs
         FROM mentions x JOIN messages m ON m.id = x.message_id
         WHERE ${cond}
         GROUP BY x.type, x.value ORDER BY n DESC, x.type, x.value LIMIT ?`,
      )
      .all(...args, opts.limit) as (MentionPointRow & { attrs: string | null })[];
    const ev = this.db.prepare(
      `SELECT DISTINCT x.message_id AS id, m.ts, m.source_id, m.loc, a.id AS a_id, a.ref, a.platform, a.handle, a.kind, a.display_name
       FROM mentions x JOIN messages m ON m.id = x.message_id JOIN accounts a ON a.id = m.sender
       WHERE x.type = ? AND x.value = ? AND ${w.sql.join(' AND ')}
       ORDER BY x.message_id DESC LIMIT ?`,
    );
    const points: GeoPointRow[] = [];
    for (const r of rows) {
      const attrs = r.attrs === null ? {} : (JSON.parse(r.attrs) as Record<string, unknown>);
      const evidence = (ev.all(r.type, r.value, ...w.args, opts.evidence) as (EvidenceDbRow & { id: number })[]).map((e) => evidenceOf(e, e.id));
      const point = mentionPoint(r, attrs, evidence);
      if (point) points.push(point);
    }
    return points;
  }

  private locationPoints(
    filter: GeoFilter,
    kinds: readonly string[],
    only: { lat?: number; lon?: number } | null,
    opts: { limit: number; evidence: number },
  ): GeoPointRow[] {
    const w = this.locationWhere(filter, kinds);
    if (only?.lat !== undefined && only.lon !== undefined) {
      w.sql.push(`round(l.lat, ${GRID}) = ?`, `round(l.lon, ${GRID}) = ?`);
      w.args.push(roundToGrid(only.lat), roundToGrid(only.lon));
    }
    const rows = this.db
      .prepare(
        `SELECT l.kind, round(l.lat, ${GRID}) AS lat, round(l.lon, ${GRID}) AS lon, count(*) AS n, count(DISTINCT l.message_native_id) AS msgs,
                min(l.ts) AS first, max(l.ts) AS last, max(l.label) AS label
         FROM locations l WHERE ${w.sql.join(' AND ')}
         GROUP BY l.kind, round(l.lat, ${GRID}), round(l.lon, ${GRID}) ORDER BY n DESC, l.kind LIMIT ?`,
      )
      .all(...w.args, opts.limit) as LocationPointRow[];
    // the newest records of every group in one pass (a query per point would rescan the table)
    if (opts.evidence === 0) return locationPoints(rows, []);
    const ev = this.db.prepare(
      `SELECT e.kind AS k, e.glat, e.glon, e.ts, e.source_id, e.loc, a.id AS a_id, a.ref, a.platform, a.handle, a.kind, a.display_name,
              coalesce(
                (SELECT m.id FROM messages m WHERE m.source_id = e.source_id AND m.native_id = e.message_native_id),
                (SELECT m.id FROM attachments t JOIN messages m ON m.source_id = t.source_id AND m.native_id = t.message_native_id
                 WHERE t.source_id = e.source_id AND t.native_id = e.attachment_native_id LIMIT 1)
              ) AS id
       FROM (SELECT l.*, round(l.lat, ${GRID}) AS glat, round(l.lon, ${GRID}) AS glon,
                    row_number() OVER (PARTITION BY l.kind, round(l.lat, ${GRID}), round(l.lon, ${GRID}) ORDER BY l.ts DESC, l.id DESC) AS rn
             FROM locations l WHERE ${w.sql.join(' AND ')}) e
       LEFT JOIN accounts a ON a.id = e.account_id
       WHERE e.rn <= ? ORDER BY e.kind, e.glat, e.glon, e.rn`,
    );
    return locationPoints(rows, ev.iterate(...w.args, opts.evidence) as Iterable<LocationEvidenceRow>);
  }

  placeMentions(filter: GeoFilter): AsyncIterable<GeoPlaceMention[]> {
    return chunked(this.placeMentionRows(filter));
  }

  private *placeMentionRows(filter: GeoFilter): Iterable<GeoPlaceMention> {
    const w = this.mentionWhere(filter);
    // the one recipient of a message outside a conversation (null when there are several)
    const st = this.db
      .prepare(
        `SELECT x.message_id, m.ts, m.conversation_id, m.sender, x.value,
                CASE WHEN m.conversation_id IS NULL THEN
                  (SELECT CASE WHEN count(*) = 1 THEN min(account_id) END FROM message_recipients r WHERE r.message_id = x.message_id)
                END
         FROM mentions x JOIN messages m ON m.id = x.message_id
         WHERE x.type = 'place' AND ${w.sql.join(' AND ')}
         ORDER BY x.message_id, x.start`,
      )
      .raw();
    // a gazetteer place's name and position are the same in every mention: read them once per place
    const attrSt = this.db.prepare(`SELECT attrs FROM mentions WHERE type = 'place' AND value = ? AND attrs IS NOT NULL LIMIT 1`).pluck();
    const places = new Map<string, GazetteerPlace | null>();
    const placeOf = (value: string) => {
      let p = places.get(value);
      if (p === undefined) {
        const raw = attrSt.get(value) as string | undefined;
        places.set(value, (p = gazetteerPlace(value, raw === undefined ? {} : (JSON.parse(raw) as Record<string, unknown>))));
      }
      return p;
    };
    for (const [messageId, ts, conversation, sender, value, onlyRecipient] of st.iterate(...w.args) as Iterable<[number, number, number | null, number, string, number | null]>) {
      const p = placeOf(value);
      if (p) yield placeMention({ messageId, ts, conversation, sender, onlyRecipient, value }, p);
    }
  }
}
