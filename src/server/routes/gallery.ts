/**
 * The attachment gallery's routes (issue 20 part 4; the API: src/api/gallery.ts).
 *
 * GET /api/gallery?ref=R | ?message=ID [&images=1&after=N&limit=N]   a scope's attachments, a page at a time
 * GET /api/attachments/<id>/thumbnail   a preview: a JPEG clew made on the server (image/jpeg, inline)
 * GET /api/attachments/<id>/original    the bytes as the case holds them, to save (application/octet-stream)
 *
 * Neither answer ever carries the attachment's own claimed type: a preview is always image/jpeg (clew
 * wrote it), an original always application/octet-stream with Content-Disposition attachment. Both also
 * carry `Content-Security-Policy: default-src 'none'; sandbox` (and, like every answer, nosniff), so even a
 * browser that opened one directly would run nothing in it. The audit log names the attachment (its id).
 */
import { attachmentOriginal, attachmentThumbnail, galleryOf } from '../../api/gallery.js';
import { caseName } from '../../api/case.js';
import { Download, fileName, safeNamePart } from '../download.js';
import * as api from '../contract/gallery.js';
import { defineRoute, type Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';

/** What a served attachment may do if a browser ever shows it: nothing. */
export const ATTACHMENT_CSP = "default-src 'none'; sandbox";

/** A preview may be kept by the browser a few minutes (private: never by a shared cache). */
const THUMBNAIL_CACHE = 'private, max-age=300';

export const GALLERY_ROUTES: Route[] = [
  defineRoute(api.gallery, ({ store, query: q }) =>
    galleryOf(store, { ref: q.ref, message: q.message, imagesOnly: q.images === '1', after: q.after, limit: q.limit }),
  ),
  defineRoute(api.attachmentThumbnail, async ({ store, params }) => {
    const t = await attachmentThumbnail(store, params.id);
    return new Download(
      'image/jpeg',
      fileName(caseName(caseLocatorOf(store)), ['attachment', String(params.id), 'preview'], 'jpg'),
      t.jpeg,
      { 'Content-Security-Policy': ATTACHMENT_CSP, 'X-Content-Type-Options': 'nosniff' },
      { inline: true, cacheControl: THUMBNAIL_CACHE, records: { id: t.item.id } },
    );
  }),
  defineRoute(api.attachmentOriginal, async ({ store, params }) => {
    const o = await attachmentOriginal(store, params.id);
    const ext = /\.([\p{L}\p{N}]{1,10})$/u.exec(o.item.filename)?.[1] ?? 'bin';
    const stem = o.item.filename.replace(/\.[\p{L}\p{N}]{1,10}$/u, '');
    return new Download(
      'application/octet-stream',
      fileName(caseName(caseLocatorOf(store)), ['attachment', String(params.id), safeNamePart(stem, 'file')], ext),
      o.bytes,
      { 'Content-Security-Policy': ATTACHMENT_CSP, 'X-Content-Type-Options': 'nosniff' },
      { records: { id: o.item.id } },
    );
  }),
];
