/**
 * The team server's database role (rls.ts says why it exists): made, or brought back to what it
 * must be, by the admin (`clew db start` for its own server; `clew db server-role --db URI` for
 * any other), with a password of its own, and given its privileges in the database when clew's
 * schema is there (ensureSchema gives them again whenever it creates or migrates the schema).
 */
import type pg from 'pg';
import { schemaVersion } from '../cases.js';
import { pgCode } from '../db.js';
import { CASE_TABLES, PG_SCHEMA_VERSION, serverGrants } from '../schema.js';
import { SERVER_ROLE, TEAM_WRITABLE, roleIdent } from './rls.js';

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Make role `role` (default clew_server) a login role with `password` that is no superuser, may
 * not bypass row-level security, create databases or roles, nor inherit another role's
 * privileges; and, when the database `q` is connected to holds clew's schema, grant it what the
 * team server needs there. Run by a role that may create roles (a superuser: clew db start's).
 */
export async function prepareServerRole(q: Queryable, password: string, role: string = SERVER_ROLE): Promise<void> {
  const r = roleIdent(role);
  const attrs = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT PASSWORD ${literal(password)}`;
  const exists = async () => ((await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r])).rowCount ?? 0) > 0;
  if (!(await exists())) {
    try {
      await q.query(`CREATE ROLE ${r} WITH ${attrs}`);
    } catch (e) {
      // made by another process meanwhile
      if (!(pgCode(e) === '42710' || pgCode(e) === '23505')) throw e;
    }
  }
  await q.query(`ALTER ROLE ${r} WITH ${attrs}`);
  // no membership in any other role (an owner's would lift row-level security)
  const member = await q.query<{ g: string }>('SELECT g.rolname AS g FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1', [r]);
  for (const m of member.rows) await q.query(`REVOKE "${m.g.replaceAll('"', '""')}" FROM ${r}`);
  await grantServerRole(q, role);
}

/**
 * Grant role `role` the team server's privileges in this database, when the role exists and the
 * database holds clew's schema at this clew's version (team/rls.ts serverGrantsSql). Returns
 * whether it did. A database at an older version is left as it is: its tables and functions are
 * not yet all there, and ensureSchema grants them once it has migrated it.
 */
export async function grantServerRole(q: Queryable, role: string = SERVER_ROLE): Promise<boolean> {
  const r = (await q.query<{ t: string | null; role: boolean }>(`SELECT to_regclass('clew_users')::text AS t, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS role`, [role])).rows[0];
  if (!r?.t || !r.role || (await schemaVersion(q)) !== PG_SCHEMA_VERSION) return false;
  // given already (the common case: nothing to change, nothing locked)
  const has = await q.query<{ ok: boolean }>(
    `SELECT bool_and(has_table_privilege($1, t, 'SELECT')) AND bool_and(has_table_privilege($1, w, 'INSERT, UPDATE, DELETE'))
            AND has_table_privilege($1, 'clew_sessions', 'SELECT, INSERT, UPDATE, DELETE') AND has_table_privilege($1, 'clew_grants', 'SELECT, INSERT, UPDATE, DELETE')
            AND has_function_privilege($1, 'clew_team_cases(text[])', 'EXECUTE')
            AND has_table_privilege($1, 'legal_filters', 'SELECT, INSERT, DELETE') AND has_function_privilege($1, 'clew_legal_hidden()', 'EXECUTE')
            AND has_function_privilege($1, 'clew_legal_hidden_calls()', 'EXECUTE')
            AND has_function_privilege($1, 'clew_discover(text[], text)', 'EXECUTE') AS ok
     FROM unnest($2::text[]) AS t, unnest($3::text[]) AS w`,
    [role, CASE_TABLES.map((t) => t.name), Object.keys(TEAM_WRITABLE)],
  );
  if (has.rows[0]?.ok) return true;
  await q.query(serverGrants(roleIdent(role)));
  return true;
}
