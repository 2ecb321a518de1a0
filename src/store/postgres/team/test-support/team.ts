/**
 * What the team directory's tests share: a team server role of their own in the test run's
 * PostgreSQL (dropped at the end), the URIs of the admin and of that role, cases with a few
 * messages, and unique user names.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ingest, msg } from '../../../conformance/support.js';
import { openPostgresStore } from '../../open.js';
import type { PostgresCaseStore } from '../../store.js';
import { testCaseLocator, testPg } from '../../test-support/pg-case.js';
import { type PgTeamDirectory, openTeamDirectory } from '../directory.js';
import { prepareServerRole } from '../roles.js';

let n = 0;

/** A user name no other test uses. */
export const uniqueUser = (stem: string) => `${stem}.${process.pid}.${++n}.${randomBytes(2).toString('hex')}`;

export const PASSWORD = 'correct horse battery staple';

export interface TeamFixture {
  admin: PgTeamDirectory;
  server: PgTeamDirectory;
  /** The admin's URI (a superuser). */
  adminUrl: string;
  /** The server role's URI. */
  serverUrl: string;
  role: string;
  /** A client connected as the server role (for SQL-level tests). */
  serverClient(): Promise<pg.Client>;
  adminClient(): Promise<pg.Client>;
  close(): Promise<void>;
}

export async function teamFixture(): Promise<TeamFixture> {
  const adminUrl = testPg().url;
  const admin = await openTeamDirectory(adminUrl);
  const role = `clew_srv_t${process.pid}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await prepareServerRole(c, password, role);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.username = role;
  u.password = password;
  const serverUrl = u.toString();
  const server = await openTeamDirectory(serverUrl);
  const clients: pg.Client[] = [];
  const connect = async (url: string) => {
    const cl = new pg.Client({ connectionString: url });
    await cl.connect();
    clients.push(cl);
    return cl;
  };
  return {
    admin,
    server,
    adminUrl,
    serverUrl,
    role,
    serverClient: () => connect(serverUrl),
    adminClient: () => connect(adminUrl),
    async close() {
      for (const cl of clients) await cl.end().catch(() => {});
      await server.close();
      await admin.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP OWNED BY ${role}`);
        await a.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await a.end();
      }
    },
  };
}

/** A new case holding `bodies` as messages from sky:STEMa to sky:STEMb (one a minute from `start`, default 2021-01-01). */
export async function caseWith(stem: string, bodies: readonly string[], start = Date.UTC(2021, 0, 1)): Promise<PostgresCaseStore> {
  const s = await openPostgresStore(testCaseLocator(stem), { create: true });
  await ingest(
    s,
    bodies.map((b, i) => msg(`sky:${stem}a`, [`sky:${stem}b`], start + i * 60_000, b)),
    { analyse: true },
  );
  return s;
}

/**
 * SQL on one client (the server role's, `client()` once connected) as a team user: `as` runs `fn` in a
 * transaction with clew.user set (not set when null), always rolled back; `count` reads the `n` a query
 * selects; `sqlstate` runs a statement in a savepoint and gives 'ok' or the SQLSTATE it failed with.
 */
export function userSql(client: () => pg.ClientBase) {
  return {
    async as<T>(user: number | string | null, fn: () => Promise<T>): Promise<T> {
      const sql = client();
      await sql.query('BEGIN');
      try {
        if (user !== null) await sql.query(`SELECT set_config('clew.user', $1, true)`, [String(user)]);
        return await fn();
      } finally {
        await sql.query('ROLLBACK');
      }
    },
    count: async (text: string, params: unknown[] = []) => Number((await client().query(text, params)).rows[0].n),
    async sqlstate(text: string, params: unknown[] = []): Promise<string | undefined> {
      const sql = client();
      await sql.query('SAVEPOINT s');
      try {
        await sql.query(text, params);
        return 'ok';
      } catch (e) {
        return (e as { code?: string }).code;
      } finally {
        await sql.query('ROLLBACK TO SAVEPOINT s');
      }
    },
  };
}
