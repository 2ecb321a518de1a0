/**
 * Places for the map in a PostgreSQL case, as the SQLite case reads them
 * (src/store/sqlite/places.ts): gazetteer places and coordinates found in message text (the
 * mentions of types 'place' and 'coordinate', whose attrs carry lat/lon) and the location
 * records, every count with the records behind it, duplicates left out. Time filters on
 * mentions use the time-ordered message id, widened by a minute, and the message's ts.
 */
import { ClewError } from '../../model/errors.js';
import type { AccountView, GeoEvidence, GeoFilter, GeoKind, GeoPlaceMention, GeoPointRow, GeoReader } from '../types.js';
import { type Param, type PgReadCase, all, cursor, idBound, json, parseLoc, scalar, toAccount } from './read-util.js';

const MENTION_KINDS = ['place', 'coordinate'] as const;
const LOCATION_KINDS = ['exif', 'antenna', 'shared', 'device'] as const;
const GEO_KINDS: readonly GeoKind[] = [...MENTION_KINDS, ...LOCATION_KINDS];
const SLACK_MS = 60_000;
/** Decimal places a location record's position is grouped by (about 1 m). */
const GRID = 5;

function round(x: number): number {
  const f = 10 ** GRID;
  return Math.round(x * f) / f;
}

/** A point key: the kind, then what identifies the point within it (as src/store/sqlite/places.ts parseGeoKey). */
function parseGeoKey(key: string): { kind: GeoKind; value: string; lat?: number; lon?: number } {
  const i = key.indexOf(':');
  const kind = key.slice(0, i) as GeoKind;
  const value = key.slice(i + 1);
  if (i < 1 || !GEO_KINDS.includes(kind) || value === '') throw new ClewError('INVALID_ARGUMENT', `"${key}" is not a map point key (kind:value)`);
  if (kind === 'place') return { kind, value };
  const m = /^(-?[0-9]{1,2}(?:\.[0-9]{1,10})?),(-?[0-9]{1,3}(?:\.[0-9]{1,10})?)$/.exec(value);
  if (!m) throw new ClewError('INVALID_ARGUMENT', `"${key}": a ${kind} key ends in lat,lon`);
  return { kind, value, lat: Number(m[1]), lon: Number(m[2]) };
}

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

interface EvidenceDbRow {
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

function accountOf(e: EvidenceDbRow): AccountView | null {
  if (e.a_id === null) return null;
  return toAccount({ id: e.a_id, ref: e.ref!, platform: e.platform!, handle: e.handle!, kind: e.kind, display_name: e.display_name });
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
    out.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out.slice(0, opts.limit);
  }

  private async mentionPoints(filter: GeoFilter, kinds: readonly string[], value: string | null, opts: { limit: number; evidence: number }): Promise<GeoPointRow[]> {
    const db = this.db;
    const w = await this.mentionWhere(filter, [db.caseId]);
    const base = w.args.length;
    const rows = await all<{ type: 'place' | 'coordinate'; value: string; n: number; msgs: number; first: number; last: number; attrs: unknown }>(
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
      const lat = Number(attrs.lat);
      const lon = Number(attrs.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const label = r.type === 'place' ? `${String(attrs.name ?? r.value)}${attrs.country ? `, ${String(attrs.country)}` : ''}` : r.value;
      const ev = await all<EvidenceDbRow & { id: number }>(
        db.pool,
        `SELECT DISTINCT x.message_id AS id, m.ts, m.source_id, m.loc, a.id AS a_id, a.ref, a.platform, a.handle, a.kind, a.display_name
         FROM mentions x JOIN messages m ON m.case_id = x.case_id AND m.id = x.message_id JOIN accounts a ON a.case_id = m.case_id AND a.id = m.sender
         WHERE ${w.sql.join(' AND ')} AND x.type = $${base + 1} AND x.value = $${base + 2}
         ORDER BY x.message_id DESC LIMIT $${base + 3}`,
        [...w.args, r.type, r.value, opts.evidence],
      );
      const evidence = ev.map((e): GeoEvidence => ({ messageId: e.id, ts: e.ts, account: accountOf(e), sourceId: e.source_id, locator: parseLoc(e.loc) }));
      points.push({ key: `${r.type}:${r.value}`, kind: r.type, label, lat, lon, count: r.n, messages: r.msgs, first: r.first, last: r.last, evidence });
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
      w.add((p) => `${glat} = ${p(round(lat))}::numeric AND ${glon} = ${p(round(lon))}::numeric`);
    }
    const base = w.args.length;
    const rows = await all<{ kind: GeoKind; lat: number; lon: number; n: number; msgs: number; first: number | null; last: number | null; label: string | null }>(
      db.pool,
      `SELECT l.kind, ${glat} AS lat, ${glon} AS lon, count(*) AS n, count(DISTINCT l.message_native_id) AS msgs,
              min(l.ts) AS first, max(l.ts) AS last, max(l.label COLLATE "C") AS label
       FROM locations l WHERE ${w.sql.join(' AND ')}
       GROUP BY l.kind, ${glat}, ${glon} ORDER BY n DESC, l.kind COLLATE "C" LIMIT $${base + 1}`,
      [...w.args, opts.limit],
    );
    const evidence = new Map<string, GeoEvidence[]>();
    if (opts.evidence > 0) {
      const ev = await all<EvidenceDbRow & { k: string; glat: number; glon: number; id: number | null }>(
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
      for (const e of ev) {
        const key = `${e.k}:${e.glat},${e.glon}`;
        let list = evidence.get(key);
        if (!list) evidence.set(key, (list = []));
        list.push({ messageId: e.id, ts: e.ts, account: accountOf(e), sourceId: e.source_id, locator: parseLoc(e.loc) });
      }
    }
    return rows.map((r) => {
      const where = `${r.lat},${r.lon}`;
      return {
        key: `${r.kind}:${where}`,
        kind: r.kind,
        label: r.label ?? where,
        lat: r.lat,
        lon: r.lon,
        count: r.n,
        messages: r.msgs,
        first: r.first,
        last: r.last,
        evidence: evidence.get(`${r.kind}:${where}`) ?? [],
      };
    });
  }

  async *placeMentions(filter: GeoFilter): AsyncGenerator<GeoPlaceMention[]> {
    const db = this.db;
    const w = await this.mentionWhere(filter, [db.caseId]);
    // a gazetteer place's name and position are the same in every mention: read them once per place
    const places = new Map<string, { name: string; lat: number; lon: number; port: boolean } | null>();
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
            const a = json<Record<string, unknown>>(r.attrs);
            const lat = Number(a.lat);
            const lon = Number(a.lon);
            if (Number.isFinite(lat) && Number.isFinite(lon)) places.set(r.value, { name: String(a.name ?? r.value), lat, lon, port: a.port === 1 || a.port === true });
          }
        }
        const out: GeoPlaceMention[] = [];
        for (const r of rows) {
          const p = places.get(r.value);
          if (!p) continue;
          const thread =
            r.conversation_id !== null ? `c${r.conversation_id}` : r.r1 !== null ? `p${Math.min(r.sender, r.r1)}-${Math.max(r.sender, r.r1)}` : `m${r.message_id}`;
          out.push({ messageId: r.message_id, ts: r.ts, thread, placeId: r.value, name: p.name, lat: p.lat, lon: p.lon, port: p.port });
        }
        return out;
      },
    );
  }
}
