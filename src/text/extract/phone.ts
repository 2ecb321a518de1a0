/**
 * Phone numbers via libphonenumber-js (`findNumbers`, leniency VALID, min metadata), value in E.164.
 *
 * National numbers ("064 123 4567") are read in `ctx.defaultRegion`; without it only international forms are
 * found: "+381 64 …" and, because the data is mostly European, "00381 64 …" (the "00" is rewritten to " +" in a
 * same-length working copy, so offsets are unchanged).
 *
 * Before matching, the working copy blanks out what looks like a phone to libphonenumber but is not:
 * dates and times, decimal coordinate pairs, and digit groups glued to letters (IBANs, container numbers,
 * account references) together with the digit groups that follow them. A number right after an order, invoice,
 * account or tracking label ("Pedido 0034…", "račun br. …", "order #…") is a reference, not a phone.
 */
import { findNumbers, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import type { Mention } from '../../model/entities.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const DATE_RE = /(?<![0-9])[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4}(?![0-9])/g;
const TIME_RE = /(?<![0-9])[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?(?![0-9])/g;
const COORD_RE = /-?[0-9]{1,3}[.][0-9]{3,}[ ]?[,;][ ]?-?[0-9]{1,3}[.][0-9]{3,}/g;
const GLUED_RE = /(?<![A-Za-z0-9])[A-Za-z]{2,4}[0-9]/g;
const CONTAINER_RE = /(?<![A-Za-z0-9])[A-Za-z]{3}[UJZujz][ -]?[0-9]{6}[ -]?[0-9](?![A-Za-z0-9])/g;

// A number right after an order/invoice/account/tracking label is a reference, not a phone.
const REFERENCE_BEFORE_RE =
  /(?:(?:pedido|encomenda|order|bestel\w*|commande|factur\w*|faktur\w*|invoice|ra[cč]un\w*|narud\w*|ref\w*|tracking|awb|account|konto|rekening|compte|cuenta|conta|iban)[ .:#-]{0,3}|(?:nr|no|br|n°|nº)[.:#][ ]?)$/i;

/** At most this many candidate runs are handed to libphonenumber per text (untrusted input). */
export const MAX_PHONE_CANDIDATES = 200;
/** Candidate runs longer than this are cut at spaces. */
const MAX_RUN = 48;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function countDigits(s: string, atLeast: number): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++n >= atLeast) return true;
  }
  return false;
}

const BLANK = 1;
const PLUS = 2;

function blank(mask: Uint8Array, from: number, to: number): void {
  mask.fill(BLANK, from, to);
}

/** Same-length working copy with non-phone digit sequences blanked out. */
export function maskNonPhones(text: string, rewriteDoubleZero: boolean): string {
  if (!rewriteDoubleZero && !/[0-9][./:h-][0-9]|[0-9][.][0-9]{3}|[A-Za-z][ -]?[0-9]/.test(text)) return text;
  // 0: as in text, BLANK: ' ', PLUS: '+'
  const mask = new Uint8Array(text.length);
  let changed = false;
  for (const re of [DATE_RE, TIME_RE, COORD_RE, CONTAINER_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      blank(mask, m.index, m.index + m[0].length);
      changed = true;
    }
  }
  GLUED_RE.lastIndex = 0;
  for (let m = GLUED_RE.exec(text); m !== null; m = GLUED_RE.exec(text)) {
    // blank the glued token and following alphanumeric groups joined by single separators (max 34 alnums)
    let i = m.index;
    let n = 0;
    let prevSep = false;
    while (i < text.length && n < 34) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) {
        n++;
        prevSep = false;
      } else if ((c === 32 || c === 45) && !prevSep) prevSep = true;
      else break;
      i++;
    }
    blank(mask, m.index, i);
    changed = true;
    GLUED_RE.lastIndex = Math.max(GLUED_RE.lastIndex, i);
  }
  // the working character at i (after the blanking and rewriting so far)
  const at = (i: number): number => (mask[i] === BLANK ? 32 : mask[i] === PLUS ? 43 : text.charCodeAt(i));
  if (rewriteDoubleZero) {
    for (let i = 0; i + 2 < text.length; i++) {
      const c2 = at(i + 2);
      const p = i === 0 ? 32 : at(i - 1);
      if (at(i) === 48 && at(i + 1) === 48 && c2 >= 49 && c2 <= 57 && !((p >= 48 && p <= 57) || p === 43)) {
        mask[i] = BLANK;
        mask[i + 1] = PLUS;
        changed = true;
      }
    }
  }
  if (!changed) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const k = mask[i]!;
    if (k === 0) continue;
    out += text.slice(from, i) + (k === BLANK ? ' ' : '+');
    from = i + 1;
  }
  return out + text.slice(from);
}

export function extractPhone(text: string, ctx: ExtractContext): Mention[] {
  if (!countDigits(text, 7)) return [];
  // cheap pre-check on the raw text: masking only removes candidates, never creates them
  if (candidateRuns(text, 1).length === 0) return [];
  const region = ctx.defaultRegion?.toUpperCase();
  const defaultCountry = region && isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const work = maskNonPhones(text, defaultCountry === undefined);
  const out: Mention[] = [];
  let budget = MAX_PHONE_CANDIDATES;
  for (const [a, b] of candidateRuns(work)) {
    if (--budget < 0) break;
    if (!plausibleGroups(work, a, b)) continue;
    let found;
    try {
      const snippet = work.slice(a, b);
      found = defaultCountry ? findNumbers(snippet, { defaultCountry, v2: true }) : findNumbers(snippet, { v2: true });
    } catch {
      continue;
    }
    for (const f of found) {
      let start = a + f.startsAt;
      const end = a + f.endsAt;
      // "00" rewritten to " +": give the span back its first zero
      if (start > 0 && work[start] === '+' && text[start] === '0' && text[start - 1] === '0') start--;
      // a match must not be glued to letters/digits (e.g. part of a longer code)
      const before = start > 0 ? text.charCodeAt(start - 1) : 32;
      const after = end < text.length ? text.charCodeAt(end) : 32;
      if (isAlnum(before) || isAlnum(after)) continue;
      if (REFERENCE_BEFORE_RE.test(text.slice(Math.max(0, start - 16), start))) continue;
      const raw = text.slice(start, end);
      const international = /^(?:\+|00)/.test(raw);
      out.push({
        type: 'phone',
        start,
        end,
        raw,
        value: f.number.number,
        confidence: international ? 0.9 : 0.8,
        attrs: { country: f.number.country ?? '', callingCode: f.number.countryCallingCode },
      });
      if (out.length >= MAX_MENTIONS) return out;
    }
  }
  return out;
}

/** Phone numbers are written in digit groups of 2+ on average ("064 123 4567"), not "1 2 3 4 5 6 7". */
function plausibleGroups(s: string, a: number, b: number): boolean {
  let groups = 0;
  let digits = 0;
  let inGroup = false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (!inGroup) groups++;
      inGroup = true;
    } else inGroup = false;
  }
  return groups > 0 && digits >= 2 * groups;
}

function isRunChar(c: number): boolean {
  // digits + ( ) - . / space NBSP
  return (c >= 48 && c <= 57) || c === 43 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || c === 32 || c === 0xa0;
}

/** Runs of phone-like characters with at least 7 digits, cut into pieces of at most MAX_RUN chars at spaces. */
export function candidateRuns(work: string, limit = MAX_PHONE_CANDIDATES): [number, number][] {
  const runs: [number, number][] = [];
  const n = work.length;
  let i = 0;
  while (i < n) {
    const c = work.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 43 || c === 40)) {
      i++;
      continue;
    }
    const a = i;
    let digits = 0;
    let lastSpace = -1;
    let pieceStart = a;
    let pieceDigits = 0;
    while (i < n && isRunChar(work.charCodeAt(i))) {
      const d = work.charCodeAt(i);
      if (d >= 48 && d <= 57) {
        digits++;
        pieceDigits++;
      } else if (d === 32 || d === 0xa0) lastSpace = i;
      if (i - pieceStart >= MAX_RUN) {
        const cut = lastSpace > pieceStart ? lastSpace : i;
        if (pieceDigits >= 7) runs.push([pieceStart, cut]);
        pieceStart = cut;
        pieceDigits = 0;
        for (let k = cut; k <= i; k++) {
          const e = work.charCodeAt(k);
          if (e >= 48 && e <= 57) pieceDigits++;
        }
        if (runs.length >= limit) return runs;
      }
      i++;
    }
    if (digits >= 7 && pieceDigits >= 7) runs.push([pieceStart, i]);
    if (runs.length >= limit) return runs;
  }
  return runs;
}

export const phoneExtractor: Extractor = { name: 'phone', extract: extractPhone };
