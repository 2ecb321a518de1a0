/**
 * IMO ship identification numbers: "IMO 9074729", "IMO: 9074729", "IMO no. 9074729", "IMO9074729".
 * The 7th digit is the check digit: (d1·7 + d2·6 + … + d6·2) mod 10. Bare 7-digit numbers are not taken.
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const IMO_RE = /(?<![A-Za-z0-9])IMO[\s:.#-]{0,4}(?:(?:no|nr|br|number|broj)[\s:.#-]{0,4})?([0-9]{7})(?![0-9])/gi;

export function imoCheck(num7: string): boolean {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (num7.charCodeAt(i) - 48) * (7 - i);
  return sum % 10 === num7.charCodeAt(6) - 48;
}

export function extractImo(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  IMO_RE.lastIndex = 0;
  for (let m = IMO_RE.exec(text); m !== null; m = IMO_RE.exec(text)) {
    const num = m[1]!;
    if (!imoCheck(num)) continue;
    out.push({ type: 'imo', start: m.index, end: m.index + m[0].length, raw: m[0], value: 'IMO' + num, confidence: 1 });
    if (out.length >= MAX_MENTIONS) return out;
  }
  return out;
}

export const imoExtractor: Extractor = { name: 'imo', extract: extractImo };
