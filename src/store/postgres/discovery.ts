/**
 * Cross-case discovery without leaking (issue 21 part 6; docs/team.md): when a selector a user
 * looks at (a phone number, PIN or handle, e-mail address, IBAN, wallet) is also held by a case
 * the user may not read, they learn only that case's name and its owners, and the owners are
 * told who looked, when, for which selector, from which case. No content, no counts, no ids.
 *
 * - clew_case_selectors (case, SHA-256 of `type:value`): the keys each case holds, derived with
 *   the watchlist's normalisers (text/watch/discovery-keys.ts) from its accounts' handles and
 *   references and from the entities extracted from its messages; written by the admin when an
 *   ingest completes a source (writer.ts) and by the migration for the cases already there. Only
 *   the hashes: the table holds no selector in clear. Nobody but the admin may read it.
 * - clew_discover(keys, from_case): a SECURITY DEFINER function (owned by the admin, search_path
 *   pinned), the only way the team server's role reaches that table. For the user named in
 *   clew.user it returns, per key, the cases holding exactly that key that the user may NOT read
 *   (owner, analyst or reader), each with its owners' names and agencies: nothing else. In the
 *   same transaction it writes one notification per owner (the same looker, selector and cases
 *   once a day) and spends the user's hourly budget of keys (DISCOVERY_KEYS_PER_HOUR; refused with
 *   CL429 beyond it, so nobody enumerates a numbering plan); more than DISCOVERY_KEYS_PER_CALL keys
 *   or a key that is not `type:value` of a compared type are refused (CL400). The server checks
 *   each selector with the watchlist's rules (too broad, malformed) before it asks.
 * - clew_notifications: what owners are told; row-level security lets each user read (and mark
 *   seen) only their own.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import { accountKeys, DISCOVERY_KEYS_PER_CALL, DISCOVERY_KEYS_PER_HOUR, DISCOVERY_MENTION_TYPES, DISCOVERY_TYPES } from '../../text/watch/discovery-keys.js';
import type { TeamNotification } from '../team.js';
import type { DiscoveryRow } from '../types.js';
import type { Queryable } from './db.js';
import { pgCode, transaction } from './db.js';

export { DISCOVERY_KEYS_PER_CALL, DISCOVERY_KEYS_PER_HOUR };
/** The same looker, selector and cases notify an owner once in this long. */
const NOTIFY_ONCE_MS = 24 * 3600_000;

const KEY_PATTERN = `^(${DISCOVERY_TYPES.join('|')}):.{3,}$`;

/** The discovery tables and function (the step "cross-case discovery": migrations.ts; schema.ts for a new database). */
export const DISCOVERY_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS clew_case_selectors (
  key_sha256 bytea NOT NULL CHECK (length(key_sha256) = 32),
  case_id integer NOT NULL REFERENCES clew_cases (id) ON DELETE CASCADE,
  PRIMARY KEY (key_sha256, case_id)
);
CREATE INDEX IF NOT EXISTS clew_case_selectors_case ON clew_case_selectors (case_id);
CREATE TABLE IF NOT EXISTS clew_notifications (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  at bigint NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('discovery')),
  looker_name text COLLATE "C" NOT NULL,
  looker_agency text COLLATE "C",
  from_case text COLLATE "C",
  case_name text COLLATE "C" NOT NULL,
  selector text COLLATE "C" NOT NULL,
  seen_at bigint
);
CREATE INDEX IF NOT EXISTS clew_notifications_user ON clew_notifications (user_id, id);
CREATE TABLE IF NOT EXISTS clew_discovery_budget (
  user_id integer PRIMARY KEY REFERENCES clew_users (id) ON DELETE CASCADE,
  hour bigint NOT NULL,
  used integer NOT NULL
);
ALTER TABLE clew_case_selectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_case_selectors FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_case_selectors;
CREATE POLICY clew_admin ON clew_case_selectors TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE clew_discovery_budget ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_discovery_budget FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_discovery_budget;
CREATE POLICY clew_admin ON clew_discovery_budget TO CURRENT_USER USING (true) WITH CHECK (true);
ALTER TABLE clew_notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_notifications FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_notifications;
CREATE POLICY clew_admin ON clew_notifications TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_notifications;
CREATE POLICY clew_read ON clew_notifications FOR SELECT USING (user_id = clew_current_user());
DROP POLICY IF EXISTS clew_seen ON clew_notifications;
CREATE POLICY clew_seen ON clew_notifications FOR UPDATE USING (user_id = clew_current_user()) WITH CHECK (user_id = clew_current_user());
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_discover(keys text[], from_case text)
    RETURNS TABLE (selector text, case_name text, owner_name text, owner_agency text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = %I, pg_temp AS $b$
    #variable_conflict use_column
    DECLARE
      me integer := clew_current_user();
      my_name text;
      my_agency text;
      readable integer[];
      spent integer;
      now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    BEGIN
      SELECT u.name, u.agency INTO my_name, my_agency FROM clew_users u WHERE u.id = me AND NOT u.disabled;
      IF my_name IS NULL OR keys IS NULL OR cardinality(keys) = 0 THEN RETURN; END IF;
      IF cardinality(keys) > ${DISCOVERY_KEYS_PER_CALL} THEN
        RAISE EXCEPTION 'at most ${DISCOVERY_KEYS_PER_CALL} selectors at a time' USING ERRCODE = 'CL400';
      END IF;
      IF EXISTS (SELECT 1 FROM unnest(keys) k WHERE k IS NULL OR length(k) > 530 OR k !~ '${KEY_PATTERN}') THEN
        RAISE EXCEPTION 'a selector is type:value of a type compared across cases' USING ERRCODE = 'CL400';
      END IF;
      readable := clew_team_cases('{owner,analyst,reader}');
      IF clew_discover.from_case IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clew_cases c WHERE c.name = clew_discover.from_case AND c.id = ANY (readable)) THEN
        RAISE EXCEPTION 'not a case you may read' USING ERRCODE = 'CL400';
      END IF;
      INSERT INTO clew_discovery_budget AS b (user_id, hour, used) VALUES (me, now_ms / 3600000, cardinality(keys))
      ON CONFLICT (user_id) DO UPDATE SET used = CASE WHEN b.hour = excluded.hour THEN b.used + excluded.used ELSE excluded.used END, hour = excluded.hour
      RETURNING b.used INTO spent;
      IF spent > ${DISCOVERY_KEYS_PER_HOUR} THEN
        RAISE EXCEPTION 'more than ${DISCOVERY_KEYS_PER_HOUR} selectors looked up in an hour' USING ERRCODE = 'CL429';
      END IF;
      RETURN QUERY
      WITH hits AS (
        SELECT k.key AS selector, c.name AS case_name, o.id AS owner_id, o.name AS owner_name, o.agency AS owner_agency
        FROM (SELECT DISTINCT key FROM unnest(keys) AS key) k
        JOIN clew_case_selectors s ON s.key_sha256 = sha256(convert_to(k.key, 'UTF8'))
        JOIN clew_cases c ON c.id = s.case_id
        LEFT JOIN LATERAL (
          SELECT u.id, u.name, u.agency FROM clew_grants g JOIN clew_users u ON u.id = g.user_id
          WHERE g.case_id = c.id AND g.role = 'owner' AND NOT u.disabled
        ) o ON true
        WHERE s.case_id <> ALL (readable)
      ), told AS (
        INSERT INTO clew_notifications (user_id, at, kind, looker_name, looker_agency, from_case, case_name, selector)
        SELECT h.owner_id, now_ms, 'discovery', my_name, my_agency, clew_discover.from_case, h.case_name, h.selector FROM hits h
        WHERE h.owner_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM clew_notifications n WHERE n.user_id = h.owner_id AND n.selector = h.selector AND n.case_name = h.case_name
            AND n.looker_name = my_name AND n.from_case IS NOT DISTINCT FROM clew_discover.from_case AND n.at > now_ms - ${NOTIFY_ONCE_MS})
        RETURNING 1
      )
      SELECT h.selector, h.case_name, h.owner_name, h.owner_agency FROM hits h ORDER BY 1, 2, 3;
    END
    $b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_discover(text[], text) FROM PUBLIC;
`;

export async function createDiscoveryTables(c: pg.PoolClient): Promise<void> {
  await c.query(DISCOVERY_SCHEMA_SQL);
}

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** Rows per INSERT when a case's keys are written. */
const CHUNK = 10_000;

/**
 * Every discovery key case `caseId` holds now, written in place of those it had (run by the admin,
 * inside the caller's transaction): from its accounts' handles and references, and from the
 * phone numbers, e-mail addresses, IBANs and wallets extracted from its messages.
 */
export async function refreshCaseSelectors(c: Queryable, caseId: number): Promise<number> {
  const keys = new Set<string>();
  const accounts = await c.query<{ handle: string; ref: string }>('SELECT handle, ref FROM accounts WHERE case_id = $1', [caseId]);
  for (const a of accounts.rows) for (const s of [a.handle, a.ref]) for (const k of accountKeys(s)) keys.add(k);
  const mentions = await c.query<{ type: string; value: string }>('SELECT DISTINCT type, value FROM mentions WHERE case_id = $1 AND type = ANY ($2::text[])', [
    caseId,
    DISCOVERY_MENTION_TYPES,
  ]);
  for (const m of mentions.rows) keys.add(`${m.type}:${m.value}`);
  await c.query('DELETE FROM clew_case_selectors WHERE case_id = $1', [caseId]);
  const all = [...keys].map(sha256);
  for (let i = 0; i < all.length; i += CHUNK)
    await c.query('INSERT INTO clew_case_selectors (key_sha256, case_id) SELECT DISTINCT k, $1::integer FROM unnest($2::bytea[]) AS k ON CONFLICT DO NOTHING', [caseId, all.slice(i, i + CHUNK)]);
  return all.length;
}


/**
 * As the user the pool names (a user-scoped pool: team/scoped.ts), the cases they may not read
 * that hold each of `keys` (`type:value`, already checked by discoveryKey), notifying their owners.
 * RATE_LIMITED past the user's hourly budget; INVALID_ARGUMENT for a key the database refuses.
 */
export async function discover(pool: pg.Pool, keys: readonly string[], fromCase: string | null): Promise<DiscoveryRow[]> {
  if (keys.length === 0) return [];
  let rows: { selector: string; case_name: string; owner_name: string | null; owner_agency: string | null }[];
  try {
    // a transaction of its own: the function writes (the owners' notifications, the user's budget), which a
    // lone SELECT on a user-scoped pool would run READ ONLY (team/scoped.ts)
    rows = (await transaction(pool, (c) => c.query('SELECT * FROM clew_discover($1::text[], $2)', [keys, fromCase]))).rows;
  } catch (e) {
    if (pgCode(e) === 'CL429') throw new ClewError('RATE_LIMITED', `more than ${DISCOVERY_KEYS_PER_HOUR} selectors looked up across cases in an hour: wait, then ask again`);
    if (pgCode(e) === 'CL400') throw new ClewError('INVALID_ARGUMENT', (e as Error).message);
    throw e;
  }
  const out = new Map<string, DiscoveryRow>();
  for (const r of rows) {
    const k = `${r.selector}\u0000${r.case_name}`;
    let row = out.get(k);
    if (!row) out.set(k, (row = { selector: r.selector, case: r.case_name, owners: [] }));
    if (r.owner_name !== null) row.owners.push({ name: r.owner_name, agency: r.owner_agency });
  }
  return [...out.values()];
}

/** The newest notifications of the user a user-scoped pool names (row-level security: their own only). */
export async function listNotifications(pool: pg.Pool, limit: number): Promise<{ notifications: TeamNotification[]; unseen: number }> {
  const r = await pool.query<{
    id: number;
    at: number;
    kind: 'discovery';
    looker_name: string;
    looker_agency: string | null;
    from_case: string | null;
    case_name: string;
    selector: string;
    seen_at: number | null;
  }>('SELECT id, at, kind, looker_name, looker_agency, from_case, case_name, selector, seen_at FROM clew_notifications ORDER BY id DESC LIMIT $1', [limit]);
  const unseen = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM clew_notifications WHERE seen_at IS NULL');
  return {
    notifications: r.rows.map((n) => ({
      id: Number(n.id),
      at: Number(n.at),
      kind: n.kind,
      looker: { name: n.looker_name, agency: n.looker_agency },
      fromCase: n.from_case,
      case: n.case_name,
      selector: n.selector,
      seenAt: n.seen_at === null ? null : Number(n.seen_at),
    })),
    unseen: unseen.rows[0]?.n ?? 0,
  };
}

/** Mark the user's notifications up to `upTo` (an id) seen. */
export async function markNotificationsSeen(pool: pg.Pool, upTo: number): Promise<void> {
  await pool.query('UPDATE clew_notifications SET seen_at = $2 WHERE id <= $1 AND seen_at IS NULL', [upTo, Date.now()]);
}
