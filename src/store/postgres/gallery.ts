/**
 * The attachment gallery of a PostgreSQL case (the same reads as SQLite's, by case_id; team mode reads
 * through row-level security like every other query): a scope's attachments by id, each with the
 * message it belongs to, whether the case holds its bytes, and its EXIF position and time (gallery-rows.ts).
 */
import { ClewError } from '../../model/errors.js';
import { type ExifDbRow, type GalleryDbRow, galleryPage, galleryPaging, scopeAccounts } from '../gallery-rows.js';
import { imageAttachment } from '../ocr-rows.js';
import type { GalleryItem, GalleryPage, GalleryScope } from '../types.js';
import { type Param, type PgReadCase, accountsByIds, all, one } from './read-util.js';

const MESSAGE_OF = `(SELECT m1.id FROM messages m1 WHERE m1.case_id = a.case_id AND m1.source_id = a.source_id AND m1.native_id = a.message_native_id ORDER BY m1.id LIMIT 1)`;
const ATTACHMENTS_OF = (cond: string) =>
  `SELECT a2.id FROM messages mm JOIN attachments a2 ON a2.case_id = mm.case_id AND a2.source_id = mm.source_id AND a2.message_native_id = mm.native_id WHERE mm.case_id = $1 AND ${cond}`;

const SELECT = `SELECT a.id, a.source_id, a.native_id, a.filename, a.mime, a.size, a.sha256, a.taken_at,
  EXISTS (SELECT 1 FROM blobs b WHERE b.case_id = a.case_id AND b.sha256 = a.sha256) AS held,
  m.id AS message_id, m.conversation_id, m.ts, m.sender
  FROM attachments a LEFT JOIN messages m ON m.case_id = a.case_id AND m.id = ${MESSAGE_OF}`;

async function finish(db: PgReadCase, rows: GalleryDbRow[], limit: number): Promise<GalleryPage> {
  const page = rows.slice(0, limit);
  const senders = await accountsByIds(db, page.flatMap((r) => (r.sender === null ? [] : [Number(r.sender)])));
  const natives = [...new Set(page.map((r) => r.native_id))];
  const exif =
    natives.length === 0
      ? []
      : await all<ExifDbRow>(
          db.pool,
          `SELECT source_id, attachment_native_id, lat, lon, ts FROM locations WHERE case_id = $1 AND kind = 'exif' AND attachment_native_id = ANY($2::text[]) ORDER BY id`,
          [db.caseId, natives],
        );
  return galleryPage(rows, limit, senders, exif);
}

export async function gallery(db: PgReadCase, scope: GalleryScope, opts: { limit: number; after?: number; imagesOnly?: boolean }): Promise<GalleryPage> {
  const { limit, after } = galleryPaging(opts);
  const params: Param[] = [db.caseId, after];
  const where = ['a.case_id = $1', 'a.id > $2'];
  const p = (v: Param) => `$${params.push(v)}`;
  if (opts.imagesOnly) where.push(imageAttachment('a'));
  if (scope.kind === 'accounts') {
    const ids = scopeAccounts(scope);
    if (ids.length === 0) return { items: [], nextAfter: null };
    const list = p(ids);
    where.push(
      `a.id IN (${ATTACHMENTS_OF(`mm.sender = ANY(${list}::bigint[])`)} UNION ${ATTACHMENTS_OF(`mm.id IN (SELECT r.message_id FROM message_recipients r WHERE r.case_id = $1 AND r.account_id = ANY(${list}::bigint[]))`)})`,
    );
  } else if (scope.kind === 'thread') {
    const m = Number.isSafeInteger(scope.messageId)
      ? await one<{ id: number; conversation_id: number | null; sender: number }>(db.pool, 'SELECT id, conversation_id, sender FROM messages WHERE case_id = $1 AND id = $2', [db.caseId, scope.messageId])
      : undefined;
    if (!m) throw new ClewError('NOT_FOUND', `no message ${scope.messageId}`, { id: scope.messageId });
    if (m.conversation_id !== null) {
      where.push(`a.id IN (${ATTACHMENTS_OF(`mm.conversation_id = ${p(m.conversation_id)}`)})`);
    } else {
      const recipients = await all<{ account_id: number }>(db.pool, 'SELECT account_id FROM message_recipients WHERE case_id = $1 AND message_id = $2', [db.caseId, m.id]);
      const list = p([m.sender, ...recipients.map((r) => Number(r.account_id))]);
      where.push(
        `a.id IN (${ATTACHMENTS_OF(`mm.conversation_id IS NULL AND mm.sender = ANY(${list}::bigint[]) AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.case_id = $1 AND r.message_id = mm.id AND r.account_id = ANY(${list}::bigint[]))`)})`,
      );
    }
  }
  const rows = await all<GalleryDbRow>(db.pool, `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT ${p(limit + 1)}`, params);
  return finish(db, rows, limit);
}

export async function galleryItem(db: PgReadCase, id: number): Promise<GalleryItem | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const rows = await all<GalleryDbRow>(db.pool, `${SELECT} WHERE a.case_id = $1 AND a.id = $2`, [db.caseId, id]);
  return (await finish(db, rows, 1)).items[0] ?? null;
}
