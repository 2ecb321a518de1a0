/**
 * BIC / SWIFT codes (ISO 9362): 4 letters bank, 2 letters country, 2 alphanumerics location, optional 3
 * alphanumerics branch, written in capitals. A BIC has no checksum, and any 8- or 11-letter capitalised word
 * with a valid country in position 5–6 looks like one ("PACKAGES"), so a candidate is kept only with evidence:
 *  - a keyword (BIC, SWIFT) in the 24 characters before it: confidence 0.9;
 *  - an IBAN of the same country in the message: 0.7;
 *  - a digit in the location code (real BICs often have one, words never): 0.6.
 */
import { isValidBIC } from 'ibantools';
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const BIC_RE = /(?<![A-Za-z0-9])([A-Z]{4})([A-Z]{2})([A-Z0-9]{2})([A-Z0-9]{3})?(?![A-Za-z0-9])/g;
const KEYWORD_RE = /\b(?:bic|swift)\b/i;
const IBAN_CC_RE = /(?<![A-Za-z0-9])([A-Z]{2})[0-9]{2}[ ]?[A-Z0-9]{4}/g;

export function extractBic(text: string, _ctx: ExtractContext): Mention[] {
  // cheap pre-check: need 8 consecutive capitals/digits starting with 6 capitals
  if (!/[A-Z]{6}[A-Z0-9]{2}/.test(text)) return [];
  const out: Mention[] = [];
  let ibanCountries: Set<string> | null = null;
  BIC_RE.lastIndex = 0;
  for (let m = BIC_RE.exec(text); m !== null; m = BIC_RE.exec(text)) {
    const raw = m[0];
    if (!isValidBIC(raw)) continue;
    const country = m[2]!;
    const location = m[3]!;
    let confidence = 0;
    if (KEYWORD_RE.test(text.slice(Math.max(0, m.index - 24), m.index))) confidence = 0.9;
    else {
      if (ibanCountries === null) {
        ibanCountries = new Set<string>();
        IBAN_CC_RE.lastIndex = 0;
        for (let k = IBAN_CC_RE.exec(text); k !== null; k = IBAN_CC_RE.exec(text)) ibanCountries.add(k[1]!);
      }
      if (ibanCountries.has(country)) confidence = 0.7;
      else if (/[0-9]/.test(location)) confidence = 0.6;
    }
    if (confidence === 0) continue;
    out.push({
      type: 'bic',
      start: m.index,
      end: m.index + raw.length,
      raw,
      value: raw.length === 8 ? raw + 'XXX' : raw,
      confidence,
      attrs: { country, bank: m[1]! },
    });
    if (out.length >= MAX_MENTIONS) return out;
  }
  return out;
}

export const bicExtractor: Extractor = { name: 'bic', extract: extractBic };
