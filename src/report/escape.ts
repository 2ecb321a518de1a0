/**
 * The one way text gets into a report's HTML. Every string that comes from a case (bodies, names,
 * notes, file names, raw source records) or from the analyst goes through `escapeHtml`; the
 * report's templates put it in element content or in double-quoted attribute values only.
 * Text shown to the reader goes through `escapeText`, which also shows explicit direction
 * controls as markers instead of applying them (as the CLI and the workspace do,
 * src/text/display/bidi.ts), and sits in <bdi> or an element with dir="auto".
 */
import { splitBidi } from '../text/display/bidi.js';

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

/**
 * Untrusted text for display: escaped, and each explicit direction control (embedding, override,
 * isolate) replaced by a marker naming it, e.g. ⟨RLO⟩, so the text reads in its logical order.
 */
export function escapeText(s: string): string {
  return splitBidi(s)
    .map((p) => (p.control ? `<span class="bidi" title="${p.control.codePoint} ${p.control.name}">⟨${p.control.short}⟩</span>` : escapeHtml(p.text)))
    .join('');
}

/** Untrusted text inline, in its own direction (a right-to-left name cannot reorder what follows). */
export function bdi(s: string): string {
  return `<bdi>${escapeText(s)}</bdi>`;
}
