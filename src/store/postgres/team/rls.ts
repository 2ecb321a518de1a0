/**
 * The team directory's tables (clew_users, clew_grants, clew_sessions) and row-level security on
 * every case table: PostgreSQL schema 6 (migrations.ts). This file only writes SQL; schema.ts
 * puts it in a new database and in each new case's partitions, migrations.ts into an older one.
 *
 * Who sees what:
 *
 * - The team server connects as a role of its own (SERVER_ROLE, `clew_server`: LOGIN, no
 *   SUPERUSER, no BYPASSRLS, owning nothing; made by `clew db start` or `clew db server-role`)
 *   and sets the signed-in user in each transaction (`set_config('clew.user', ID, true)`, which is
 *   SET LOCAL: team/scoped.ts). Every case table, the partitioned parent AND each case's
 *   partition, has row-level security ENABLEd and FORCEd, with these policies:
 *   - clew_read (SELECT): rows of the cases where that user holds owner, analyst or reader;
 *   - clew_write (ALL: USING and WITH CHECK): rows of the cases where the user is owner or
 *     analyst, and only on the tables an analyst changes (annotations, translations, identity
 *     decisions, lexicon, watchlists and saved searches, the change counter in meta); `false` on
 *     the evidence tables (messages, accounts, sources, …), which only ingest writes.
 *   An auditor reads no case row at all; a disabled user, an unknown one and a transaction that
 *   set none read nothing. A case's partitions are not granted to the server role at all, so
 *   naming one directly is refused before its own policies even apply.
 *   The user's cases come from clew_team_cases(roles), a SECURITY DEFINER function (the server
 *   role may not read other users' grants), evaluated once per query (an InitPlan: the policies
 *   call it in a scalar subquery), so a row costs one integer comparison.
 * - The role that owns the tables (the admin URI the CLI ingests with: `clew` of `clew db
 *   start`, a superuser) keeps reading and writing everything: a superuser or a BYPASSRLS role
 *   is not subject to row-level security at all, and policy clew_admin (TO the role that created
 *   the table) lets an owner without BYPASSRLS read and write every row even though the tables
 *   FORCE row-level security. Ingest (COPY FROM, which PostgreSQL refuses on a table whose
 *   row-level security applies to the role) needs a superuser or a BYPASSRLS role: docs/team.md.
 *
 * The server role can set clew.user to any user: the database enforces need-to-know against
 * every bug above the store (a forgotten filter, a guessed id), not against a server whose code
 * is replaced; that is what the audit log is for.
 */

import { LEGAL_CONDITIONS, legalGrantsSql } from './legal.js';

/** The role `clew db start` makes for the team server (a different one may be granted: grantServerRole). */
export const SERVER_ROLE = 'clew_server';

/** The setting that names the signed-in user (a clew_users id) in a transaction. */
export const USER_SETTING = 'clew.user';

/** Roles that read a case's rows, and those that also change its analyst-made tables. */
const READ_ROLES = `'{owner,analyst,reader}'`;
const WRITE_ROLES = `'{owner,analyst}'`;

/**
 * Case tables the team server may change (what an analyst makes: annotate, translate, decide
 * identities, keep watchlists and the lexicon, run saved searches), with an extra condition on
 * the row when only some rows are theirs (meta: only the change counter).
 */
export const TEAM_WRITABLE: Readonly<Record<string, string>> = {
  meta: `key = 'generation'`,
  lexicon: 'true',
  mentions: 'true',
  persons: 'true',
  person_members: 'true',
  identity_decisions: 'true',
  identity_rejections: 'true',
  watchlists: 'true',
  saved_searches: 'true',
  saved_search_hits: 'true',
  annotation_events: 'true',
  annotations: 'true',
  translations: 'true',
};

const readable = `case_id = ANY ((SELECT clew_team_cases(${READ_ROLES}))::integer[])`;
const writable = `case_id = ANY ((SELECT clew_team_cases(${WRITE_ROLES}))::integer[])`;

/**
 * Row-level security on one case table or partition (`rel`, of case table `table`): idempotent
 * (policies dropped and made again), so a migration may run it twice.
 */
export function rlsSql(rel: string, table: string): string {
  const extra = TEAM_WRITABLE[table];
  // legal filters (legal.ts): rows of messages hidden from the user, on reading and on writing
  const legal = LEGAL_CONDITIONS[table];
  const read = legal === undefined ? readable : `${readable} AND ${legal}`;
  const write0 = extra === undefined ? 'false' : extra === 'true' ? writable : `${writable} AND ${extra}`;
  const write = legal === undefined || write0 === 'false' ? write0 : `${write0} AND ${legal}`;
  return [
    `ALTER TABLE ${rel} ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE ${rel} FORCE ROW LEVEL SECURITY;`,
    `DROP POLICY IF EXISTS clew_admin ON ${rel};`,
    `CREATE POLICY clew_admin ON ${rel} TO CURRENT_USER USING (true) WITH CHECK (true);`,
    `DROP POLICY IF EXISTS clew_read ON ${rel};`,
    `CREATE POLICY clew_read ON ${rel} FOR SELECT USING (${read});`,
    `DROP POLICY IF EXISTS clew_write ON ${rel};`,
    `CREATE POLICY clew_write ON ${rel} FOR ALL USING (${write}) WITH CHECK (${write});`,
  ].join('\n');
}

/**
 * Full-text search under row-level security. PostgreSQL evaluates a query's own conditions
 * before a table's policies only when their functions are LEAKPROOF; otherwise it may not use them
 * as index conditions, so `fts @@ tsquery` (ts_match_vq, not marked so) could not use the case's
 * GIN index for the team server: a rare word then read the whole partition (measured at 100k
 * messages: 350 ms against 53 ms for the admin; at 1M, ten times that). ts_match_vq matches a
 * tsvector against a tsquery and raises no error that depends on the row, so it leaks nothing
 * about rows a policy would hide: it is marked LEAKPROOF in this database (pg_proc is the
 * database's own catalog), which only a superuser may do; under an admin who is not one, search
 * stays correct and slower (docs/team.md).
 */
const LEAKPROOF_FTS_SQL = `DO $lp$ BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
  END IF;
END $lp$;`;

/**
 * The team directory's own tables and functions, and row-level security on the case registry
 * and on the grants (idempotent, as rlsSql). Times are milliseconds since the epoch, as everywhere in clew. A session
 * is stored by the SHA-256 of its id only (a stolen table gives no usable cookie).
 */
export const TEAM_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS clew_users (
  id serial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  agency text COLLATE "C",
  password_hash text COLLATE "C" NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS clew_grants (
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  case_id integer NOT NULL REFERENCES clew_cases (id) ON DELETE CASCADE,
  role text COLLATE "C" NOT NULL CHECK (role IN ('owner', 'analyst', 'reader', 'auditor')),
  granted_at bigint NOT NULL,
  PRIMARY KEY (user_id, case_id)
);
CREATE INDEX IF NOT EXISTS clew_grants_case ON clew_grants (case_id);
CREATE TABLE IF NOT EXISTS clew_sessions (
  id_sha256 bytea PRIMARY KEY CHECK (length(id_sha256) = 32),
  user_id integer NOT NULL REFERENCES clew_users (id) ON DELETE CASCADE,
  csrf text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX IF NOT EXISTS clew_sessions_user ON clew_sessions (user_id);
CREATE OR REPLACE FUNCTION clew_current_user() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $f$
  SELECT CASE WHEN current_setting('${USER_SETTING}', true) ~ '^[0-9]{1,9}$' THEN current_setting('${USER_SETTING}', true)::integer END
$f$;
DO $do$ BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION clew_team_cases(roles text[]) RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path = %I, pg_temp AS $b$
      SELECT coalesce(array_agg(g.case_id ORDER BY g.case_id), '{}') FROM clew_grants g JOIN clew_users u ON u.id = g.user_id
      WHERE u.id = clew_current_user() AND NOT u.disabled AND g.role = ANY (roles)
    $b$$f$, current_schema());
END $do$;
REVOKE ALL ON FUNCTION clew_team_cases(text[]) FROM PUBLIC;
${LEAKPROOF_FTS_SQL}
ALTER TABLE clew_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_cases FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_cases;
CREATE POLICY clew_admin ON clew_cases TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_cases;
CREATE POLICY clew_read ON clew_cases FOR SELECT USING (id = ANY ((SELECT clew_team_cases('{owner,analyst,reader,auditor}'))::integer[]));
ALTER TABLE clew_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE clew_grants FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS clew_admin ON clew_grants;
CREATE POLICY clew_admin ON clew_grants TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS clew_read ON clew_grants;
CREATE POLICY clew_read ON clew_grants FOR SELECT USING (user_id = clew_current_user() OR case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
DROP POLICY IF EXISTS clew_owner ON clew_grants;
CREATE POLICY clew_owner ON clew_grants FOR ALL USING (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[])) WITH CHECK (case_id = ANY ((SELECT clew_team_cases('{owner}'))::integer[]));
`;

/** A role name as an identifier (letters, digits, _; what grantServerRole accepts). */
export function roleIdent(role: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`bad role name ${JSON.stringify(role)}`);
  return role;
}

/**
 * The privileges of the team server's role: read every case table (through its parent only:
 * row-level security filters it), change the analyst-made ones and draw their ids, read the
 * registry of cases (filtered too), users (to authenticate them) and grants (its user's own, and
 * those of the cases its user owns, which an owner may change), keep sessions. Nothing else: no
 * partition, no DDL, no change to users.
 */
export function serverGrantsSql(role: string, caseTables: readonly string[], sequences: readonly string[]): string {
  const r = roleIdent(role);
  return [
    `GRANT SELECT ON ${caseTables.join(', ')} TO ${r};`,
    `GRANT INSERT, UPDATE, DELETE ON ${Object.keys(TEAM_WRITABLE).join(', ')} TO ${r};`,
    ...(sequences.length ? [`GRANT USAGE, SELECT ON SEQUENCE ${sequences.join(', ')} TO ${r};`] : []),
    `GRANT SELECT ON clew_meta, clew_cases, clew_users TO ${r};`,
    // an owner's grants and revokes through the server: policy clew_owner lets them touch their cases' only
    `GRANT SELECT, INSERT, UPDATE, DELETE ON clew_grants TO ${r};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON clew_sessions TO ${r};`,
    `GRANT EXECUTE ON FUNCTION clew_team_cases(text[]) TO ${r};`,
    // the audit log (audit.ts): appended to and read, never changed (its triggers refuse that to anyone)
    `GRANT SELECT, INSERT ON audit_entries, audit_heads TO ${r};`,
    // legal filters (legal.ts): an owner's, through policy clew_owner; the policies' functions
    legalGrantsSql(r),
    // cross-case discovery (../discovery.ts): its function, and the user's own notifications
    `GRANT EXECUTE ON FUNCTION clew_discover(text[], text) TO ${r};`,
    `GRANT SELECT, UPDATE (seen_at) ON clew_notifications TO ${r};`,
  ].join('\n');
}
