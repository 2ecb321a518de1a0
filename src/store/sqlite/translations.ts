/**
 * Machine translations in a SQLite case (the table translations, schema 6): read by message and
 * target; stored in one immediate transaction that checks the messages are in the case, makes the
 * messages' rows of the translations' full-text index (translations_fts, schema 7) again, and moves
 * the change counter. Source records are never touched.
 */
import type { Database } from 'better-sqlite3';
import { type TranslationDbRow, checkTranslation, messagesNotInCase, toStoredTranslation, translationIndexText, translationValues } from '../translation-rows.js';
import type { StoredTranslation } from '../types.js';
import { bumpGeneration } from './generation.js';
import { insertSql } from './schema.js';

const UPSERT = `${insertSql('translations')}
  ON CONFLICT (message_id, target, engine, pair, version) DO UPDATE SET engine_version = excluded.engine_version,
  source_lang = excluded.source_lang, text = excluded.text, failure = excluded.failure, failed = excluded.failed, at = excluded.at, lexicon = excluded.lexicon`;

export function translationsOf(db: Database, messageIds: readonly number[], target: string): StoredTranslation[] {
  const st = db.prepare('SELECT * FROM translations WHERE message_id = ? AND target = ? ORDER BY at DESC, engine, pair, version');
  const out: StoredTranslation[] = [];
  const seen = new Set<number>();
  for (const id of messageIds) {
    if (seen.has(id) || !Number.isSafeInteger(id)) continue;
    seen.add(id);
    for (const r of st.all(id, target) as TranslationDbRow[]) out.push(toStoredTranslation(r));
  }
  return out;
}

export function saveTranslations(db: Database, rows: readonly StoredTranslation[]): void {
  if (rows.length === 0) return;
  for (const r of rows) checkTranslation(r);
  const exists = db.prepare('SELECT 1 FROM messages WHERE id = ?');
  const put = db.prepare(UPSERT);
  const tx = db.transaction(() => {
    const missing = [...new Set(rows.map((r) => r.messageId))].filter((id) => exists.get(id) === undefined);
    if (missing.length > 0) throw messagesNotInCase(missing);
    for (const r of rows) put.run(...translationValues(r));
    indexTranslations(db, [...new Set(rows.map((r) => r.messageId))]);
    bumpGeneration(db);
  });
  tx.immediate();
}

/** The translations_fts rows of these messages, made again from their stored translations (inside the caller's transaction). */
export function indexTranslations(db: Database, messageIds: Iterable<number>): void {
  const read = db.prepare('SELECT text, target, failure FROM translations WHERE message_id = ? ORDER BY target, engine, pair, version');
  const del = db.prepare('DELETE FROM translations_fts WHERE rowid = ?');
  const put = db.prepare('INSERT INTO translations_fts (rowid, text) VALUES (?, ?)');
  for (const id of messageIds) {
    del.run(id);
    const text = translationIndexText(read.all(id) as { text: string; target: string; failure: string | null }[]);
    if (text !== '') put.run(id, text);
  }
}

/** Every translated message's translations_fts row, made again (a migration, a copy's end). */
export function reindexAllTranslations(db: Database): void {
  db.exec(`INSERT INTO translations_fts (translations_fts) VALUES ('delete-all')`);
  indexTranslations(db, db.prepare('SELECT DISTINCT message_id FROM translations ORDER BY message_id').pluck().all() as number[]);
}
