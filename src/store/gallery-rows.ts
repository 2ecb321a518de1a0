/**
 * The attachment gallery (issue 20 part 4) as both backends read it: the page size, the scope's
 * checks, the row and its mapping (with the EXIF capture time stored per attachment), and the EXIF positions (locations of kind 'exif' that ingest
 * recorded from a photo's GPS tags, with its capture time when known) matched to their attachments.
 */
import { ClewError } from '../model/errors.js';
import type { AccountView, GalleryItem, GalleryPage, GalleryScope } from './types.js';

/** Largest page the gallery lists at once. */
export const MAX_GALLERY_PAGE = 500;
/** Accounts a scope may name at once (a person's accounts). */
export const MAX_GALLERY_ACCOUNTS = 1000;

export interface GalleryDbRow {
  id: number | string;
  source_id: number | string;
  native_id: string;
  filename: string;
  mime: string | null;
  size: number | string | null;
  sha256: string | null;
  taken_at: string | null;
  held: number | boolean;
  message_id: number | string | null;
  conversation_id: number | string | null;
  ts: number | string | null;
  sender: number | string | null;
}

export interface ExifDbRow {
  source_id: number | string;
  attachment_native_id: string;
  lat: number;
  lon: number;
  ts: number | string | null;
}

/** The page size asked, within 1…MAX_GALLERY_PAGE; the `after` cursor, ≥ 0. */
export function galleryPaging(opts: { limit: number; after?: number }): { limit: number; after: number } {
  const limit = Math.max(1, Math.min(MAX_GALLERY_PAGE, Math.floor(Number.isFinite(opts.limit) ? opts.limit : MAX_GALLERY_PAGE)));
  const after = Math.max(0, Math.floor(Number.isFinite(opts.after ?? 0) ? (opts.after ?? 0) : 0));
  return { limit, after };
}

/** A scope's account ids, checked (INVALID_ARGUMENT past the cap), distinct. */
export function scopeAccounts(scope: Extract<GalleryScope, { kind: 'accounts' }>): number[] {
  const ids = [...new Set(scope.accountIds.filter((i) => Number.isSafeInteger(i) && i > 0))];
  if (ids.length > MAX_GALLERY_ACCOUNTS) throw new ClewError('INVALID_ARGUMENT', `a gallery names at most ${MAX_GALLERY_ACCOUNTS} accounts`);
  return ids;
}

const exifKey = (sourceId: number | string, nativeId: string) => `${Number(sourceId)}\u0000${nativeId}`;

/** The page's items from its rows (one more than the page, to know whether another follows), senders and EXIF positions. */
export function galleryPage(rows: readonly GalleryDbRow[], limit: number, accounts: ReadonlyMap<number, AccountView>, exif: readonly ExifDbRow[]): GalleryPage {
  const page = rows.slice(0, limit);
  const where = new Map<string, ExifDbRow>();
  for (const e of exif) if (!where.has(exifKey(e.source_id, e.attachment_native_id))) where.set(exifKey(e.source_id, e.attachment_native_id), e);
  const items = page.map((r): GalleryItem => {
    const e = where.get(exifKey(r.source_id, r.native_id));
    const sender = r.sender === null ? undefined : accounts.get(Number(r.sender));
    return {
      id: Number(r.id),
      filename: r.filename,
      mime: r.mime,
      size: r.size === null ? null : Number(r.size),
      sha256: r.sha256,
      held: r.held === true || r.held === 1,
      takenAt: r.taken_at,
      message:
        r.message_id === null || sender === undefined
          ? null
          : { id: Number(r.message_id), conversationId: r.conversation_id === null ? null : Number(r.conversation_id), ts: Number(r.ts), sender },
      exif: e ? { lat: Number(e.lat), lon: Number(e.lon), ts: e.ts === null ? null : Number(e.ts) } : null,
    };
  });
  return { items, nextAfter: rows.length > limit && items.length > 0 ? items[items.length - 1]!.id : null };
}
