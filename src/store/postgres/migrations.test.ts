/**
 * Schema versions of PostgreSQL cases (migrations.ts): a database and case as schema 1 wrote them
 * (no watch tables, full-text vectors without stem tokens) migrate when opened, to the shape and
 * answers of a fresh case; a case from a newer clew is refused untouched; a role that may not
 * migrate is told the command that does.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../text/query/parse.js';
import { stemToken } from '../../text/stem/stem.js';
import { ingest, msg } from '../conformance/support.js';
import type { CaseStore } from '../types.js';
import { findCase } from './cases.js';
import { postgresLocator } from './locator.js';
import { PG_MIGRATIONS } from './migrations.js';
import { migratePostgresCase, openPostgresStore } from './open.js';
import { ANNOTATION_TABLE_NAMES, OCR_TABLE_NAMES, PG_SCHEMA_VERSION, TRANSLATION_TABLE_NAMES, WATCH_TABLE_NAMES } from './schema.js';
import { testCaseLocator, testDatabase } from './test-support/pg-case.js';
import { ftsVector } from './writer.js';
import { caught } from '../conformance/support.js';
import { makeJpegWithExif } from '../../text/exif/test-support/jpeg-exif.js';

const bodies = [
  'Jesi li popio kafu sa bratom u gradu juče',
  'Попио сам две кафе у граду са пријатељима',
  'The packages arrived yesterday at the harbour',
  'Jesi li popio kafu sa bratom u gradu juče', // a duplicate of the first (same sender, second, recipients): no vector
];
const records = bodies.map((b, i) => msg('sky:a', ['sky:b'], Date.UTC(2021, 0, 1, i === 3 ? 0 : i), b));

async function answers(s: CaseStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const q of ['kafa', 'kafu', 'package', '"popio kafu"', 'kaf*', 'harbour']) {
    out[q] = (await s.search(parseQuery(q, 'folded', { langs: ['sr', 'en'] }), { limit: 10 })).hits.map((h) => h.body);
  }
  return out;
}

/** Columns and indexes of a case's partitions, with the case's own suffix taken out. */
async function shape(q: pg.Client, caseId: number): Promise<string[]> {
  const suffix = `_c${caseId}`;
  const cols = await q.query<{ t: string; c: string; ty: string; n: string }>(
    `SELECT table_name AS t, column_name AS c, data_type AS ty, is_nullable AS n FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name LIKE $1 ORDER BY table_name, ordinal_position`,
    [`%\\${suffix}`],
  );
  const idx = await q.query<{ t: string; i: string; d: string }>(`SELECT tablename AS t, indexname AS i, indexdef AS d FROM pg_indexes WHERE tablename LIKE $1`, [`%\\${suffix}`]);
  const strip = (s: string) => s.split(suffix).join('_cN');
  return [...cols.rows.map((r) => strip(`${r.t}.${r.c} ${r.ty} ${r.n}`)), ...idx.rows.map((r) => strip(`${r.t}: ${r.d}`)).sort()];
}

describe('PostgreSQL schema migrations', () => {
  it('lead, in order, to the schema of a new database and case', () => {
    expect(PG_MIGRATIONS.map((m) => m.to)).toEqual([...PG_MIGRATIONS.map((m) => m.to)].sort((a, b) => a - b));
    expect(PG_MIGRATIONS.at(-1)!.to).toBe(PG_SCHEMA_VERSION);
  });

  describe('in a database of their own', () => {
    // the database-wide version changes here: a database no other test uses
    let t: Awaited<ReturnType<typeof testDatabase>>;
    let url: string;
    let db: pg.Client;
    beforeAll(async () => {
      t = await testDatabase('clew_migrate');
      ({ url, db } = t);
    });
    afterAll(() => t?.drop([`${t.name}_ro`]));

    /** Turn case `caseId` back into what schema 1 wrote: vectors of folded words only, version 1. */
    async function asSchema1(caseId: number): Promise<void> {
      const r = await db.query<{ id: number; subject: string | null; body: string }>(`SELECT id, subject, body FROM messages WHERE case_id = $1 AND dup_of IS NULL`, [caseId]);
      for (const m of r.rows) await db.query('UPDATE messages SET fts = $3::tsvector WHERE case_id = $1 AND id = $2', [caseId, m.id, ftsVector(m.subject, m.body, null)]);
      await db.query('UPDATE clew_cases SET schema_version = 1 WHERE id = $1', [caseId]);
      await db.query(`UPDATE meta SET value = '1' WHERE case_id = $1 AND key = 'clew_schema'`, [caseId]);
    }

    const matches = async (caseId: number, lexeme: string) =>
      Number((await db.query(`SELECT count(*) AS n FROM messages WHERE case_id = $1 AND fts @@ $2::tsquery`, [caseId, `'${lexeme}'`])).rows[0].n);

    it('a schema-1 database and case migrate when opened (read-only too), in one go, to the shape and answers of a fresh case', async () => {
      const oldLoc = postgresLocator(url, 'old');
      const s = await openPostgresStore(oldLoc, { create: true });
      await ingest(s, records, { analyse: true });
      const id = s.db.caseId;
      await s.close();
      // schema 1: no watch, annotation or translation tables (a database made before them), vectors without stem tokens
      for (const t of [...WATCH_TABLE_NAMES, ...ANNOTATION_TABLE_NAMES, ...TRANSLATION_TABLE_NAMES, ...OCR_TABLE_NAMES]) await db.query(`DROP TABLE ${t}`);
      await db.query(`UPDATE clew_meta SET value = '1' WHERE key = 'schema_version'`);
      await asSchema1(id);
      const stem = stemToken('kafu', 'sr')!;
      expect(stem).not.toBe('kafu');
      expect([await matches(id, 'kafu'), await matches(id, stem)]).toEqual([1, 0]);

      const migrated = await openPostgresStore(oldLoc, { readonly: true });
      try {
        expect((await db.query(`SELECT value FROM clew_meta WHERE key = 'schema_version'`)).rows[0].value).toBe(String(PG_SCHEMA_VERSION));
        expect((await findCase(db, 'old'))!.schema_version).toBe(PG_SCHEMA_VERSION);
        expect((await db.query(`SELECT value FROM meta WHERE case_id = $1 AND key = 'clew_schema'`, [id])).rows[0].value).toBe(String(PG_SCHEMA_VERSION));
        // the stem tokens in place of the Serbian words; the duplicate still has no vector
        expect([await matches(id, 'kafu'), await matches(id, stem)]).toEqual([0, 2]);
        expect(Number((await db.query('SELECT count(*) AS n FROM messages WHERE case_id = $1 AND fts IS NULL', [id])).rows[0].n)).toBe(1);

        const fresh = await openPostgresStore(postgresLocator(url, 'fresh'), { create: true });
        try {
          await ingest(fresh, records, { analyse: true });
          const want = await answers(fresh);
          expect(want.kafa).toEqual([bodies[1], bodies[0]]);
          expect(await answers(migrated)).toEqual(want);
          expect(await shape(db, id)).toEqual(await shape(db, fresh.db.caseId));
        } finally {
          await fresh.close();
        }
      } finally {
        await migrated.close();
      }
      // the watch tables are back, for every case
      const w = await openPostgresStore(oldLoc, {});
      try {
        await w.putWatchlist('w', [{ line: 1, raw: 'sky:a', type: 'account', value: 'sky:a' }], 'test');
        expect((await w.watchlists()).map((x) => x.name)).toEqual(['w']);
      } finally {
        await w.close();
      }
      expect(await migratePostgresCase(oldLoc)).toEqual({ from: PG_SCHEMA_VERSION, to: PG_SCHEMA_VERSION, applied: [] });
    });

    it('a schema-6 case\'s stored translations become searchable by the step ocr-translation-search (vectors derived), their code words unrecorded', async () => {
      const loc = postgresLocator(url, 'v5');
      const s = await openPostgresStore(loc, { create: true });
      await ingest(s, records, { analyse: true });
      const id = s.db.caseId;
      const mid = (await s.search(parseQuery('harbour', 'folded'), { limit: 1 })).hits[0]!.id;
      const row = { messageId: mid, target: 'en', engine: 'apertium', pair: 'hbs-eng', version: '1', engineVersion: '1', sourceLang: 'sr', text: 'Containers reached the port', failure: null, failed: null, at: 1, lexicon: ['kum'] };
      await s.saveTranslations([row]);
      await s.close();
      // schema 6: translations without lexicon and fts, no ocr_texts (the whole database goes back: its cases are migrated as opened)
      await db.query('ALTER TABLE translations DROP COLUMN lexicon, DROP COLUMN fts');
      for (const t of OCR_TABLE_NAMES) await db.query(`DROP TABLE ${t}`);
      await db.query(`UPDATE clew_meta SET value = '6' WHERE key = 'schema_version'`);
      await db.query('UPDATE clew_cases SET schema_version = 6');
      await db.query(`UPDATE meta SET value = '6' WHERE key = 'clew_schema'`);

      const m = await openPostgresStore(loc, {});
      try {
        expect((await findCase(db, 'v5'))!.schema_version).toBe(PG_SCHEMA_VERSION);
        const q = { ...parseQuery('container', 'folded', { langs: ['sr', 'en'] }), translated: true };
        expect((await m.search(q, { limit: 5 })).hits.map((h) => [h.id, h.viaTranslation])).toEqual([[mid, true]]);
        expect(await m.translationsOf([mid], 'en')).toEqual([{ ...row, lexicon: null }]);
        expect(await m.ocrCounts()).toEqual({ images: 0, done: 0 });
        const fresh = await openPostgresStore(postgresLocator(url, 'fresh5'), { create: true });
        try {
          expect(await shape(db, id)).toEqual(await shape(db, fresh.db.caseId));
        } finally {
          await fresh.close();
        }
      } finally {
        await m.close();
      }
    });

    it("a schema-11 case's capture times are read from the photos it holds by the step attachment capture time", async () => {
      const photo = makeJpegWithExif({ dateTimeOriginal: '2021:02:03 10:15:00', offsetTimeOriginal: '-05:00' });
      const loc = postgresLocator(url, 'v11');
      const s = await openPostgresStore(loc, { create: true });
      await ingest(s, [
        msg('sky:a', ['sky:b'], Date.UTC(2021, 1, 3), 'slike', { nativeId: 'm1', attachments: ['a1', 'a2', 'a3', 'a4'] }),
        { type: 'attachment', nativeId: 'a1', message: 'm1', filename: 'kamion.jpg', mime: 'image/jpeg', content: photo },
        { type: 'attachment', nativeId: 'a2', message: 'm1', filename: 'kamion-2.jpg', mime: 'image/jpeg', content: photo },
        { type: 'attachment', nativeId: 'a3', message: 'm1', filename: 'noc.jpg', mime: 'image/jpeg', content: makeJpegWithExif({ dateTimeOriginal: '2020:12:31 23:59:58' }) },
        { type: 'attachment', nativeId: 'a4', message: 'm1', filename: 'missing.jpg', mime: 'image/jpeg', sha256: 'ab'.repeat(32) },
      ]);
      const id = s.db.caseId;
      await s.close();
      // schema 11: attachments without taken_at (the whole database goes back: its cases are migrated as opened)
      await db.query('ALTER TABLE attachments DROP COLUMN taken_at');
      await db.query(`UPDATE clew_meta SET value = '11' WHERE key = 'schema_version'`);
      await db.query('UPDATE clew_cases SET schema_version = 11');
      await db.query(`UPDATE meta SET value = '11' WHERE key = 'clew_schema'`);

      const m = await openPostgresStore(loc, { readonly: true });
      try {
        expect((await findCase(db, 'v11'))!.schema_version).toBe(PG_SCHEMA_VERSION);
        expect((await m.gallery({ kind: 'case' }, { limit: 10 })).items.map((i) => [i.filename, i.takenAt])).toEqual([
          ['kamion.jpg', '2021-02-03T10:15:00-05:00'],
          ['kamion-2.jpg', '2021-02-03T10:15:00-05:00'],
          ['noc.jpg', '2020-12-31T23:59:58'],
          ['missing.jpg', null],
        ]);
        const fresh = await openPostgresStore(postgresLocator(url, 'fresh11'), { create: true });
        try {
          expect(await shape(db, id)).toEqual(await shape(db, fresh.db.caseId));
        } finally {
          await fresh.close();
        }
      } finally {
        await m.close();
      }
    });

    it('a role that may not write the case is told the command that migrates it; clew case migrate then does, once', async () => {
      const loc = postgresLocator(url, 'guarded');
      const s = await openPostgresStore(loc, { create: true });
      await ingest(s, records, { analyse: true });
      const id = s.db.caseId;
      await s.close();
      await asSchema1(id);
      const role = `${t.name}_ro`;
      await db.query(`DROP ROLE IF EXISTS ${role}`);
      // a role that reads every case: row-level security (schema 6) shows a role without BYPASSRLS only the cases of the clew user it names
      await db.query(`CREATE ROLE ${role} LOGIN BYPASSRLS PASSWORD 'ro-secret-123'`);
      await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      const u = new URL(url);
      u.username = role;
      u.password = 'ro-secret-123';
      const ro = postgresLocator(u.toString(), 'guarded');
      const e = await caught(openPostgresStore(ro, { readonly: true }));
      expect(e.code).toBe('CASE_MIGRATION_NEEDED');
      expect(e.message).toContain(`clew case migrate --case '${ro.printable}'`);
      expect(e.message).not.toContain('ro-secret-123');
      expect((await findCase(db, 'guarded'))!.schema_version).toBe(1);

      const r = await migratePostgresCase(loc);
      expect(r).toMatchObject({ from: 1, to: PG_SCHEMA_VERSION });
      expect(r.applied.map((a) => a.to)).toEqual(PG_MIGRATIONS.map((m) => m.to));
      expect(await matches(id, stemToken('kafu', 'sr')!)).toBe(2);
      expect((await migratePostgresCase(loc)).applied).toEqual([]);
      // now the read-only role reads it
      const reader = await openPostgresStore(ro, { readonly: true });
      try {
        expect((await answers(reader)).kafa).toEqual([bodies[1], bodies[0]]);
      } finally {
        await reader.close();
      }
      await db.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    });
  });

  it('refuse a case from a newer clew (CASE_VERSION), changing nothing', async () => {
    const loc = testCaseLocator('newer');
    const s = await openPostgresStore(loc, { create: true });
    await ingest(s, records.slice(0, 1), { analyse: true });
    const id = s.db.caseId;
    try {
      await s.db.pool.query('UPDATE clew_cases SET schema_version = 99 WHERE id = $1', [id]);
      const before = (await s.db.pool.query('SELECT id, fts::text AS fts FROM messages WHERE case_id = $1 ORDER BY id', [id])).rows;
      for (const opts of [{}, { readonly: true }, { create: true }]) {
        const e = await caught(openPostgresStore(loc, opts));
        expect(e.code).toBe('CASE_VERSION');
        expect(e.message).toContain('newer clew');
      }
      expect((await caught(migratePostgresCase(loc))).code).toBe('CASE_VERSION');
      expect((await findCase(s.db.pool, loc.case))!.schema_version).toBe(99);
      expect((await s.db.pool.query('SELECT id, fts::text AS fts FROM messages WHERE case_id = $1 ORDER BY id', [id])).rows).toEqual(before);
    } finally {
      await s.db.pool.query('UPDATE clew_cases SET schema_version = $2 WHERE id = $1', [id, PG_SCHEMA_VERSION]);
      await s.close();
    }
  });
});
