/**
 * The team server's role on a database whose clew schema is older than this clew's (what `clew db
 * start` meets after an upgrade): it is made, but not granted anything yet — the newer schema's
 * functions are not there until the database is migrated, which grants them.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_SCHEMA_VERSION } from '../schema.js';
import { testDatabase } from '../test-support/pg-case.js';
import { openTeamDirectory } from './directory.js';
import { grantServerRole, prepareServerRole } from './roles.js';

const role = `clew_roles_${process.pid}`;
let t: Awaited<ReturnType<typeof testDatabase>>;
let db: pg.Client;

beforeAll(async () => {
  t = await testDatabase('clew_team_roles');
  db = t.db;
  // the current schema, made by opening the team directory as the admin
  await (await openTeamDirectory(t.url)).close();
});
afterAll(() => t?.drop([role]));

describe('the team server role', () => {
  it('is granted its privileges in a database at the current schema', async () => {
    await prepareServerRole(db, 'a long enough password', role);
    const r = await db.query<{ ok: boolean }>(`SELECT has_table_privilege($1, 'clew_users', 'SELECT') AS ok`, [role]);
    expect(r.rows[0]?.ok).toBe(true);
  });

  it('is made but not granted in a database at an older schema, whose newer functions are missing', async () => {
    await db.query(`REVOKE ALL ON clew_users FROM ${role}`);
    // as a database of the schema before this one: its newest function not yet made
    await db.query('DROP FUNCTION clew_legal_hidden_calls() CASCADE');
    await db.query(`UPDATE clew_meta SET value = $1 WHERE key = 'schema_version'`, [String(PG_SCHEMA_VERSION - 1)]);
    await expect(prepareServerRole(db, 'another long password', role)).resolves.toBeUndefined();
    expect(await grantServerRole(db, role)).toBe(false);
    const r = await db.query<{ ok: boolean }>(`SELECT has_table_privilege($1, 'clew_users', 'SELECT') AS ok`, [role]);
    expect(r.rows[0]?.ok).toBe(false);
  });
});
