/**
 * The attachment gallery (issue 20 part 4): the typed API the gallery routes call. A scope's attachments
 * (the case; an account or person, as a dossier names it; a message's conversation), a preview of one
 * image (thumbnail.ts: made on the server, kept in a small in-memory cache), and the original bytes.
 *
 * Safety: the bytes of a seized file are never handed to the browser as what they claim to be. A preview is
 * a JPEG clew wrote after checking and decoding the file; an original is served as bytes to save
 * (the route: application/octet-stream, Content-Disposition attachment). A file that is no image, too large
 * or broken has no preview: a typed error with the reason (FORMAT_UNKNOWN, TOO_LARGE), never a crash.
 */
import { ClewError } from '../model/errors.js';
import { MAX_GALLERY_PAGE } from '../store/gallery-rows.js';
import type { AccountView, GalleryItem, GalleryScope } from '../store/types.js';
import { resolveSubjectAccounts } from './dossier.js';
import { makeThumbnail, type Thumbnail } from './thumbnail.js';
import type { CaseStore } from './types.js';

export { MAX_GALLERY_PAGE };
export const DEFAULT_GALLERY_PAGE = 60;

const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|tiff?|webp)$/i;

/** Whether the type or the file name says image (as the store's images-only filter decides). */
export function isImageAttachment(a: Pick<GalleryItem, 'mime' | 'filename'>): boolean {
  return (a.mime ?? '').toLowerCase().startsWith('image/') || IMAGE_EXT.test(a.filename);
}

export interface GalleryRequest {
  /** An account reference or person:<id>: what its accounts sent or received. */
  ref?: string;
  /** A message id: its conversation's attachments (or its direct exchange's). */
  message?: number;
  imagesOnly?: boolean;
  after?: number;
  limit?: number;
}

export interface GalleryResult {
  scope: { kind: GalleryScope['kind']; accounts: AccountView[]; messageId: number | null };
  items: (GalleryItem & { image: boolean })[];
  nextAfter: number | null;
}

/** One page of a scope's attachments. INVALID_ARGUMENT for both a ref and a message; NOT_FOUND / AMBIGUOUS_REF as a dossier's. */
export async function galleryOf(store: CaseStore, r: GalleryRequest): Promise<GalleryResult> {
  if (r.ref !== undefined && r.message !== undefined) throw new ClewError('INVALID_ARGUMENT', 'give a ref (an account or person) or a message (its conversation), not both');
  let scope: GalleryScope = { kind: 'case' };
  let accounts: AccountView[] = [];
  if (r.ref !== undefined) {
    const ref = r.ref.trim();
    accounts = await resolveSubjectAccounts(store, ref.startsWith('person:') ? { person: ref.slice('person:'.length) } : { account: ref });
    scope = { kind: 'accounts', accountIds: accounts.map((a) => a.id) };
  } else if (r.message !== undefined) scope = { kind: 'thread', messageId: r.message };
  const page = await store.gallery(scope, { limit: r.limit ?? DEFAULT_GALLERY_PAGE, after: r.after ?? 0, imagesOnly: r.imagesOnly ?? false });
  return {
    scope: { kind: scope.kind, accounts, messageId: scope.kind === 'thread' ? scope.messageId : null },
    items: page.items.map((i) => ({ ...i, image: isImageAttachment(i) })),
    nextAfter: page.nextAfter,
  };
}

async function itemOf(store: CaseStore, id: number): Promise<GalleryItem> {
  const item = await store.galleryItem(id);
  if (!item) throw new ClewError('NOT_FOUND', `no attachment ${id} in this case`, { id });
  return item;
}

async function bytesOf(store: CaseStore, item: GalleryItem): Promise<Uint8Array> {
  const bytes = item.sha256 === null ? null : await store.blob(item.sha256);
  if (!bytes) throw new ClewError('NOT_FOUND', `the case does not hold the bytes of attachment ${item.id} (the source named the file without carrying it)`, { id: item.id });
  return bytes;
}

/** An attachment's bytes and what the gallery knows of it. NOT_FOUND for no such attachment, or bytes the case does not hold. */
export async function attachmentOriginal(store: CaseStore, id: number): Promise<{ item: GalleryItem; bytes: Uint8Array }> {
  const item = await itemOf(store, id);
  return { item, bytes: await bytesOf(store, item) };
}

// ---------------------------------------------------------------- previews, cached

/** Bytes of previews (and refusals) kept in memory, newest used last: a few hundred previews. */
const CACHE_BYTES = 24 * 1024 * 1024;
const cache = new Map<string, Thumbnail>();
let cached = 0;
const sizeOf = (t: Thumbnail) => (t.ok ? t.jpeg.byteLength : t.reason.length) + 200;
/** Previews being made, by key: a second request for the same waits for the first. */
const making = new Map<string, Promise<Thumbnail>>();
/** One preview made at a time in this process (decoding a large photo takes hundreds of MB for a moment). */
let queue: Promise<unknown> = Promise.resolve();

function remember(key: string, t: Thumbnail): void {
  const size = sizeOf(t);
  if (size > CACHE_BYTES / 8) return;
  cache.set(key, t);
  cached += size;
  for (const [k, v] of cache) {
    if (cached <= CACHE_BYTES) break;
    cache.delete(k);
    cached -= sizeOf(v);
  }
}

/** The cache's state, for tests. */
export function thumbnailCacheSize(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: cached };
}

/**
 * A preview of an image attachment (a JPEG clew made). NOT_FOUND as attachmentOriginal; FORMAT_UNKNOWN for a
 * file that is no image clew previews or cannot be decoded, TOO_LARGE for one over the caps, each with its reason.
 */
export async function attachmentThumbnail(store: CaseStore, id: number): Promise<{ item: GalleryItem; jpeg: Uint8Array; cached: boolean }> {
  // the attachment is looked up first, through the case's own reads (team mode: row-level security), and only
  // then its preview: a cached preview is never given for an attachment the reader may not see
  const item = await itemOf(store, id);
  const key = item.sha256 ?? '';
  let t = cache.get(key);
  const hit = t !== undefined;
  if (t) {
    cache.delete(key);
    cache.set(key, t);
  } else {
    const bytes = await bytesOf(store, item);
    let p = making.get(key);
    if (!p) {
      p = queue.then(() => makeThumbnail(bytes));
      queue = p.catch(() => undefined);
      making.set(key, p);
      void p.finally(() => making.delete(key)).catch(() => undefined);
    }
    t = await p;
    remember(key, t);
  }
  if (!t.ok) {
    const code = t.code === 'too-large' || t.code === 'too-many-pixels' ? 'TOO_LARGE' : 'FORMAT_UNKNOWN';
    throw new ClewError(code, `attachment ${id}: ${t.reason}`, { id, refusal: t.code });
  }
  return { item, jpeg: t.jpeg, cached: hit };
}
