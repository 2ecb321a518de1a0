/**
 * The tables declared once (tables.ts) give each backend exactly the schema it declared on its own
 * before (testdata/: the DDL as sqlite/schema.ts and postgres/schema.ts wrote it, SQLite schema 5
 * and PostgreSQL schema 4, the annotation tables as their branch wrote them, then the translations
 * table of SQLite schema 6 and PostgreSQL schema 5, then SQLite schema 7 (translations.lexicon, the
 * translations' full-text index, ocr_texts), PostgreSQL schema 6's team tables and row-level security
 * and PostgreSQL schema 7 (the same three as SQLite's 7), then attachments.taken_at (SQLite 8, PostgreSQL 12), written by hand): every table, column (type,
 * nullability, default, check), key, index, partition, row-level security flag, policy and function the
 * same, as each database's catalog describes them. A change to the declaration
 * fails here until it has a migration and a new snapshot.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_TABLES, SCHEMA_SQL as PG_SCHEMA_SQL, columnNames, createPartitionsSql } from '../postgres/schema.js';
import { testDatabase } from '../postgres/test-support/pg-case.js';
import { ANNOTATION_SCHEMA_SQL, DEFERRED_INDEXES, IDENTITY_SCHEMA_SQL, INGEST_SCHEMA_SQL, OCR_SCHEMA_SQL, SCHEMA_SQL, TRANSLATION_FTS_SQL, TRANSLATION_SCHEMA_SQL, WATCH_SCHEMA_SQL } from '../sqlite/schema.js';
import { TABLES, columns } from './tables.js';

const snapshot = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** A SQLite schema as its catalog describes it: objects, their SQL (blanks folded), columns, keys, indexes. */
function sqliteShape(db: Database.Database): Record<string, unknown> {
  const objects = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`).all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  const out: Record<string, unknown> = {};
  for (const o of objects) {
    const sql = o.sql
      ?.replace(/--[^\n]*/g, '')
      .replace(/\s+/g, ' ')
      .replace(/\( /g, '(')
      .replace(/ \)/g, ')')
      .replace(/ IF NOT EXISTS/, '');
    const entry: Record<string, unknown> = { type: o.type, table: o.tbl_name, sql };
    if (o.type === 'table') {
      entry.columns = db.prepare('SELECT * FROM pragma_table_info(?)').all(o.name);
      entry.list = db.prepare('SELECT type, ncol, wr, strict FROM pragma_table_list WHERE name = ?').all(o.name);
      entry.indexes = db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name').all(o.name);
    }
    if (o.type === 'index') entry.keys = db.prepare('SELECT seqno, cid, name, "desc", coll, key FROM pragma_index_xinfo(?)').all(o.name);
    out[`${o.type}:${o.name}`] = entry;
  }
  return out;
}

function sqliteDb(sql: string): Database.Database {
  const db = new Database(':memory:');
  db.exec(sql);
  return db;
}

describe('the tables declared once', () => {
  it('give a new SQLite case exactly schema 8 (testdata: schema 5 as sqlite/schema.ts declared it, the translations table, then schemas 7 and 8)', () => {
    const before = sqliteDb(snapshot('sqlite-schema-8.sql'));
    const now = sqliteDb(SCHEMA_SQL);
    const want = sqliteShape(before);
    expect(Object.keys(want).length).toBeGreaterThan(50);
    expect(sqliteShape(now)).toEqual(want);
  });

  it('give the SQLite migrations the tables and indexes they add, as a new case has them', () => {
    // a case without what schemas 2, 4, 5, 6 and 7 add gets it back from the derived statements
    const db = sqliteDb(SCHEMA_SQL);
    for (const t of ['edge_deltas', 'persons', 'person_members', 'identity_decisions', 'identity_rejections', 'watchlists', 'saved_searches', 'saved_search_hits', 'annotation_events', 'annotations', 'translations', 'translations_fts', 'ocr_texts']) db.exec(`DROP TABLE ${t}`);
    db.exec('DROP INDEX calls_ts');
    db.exec(INGEST_SCHEMA_SQL);
    db.exec(IDENTITY_SCHEMA_SQL);
    db.exec(WATCH_SCHEMA_SQL);
    db.exec(ANNOTATION_SCHEMA_SQL);
    db.exec(TRANSLATION_SCHEMA_SQL);
    db.exec(TRANSLATION_FTS_SQL);
    db.exec(OCR_SCHEMA_SQL);
    const shape = (d: Database.Database) =>
      Object.fromEntries(Object.entries(sqliteShape(d)).map(([k, v]) => [k, { ...(v as object), sql: undefined }]));
    expect(shape(db)).toEqual(shape(sqliteDb(SCHEMA_SQL)));
    expect(DEFERRED_INDEXES.map((i) => i.name)).toEqual([
      'messages_sender',
      'messages_conversation',
      'messages_native',
      'message_recipients_account',
      'calls_caller',
      'calls_callee',
      'mentions_message',
      'mentions_value',
    ]);
  });

  it('name the same columns on both backends (PostgreSQL adds only messages.fts and translations.fts)', () => {
    expect(CASE_TABLES.map((t) => t.name)).toEqual(TABLES.map((t) => t.name));
    for (const t of TABLES) {
      const pgCols = columnNames(t.name).map((c) => c.replaceAll('"', ''));
      expect(pgCols).toEqual(t.name === 'messages' || t.name === 'translations' ? [...columns(t.name), 'fts'] : columns(t.name));
    }
    expect(columns('calls', ['id'])).not.toContain('id');
  });

  describe('in PostgreSQL', () => {
    let t: Awaited<ReturnType<typeof testDatabase>>;
    let db: pg.Client;
    beforeAll(async () => {
      t = await testDatabase('clew_schema');
      db = t.db;
    });
    afterAll(() => t?.drop());

    /** Every column, constraint, index and partition of a schema, with the schema's name taken out. */
    async function pgShape(schema: string): Promise<Record<string, unknown[]>> {
      const strip = (v: unknown) => (typeof v === 'string' ? v.split(`${schema}.`).join('') : v);
      const q = async (sql: string) => (await db.query(sql, [schema])).rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, strip(v)])));
      return {
        columns: await q(`SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default, collation_name
          FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`),
        constraints: await q(`SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid) AS def
          FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE n.nspname = $1 ORDER BY cl.relname, co.conname`),
        indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY tablename, indexname`),
        partitions: await q(`SELECT c.relname, c.relkind, pg_get_partkeydef(c.oid) AS key, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S') ORDER BY c.relname`),
        rls: await q(`SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`),
        policies: await q(`SELECT tablename, policyname, permissive, roles::text[] AS roles, cmd, qual, with_check FROM pg_policies WHERE schemaname = $1 ORDER BY tablename, policyname`),
        functions: await q(`SELECT p.proname, pg_get_function_arguments(p.oid) AS args, p.prosecdef, p.provolatile, replace(array_to_string(p.proconfig, ','), 'search_path=' || $1, 'search_path=SCHEMA') AS config, p.prosrc
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY p.proname`),
        meta: (await db.query(`SELECT key, value FROM ${schema}.clew_meta ORDER BY key`)).rows,
      };
    }

    it('give a database and a case exactly schema 13 and its partitions (testdata: schema 4 as postgres/schema.ts declared it, the translations table, the team tables and row-level security, then translated search and OCR, then the audit tables, then the legal filters, then cross-case discovery, then legal filters on calls and events, then the attachments\' capture time, then the legal filter functions in PL/pgSQL)', async () => {
      await db.query('CREATE SCHEMA before; SET search_path = before');
      await db.query(snapshot('postgres-schema-13.sql'));
      await db.query('CREATE SCHEMA now; SET search_path = now');
      await db.query(`${PG_SCHEMA_SQL}\n${createPartitionsSql(7)}`);
      await db.query('SET search_path = public');
      const want = await pgShape('before');
      expect(want.columns!.length).toBeGreaterThan(300);
      expect(want.indexes!.length).toBeGreaterThan(50);
      expect(want.policies!.length).toBeGreaterThan(150);
      expect((want.rls as { relrowsecurity: boolean; relforcerowsecurity: boolean }[]).filter((r) => r.relrowsecurity && r.relforcerowsecurity).length).toBe(2 * CASE_TABLES.length + 8); // + clew_cases, clew_grants, and legal filters' three tables, discovery's clew_case_selectors, clew_notifications, clew_discovery_budget
      expect(await pgShape('now')).toEqual(want);
    });
  });
});
