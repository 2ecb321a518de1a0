/**
 * Describe an attachment's bytes (hash, size, sniffed type, EXIF) and turn it into records:
 * an AttachmentRecord (content kept only up to the cap; the EXIF capture time, when the image
 * has one, as `takenAt`) and, when the image carries a GPS position, a LocationRecord of kind
 * 'exif' linked to the message and the attachment.
 */
import { createHash } from 'node:crypto';
import type { AccountRef, AttachmentRecord, LocationRecord } from '../../model/records.js';
import { zonedToUtc } from '../time.js';
import { carriesExif, readExif, takenAtText, type ExifInfo } from '../../text/exif/exif.js';
import { sniffMime } from './mime.js';

export interface AttachmentDescription {
  sha256: string;
  size: number;
  mime: string;
  exif?: ExifInfo;
}

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  vcf: 'text/vcard',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
};

/** The type by magic bytes; by extension only for plain-text kinds; else application/octet-stream. */
export function mimeOf(bytes: Uint8Array, filename: string): string {
  const sniffed = sniffMime(bytes);
  if (sniffed) return sniffed;
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) ?? 'application/octet-stream';
}

export async function describeAttachment(bytes: Uint8Array, filename: string): Promise<AttachmentDescription> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const mime = mimeOf(bytes, filename);
  const out: AttachmentDescription = { sha256, size: bytes.byteLength, mime };
  if (carriesExif(mime)) {
    const exif = await readExif(bytes);
    if (exif) out.exif = exif;
  }
  return out;
}

export interface AttachmentContext {
  nativeId: string;
  message?: string;
  filename: string;
  /** Largest content kept, in bytes (ParseOptions.maxAttachmentBytes). */
  maxBytes: number;
  /** Sender, for the location record. */
  account?: AccountRef;
  /** Zone for EXIF times without offset; without it (and without an offset) `ts` stays unset. */
  timeZone?: string;
}

/** EXIF capture time to UTC ms, or undefined when the zone is unknown or the time impossible. */
export function exifTime(exif: ExifInfo, timeZone?: string): number | undefined {
  if (!exif.takenAt) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(exif.takenAt);
  if (!m) return undefined;
  const w = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
  try {
    if (exif.takenAtOffset !== undefined && exif.takenAtOffset !== null)
      return zonedToUtc(w, 'UTC').ts - exif.takenAtOffset * 60000;
    return timeZone ? zonedToUtc(w, timeZone).ts : undefined;
  } catch {
    return undefined;
  }
}

/** Records for one attachment whose bytes are known. */
export async function attachmentRecords(
  bytes: Uint8Array,
  ctx: AttachmentContext,
): Promise<{ attachment: AttachmentRecord; location?: LocationRecord; description: AttachmentDescription }> {
  const d = await describeAttachment(bytes, ctx.filename);
  const attachment: AttachmentRecord = {
    type: 'attachment',
    nativeId: ctx.nativeId,
    filename: ctx.filename,
    mime: d.mime,
    size: d.size,
    sha256: d.sha256,
  };
  if (ctx.message !== undefined) attachment.message = ctx.message;
  if (bytes.byteLength <= ctx.maxBytes) attachment.content = bytes;
  const takenAt = d.exif && takenAtText(d.exif);
  if (takenAt) attachment.takenAt = takenAt;
  let location: LocationRecord | undefined;
  if (d.exif?.lat !== undefined && d.exif.lon !== undefined) {
    location = { type: 'location', kind: 'exif', lat: d.exif.lat, lon: d.exif.lon, attachment: ctx.nativeId };
    if (ctx.message !== undefined) location.message = ctx.message;
    if (ctx.account !== undefined) location.account = ctx.account;
    const ts = exifTime(d.exif, ctx.timeZone);
    if (ts !== undefined) location.ts = ts;
    location.label = ctx.filename;
  }
  return location ? { attachment, location, description: d } : { attachment, description: d };
}
