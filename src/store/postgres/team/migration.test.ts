/**
 * Schema 6 (migrations.ts, team/rls.ts) on a database as schema 5 made it (testdata/postgres-schema-5.sql,
 * with case 7 in it): opening it as the admin adds the team tables and row-level security on every
 * case table and on case 7's existing partitions, keeps every row readable by the admin, and lets the
 * team server's role read the case once a user is granted it.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresLocator } from '../locator.js';
import { openPostgresStore } from '../open.js';
import { CASE_TABLES, PG_SCHEMA_VERSION, partitionName } from '../schema.js';
import { testDatabase } from '../test-support/pg-case.js';
import { openTeamDirectory } from './directory.js';

let t: Awaited<ReturnType<typeof testDatabase>>;
let db: pg.Client;
let url: string;

beforeAll(async () => {
  t = await testDatabase('clew_team_migrate');
  ({ db, url } = t);
  for (const e of ['unaccent', 'pg_trgm', 'btree_gin']) await db.query(`CREATE EXTENSION IF NOT EXISTS ${e}`);
  await db.query(readFileSync(new URL('../../schema/testdata/postgres-schema-5.sql', import.meta.url), 'utf8'));
  await db.query(`INSERT INTO clew_cases (id, name, schema_version) VALUES (7, 'old', 5)`);
  await db.query(`SELECT setval('clew_cases_id_seq', 7)`);
  await db.query(`INSERT INTO meta (case_id, key, value) VALUES (7, 'clew_schema', '5')`);
  await db.query(`INSERT INTO sources (case_id, id, sha256, path, name, size, format, options, started_at, status) VALUES (7, 1, 'x', '/a', 'a', 1, 'canonical', '{}', 1, 'complete')`);
  await db.query(`INSERT INTO accounts (case_id, id, ref, platform, handle, kind) VALUES (7, 1, 'sky:a', 'sky', 'a', 'handle'), (7, 2, 'sky:b', 'sky', 'b', 'handle')`);
});
afterAll(() => t?.drop());

describe('schema 6 on a schema-5 database', () => {
  it('adds the team tables and row-level security on every case table and existing partition; the admin still reads everything', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE case_id = 7')).rows[0]!.n;
    expect(before).toBe(2);
    const s = await openPostgresStore(postgresLocator(url, 'old'), { readonly: true });
    try {
      expect((await s.stats()).accounts).toBe(2);
    } finally {
      await s.close();
    }
    expect((await db.query(`SELECT value FROM clew_meta WHERE key = 'schema_version'`)).rows[0].value).toBe(String(PG_SCHEMA_VERSION));
    expect((await db.query(`SELECT to_regclass('clew_users') IS NOT NULL AS a, to_regclass('clew_grants') IS NOT NULL AS b, to_regclass('clew_sessions') IS NOT NULL AS c`)).rows[0]).toEqual({
      a: true,
      b: true,
      c: true,
    });
    const rels = [...CASE_TABLES.map((t) => t.name), ...CASE_TABLES.map((t) => partitionName(t.name, 7))];
    const flags = (await db.query(`SELECT relname FROM pg_class WHERE relname = ANY($1) AND relrowsecurity AND relforcerowsecurity`, [rels])).rows;
    expect(flags).toHaveLength(rels.length);
    expect(Number((await db.query(`SELECT count(*) AS n FROM pg_policies WHERE tablename = ANY($1)`, [rels])).rows[0].n)).toBe(3 * rels.length);
    // the case is at schema 6 too (nothing to do in it: its partitions got their policies with the database)
    expect((await db.query(`SELECT schema_version FROM clew_cases WHERE id = 7`)).rows[0].schema_version).toBe(PG_SCHEMA_VERSION);
  });

  it('a directory opened on it works: a user granted the case reads it, as a store opened as them', async () => {
    const d = await openTeamDirectory(url);
    try {
      const u = await d.addUser(`mig.${process.pid}`, 'a long enough password');
      await d.grant(u.name, 'old', 'reader');
      const s = await d.openCaseAs(u.id, 'old');
      try {
        expect((await s.stats()).accounts).toBe(2);
      } finally {
        await s.close();
      }
    } finally {
      await d.close();
    }
  });
});
