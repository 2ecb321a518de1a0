/** Test cases in the test run's PostgreSQL (global-setup.ts): a new case per call. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type PostgresLocator, postgresLocator } from '../locator.js';

let n = 0;

/** The test run's PostgreSQL: its URI (with password) and, when this run started it, its directory. */
export function testPg(): { url: string; dir: string | null } {
  const pg = inject('clewTestPg');
  if (!pg) throw new Error('no test PostgreSQL: vitest.config.ts must list src/store/postgres/test-support/global-setup.ts in globalSetup');
  return pg;
}

/** A locator for a case no other test uses (created on open with create: true). */
export function testCaseLocator(name: string): PostgresLocator {
  return postgresLocator(testPg().url, `${name}-${process.pid}-${++n}-${randomBytes(3).toString('hex')}`);
}

/**
 * A database of the test run's PostgreSQL for a test that changes what is database-wide (the schema
 * version, roles' grants, the team tables): made empty (dropped first if an earlier run left it), with
 * a client connected to it; drop(roles) closes the client, drops the database, then the roles the test made.
 */
export async function testDatabase(stem: string): Promise<{ name: string; url: string; db: pg.Client; drop(roles?: readonly string[]): Promise<void> }> {
  const name = `${stem}_${process.pid}`;
  const admin = new pg.Client({ connectionString: testPg().url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(testPg().url);
  u.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: u.toString() });
  await db.connect();
  return {
    name,
    url: u.toString(),
    db,
    async drop(roles = []) {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const r of roles) await admin.query(`DROP ROLE IF EXISTS ${r}`);
      await admin.end();
    },
  };
}
