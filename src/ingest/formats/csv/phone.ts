/**
 * Phone numbers to account references.
 *
 * A number that libphonenumber-js can read as a possible number becomes `phone:+E164`.
 * Anything else (hidden callers, short codes, service names, garbage) is kept as written:
 * `phone:<trimmed text>`, so nothing is lost and the analyst sees what the source said.
 * Empty text gives null (the caller rejects the row).
 *
 * Reading: a leading `+` or `00` is international. Otherwise, with `international: true`
 * (operator CDRs write MSISDNs as 38164…, without `+`) the digits are read as international;
 * else they are read as national numbers of `region` (ParseOptions.defaultRegion). With neither,
 * a number without `+`/`00` is kept as written (its country is unknown).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface PhoneOptions {
  region?: string;
  international?: boolean;
}

const MAX_PHONE_TEXT = 64;

// Call records repeat the same few numbers: parsing is ~20 µs, a lookup ~0.1 µs.
const cache = new Map<string, string | null>();
const CACHE_MAX = 100_000;

export function normalisePhone(text: string, opts: PhoneOptions = {}): string | null {
  const key = `${opts.region ?? ''}|${opts.international ? 1 : 0}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = normaliseUncached(text, opts);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, v);
  return v;
}

function normaliseUncached(text: string, opts: PhoneOptions): string | null {
  const raw = text.trim();
  if (raw.length === 0 || raw.length > MAX_PHONE_TEXT) return null;
  let compact = raw.replace(/[\s().\-/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!/^\+?\d{3,20}$/.test(compact)) return null;
  let parsed;
  try {
    if (compact.startsWith('+')) parsed = parsePhoneNumberFromString(compact);
    else if (opts.international) parsed = parsePhoneNumberFromString(`+${compact}`);
    else if (opts.region) parsed = parsePhoneNumberFromString(compact, opts.region.toUpperCase() as CountryCode);
  } catch {
    parsed = undefined;
  }
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** `phone:+E164`, or `phone:<as written>`; null for empty text. */
export function phoneRef(text: string, opts: PhoneOptions = {}): string | null {
  const raw = text.trim();
  if (raw.length === 0) return null;
  const e164 = normalisePhone(raw, opts);
  return `phone:${e164 ?? raw.slice(0, 256)}`;
}
