/**
 * Text recognised in image attachments in a SQLite case (the table ocr_texts, schema 7): the image
 * attachments still to read, their bytes, and the results stored in one immediate transaction with the
 * entities found in them (mentions of the attachment's message, attrs naming the photo), moving the change
 * counter. Source records are never touched.
 */
import type { Database } from 'better-sqlite3';
import type { Mention } from '../../model/entities.js';
import { type OcrDbRow, checkOcr, imageAttachment, notInCase, ocrMentionAttrs, ocrMentionOf, ocrValues, toStoredOcr } from '../ocr-rows.js';
import type { OcrCandidate, StoredOcr } from '../types.js';
import { bumpGeneration } from './generation.js';
import { insertSql } from './schema.js';
import { cachedStatement } from './statements.js';

const UPSERT = `${insertSql('ocr_texts', { verb: 'INSERT OR REPLACE' })}`;

/** The first copy of the message an attachment belongs to (alias a), as a scalar subquery. */
const MESSAGE_OF = `(SELECT m.id FROM messages m WHERE m.source_id = a.source_id AND m.native_id = a.message_native_id AND m.dup_of IS NULL ORDER BY m.id LIMIT 1)`;

export function ocrCandidates(db: Database, opts: { limit: number; after?: number; again?: boolean }): OcrCandidate[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.filename, a.mime, a.sha256, b.size, ${MESSAGE_OF} AS message_id FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
       WHERE a.id > ? AND ${imageAttachment('a')} ${opts.again ? '' : 'AND NOT EXISTS (SELECT 1 FROM ocr_texts o WHERE o.attachment_id = a.id)'}
       ORDER BY a.id LIMIT ?`,
    )
    .all(opts.after ?? 0, Math.max(1, Math.floor(opts.limit))) as { id: number; filename: string; mime: string | null; sha256: string; size: number; message_id: number | null }[];
  const lang = db.prepare('SELECT lang FROM messages WHERE id = ?').pluck();
  return rows.map((r) => ({
    attachmentId: r.id,
    filename: r.filename,
    mime: r.mime,
    sha256: r.sha256,
    size: r.size,
    messageId: r.message_id,
    lang: r.message_id === null ? null : ((lang.get(r.message_id) as string | null) ?? null),
  }));
}

export function ocrCounts(db: Database): { images: number; done: number } {
  const r = db
    .prepare(
      `SELECT count(*) AS images, count(o.attachment_id) AS done FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
       LEFT JOIN ocr_texts o ON o.attachment_id = a.id WHERE ${imageAttachment('a')}`,
    )
    .get() as { images: number; done: number };
  return r;
}

export function blob(db: Database, sha256: string): Uint8Array | null {
  const r = db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256) as Buffer | undefined;
  return r ? new Uint8Array(r.buffer, r.byteOffset, r.byteLength) : null;
}

export function saveOcr(db: Database, rows: readonly { ocr: StoredOcr; messageId: number | null; mentions: readonly Mention[] }[]): void {
  if (rows.length === 0) return;
  for (const r of rows) checkOcr(r.ocr, r.messageId, r.mentions);
  const hasAttachment = db.prepare('SELECT 1 FROM attachments WHERE id = ?');
  const hasMessage = db.prepare('SELECT 1 FROM messages WHERE id = ?');
  const put = db.prepare(UPSERT);
  const dropMentions = db.prepare(`DELETE FROM mentions AS x WHERE x.message_id = ? AND ${ocrMentionOf('x', '?', (a, b) => `${a} || ${b}`)}`);
  const putMention = db.prepare(insertSql('mentions'));
  const tx = db.transaction(() => {
    const noAttachment = rows.map((r) => r.ocr.attachmentId).filter((id) => hasAttachment.get(id) === undefined);
    if (noAttachment.length > 0) throw notInCase('attachment', noAttachment);
    const noMessage = rows.flatMap((r) => (r.messageId !== null && hasMessage.get(r.messageId) === undefined ? [r.messageId] : []));
    if (noMessage.length > 0) throw notInCase('message', noMessage);
    for (const r of rows) {
      put.run(...ocrValues(r.ocr));
      const id = String(r.ocr.attachmentId);
      if (r.messageId !== null) dropMentions.run(r.messageId, id, id);
      for (const m of r.mentions) putMention.run(r.messageId, m.type, m.start, m.end, m.raw, m.value, m.confidence, ocrMentionAttrs(r.ocr.attachmentId, m));
    }
    bumpGeneration(db);
  });
  tx.immediate();
}

export function ocrOf(db: Database, attachmentIds: readonly number[]): StoredOcr[] {
  const st = db.prepare('SELECT * FROM ocr_texts WHERE attachment_id = ?');
  const out: StoredOcr[] = [];
  for (const id of new Set(attachmentIds)) {
    if (!Number.isSafeInteger(id)) continue;
    const r = st.get(id) as OcrDbRow | undefined;
    if (r) out.push(toStoredOcr(r));
  }
  return out;
}

export function ocrOfMessages(db: Database, messageIds: readonly number[]): { messageId: number; filename: string; ocr: StoredOcr }[] {
  const st = cachedStatement(
    db,
    `SELECT a.filename, o.* FROM messages m JOIN attachments a ON a.source_id = m.source_id AND a.message_native_id = m.native_id
     JOIN ocr_texts o ON o.attachment_id = a.id WHERE m.id = ? ORDER BY a.id`,
  );
  const out: { messageId: number; filename: string; ocr: StoredOcr }[] = [];
  for (const id of new Set(messageIds)) {
    if (!Number.isSafeInteger(id)) continue;
    for (const r of st.all(id) as (OcrDbRow & { filename: string })[]) out.push({ messageId: id, filename: r.filename, ocr: toStoredOcr(r) });
  }
  return out;
}
