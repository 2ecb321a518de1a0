/**
 * A route's answer that is a file to save (an export), not JSON: its content type, a file name
 * made safe for the Content-Disposition header, and the body, whole or in chunks (streamed).
 *
 * File names come from the case's name and, for a dossier, the account asked for: text from
 * seized phones and from the analyst. Only letters (with their marks), digits, `.`, `_` and `-` are kept (anything
 * else becomes `-`), so no quote, semicolon, slash, CR or LF ever reaches the header; the plain
 * `filename` is ASCII (other letters as `_`), the RFC 6266 / 8187 `filename*` keeps the letters
 * of other scripts, percent-encoded.
 */

export class Download {
  constructor(
    /** With its charset where it has one, e.g. `text/csv; charset=utf-8`. */
    readonly contentType: string,
    /** Already safe (fileName below). */
    readonly fileName: string,
    /** The whole body (text, or bytes: a PDF), or its chunks in order (the first is pulled before the headers go out, so an error before it is a JSON error). */
    readonly body: string | Uint8Array | AsyncIterable<string>,
    /** Extra response headers (e.g. the row cap of a CSV). */
    readonly headers: Readonly<Record<string, string>> = {},
    readonly options: DownloadOptions = {},
  ) {}
}

export interface DownloadOptions {
  /** Shown where it is asked for (an <img> preview: Content-Disposition inline) rather than saved (attachment, the default). */
  inline?: boolean;
  /** Cache-Control (default no-store). */
  cacheControl?: string;
  /** What the download holds, for the audit log (audit-entry.ts recordIdsOf: its `id`s), e.g. `{ id: attachmentId }`. */
  records?: object;
}

const MAX_PART = 60;

/** One part of a file name: letters and digits of any script, `.`, `_`, `-`; at most 60 characters; never empty. */
export function safeNamePart(s: string, fallback = 'case'): string {
  const t = [...s.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '')].slice(0, MAX_PART).join('');
  const trimmed = t.replace(/[-.]+$/g, '');
  return trimmed === '' ? fallback : trimmed;
}

/** `clew-<case>-<what>.<ext>`, each part made safe. */
export function fileName(caseName: string, what: readonly string[], ext: string): string {
  const stem = caseName.replace(/\.(clew|sqlite|db)$/i, '');
  return ['clew', safeNamePart(stem), ...what.map((w) => safeNamePart(w, 'x'))].join('-') + `.${safeNamePart(ext, 'txt')}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (or `inline; …`) for a name made by fileName (re-checked here: nothing else passes). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const safe = name.replace(/[^\p{L}\p{M}\p{N}._-]/gu, '-');
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === safe ? `${disposition}; filename="${ascii}"` : `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
