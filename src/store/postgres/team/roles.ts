/**
 * The team server's database role (rls.ts says why it exists): made, or brought back to what it
 * must be, by the admin (`clew db start` for its own server; `clew db server-role --db URI` for
 * any other), with a password of its own, and given its privileges in the database when clew's
 * schema is there (ensureSchema gives them again whenever it creates or migrates the schema).
 */
import type pg from 'pg';
import { pgCode } from '../db.js';
import { serverGrants } from '../schema.js';
import { SERVER_ROLE, roleIdent } from './rls.js';

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

/** Grant role `role` the team server's privileges in this database, when it holds clew's schema (team/rls.ts serverGrantsSql). */
export async function grantServerRole(q: Queryable, role: string = SERVER_ROLE): Promise<boolean> {
  const has = (await q.query<{ t: string | null }>(`SELECT to_regclass('clew_users')::text AS t`)).rows[0]?.t;
  if (!has) return false;
  await q.query(serverGrants(roleIdent(role)));
  return true;
}
