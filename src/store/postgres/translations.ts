/**
 * Machine translations in a PostgreSQL case (the same table as SQLite's, by case_id): read by
 * message and target; stored in one transaction under the case's translation lock that checks the
 * messages are in the case and moves the change counter (read-util.ts transaction). Source records
 * are never touched.
 */
import { type TranslationDbRow, checkTranslation, lexiconJson, messagesNotInCase, toStoredTranslation } from '../translation-rows.js';
import { ftsVector } from './writer.js';
import type { StoredTranslation } from '../types.js';
import { type PgReadCase, all, transaction } from './read-util.js';

/** A translation's full-text vector (translations.fts): its index tokens in its target language; null when it failed. */
export function translationVector(r: Pick<StoredTranslation, 'text' | 'target' | 'failure'>): string | null {
  return r.failure === null && r.text !== '' ? ftsVector(null, r.text, r.target) : null;
}

/** Rows per statement. */
const CHUNK = 2000;

export async function translationsOf(db: PgReadCase, messageIds: readonly number[], target: string): Promise<StoredTranslation[]> {
  const ids = [...new Set(messageIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length === 0) return [];
  // in the order the messages were asked for, then newest first (as SQLite answers)
  const r = await all<TranslationDbRow>(
    db.pool,
    `SELECT t.message_id, t.target, t.engine, t.pair, t.version, t.engine_version, t.source_lang, t.text, t.failure, t.failed, t.at, t.lexicon FROM unnest($2::bigint[]) WITH ORDINALITY AS w(id, ord)
     JOIN translations t ON t.case_id = $1 AND t.message_id = w.id AND t.target = $3
     ORDER BY w.ord, t.at DESC, t.engine, t.pair, t.version`,
    [db.caseId, ids, target],
  );
  return r.map(toStoredTranslation);
}

export async function saveTranslations(db: PgReadCase, rows: readonly StoredTranslation[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows) checkTranslation(r);
  await transaction(
    db,
    async (q) => {
      const ids = [...new Set(rows.map((r) => r.messageId))];
      const found = new Set(
        (await all<{ id: number }>(q, 'SELECT id FROM messages WHERE case_id = $1 AND id = ANY($2::bigint[])', [db.caseId, ids])).map((x) => Number(x.id)),
      );
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) throw messagesNotInCase(missing);
      for (let k = 0; k < rows.length; k += CHUNK) {
        const part = rows.slice(k, k + CHUNK);
        const col = <K extends keyof StoredTranslation>(key: K) => part.map((r) => r[key]);
        await q.query(
          `INSERT INTO translations (case_id, message_id, target, engine, pair, version, engine_version, source_lang, text, failure, failed, at, lexicon, fts)
           SELECT $1, u.message_id, u.target, u.engine, u.pair, u.version, u.engine_version, u.source_lang, u.text, u.failure, u.failed, u.at, u.lexicon, u.fts::tsvector
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::text[])
             AS u(message_id, target, engine, pair, version, engine_version, source_lang, text, failure, failed, at, lexicon, fts)
           ON CONFLICT (case_id, message_id, target, engine, pair, version) DO UPDATE SET engine_version = excluded.engine_version,
             source_lang = excluded.source_lang, text = excluded.text, failure = excluded.failure, failed = excluded.failed, at = excluded.at,
             lexicon = excluded.lexicon, fts = excluded.fts`,
          [
            db.caseId,
            col('messageId'),
            col('target'),
            col('engine'),
            col('pair'),
            col('version'),
            col('engineVersion'),
            col('sourceLang'),
            col('text'),
            col('failure'),
            col('failed'),
            col('at'),
            part.map((r) => lexiconJson(r.lexicon)),
            part.map(translationVector),
          ],
        );
      }
    },
    'translation',
  );
}
