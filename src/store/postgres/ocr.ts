/**
 * Text recognised in image attachments in a PostgreSQL case (the same table as SQLite's, by case_id): the
 * image attachments still to read, their bytes, and the results stored in one transaction under the case's
 * OCR lock with the entities found in them (mentions of the attachment's message, attrs naming the photo),
 * moving the change counter (read-util.ts transaction). Source records are never touched.
 */
import type { Mention } from '../../model/entities.js';
import { type OcrDbRow, checkOcr, imageAttachment, notInCase, ocrMentionAttrs, ocrMentionOf, ocrValues, toStoredOcr } from '../ocr-rows.js';
import type { OcrCandidate, StoredOcr } from '../types.js';
import { type PgReadCase, all, one, transaction } from './read-util.js';

const MESSAGE_OF = `(SELECT m.id FROM messages m WHERE m.case_id = a.case_id AND m.source_id = a.source_id AND m.native_id = a.message_native_id AND m.dup_of IS NULL ORDER BY m.id LIMIT 1)`;

export async function ocrCandidates(db: PgReadCase, opts: { limit: number; after?: number; again?: boolean }): Promise<OcrCandidate[]> {
  const rows = await all<{ id: number; filename: string; mime: string | null; sha256: string; size: number; message_id: number | null; lang: string | null }>(
    db.pool,
    `SELECT c.*, (SELECT lang FROM messages WHERE case_id = $1 AND id = c.message_id) AS lang FROM (
       SELECT a.id, a.filename, a.mime, a.sha256, b.size, ${MESSAGE_OF} AS message_id FROM attachments a JOIN blobs b ON b.case_id = a.case_id AND b.sha256 = a.sha256
       WHERE a.case_id = $1 AND a.id > $2 AND ${imageAttachment('a')}
       ${opts.again ? '' : 'AND NOT EXISTS (SELECT 1 FROM ocr_texts o WHERE o.case_id = a.case_id AND o.attachment_id = a.id)'}
       ORDER BY a.id LIMIT $3) c ORDER BY c.id`,
    [db.caseId, opts.after ?? 0, Math.max(1, Math.floor(opts.limit))],
  );
  return rows.map((r) => ({
    attachmentId: Number(r.id),
    filename: r.filename,
    mime: r.mime,
    sha256: r.sha256,
    size: Number(r.size),
    messageId: r.message_id === null ? null : Number(r.message_id),
    lang: r.lang,
  }));
}

export async function ocrCounts(db: PgReadCase): Promise<{ images: number; done: number }> {
  const r = await one<{ images: number; done: number }>(
    db.pool,
    `SELECT count(*) AS images, count(o.attachment_id) AS done FROM attachments a JOIN blobs b ON b.case_id = a.case_id AND b.sha256 = a.sha256
     LEFT JOIN ocr_texts o ON o.case_id = a.case_id AND o.attachment_id = a.id WHERE a.case_id = $1 AND ${imageAttachment('a')}`,
    [db.caseId],
  );
  return { images: Number(r?.images ?? 0), done: Number(r?.done ?? 0) };
}

export async function blob(db: PgReadCase, sha256: string): Promise<Uint8Array | null> {
  const r = await one<{ data: Buffer }>(db.pool, 'SELECT data FROM blobs WHERE case_id = $1 AND sha256 = $2', [db.caseId, sha256]);
  return r ? new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) : null;
}

export async function saveOcr(db: PgReadCase, rows: readonly { ocr: StoredOcr; messageId: number | null; mentions: readonly Mention[] }[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows) checkOcr(r.ocr, r.messageId, r.mentions);
  await transaction(
    db,
    async (q) => {
      const aids = [...new Set(rows.map((r) => r.ocr.attachmentId))];
      const foundA = new Set((await all<{ id: number }>(q, 'SELECT id FROM attachments WHERE case_id = $1 AND id = ANY($2::bigint[])', [db.caseId, aids])).map((x) => Number(x.id)));
      const noAttachment = aids.filter((id) => !foundA.has(id));
      if (noAttachment.length > 0) throw notInCase('attachment', noAttachment);
      const mids = [...new Set(rows.flatMap((r) => (r.messageId === null ? [] : [r.messageId])))];
      const foundM = new Set((await all<{ id: number }>(q, 'SELECT id FROM messages WHERE case_id = $1 AND id = ANY($2::bigint[])', [db.caseId, mids])).map((x) => Number(x.id)));
      const noMessage = mids.filter((id) => !foundM.has(id));
      if (noMessage.length > 0) throw notInCase('message', noMessage);
      for (const r of rows) {
        const v = ocrValues(r.ocr);
        await q.query(
          `INSERT INTO ocr_texts (case_id, attachment_id, engine, engine_version, languages, data_versions, text, words, confidence, orientation, failure, failed, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (case_id, attachment_id) DO UPDATE SET engine = excluded.engine, engine_version = excluded.engine_version, languages = excluded.languages,
             data_versions = excluded.data_versions, text = excluded.text, words = excluded.words, confidence = excluded.confidence,
             orientation = excluded.orientation, failure = excluded.failure, failed = excluded.failed, at = excluded.at`,
          [db.caseId, ...v],
        );
        if (r.messageId === null) continue;
        await q.query(`DELETE FROM mentions x WHERE x.case_id = $1 AND x.message_id = $2 AND ${ocrMentionOf('x', '$3::text', (a, b) => `${a} || ${b}`)}`, [
          db.caseId,
          r.messageId,
          String(r.ocr.attachmentId),
        ]);
        for (const m of r.mentions)
          await q.query('INSERT INTO mentions (case_id, message_id, type, start, "end", raw, value, confidence, attrs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
            db.caseId,
            r.messageId,
            m.type,
            m.start,
            m.end,
            m.raw,
            m.value,
            m.confidence,
            ocrMentionAttrs(r.ocr.attachmentId, m),
          ]);
      }
    },
    'ocr',
  );
}

export async function ocrOf(db: PgReadCase, attachmentIds: readonly number[]): Promise<StoredOcr[]> {
  const ids = [...new Set(attachmentIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length === 0) return [];
  const r = await all<OcrDbRow>(
    db.pool,
    `SELECT o.attachment_id, o.engine, o.engine_version, o.languages, o.data_versions, o.text, o.words, o.confidence, o.orientation, o.failure, o.failed, o.at
     FROM unnest($2::bigint[]) WITH ORDINALITY AS w(id, ord) JOIN ocr_texts o ON o.case_id = $1 AND o.attachment_id = w.id ORDER BY w.ord`,
    [db.caseId, ids],
  );
  return r.map(toStoredOcr);
}

export async function ocrOfMessages(db: PgReadCase, messageIds: readonly number[]): Promise<{ messageId: number; filename: string; ocr: StoredOcr }[]> {
  const ids = [...new Set(messageIds)].filter((x) => Number.isSafeInteger(x));
  if (ids.length === 0) return [];
  const r = await all<OcrDbRow & { message_id: number; filename: string }>(
    db.pool,
    `SELECT m.id AS message_id, a.filename, o.attachment_id, o.engine, o.engine_version, o.languages, o.data_versions, o.text, o.words, o.confidence, o.orientation, o.failure, o.failed, o.at
     FROM unnest($2::bigint[]) WITH ORDINALITY AS w(id, ord) JOIN messages m ON m.case_id = $1 AND m.id = w.id
     JOIN attachments a ON a.case_id = $1 AND a.source_id = m.source_id AND a.message_native_id = m.native_id
     JOIN ocr_texts o ON o.case_id = $1 AND o.attachment_id = a.id ORDER BY w.ord, a.id`,
    [db.caseId, ids],
  );
  return r.map((x) => ({ messageId: Number(x.message_id), filename: x.filename, ocr: toStoredOcr(x) }));
}
