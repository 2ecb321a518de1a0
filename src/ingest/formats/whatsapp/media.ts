/**
 * Media references in WhatsApp message bodies:
 *   Android, media left out:   `<Media omitted>` (localised)
 *   Android, media included:   `IMG-20210301-WA0001.jpg (file attached)` (localised)
 *   iOS, media left out:       `‎image omitted` (localised)
 *   iOS, media included:       `‎<attached: 00000012-PHOTO-2021-03-01-10-22-33.jpg>` (localised)
 * Only the first line of a body is examined; the lines after it are the caption.
 */
import { FILE_ATTACHED, MEDIA_OMITTED, MEDIA_OMITTED_IOS } from './locales.js';
import { isMark, stripMarks } from './marks.js';

export interface MediaRef {
  /** The file name inside the export, when the media was included. */
  filename?: string;
  /** The placeholder as written (marks removed), when the media was left out. */
  placeholder?: string;
  /** image, video, audio, sticker, gif, document, contact, when the placeholder says. */
  mediaKind?: string;
}

const FILE = '[^<>/\\\\:*?"|\\u0000-\\u001f]{1,200}\\.[A-Za-z0-9]{1,6}';
const IOS_ATTACHED_RE = new RegExp(`^<[^<>:]{1,40}: ?(${FILE})>$`, 'u');
const ANDROID_ATTACHED_RE = new RegExp(`^(${FILE}) \\((?:${FILE_ATTACHED.join('|')})\\)$`, 'u');

export function detectMedia(firstLine: string): MediaRef | null {
  // cheap exits first: placeholders are short, file references end with ">" or ")"
  const n = firstLine.length;
  if (n === 0 || n > 300) return null;
  const lastRaw = firstLine.charCodeAt(n - 1);
  if (n > 48 && lastRaw !== 0x3e && lastRaw !== 0x29 && lastRaw !== 0x20 && !isMark(lastRaw)) return null;
  const t = stripMarks(firstLine);
  if (t.length === 0 || t.length > 300) return null;
  if (MEDIA_OMITTED.has(t)) return { placeholder: t };
  const kind = MEDIA_OMITTED_IOS.get(t);
  if (kind) return { placeholder: t, mediaKind: kind };
  const last = t.charCodeAt(t.length - 1);
  if (last !== 0x3e /* > */ && last !== 0x29 /* ) */) return null;
  let m = IOS_ATTACHED_RE.exec(t);
  if (m) return { filename: m[1]!.trim() };
  m = ANDROID_ATTACHED_RE.exec(t);
  if (m) return { filename: m[1]!.trim() };
  return null;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic',
  mp4: 'video/mp4', '3gp': 'video/3gpp', mov: 'video/quicktime',
  opus: 'audio/ogg', ogg: 'audio/ogg', m4a: 'audio/mp4', mp3: 'audio/mpeg', aac: 'audio/aac', wav: 'audio/wav',
  pdf: 'application/pdf', vcf: 'text/vcard', txt: 'text/plain', zip: 'application/zip',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeFromName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  return MIME[name.slice(dot + 1).toLowerCase()];
}
