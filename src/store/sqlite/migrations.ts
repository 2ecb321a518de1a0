/**
 * Schema versions of a SQLite case file and the migrations between them. A case records its
 * version in `PRAGMA user_version` (and in meta.clew_schema for people reading the file). Opening
 * a case written by an older clew migrates it in one transaction, before anything else reads it;
 * a case from a newer clew is refused (CASE_VERSION) and never touched. A case file that cannot be
 * written (read-only file or directory) and needs a migration is refused with CASE_MIGRATION_NEEDED,
 * naming the command that migrates it once it can be written.
 *
 * A migration is one entry below: the version it leads to, what it changes (said to the user),
 * and the change itself. SCHEMA_VERSION (schema.ts) is the version of a new case; the last entry
 * leads to it (migrations.test.ts checks).
 */
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import { FTS_TEXT_SQL, registerFtsText } from './fts-build.js';
import { ANNOTATION_SCHEMA_SQL, IDENTITY_SCHEMA_SQL, INGEST_SCHEMA_SQL, OCR_SCHEMA_SQL, SCHEMA_VERSION, TRANSLATION_FTS_SQL, TRANSLATION_SCHEMA_SQL, WATCH_SCHEMA_SQL } from './schema.js';
import { TAKEN_AT_PENDING } from './taken-at.js';
import { reindexAllTranslations } from './translations.js';

export interface Migration {
  to: number;
  what: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    what: 'the duplicate-call index, the edge increments table and the identity-resolution tables, which 0.1.0 added at every writable open, belong to the schema',
    up(db) {
      db.exec(INGEST_SCHEMA_SQL);
      db.exec(IDENTITY_SCHEMA_SQL);
    },
  },
  {
    to: 3,
    what: 'the full-text index is rebuilt: a message in a language with a stemmer is indexed by the stems of its words, so a search finds their inflected forms (kafa: kafe, kafu, кафа); about a minute per 10 million messages',
    up(db) {
      registerFtsText(db);
      // the rows the index holds (first copies of completed sources), rebuilt as fts-build.ts writes them
      db.exec('CREATE TEMP TABLE clew_fts_rows AS SELECT id FROM main.messages_fts_docsize');
      db.exec(`INSERT INTO main.messages_fts (messages_fts) VALUES ('delete-all')`);
      db.exec(`INSERT INTO main.messages_fts (rowid, text) SELECT id, ${FTS_TEXT_SQL} FROM main.messages WHERE id IN (SELECT id FROM temp.clew_fts_rows) ORDER BY id`);
      db.exec('DROP TABLE temp.clew_fts_rows');
    },
  },
  {
    to: 4,
    what: 'watchlists and saved searches (the tables watchlists, saved_searches and saved_search_hits)',
    up(db) {
      db.exec(WATCH_SCHEMA_SQL);
    },
  },
  {
    to: 5,
    what: 'annotations: tags, notes and stars with their log (the tables annotations and annotation_events)',
    up(db) {
      db.exec(ANNOTATION_SCHEMA_SQL);
    },
  },
  {
    to: 6,
    what: 'machine translations of messages, cached with their engine, pair and version (the table translations)',
    up(db) {
      db.exec(TRANSLATION_SCHEMA_SQL);
    },
  },
  {
    to: 7,
    what: 'search through the stored machine translations (the index translations_fts), the code words a translation kept (translations.lexicon: older translations are made again when next asked for), and text recognised in image attachments (the table ocr_texts)',
    up(db) {
      // (a case migrated from before schema 6 got the table with the column already)
      if (!(db.prepare(`SELECT name FROM pragma_table_info('translations')`).pluck().all() as string[]).includes('lexicon')) db.exec('ALTER TABLE translations ADD COLUMN lexicon TEXT');
      db.exec(TRANSLATION_FTS_SQL);
      reindexAllTranslations(db);
      db.exec(OCR_SCHEMA_SQL);
    },
  },
  {
    to: 8,
    what: "each attachment's EXIF capture time (attachments.taken_at), read again from the photos the case holds right after this migration (a case file that cannot be written shows no capture time until it can)",
    up(db) {
      if (!(db.prepare(`SELECT name FROM pragma_table_info('attachments')`).pluck().all() as string[]).includes('taken_at')) db.exec('ALTER TABLE attachments ADD COLUMN taken_at TEXT');
      // the reading is asynchronous: taken-at.ts does it after this transaction, when the case is opened
      db.prepare(`INSERT INTO meta (key, value) VALUES (?, 'pending') ON CONFLICT(key) DO NOTHING`).run(TAKEN_AT_PENDING);
    },
  },
];

export interface MigrationReport {
  from: number;
  to: number;
  applied: { to: number; what: string }[];
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The schema version of an existing case file, from the SQLite header (user_version is the
 * big-endian integer at byte 60): no connection, so no write of any kind, even where the file or
 * its folder cannot be written. The last connection to close checkpoints the write-ahead log, so
 * the header holds every committed migration; a stale one only makes migrateConnection look again.
 */
export function caseSchemaVersion(path: string): number {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return 0;
  } finally {
    closeSync(fd);
  }
  return header.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' ? header.readUInt32BE(60) : 0;
}

/** Apply the pending migrations on an open writable connection, in one transaction. */
export function migrateConnection(db: Database.Database, path: string): MigrationReport {
  const run = db.transaction((): MigrationReport => {
    // read inside the transaction: another process may have migrated meanwhile
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > SCHEMA_VERSION) throw new ClewError('CASE_VERSION', `${path} has schema ${from}; this clew reads up to ${SCHEMA_VERSION}`, { path });
    const pending = MIGRATIONS.filter((m) => m.to > from);
    for (const m of pending) m.up(db);
    if (pending.length > 0) {
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('clew_schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(SCHEMA_VERSION));
    }
    return { from, to: Math.max(from, SCHEMA_VERSION), applied: pending.map((m) => ({ to: m.to, what: m.what })) };
  });
  return run.immediate();
}

/**
 * Bring an existing case file to this clew's schema before it is opened: nothing when it is
 * current, a migration in one transaction when it is older (even for a read-only open: the
 * reading code knows only the current schema), CASE_VERSION when it is newer.
 */
export function ensureMigrated(path: string): MigrationReport | null {
  const v = caseSchemaVersion(path);
  if (v === 0 || v === SCHEMA_VERSION) return null; // 0: empty or not SQLite: the open says which
  if (v > SCHEMA_VERSION) throw new ClewError('CASE_VERSION', `${path} has schema ${v}; this clew reads up to ${SCHEMA_VERSION}: open it with a newer clew`, { path });
  if (!writable(path))
    throw new ClewError('CASE_MIGRATION_NEEDED', `${path} has schema ${v} and needs migrating to ${SCHEMA_VERSION}; make it writable and run: clew case migrate --case ${path}`, { path });
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return migrateConnection(db, path);
  } finally {
    db.close();
  }
}
