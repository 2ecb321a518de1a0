/**
 * The attachment gallery's endpoints (routes/gallery.ts, issue 20 part 4): the attachments of the
 * case, of an account or person (a dossier) or of a conversation, a server-made preview of an image,
 * and the original bytes as a download. File names and types come from seized phones: render them as
 * text only. The bytes of an attachment are never served as what they claim to be: a preview is a JPEG
 * clew wrote, an original is application/octet-stream to save.
 */
import { z } from 'zod';
import { MAX_REF_CHARS } from '../../api/dossier.js';
import { MAX_GALLERY_PAGE } from '../../api/gallery.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { accountView, int } from './common.js';


export const galleryItemView = z.strictObject({
  /** The attachment's id (for its preview and its original). */
  id: int,
  filename: z.string(),
  /** The type ingest found (by the bytes, else as the source claimed): shown, never used to serve the bytes. */
  mime: z.string().nullable(),
  size: int.nullable(),
  sha256: z.string().nullable(),
  /** Whether the case holds the bytes (no preview or original otherwise). */
  held: z.boolean(),
  /** Whether the type or the name says image (a preview is worth asking for). */
  image: z.boolean(),
  /** The message it belongs to: open it in its conversation. */
  message: z.strictObject({ id: int, conversationId: int.nullable(), ts: int, sender: accountView }).nullable(),
  /**
   * When the photo was taken by its EXIF: the camera's wall clock as ISO 8601, with the camera's offset when it
   * recorded one (`2021-02-03T10:15:00+01:00`), else without (the zone is not recorded); null when unknown.
   */
  takenAt: z.string().nullable(),
  /** Where the photo was taken by its EXIF GPS position (and `ts`, UTC ms, when by the case's time zone), null when unknown. */
  exif: z.strictObject({ lat: z.number(), lon: z.number(), ts: int.nullable() }).nullable(),
});

export const gallery = endpoint({
  method: 'GET',
  path: '/gallery',
  summary: "Attachments of the case, of an account or person (ref), or of a message's conversation (message), by id, a page at a time",
  query: z.strictObject({
    /** An account reference or person:<id>: what its accounts sent or received. */
    ref: z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` }).optional(),
    /** A message id: the attachments of its conversation (or of its direct exchange). */
    message: wholeNumber(1).optional(),
    /** 1: images only (by type or file name). */
    images: z.enum(['0', '1']).optional(),
    after: wholeNumber(0).optional(),
    limit: wholeNumber(1, MAX_GALLERY_PAGE).optional(),
  }),
  response: z.strictObject({
    scope: z.strictObject({ kind: z.enum(['case', 'accounts', 'thread']), accounts: z.array(accountView), messageId: int.nullable() }),
    items: z.array(galleryItemView),
    /** Give as `after` for the next page; null on the last. */
    nextAfter: int.nullable(),
  }),
});

const attachmentParams = z.strictObject({ id: wholeNumber(1) });

export const attachmentThumbnail = endpoint({
  method: 'GET',
  path: '/attachments/:id/thumbnail',
  summary: 'A small JPEG preview of an image attachment, made on the server (422 FORMAT_UNKNOWN or 413 TOO_LARGE with the reason when there is none)',
  params: attachmentParams,
  produces: ['image/jpeg'],
});

export const attachmentOriginal = endpoint({
  method: 'GET',
  path: '/attachments/:id/original',
  summary: "An attachment's bytes as the case holds them, to save (always application/octet-stream, never shown in the browser)",
  params: attachmentParams,
  produces: ['application/octet-stream'],
});
