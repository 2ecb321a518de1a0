/**
 * E-mail addresses. No regex: for every '@' the local part is scanned backwards and the domain forwards
 * (both stop at another '@', so each character is visited at most twice: linear time on any input).
 * Local part: ASCII letters, digits and . _ % + - (max 64). Domain: dot-separated labels of letters, digits,
 * hyphens (max 253), TLD of ≥ 2 letters. Value is lower-cased.
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

function isLocal(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
  );
}
function isDomain(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}

function validDomain(d: string): boolean {
  if (d.length < 4 || d.length > 253) return false;
  const labels = d.split('.');
  if (labels.length < 2) return false;
  for (const l of labels) if (l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')) return false;
  return /^[A-Za-z]{2,24}$/.test(labels[labels.length - 1]!);
}

export function extractEmail(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocal(text.charCodeAt(s - 1))) s--;
    // the local part must not be glued to more local chars (longer than 64) and must not start with '.'
    while (s < at && text.charCodeAt(s) === 46) s++;
    let e = at + 1;
    while (e < text.length && e - at <= 253 && isDomain(text.charCodeAt(e))) e++;
    // trailing dots/hyphens belong to the sentence
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    const local = text.slice(s, at);
    const domain = text.slice(at + 1, e);
    const gluedBefore = s > 0 && isLocal(text.charCodeAt(s - 1));
    if (local.length > 0 && !local.endsWith('.') && !local.includes('..') && !gluedBefore && validDomain(domain)) {
      const raw = text.slice(s, e);
      out.push({ type: 'email', start: s, end: e, raw, value: raw.toLowerCase(), confidence: 0.95, attrs: { domain: domain.toLowerCase() } });
      if (out.length >= MAX_MENTIONS) return out;
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

export const emailExtractor: Extractor = { name: 'email', extract: extractEmail };
