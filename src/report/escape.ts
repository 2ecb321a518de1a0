/**
 * The one way text gets into a report's HTML. Every string that comes from a case (bodies, names,
 * notes, file names, raw source records) or from the analyst goes through `escapeHtml`; the
 * report's templates put it in element content or in double-quoted attribute values only.
 */

const SPECIAL = /[&<>"'\u0000]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\u0000': '\ufffd' };

/**
 * Text as HTML that reads back as the same text, in element content or a quoted attribute value:
 * `& < > " '` become character references; NUL (which an HTML parser replaces anyway) becomes
 * U+FFFD. Nothing else changes: direction controls stay, isolated by where the report puts them
 * (`<bdi>`, `dir="auto"`).
 */
export function escapeHtml(s: string): string {
  return s.replace(SPECIAL, (c) => ENTITY[c]!);
}

/** Untrusted text inline, in its own direction (a right-to-left name or an RLO cannot reorder what follows). */
export function bdi(s: string): string {
  return `<bdi>${escapeHtml(s)}</bdi>`;
}
