/**
 * Places for the map in a PostgreSQL case, as the SQLite case reads them
 * (src/store/sqlite/places.ts): gazetteer places and coordinates found in message text (the
 * mentions of types 'place' and 'coordinate', whose attrs carry lat/lon) and the location
 * records, every count with the records behind it, duplicates left out. Time filters on
 * mentions use the time-ordered message id, widened by a minute, and the message's ts.
 */
import { ClewError } from '../../model/errors.js';
import {
  type EvidenceDbRow,
  evidenceOf,
  GEO_KINDS,
  gazetteerPlace,
  type GazetteerPlace,
  GRID,
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
import { type Param, type PgReadCase, all, cursor, idBound, json, scalar } from './read-util.js';

/** SQL conditions with their parameters numbered from `args`' current length. */
class Where {
  readonly sql: string[] = [];
  constructor(readonly args: Param[]) {}
  add(sqlWith: (p: (v: Param) => string) => string): void {
    this.sql.push(
      sqlWith((v) => {
        this.args.push(v);
        return `$${this.args.length}`;
      }),
    );
  }
}

export class PgGeoReader implements GeoReader {
  constructor(private readonly db: PgReadCase) {}

  private async accountId(ref: string): Promise<number> {
    const id = await scalar<number>(this.db.pool, 'SELECT id FROM accounts WHERE case_id = $1 AND ref = $2', [this.db.caseId, ref]);
    if (id === undefined) throw new ClewError('NOT_FOUND', `no account "${ref}" in this case`, { account: ref });
    return id;
  }

  /** Conditions on `x` (mentions) joined with `m` (messages); $1 is the case. */
  private async mentionWhere(filter: GeoFilter, args: Param[]): Promise<Where> {
    const w = new Where(args);
    w.sql.push('x.case_id = $1', 'm.dup_of IS NULL');
    if (filter.after !== undefined) {
      const after = filter.after;
      w.add((p) => `x.message_id >= ${p(idBound(Math.max(0, after - SLACK_MS)))} AND m.ts >= ${p(after)}`);
    }
    if (filter.before !== undefined) {
      const before = filter.before;
      w.add((p) => `x.message_id < ${p(idBound(before + SLACK_MS))} AND m.ts < ${p(Math.min(before, 2 ** 53))}`);
    }
    if (filter.account !== undefined) {
      const a = await this.accountId(filter.account);
      w.add(
        (p) =>
          `x.message_id IN (SELECT id FROM messages WHERE case_id = $1 AND sender = ${p(a)} UNION ALL SELECT message_id FROM message_recipients WHERE case_id = $1 AND account_id = ${p(a)})`,
      );
    }
    return w;
  }

  private async locationWhere(filter: GeoFilter, kinds: readonly string[], args: Param[]): Promise<Where> {
    const w = new Where(args);
    w.sql.push('l.case_id = $1');
    w.add((p) => `l.kind = ANY(${p(kinds)}::text[])`);
    if (filter.after !== undefined) w.add((p) => `l.ts >= ${p(filter.after!)}`);
    if (filter.before !== undefined) w.add((p) => `l.ts < ${p(Math.min(filter.before!, 2 ** 53))}`);
    if (filter.account !== undefined) {
      const a = await this.accountId(filter.account);
      w.add((p) => `l.account_id = ${p(a)}`);
    }
    return w;
  }

  async points(filter: GeoFilter, opts: { limit: number; evidence: number; key?: string }): Promise<GeoPointRow[]> {
    const only = opts.key === undefined ? null : parseGeoKey(opts.key);
    const kinds = only ? [only.kind] : (filter.kinds ?? GEO_KINDS);
    const out: GeoPointRow[] = [];
    const mk = MENTION_KINDS.filter((k) => kinds.includes(k));
    if (mk.length > 0) out.push(...(await this.mentionPoints(filter, mk, only?.value ?? null, opts)));
    const lk = LOCATION_KINDS.filter((k) => kinds.includes(k));
    if (lk.length > 0) out.push(...(await this.locationPoints(filter, lk, only, opts)));
    return rankPoints(out, opts.limit);
  }

  private async mentionPoints(filter: GeoFilter, kinds: readonly string[], value: string | null, opts: { limit: number; evidence: number }): Promise<GeoPointRow[]> {
    const db = this.db;
    const w = await this.mentionWhere(filter, [db.caseId]);
    const base = w.args.length;
    const rows = await all<MentionPointRow & { attrs: unknown }>(
      db.pool,
      `SELECT x.type, x.value, count(*) AS n, count(DISTINCT x.message_id) AS msgs, min(m.ts) AS first, max(m.ts) AS last, max(x.attrs::text COLLATE "C") AS attrs
       FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id
       WHERE ${w.sql.join(' AND ')} AND x.type = ANY($${base + 1}::text[]) ${value === null ? '' : `AND x.value = $${base + 3}`}
       GROUP BY x.type, x.value ORDER BY n DESC, x.type COLLATE "C", x.value COLLATE "C" LIMIT $${base + 2}`,
      [...w.args, kinds, opts.limit, ...(value === null ? [] : [value])],
    );
    const points: GeoPointRow[] = [];
    for (const r of rows) {
      const attrs = r.attrs === null ? {} : json<Record<string, unknown>>(r.attrs);
      const ev = await all<EvidenceDbRow & { id: number }>(
        db.pool,
        `SELECT DISTINCT x.message_id AS id, m.ts, m.source_id, m.loc, a.id AS a_id, a.ref, a.platform, a.handle, a.kind, a.display_name
         FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id JOIN accounts a ON a.case_id = m.case_id AND a.id = m.sender
         WHERE ${w.sql.join(' AND ')} AND x.type = $${base + 1} AND x.value = $${base + 2}
         ORDER BY x.message_id DESC LIMIT $${base + 3}`,
        [...w.args, r.type, r.value, opts.evidence],
      );
      const point = mentionPoint(
        r,
        attrs,
        ev.map((e) => evidenceOf(e, e.id)),
      );
      if (point) points.push(point);
    }
    return points;
  }

  private async locationPoints(
    filter: GeoFilter,
    kinds: readonly string[],
    only: { lat?: number; lon?: number } | null,
    opts: { limit: number; evidence: number },
  ): Promise<GeoPointRow[]> {
    const db = this.db;
    const w = await this.locationWhere(filter, kinds, [db.caseId]);
    const glat = `round(l.lat::numeric, ${GRID})`;
    const glon = `round(l.lon::numeric, ${GRID})`;
    if (only?.lat !== undefined && only.lon !== undefined) {
      const lat = only.lat;
      const lon = only.lon;
      w.add((p) => `${glat} = ${p(roundToGrid(lat))}::numeric AND ${glon} = ${p(roundToGrid(lon))}::numeric`);
    }
    const base = w.args.length;
    const rows = await all<LocationPointRow>(
      db.pool,
      `SELECT l.kind, ${glat} AS lat, ${glon} AS lon, count(*) AS n, count(DISTINCT l.message_native_id) AS msgs,
              min(l.ts) AS first, max(l.ts) AS last, max(l.label COLLATE "C") AS label
       FROM locations l WHERE ${w.sql.join(' AND ')}
       GROUP BY l.kind, ${glat}, ${glon} ORDER BY n DESC, l.kind COLLATE "C" LIMIT $${base + 1}`,
      [...w.args, opts.limit],
    );
    if (opts.evidence === 0) return locationPoints(rows, []);
    const ev = await all<LocationEvidenceRow>(
      db.pool,
      `SELECT e.kind AS k, e.glat, e.glon, e.ts, e.source_id, e.loc, a.id AS a_id, a.ref, a.platform, a.handle, a.kind, a.display_name,
              coalesce(
                (SELECT m.id FROM messages m WHERE m.case_id = e.case_id AND m.source_id = e.source_id AND m.native_id = e.message_native_id LIMIT 1),
                (SELECT m.id FROM attachments t JOIN messages m ON m.case_id = t.case_id AND m.source_id = t.source_id AND m.native_id = t.message_native_id
                 WHERE t.case_id = e.case_id AND t.source_id = e.source_id AND t.native_id = e.attachment_native_id LIMIT 1)
              ) AS id
       FROM (SELECT l.*, ${glat} AS glat, ${glon} AS glon,
                    row_number() OVER (PARTITION BY l.kind, ${glat}, ${glon} ORDER BY l.ts DESC NULLS LAST, l.id DESC) AS rn
             FROM locations l WHERE ${w.sql.join(' AND ')}) e
       LEFT JOIN accounts a ON a.case_id = e.case_id AND a.id = e.account_id
       WHERE e.rn <= $${base + 1} ORDER BY e.kind, e.glat, e.glon, e.rn`,
      [...w.args, opts.evidence],
    );
    return locationPoints(rows, ev);
  }

  async *placeMentions(filter: GeoFilter): AsyncGenerator<GeoPlaceMention[]> {
    const db = this.db;
    const w = await this.mentionWhere(filter, [db.caseId]);
    // a gazetteer place's name and position are the same in every mention: read them once per place
    const places = new Map<string, GazetteerPlace | null>();
    type Row = { message_id: number; ts: number; conversation_id: number | null; sender: number; value: string; r1: number | null };
    yield* cursor<Row, GeoPlaceMention>(
      db,
      `SELECT x.message_id, m.ts, m.conversation_id, m.sender, x.value,
              CASE WHEN m.conversation_id IS NULL THEN
                (SELECT CASE WHEN count(*) = 1 THEN min(account_id) END FROM message_recipients r WHERE r.case_id = x.case_id AND r.message_id = x.message_id)
              END AS r1
       FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id
       WHERE x.type = 'place' AND ${w.sql.join(' AND ')}
       ORDER BY x.message_id, x.start`,
      w.args,
      async (rows, c) => {
        const unknown = [...new Set(rows.map((r) => r.value).filter((v) => !places.has(v)))];
        if (unknown.length > 0) {
          for (const v of unknown) places.set(v, null);
          for (const r of await all<{ value: string; attrs: unknown }>(
            c,
            `SELECT DISTINCT ON (value) value, attrs FROM mentions WHERE case_id = $1 AND type = 'place' AND value = ANY($2::text[]) AND attrs IS NOT NULL`,
            [db.caseId, unknown],
          )) {
            places.set(r.value, gazetteerPlace(r.value, json<Record<string, unknown>>(r.attrs)));
          }
        }
        const out: GeoPlaceMention[] = [];
        for (const r of rows) {
          const p = places.get(r.value);
          if (!p) continue;
          out.push(placeMention({ messageId: r.message_id, ts: r.ts, conversation: r.conversation_id, sender: r.sender, onlyRecipient: r.r1, value: r.value }, p));
        }
        return out;
      },
    );
  }
}
