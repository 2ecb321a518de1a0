import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../text/normalise/normalise.js';
import { parseQuery } from '../../text/query/parse.js';
import { stemToken } from '../../text/stem/stem.js';
import { ingest, msg } from '../conformance/support.js';
import { MIGRATIONS, migrateConnection } from './migrations.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { openSqliteCase } from './store.js';
import { backfillTakenAt, TAKEN_AT_PENDING } from './taken-at.js';
import type { ClewRecord } from '../../model/records.js';
import { makeJpegWithExif } from '../../text/exif/test-support/jpeg-exif.js';
import { migrateCase, openCase } from '../open.js';
import type { CaseStore } from '../types.js';

async function withOpen<T>(path: string, fn: (s: CaseStore) => Promise<T>): Promise<T> {
  const s = await openCase(path, { threadedWriter: false, readonly: true });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** Every table, index and column of a connection's schema, comparable. */
function shape(db: Database.Database): string[] {
  const objects = db.prepare(`SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { type: string; name: string }[];
  return objects.flatMap((o) =>
    o.type === 'table' ? (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(o.name) as string[]).map((c) => `${o.name}.${c}`) : [`${o.type}:${o.name}`],
  );
}

describe('SQLite schema migrations', () => {
  it('lead, in order, to the schema of a new case', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual([...MIGRATIONS.map((m) => m.to)].sort((a, b) => a - b));
    expect(MIGRATIONS.at(-1)!.to).toBe(SCHEMA_VERSION);
  });

  it('turn the schema-1 core into exactly the schema a new case gets, in one transaction, once', () => {
    const fresh = new Database(':memory:');
    fresh.exec(SCHEMA_SQL);
    const old = new Database(':memory:');
    // schema 1 as 0.1.0 created it: everything but what the migrations add
    old.exec(SCHEMA_SQL);
    for (const t of ['edge_deltas', 'persons', 'person_members', 'identity_decisions', 'identity_rejections', 'watchlists', 'saved_searches', 'saved_search_hits', 'annotation_events', 'annotations', 'translations', 'translations_fts', 'ocr_texts']) old.exec(`DROP TABLE ${t}`);
    old.exec('DROP INDEX calls_ts');
    old.pragma('user_version = 1');
    const r = migrateConnection(old, ':memory:');
    expect(r).toMatchObject({ from: 1, to: SCHEMA_VERSION });
    expect(r.applied.map((a) => a.to)).toEqual(MIGRATIONS.map((m) => m.to));
    expect(shape(old)).toEqual(shape(fresh));
    expect(migrateConnection(old, ':memory:').applied).toEqual([]);
  });

  it('give a schema-6 case\'s stored translations to a search with translations, their code words unrecorded (made again when next asked for)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-migrate-'));
    try {
      const path = join(dir, 'v6.clew');
      const s = openSqliteCase(path, { create: true, threadedWriter: false });
      await ingest(s, [msg('sky:a', ['sky:b'], Date.UTC(2022, 0, 1), 'Kontejner stiže u petak, kum javlja')], { analyse: true });
      const id = (await s.search(parseQuery('kontejner', 'folded'), { limit: 1 })).hits[0]!.id;
      const row = { messageId: id, target: 'en', engine: 'apertium', pair: 'hbs-eng', version: '0.5.1-2', engineVersion: '3.8.3-1', sourceLang: 'sr', text: 'Containers arrive on Friday', failure: null, failed: null, at: 1, lexicon: ['kum'] };
      await s.saveTranslations([row]);
      await s.close();
      // back to schema 6: no lexicon column, no translations index, no OCR table
      const db = new Database(path);
      db.exec('DROP TABLE translations_fts; DROP TABLE ocr_texts; ALTER TABLE translations DROP COLUMN lexicon');
      db.pragma('user_version = 6');
      db.close();
      const m = openSqliteCase(path, { threadedWriter: false });
      try {
        const q = { ...parseQuery('container', 'folded', { langs: ['sr', 'en'] }), translated: true };
        expect((await m.search(q, { limit: 5 })).hits.map((h) => [h.id, h.viaTranslation])).toEqual([[id, true]]);
        expect(await m.translationsOf([id], 'en')).toEqual([{ ...row, lexicon: null }]);
        expect(m.raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      } finally {
        await m.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rebuild a schema-2 case\'s full-text index with stem tokens, so its inflected forms are found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-migrate-'));
    try {
      const path = join(dir, 'v2.clew');
      const bodies = ['Jesi li popio kafu sa bratom u gradu juče', 'Попио сам две кафе у граду са пријатељима', 'The packages arrived yesterday at the harbour'];
      const s = openSqliteCase(path, { create: true, threadedWriter: false });
      await ingest(s, bodies.map((b, i) => msg('sky:a', ['sky:b'], Date.UTC(2021, 0, 1, i), b)), { analyse: true });
      await s.close();
      // the index as schema 2 wrote it: the folded words of every first copy, no stem tokens
      const db = new Database(path);
      const ids = db.prepare('SELECT id FROM messages_fts_docsize ORDER BY id').pluck().all() as number[];
      expect(ids).toHaveLength(3);
      db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')`);
      const put = db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)');
      for (const r of db.prepare('SELECT id, body FROM messages ORDER BY id').all() as { id: number; body: string }[]) put.run(r.id, normalise(r.body));
      db.pragma('user_version = 2');
      const count = (d: Database.Database, token: string) => d.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(`"${token}"`) as number;
      expect([count(db, 'kafu'), count(db, stemToken('kafu', 'sr')!)]).toEqual([1, 0]);
      db.close();

      const migrated = openSqliteCase(path);
      try {
        const found = async (q: string) => (await migrated.search(parseQuery(q, 'folded', { langs: ['sr', 'en'] }), { limit: 10 })).hits.map((h) => h.body);
        expect(await found('kafa')).toEqual([bodies[1], bodies[0]]);
        expect(await found('package')).toEqual([bodies[2]]);
        expect(await found('kafu')).toEqual([bodies[1], bodies[0]]);
      } finally {
        await migrated.close();
      }
      const after = new Database(path, { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      // the same rows, now with stem tokens in place of the Serbian and English words
      expect(after.prepare('SELECT id FROM messages_fts_docsize ORDER BY id').pluck().all()).toEqual(ids);
      expect([count(after, 'kafu'), count(after, stemToken('kafu', 'sr')!)]).toEqual([0, 2]);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fill a schema-7 case's capture times from the photos it holds, once, when it is next opened (read-only too) or by clew case migrate", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-migrate-'));
    try {
      const photo = makeJpegWithExif({ dateTimeOriginal: '2021:02:03 10:15:00', offsetTimeOriginal: '+01:00' });
      const local = makeJpegWithExif({ dateTimeOriginal: '2020:12:31 23:59:58' });
      const records: ClewRecord[] = [
        msg('sky:a', ['sky:b'], Date.UTC(2021, 1, 3), 'slike', { nativeId: 'm1', attachments: ['a1', 'a2', 'a3', 'a4', 'a5'] }),
        { type: 'attachment', nativeId: 'a1', message: 'm1', filename: 'kamion.jpg', mime: 'image/jpeg', content: photo },
        // the same photo again: both get its time
        { type: 'attachment', nativeId: 'a2', message: 'm1', filename: 'kamion-2.jpg', mime: 'image/jpeg', content: photo },
        { type: 'attachment', nativeId: 'a3', message: 'm1', filename: 'noc.jpg', mime: 'image/jpeg', content: local },
        // a photo without EXIF, and one the source named without carrying it
        { type: 'attachment', nativeId: 'a4', message: 'm1', filename: 'plain.png', mime: 'image/png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]) },
        { type: 'attachment', nativeId: 'a5', message: 'm1', filename: 'missing.jpg', mime: 'image/jpeg', sha256: 'ab'.repeat(32) },
      ];
      const times = async (p: string) => withOpen(p, async (s) => (await s.gallery({ kind: 'case' }, { limit: 10 })).items.map((i) => [i.filename, i.takenAt]));
      const want = [
        ['kamion.jpg', '2021-02-03T10:15:00+01:00'],
        ['kamion-2.jpg', '2021-02-03T10:15:00+01:00'],
        ['noc.jpg', '2020-12-31T23:59:58'],
        ['plain.png', null],
        ['missing.jpg', null],
      ];
      for (const [name, migrate] of [['open', false], ['migrate', true]] as const) {
        const path = join(dir, `${name}.clew`);
        const s = openSqliteCase(path, { create: true, threadedWriter: false });
        await ingest(s, records);
        await s.close();
        // back to schema 7: no capture time column
        const db = new Database(path);
        db.exec('ALTER TABLE attachments DROP COLUMN taken_at');
        db.pragma('user_version = 7');
        db.close();
        if (migrate) expect((await migrateCase(path)).applied.map((a) => a.to)).toEqual([8]);
        expect(await times(path)).toEqual(want);
        const after = new Database(path, { readonly: true });
        expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        // done: the mark is gone, so the next open reads no photo again
        expect(after.prepare('SELECT count(*) FROM meta WHERE key = ?').pluck().get(TAKEN_AT_PENDING)).toBe(0);
        after.close();
        expect(await backfillTakenAt(path)).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
