import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropCase, findCase, listCases } from './cases.js';
import { createPool } from './db.js';
import { postgresLocator } from './locator.js';
import { openPostgresStore } from './open.js';
import { CASE_TABLES, partitionName } from './schema.js';
import { testCaseLocator, testPg } from './test-support/pg-case.js';
import { freePort } from './embedded.js';
import { caught } from '../conformance/support.js';

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of open.splice(0)) await s.close();
});

function withPassword(url: string, password: string | null): string {
  const u = new URL(url);
  u.password = password ?? '';
  return u.toString();
}

const secret = () => new URL(testPg().url).password;

describe('openPostgresCase', () => {
  it('creates a case with a partition of every case table, and drops it whole', async () => {
    const loc = testCaseLocator('lifecycle');
    const s = await openPostgresStore(loc, { create: true });
    open.push(s);
    expect(s.backend).toBe('postgres');
    expect(s.locator).not.toContain(secret());
    const id = s.db.caseId;
    const parts = await s.db.pool.query<{ relname: string }>(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE c.relkind IN ('r', 'p') AND c.relname LIKE $1`,
      [`%\\_c${id}`],
    );
    expect(parts.rows.map((r) => r.relname).sort()).toEqual(CASE_TABLES.map((t) => partitionName(t.name, id)).sort());
    expect((await s.stats()).messages).toBe(0);
    // a second open finds it
    const again = await openPostgresStore(loc, {});
    expect(again.db.caseId).toBe(id);
    await again.close();
    expect(await dropCase(s.db.pool, loc.case)).toBe(true);
    expect(await findCase(s.db.pool, loc.case)).toBeNull();
    const left = await s.db.pool.query(`SELECT 1 FROM pg_class WHERE relname = $1`, [partitionName('messages', id)]);
    expect(left.rowCount).toBe(0);
    expect(await dropCase(s.db.pool, loc.case)).toBe(false);
  });

  it('keeps cases apart: one case never sees another case\'s sources', async () => {
    const a = await openPostgresStore(testCaseLocator('apart-a'), { create: true });
    const b = await openPostgresStore(testCaseLocator('apart-b'), { create: true });
    open.push(a, b);
    const w = await a.beginSource({ path: '/x', name: 'x', size: 1, sha256: 'a'.repeat(64), format: 'canonical', options: {} });
    await w.abort();
    expect((await a.sources()).length).toBe(1);
    expect((await b.sources()).length).toBe(0);
    expect((await listCases(a.db.pool)).map((c) => c.name)).toEqual(expect.arrayContaining([a.db.caseName, b.db.caseName]));
  });

  it('refuses a missing case without create, saying how to create it', async () => {
    const loc = testCaseLocator('missing');
    const e = await caught(openPostgresStore(loc, {}));
    expect(e.code).toBe('CASE_NOT_FOUND');
    expect(e.message).toContain('clew ingest --case');
    expect(e.message).toContain(loc.case);
    expect(e.message).not.toContain(secret());
  });

  it('refuses a database written by a newer clew (CASE_VERSION), changing nothing', async () => {
    // a database of its own, so the version change touches no other test
    const admin = new pg.Client({ connectionString: testPg().url });
    await admin.connect();
    const name = `clew_newer_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const u = new URL(testPg().url);
      u.pathname = `/${name}`;
      const loc = postgresLocator(u.toString(), 'c');
      (await openPostgresStore(loc, { create: true })).close();
      const pool = createPool(loc);
      await pool.query(`UPDATE clew_meta SET value = '99' WHERE key = 'schema_version'`);
      const e = await caught(openPostgresStore(loc, { create: true }));
      expect(e.code).toBe('CASE_VERSION');
      expect(e.message).toContain('newer clew');
      expect((await pool.query(`SELECT value FROM clew_meta WHERE key = 'schema_version'`)).rows[0].value).toBe('99');
      await pool.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('says the server is unreachable, naming host and port, never the password', async () => {
    const port = await freePort();
    const u = new URL(testPg().url);
    u.port = String(port);
    const loc = postgresLocator(u.toString(), 'c');
    const e = await caught(openPostgresStore(loc, { create: true }));
    expect(e.code).toBe('DB_UNREACHABLE');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.message).not.toContain(secret());
    expect(JSON.stringify(e.details)).not.toContain(secret());
  });

  it('says the password is wrong, or missing, without printing it', async () => {
    const wrong = 'not-the-password-' + 'x'.repeat(8);
    const e = await caught(openPostgresStore(postgresLocator(withPassword(testPg().url, wrong), 'c'), { create: true }));
    expect(e.code).toBe('DB_AUTH');
    expect(e.message).not.toContain(wrong);
    expect(e.message).toContain('***');
    const none = await caught(openPostgresStore(postgresLocator(withPassword(testPg().url, null), 'c'), { create: true }));
    expect(none.code).toBe('DB_AUTH');
    expect(none.message).toContain('gives none');
  });

  it('says the database does not exist and how to create it', async () => {
    const u = new URL(testPg().url);
    u.pathname = '/no_such_db';
    const e = await caught(openPostgresStore(postgresLocator(u.toString(), 'c'), { create: true }));
    expect(e.code).toBe('DB_NOT_FOUND');
    expect(e.message).toContain('no_such_db');
    expect(e.message).toContain('CREATE DATABASE');
    expect(e.message).not.toContain(secret());
  });
});
