/**
 * IBANs, electronic ("RS35260005601001611379") or grouped with spaces/hyphens ("NL91 ABNA 0417 1643 00").
 * Candidates start at a word boundary with 2 letters + 2 digits; the country's IBAN length (ibantools specs)
 * says exactly how many alphanumerics to collect; single separators between them are allowed. The candidate
 * must end at a word boundary and pass the mod-97 check (and the national BBAN check where ibantools has one).
 */
import { countrySpecs, isValidIBAN } from 'ibantools';
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const START_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}/g;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isSep(c: number): boolean {
  return c === 0x20 || c === 0x2d || c === 0xa0 || c === 0x2e;
}

/** Append one alphanumeric (char code) to a running mod-97 remainder: digits as is, letters as 10..35. */
function mod97Add(rem: number, c: number): number {
  if (c <= 57) return (rem * 10 + (c - 48)) % 97;
  const v = (c >= 97 ? c - 97 : c - 65) + 10;
  return (rem * 100 + v) % 97;
}

export function extractIban(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  START_RE.lastIndex = 0;
  for (let m = START_RE.exec(text); m !== null; m = START_RE.exec(text)) {
    const start = m.index;
    const cc = text.slice(start, start + 2).toUpperCase();
    const spec = countrySpecs[cc];
    if (!spec?.chars) continue;
    let need = spec.chars - 4;
    let i = start + 4;
    let prevSep = false;
    // the mod-97 check (ISO 13616) is computed while collecting, so that hopeless candidates cost no strings:
    // remainder of BBAN + country letters (A=10 … Z=35) + check digits
    let rem = 0;
    let chars = '';
    while (need > 0 && i < text.length) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) {
        rem = mod97Add(rem, c);
        need--;
        prevSep = false;
      } else if (isSep(c) && !prevSep) {
        prevSep = true;
      } else break;
      i++;
    }
    if (need > 0) continue;
    if (i < text.length && isAlnum(text.charCodeAt(i))) continue;
    for (let k = start; k < start + 4; k++) rem = mod97Add(rem, text.charCodeAt(k));
    if (rem !== 1) continue;
    for (let k = start; k < i; k++) if (isAlnum(text.charCodeAt(k))) chars += text[k]!;
    const electronic = chars.toUpperCase();
    if (!isValidIBAN(electronic)) continue;
    out.push({
      type: 'iban',
      start,
      end: i,
      raw: text.slice(start, i),
      value: electronic,
      confidence: 1,
      attrs: { country: cc },
    });
    if (out.length >= MAX_MENTIONS) return out;
    START_RE.lastIndex = i;
  }
  return out;
}

export const ibanExtractor: Extractor = { name: 'iban', extract: extractIban };
