/**
 * Invisible direction and formatting marks that WhatsApp puts around dates, names and system
 * texts (LRM, RLM, ALM, embeddings, isolates, BOM), and the digit forms Arabic locales use.
 */

/** True for a mark that carries no text: LRM, RLM, ALM, LRE…RLO, LRI…PDI, BOM. */
export function isMark(c: number): boolean {
  return (
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

const MARKS_RE = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Remove direction marks and trim. */
export function stripMarks(s: string): string {
  return s.replace(MARKS_RE, '').trim();
}

export interface NormalisedHead {
  /** Marks removed, Arabic-Indic digits as ASCII, exotic spaces as ' ', Arabic comma as ','. */
  norm: string;
  /** map[i] = index in the original string of norm[i]; map[norm.length] = index after the last consumed char. */
  map: number[];
}

/** Normalise the first `max` characters of a line for header matching, keeping an index map back. */
export function normaliseHead(s: string, max: number): NormalisedHead {
  let norm = '';
  const map: number[] = [];
  const n = Math.min(s.length, max);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isMark(c)) continue;
    let out: string;
    if (c >= 0x0660 && c <= 0x0669) out = String.fromCharCode(48 + c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out = String.fromCharCode(48 + c - 0x06f0);
    else if (c === 0x00a0 || c === 0x202f || c === 0x2009 || c === 0x2007) out = ' ';
    else if (c === 0x060c) out = ',';
    else out = s[i]!;
    map.push(i);
    norm += out;
  }
  map.push(n);
  return { norm, map };
}
