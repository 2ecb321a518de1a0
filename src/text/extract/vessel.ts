/**
 * Vessel names after a ship keyword: "MV MSC Gayane", "M/V \"Sveti Nikola\"", "brod Marija", "schip Noordster",
 * "navire Belle Île", "buque Nuevo Sol", "vessel Ocean Star", "ship Aurora", "navio", "nave", "anija", "gemi".
 * The name is either quoted (any case, ≤ 40 chars) or 1–4 words each starting with a capital letter
 * (a short number may follow: "Poseidon 2"). Identifier labels (IMO, MMSI, Flag, …) end the name.
 * Value: the name in upper case with single spaces. There is no checksum: confidence 0.55–0.9.
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const KEYWORDS =
  'M/?[VT]|MS|[Bb]rod(?:a|u|om)?|[Ss]chip|[Nn]avire|[Bb]uque|[Bb]arco|[Vv]essel|[Ss]hip|[Nn]avio|[Nn]ave|[Aa]nij[ae]|[Gg]emi(?:si)?';
const WORD = "\\p{Lu}[\\p{L}\\p{N}'\\-]{0,30}";
const VESSEL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${KEYWORDS})[ :]{1,2}(?:["“„«'‘]([^"”“»'’\\n]{2,40})["”“»'’]|(${WORD}(?:[ ]${WORD}|[ ][0-9]{1,3}(?![\\p{L}\\p{N}])){0,3}))`,
  'gu',
);
const STOP = new Set(['IMO', 'MMSI', 'FLAG', 'ZASTAVA', 'CALL', 'DWT', 'GT', 'ETA', 'ETD', 'U', 'I', 'IN', 'TO', 'THE', 'AT', 'IZ', 'NA', 'NAAR', 'VAN', 'DE', 'LA', 'EL', 'EN']);
const STRONG = new Set(['MV', 'M/V', 'MT', 'M/T', 'MS']);

export function extractVessel(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  VESSEL_RE.lastIndex = 0;
  for (let m = VESSEL_RE.exec(text); m !== null; m = VESSEL_RE.exec(text)) {
    const keyword = m[1]!;
    const quoted = m[2];
    let name = quoted ?? m[3]!;
    let start: number;
    if (quoted !== undefined) {
      name = name.trim();
      start = text.indexOf(name, m.index + keyword.length);
    } else {
      start = m.index + m[0].length - name.length;
      const words = name.split(' ');
      let k = 0;
      while (k < words.length && !STOP.has(words[k]!.toUpperCase())) k++;
      if (k === 0) continue;
      name = words.slice(0, k).join(' ');
    }
    if (name.length < 2 || start < 0) continue;
    // "MS Word", "MS Teams" and the like: the two-letter German "MS" needs an all-caps or quoted name
    const allCaps = name === name.toUpperCase() && /\p{Lu}/u.test(name);
    if (keyword === 'MS' && !allCaps && quoted === undefined) continue;
    let confidence = quoted !== undefined ? 0.8 : allCaps ? 0.7 : 0.55;
    if (STRONG.has(keyword)) confidence += 0.1;
    out.push({
      type: 'vessel',
      start,
      end: start + name.length,
      raw: name,
      value: name.toUpperCase().replace(/\s+/g, ' '),
      confidence: Math.round(confidence * 100) / 100,
      attrs: { keyword },
    });
    if (out.length >= MAX_MENTIONS) return out;
  }
  return out;
}

export const vesselExtractor: Extractor = { name: 'vessel', extract: extractVessel };
