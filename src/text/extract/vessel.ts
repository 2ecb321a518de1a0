/**
 * Vessel names.
 *  1. After a ship keyword: "MV MSC Gayane", "M/V \"Sveti Nikola\"", "brod Marija", "Брод „Свети Никола“",
 *     "schip Noordster", "navire Étoile du Sud", "buque Nuevo Sol", "vessel Ocean Star", "ship Aurora",
 *     "navio Estrela do Mar", "nave", "anija", "gemi". The name is quoted (any case, ≤ 40 chars) or 1–4
 *     capitalised words, which may be joined by lower-case particles (du, de, do, del, la, van, der, of, …) and
 *     may end with a short number ("Poseidon 2"). Identifier labels (IMO, MMSI, Flag, …) end the name.
 *  2. Container-line names without a keyword: a carrier brand and 1–3 capitalised words ("Maersk Tiber",
 *     "CMA CGM Nordic Spirit", "Cosco Pacific Star", "MSC Arina", "Ever Aurora"); company words after the brand
 *     ("Maersk Line", "MSC Shipping") are not vessels.
 * Span and raw: the ship prefixes MV, M/V, MT, M/T, MS are part of the span ("MV Valeria"); language keywords
 * (brod, navire, …) and quotes are not. Value: the name without prefix, upper case, single spaces; the prefix
 * is in attrs. There is no checksum: confidence 0.55–0.9.
 */
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const PREFIXES = 'M/?[VT]|MS';
const KEYWORDS =
  '[Bb]rod(?:a|u|om)?|[Бб]род(?:а|у|ом)?|[Ss]chip|[Nn]avire|[Bb]uque|[Bb]arco|[Vv]essel|[Ss]hip|[Nn]avio|[Nn]ave|[Aa]nij[ae]|[Gg]emi(?:si)?';
const WORD = "\\p{Lu}[\\p{L}\\p{N}'\\-]{0,30}";
const PARTICLES = 'du|de|des|da|do|dos|das|di|del|della|la|le|of|the|van|der|den|von|y|e';
const NAME = `${WORD}(?:(?:[ ](?:${PARTICLES})){0,2}[ ]${WORD}|[ ][0-9]{1,3}(?![\\p{L}\\p{N}])){0,3}`;
const QUOTED = '["“„«\'‘]([^"”“»\'’\\n]{2,40})["”“»\'’]';
const KEYWORD_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(${PREFIXES})|(${KEYWORDS}))[ :]{1,2}(?:${QUOTED}|(${NAME}))`, 'gu');
const CARRIERS = 'MSC|Maersk|MAERSK|CMA CGM|Cosco|COSCO|Hapag|HAPAG|Ever|EVER|Seaboard|SEABOARD|Yang Ming|OOCL|Evergreen|Grimaldi';
const CARRIER_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${CARRIERS})[ ](${WORD}(?:(?:[ ](?:${PARTICLES})){0,1}[ ]${WORD}|[ ][0-9]{1,3}(?![\\p{L}\\p{N}])){0,2})`,
  'gu',
);
/** Necessary for a KEYWORD_RE match (no look-behind, so much cheaper to rule a text out). */
const KEYWORD_HINT_RE = new RegExp(`(?:${PREFIXES}|${KEYWORDS})[ :]`, 'u');
/** A CARRIER_RE match contains one of these. */
const CARRIER_NAMES = CARRIERS.split('|');
const STOP = new Set(['IMO', 'MMSI', 'FLAG', 'ZASTAVA', 'CALL', 'DWT', 'GT', 'ETA', 'ETD', 'U', 'IZ', 'NA', 'NAAR', 'IN', 'TO', 'AT']);
const COMPANY = new Set(['LINE', 'LINES', 'GROUP', 'SHIPPING', 'AGENCY', 'LOGISTICS', 'TERMINAL', 'TERMINALS', 'CONTAINER', 'CONTAINERS', 'COMPANY', 'CARGO', 'OFFICE', 'BOOKING', 'SINCE', 'AFTER', 'BEFORE', 'AGAIN']);
const PARTICLE_RE = new RegExp(`^(?:${PARTICLES})$`);
const STRONG = new Set(['MV', 'M/V', 'MT', 'M/T', 'MS']);

/** Cut a name at the first identifier label; returns null when nothing is left. */
function cutAtStop(name: string): string | null {
  const words = name.split(' ');
  let k = 0;
  while (k < words.length && !STOP.has(words[k]!.toUpperCase())) k++;
  // a trailing lower-case particle left by the cut is not part of the name
  while (k > 0 && PARTICLE_RE.test(words[k - 1]!)) k--;
  return k === 0 ? null : words.slice(0, k).join(' ');
}

function push(out: Mention[], text: string, start: number, end: number, name: string, confidence: number, prefix: string): void {
  out.push({
    type: 'vessel',
    start,
    end,
    raw: text.slice(start, end),
    value: name.toUpperCase().replace(/\s+/g, ' '),
    confidence: Math.round(confidence * 100) / 100,
    attrs: { prefix },
  });
}

export function extractVessel(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  KEYWORD_RE.lastIndex = 0;
  const keywords = KEYWORD_HINT_RE.test(text);
  for (let m = keywords ? KEYWORD_RE.exec(text) : null; m !== null && out.length < MAX_MENTIONS; m = KEYWORD_RE.exec(text)) {
    const prefix = m[1];
    const keyword = prefix ?? m[2]!;
    const quoted = m[3];
    let name: string | null = quoted ?? m[4]!;
    let start: number;
    if (quoted !== undefined) {
      name = name.trim();
      start = text.indexOf(name, m.index + keyword.length);
    } else {
      start = m.index + m[0].length - name.length;
      name = cutAtStop(name);
    }
    if (name === null || name.length < 2 || start < 0) continue;
    // "MS Word", "MS Teams": the two-letter German "MS" needs an all-caps or quoted name
    const allCaps = name === name.toUpperCase() && /\p{Lu}/u.test(name);
    if (keyword === 'MS' && !allCaps && quoted === undefined) continue;
    let confidence = quoted !== undefined ? 0.8 : allCaps ? 0.7 : 0.55;
    if (STRONG.has(keyword)) confidence += 0.1;
    // the ship prefix belongs to the written name: span from the prefix (quotes excluded)
    const spanStart = prefix !== undefined && quoted === undefined ? m.index : start;
    push(out, text, spanStart, start + name.length, name, confidence, prefix ?? '');
  }
  CARRIER_RE.lastIndex = 0;
  const carriers = CARRIER_NAMES.some((c) => text.includes(c));
  for (let m = carriers ? CARRIER_RE.exec(text) : null; m !== null && out.length < MAX_MENTIONS; m = CARRIER_RE.exec(text)) {
    const first = m[2]!.split(' ')[0]!.toUpperCase();
    if (COMPANY.has(first)) continue;
    const rest = cutAtStop(m[2]!);
    if (rest === null) continue;
    const carrier = m[1]!;
    if ((carrier === 'Ever' || carrier === 'EVER') && rest.length < 3) continue;
    const name = `${carrier} ${rest}`;
    push(out, text, m.index, m.index + name.length, name, 0.7, '');
  }
  return dedupe(out);
}

/** Keyword and carrier rules can find the same name: keep the longer of overlapping spans, sorted by start. */
function dedupe(ms: Mention[]): Mention[] {
  if (ms.length < 2) return ms;
  ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of ms) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

export const vesselExtractor: Extractor = { name: 'vessel', extract: extractVessel };
