/**
 * The attachment gallery of a SQLite case (issue 20 part 4): a scope's attachments by id, each with
 * the message it belongs to (the one of its source with its native id), whether the case holds its
 * bytes, and its EXIF position and time (gallery-rows.ts). Reads only.
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import { type ExifDbRow, type GalleryDbRow, galleryPage, galleryPaging, scopeAccounts } from '../gallery-rows.js';
import { imageAttachment } from '../ocr-rows.js';
import type { AccountView, GalleryItem, GalleryPage, GalleryScope } from '../types.js';

/** The message an attachment (alias a) belongs to, as a scalar subquery. */
const MESSAGE_OF = `(SELECT m1.id FROM messages m1 WHERE m1.source_id = a.source_id AND m1.native_id = a.message_native_id ORDER BY m1.id LIMIT 1)`;
/** The attachments of the messages (alias mm) a condition selects. */
const ATTACHMENTS_OF = (cond: string) => `SELECT a2.id FROM messages mm JOIN attachments a2 ON a2.source_id = mm.source_id AND a2.message_native_id = mm.native_id WHERE ${cond}`;

const SELECT = `SELECT a.id, a.source_id, a.native_id, a.filename, a.mime, a.size, a.sha256, a.taken_at,
  EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = a.sha256) AS held,
  m.id AS message_id, m.conversation_id, m.ts, m.sender
  FROM attachments a LEFT JOIN messages m ON m.id = ${MESSAGE_OF}`;

type Accounts = (ids: readonly number[]) => Map<number, AccountView>;

function finish(db: Database, rows: GalleryDbRow[], limit: number, accounts: Accounts): GalleryPage {
  const page = rows.slice(0, limit);
  const senders = accounts(page.flatMap((r) => (r.sender === null ? [] : [Number(r.sender)])));
  const natives = [...new Set(page.map((r) => r.native_id))];
  const exif =
    natives.length === 0
      ? []
      : (db
          .prepare(`SELECT source_id, attachment_native_id, lat, lon, ts FROM locations WHERE kind = 'exif' AND attachment_native_id IN (${natives.map(() => '?').join(',')}) ORDER BY id`)
          .all(...natives) as ExifDbRow[]);
  return galleryPage(rows, limit, senders, exif);
}

export function gallery(db: Database, scope: GalleryScope, opts: { limit: number; after?: number; imagesOnly?: boolean }, accounts: Accounts): GalleryPage {
  const { limit, after } = galleryPaging(opts);
  const where = ['a.id > ?'];
  const params: (number | string)[] = [after];
  if (opts.imagesOnly) where.push(imageAttachment('a'));
  if (scope.kind === 'accounts') {
    const ids = scopeAccounts(scope);
    if (ids.length === 0) return { items: [], nextAfter: null };
    const list = ids.map(() => '?').join(',');
    where.push(
      `a.id IN (${ATTACHMENTS_OF(`mm.sender IN (${list})`)} UNION ${ATTACHMENTS_OF(`mm.id IN (SELECT r.message_id FROM message_recipients r WHERE r.account_id IN (${list}))`)})`,
    );
    params.push(...ids, ...ids);
  } else if (scope.kind === 'thread') {
    const m = db.prepare('SELECT id, conversation_id, sender FROM messages WHERE id = ?').get(scope.messageId) as { id: number; conversation_id: number | null; sender: number } | undefined;
    if (!m) throw new ClewError('NOT_FOUND', `no message ${scope.messageId}`, { id: scope.messageId });
    if (m.conversation_id !== null) {
      where.push(`a.id IN (${ATTACHMENTS_OF('mm.conversation_id = ?')})`);
      params.push(m.conversation_id);
    } else {
      // no conversation: the exchange between the sender and the recipients of this message (as Thread pages it)
      const parties = [m.sender, ...(db.prepare('SELECT account_id FROM message_recipients WHERE message_id = ?').pluck().all(m.id) as number[])];
      const list = parties.map(() => '?').join(',');
      where.push(
        `a.id IN (${ATTACHMENTS_OF(`mm.conversation_id IS NULL AND mm.sender IN (${list}) AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = mm.id AND r.account_id IN (${list}))`)})`,
      );
      params.push(...parties, ...parties);
    }
  }
  const rows = db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT ?`).all(...params, limit + 1) as GalleryDbRow[];
  return finish(db, rows, limit, accounts);
}

export function galleryItem(db: Database, id: number, accounts: Accounts): GalleryItem | null {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const rows = db.prepare(`${SELECT} WHERE a.id = ?`).all(id) as GalleryDbRow[];
  return finish(db, rows, 1, accounts).items[0] ?? null;
}
