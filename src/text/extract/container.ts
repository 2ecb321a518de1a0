/**
 * Shipping container numbers (ISO 6346): 3-letter owner code, category U/J/Z, 6-digit serial, check digit.
 * Written "MSCU1234566", "MSCU 123456 6", "MSCU 123456-6". Only numbers whose check digit is right are kept.
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const CONTAINER_RE = /(?<![A-Za-z0-9])([A-Za-z]{3}[UJZujz])[ -]?([0-9]{6})[ -]?([0-9])(?![A-Za-z0-9])/g;

/** Letter values of ISO 6346 (multiples of 11 skipped). */
function letterValue(ch: string): number {
  const c = ch.charCodeAt(0) - 65;
  const v = c + 10;
  return v + Math.floor((v - 1) / 10); // 10,12..20,21,23..
}

/** ISO 6346 check digit of the first 10 characters (owner+category+serial, upper case). */
export function iso6346CheckDigit(code10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = code10[i]!;
    const v = i < 4 ? letterValue(ch) : ch.charCodeAt(0) - 48;
    sum += v * (1 << i);
  }
  return (sum % 11) % 10;
}

export function extractContainer(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  CONTAINER_RE.lastIndex = 0;
  for (let m = CONTAINER_RE.exec(text); m !== null; m = CONTAINER_RE.exec(text)) {
    const code10 = m[1]!.toUpperCase() + m[2]!;
    if (iso6346CheckDigit(code10) !== Number(m[3])) continue;
    out.push({
      type: 'container',
      start: m.index,
      end: m.index + m[0].length,
      raw: m[0],
      value: code10 + m[3]!,
      confidence: 1,
      attrs: { owner: code10.slice(0, 3), category: code10[3]! },
    });
    if (out.length >= MAX_MENTIONS) return out;
  }
  return out;
}

export const containerExtractor: Extractor = { name: 'container', extract: extractContainer };
