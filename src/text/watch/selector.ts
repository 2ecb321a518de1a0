/**
 * One watchlist selector: what it is (phone, e-mail, IBAN, wallet, container, IMO, vessel, handle
 * or PIN, person name) and its canonical value, the form the case stores for that type. Typed
 * selectors reuse the entity extractors (src/text/extract): a selector is that type when one
 * mention covers the whole of it, and its value is the mention's value, so `00381 64 123-4567`
 * and `+381641234567` are the same selector and match the same mentions. Names are folded with
 * the search normaliser (case, diacritics, Cyrillic → Latin) and Arabic names written in Latin
 * letters (arabicNameLatin); word order does not matter.
 *
 * A selector may name its type: `iban:…`, `phone:…`, `pin:…`, `name:…` (see SELECTOR_PREFIXES).
 * Selectors that would match nearly everything (`+3`, `a`, `*`) are refused as too broad.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { extractContainer } from '../extract/container.js';
import { extractCrypto } from '../extract/crypto.js';
import { extractEmail } from '../extract/email.js';
import { extractIban } from '../extract/iban.js';
import { extractImo } from '../extract/imo.js';
import { extractPhone } from '../extract/phone.js';
import { extractVessel } from '../extract/vessel.js';
import type { Mention } from '../../model/entities.js';
import { normalise } from '../normalise/normalise.js';
import { arabicNameLatin } from '../normalise/cross-script.js';

export const SELECTOR_TYPES = ['phone', 'email', 'iban', 'crypto', 'container', 'imo', 'vessel', 'handle', 'name'] as const;
export type SelectorType = (typeof SELECTOR_TYPES)[number];

/** Prefixes a selector may start with to name its type (case-insensitive, followed by ':'). */
export const SELECTOR_PREFIXES: Readonly<Record<string, SelectorType>> = {
  phone: 'phone', tel: 'phone', email: 'email', mail: 'email', iban: 'iban', crypto: 'crypto', wallet: 'crypto',
  container: 'container', imo: 'imo', vessel: 'vessel', ship: 'vessel', handle: 'handle', pin: 'handle', name: 'name', person: 'name',
};

/** The longest selector (characters after trimming). */
export const MAX_SELECTOR_CHARS = 500;
/** Fewest digits in a phone selector; fewest characters in a handle; fewest letters in a name. */
export const MIN_PHONE_DIGITS = 7;
export const MIN_HANDLE_CHARS = 3;
export const MIN_NAME_LETTERS = 3;

export interface Selector {
  type: SelectorType;
  /** Canonical value: E.164 phone, lower-case e-mail, upper-case IBAN, `IMO1234567`, folded handle, name key. */
  value: string;
}

export type SelectorProblemCode = 'too_broad' | 'malformed' | 'too_long' | 'empty';

export type ClassifyResult = ({ ok: true } & Selector) | { ok: false; code: SelectorProblemCode; reason: string };

export interface ClassifyOptions {
  /** ISO 3166-1 alpha-2 region for national-format phone numbers ('RS', 'NL', …). */
  defaultRegion?: string;
}

const PHONE_CHARS_RE = /^[+0-9()\-./ \u00a0]+$/;
const WILDCARD_RE = /[*?%]/;
const LETTER_RE = /\p{L}/gu;
const DIGIT_RE = /[0-9]/g;
const ALNUM_RE = /[\p{L}\p{N}]/gu;

function count(s: string, re: RegExp): number {
  return s.match(re)?.length ?? 0;
}

/** The value of the one mention that covers all of `s`, or null. */
function whole(s: string, found: Mention[]): string | null {
  const m = found.find((x) => x.start === 0 && x.end === s.length);
  return m ? m.value : null;
}

/** A handle or PIN as matched: folded (case, diacritics), a leading @ dropped, inner spaces kept single. */
export function handleKey(s: string): string {
  return normalise(s.trim().replace(/^@+/, '')).replace(/\s+/g, ' ').trim();
}

/** A person name as matched: folded words, Arabic script read as its Latin spelling, in sorted order. */
export function nameKey(s: string): string {
  const words = normalise(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (/\p{Script=Arabic}/u.test(w) ? (arabicNameLatin(w) ?? w) : w));
  return words.sort().join(' ');
}

function phone(s: string, opts: ClassifyOptions): ClassifyResult {
  const digits = count(s, DIGIT_RE);
  if (digits < MIN_PHONE_DIGITS)
    return { ok: false, code: 'too_broad', reason: `too broad: a phone number needs at least ${MIN_PHONE_DIGITS} digits, this has ${digits}` };
  // the whole selector is the number: parsed as one (the extractor's guards are for numbers inside text)
  const region = opts.defaultRegion?.toUpperCase();
  const country = region && isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const compact = s.replace(/[()\-./ \u00a0]/g, '').replace(/^00/, '+');
  const parsed = /^\+?[0-9]+$/.test(compact) ? parsePhoneNumberFromString(compact, country) : undefined;
  const v = parsed?.isValid() ? parsed.number : whole(s, extractPhone(s, { defaultRegion: opts.defaultRegion }));
  if (v) return { ok: true, type: 'phone', value: v };
  const international = /^(?:\+|00)/.test(s);
  return {
    ok: false,
    code: 'malformed',
    reason: international || opts.defaultRegion ? 'not a valid phone number' : 'not a valid phone number (write it with its country code, e.g. +381…, or give a default region)',
  };
}

function typed(type: SelectorType, s: string, opts: ClassifyOptions): ClassifyResult {
  const bad = (what: string): ClassifyResult => ({ ok: false, code: 'malformed', reason: `not a valid ${what}` });
  switch (type) {
    case 'phone':
      return phone(s, opts);
    case 'email': {
      const v = whole(s, extractEmail(s, {}));
      return v ? { ok: true, type, value: v } : bad('e-mail address');
    }
    case 'iban': {
      const v = whole(s, extractIban(s, {}));
      return v ? { ok: true, type, value: v } : bad('IBAN (country, length or check digits)');
    }
    case 'crypto': {
      const v = whole(s, extractCrypto(s, {}));
      return v ? { ok: true, type, value: v } : bad('wallet address (Bitcoin, Ethereum, Tron or Monero, with its checksum)');
    }
    case 'container': {
      const v = whole(s, extractContainer(s, {}));
      return v ? { ok: true, type, value: v } : bad('container number (ISO 6346, with its check digit)');
    }
    case 'imo': {
      const v = whole(s, extractImo(/^[0-9]/.test(s) ? `IMO ${s}` : s, {})) ?? whole(`IMO ${s}`, extractImo(`IMO ${s}`, {}));
      return v ? { ok: true, type, value: v } : bad('IMO number (7 digits with their check digit)');
    }
    case 'vessel': {
      const v = whole(s, extractVessel(s, {})) ?? s.toUpperCase().replace(/\s+/g, ' ').trim();
      if (count(v, LETTER_RE) < MIN_NAME_LETTERS) return { ok: false, code: 'too_broad', reason: `too broad: a vessel name needs at least ${MIN_NAME_LETTERS} letters` };
      return { ok: true, type, value: v };
    }
    case 'handle': {
      const v = handleKey(s);
      if (WILDCARD_RE.test(v)) return { ok: false, code: 'too_broad', reason: 'too broad: wildcards (* ? %) are not supported, a selector matches whole values' };
      if (count(v, ALNUM_RE) < MIN_HANDLE_CHARS) return { ok: false, code: 'too_broad', reason: `too broad: a handle or PIN needs at least ${MIN_HANDLE_CHARS} letters or digits` };
      return { ok: true, type, value: v };
    }
    case 'name': {
      const v = nameKey(s);
      if (count(v, LETTER_RE) < MIN_NAME_LETTERS) return { ok: false, code: 'too_broad', reason: `too broad: a name needs at least ${MIN_NAME_LETTERS} letters` };
      return { ok: true, type, value: v };
    }
  }
}

/**
 * Classify and normalise one selector (never throws). Without a type prefix the first of these
 * that fits wins: e-mail, IBAN, wallet, container, IMO, phone (only digits and phone punctuation),
 * vessel (`MV …`, a carrier's ship), name (several words), else a handle or PIN.
 */
export function classifySelector(input: string, opts: ClassifyOptions = {}): ClassifyResult {
  let s = input.trim();
  if (s.length === 0) return { ok: false, code: 'empty', reason: 'empty selector' };
  if (s.length > MAX_SELECTOR_CHARS) return { ok: false, code: 'too_long', reason: `longer than ${MAX_SELECTOR_CHARS} characters` };
  if (WILDCARD_RE.test(s)) return { ok: false, code: 'too_broad', reason: 'too broad: wildcards (* ? %) are not supported, a selector matches whole values' };
  const p = /^([A-Za-z]{2,9})\s*:\s*(.*)$/su.exec(s);
  const prefixed = p ? SELECTOR_PREFIXES[p[1]!.toLowerCase()] : undefined;
  if (prefixed) {
    s = p![2]!.trim();
    if (s.length === 0) return { ok: false, code: 'empty', reason: `nothing after ${p![1]}:` };
    return typed(prefixed, s, opts);
  }
  if (s.includes('@') && !s.startsWith('@')) {
    const v = whole(s, extractEmail(s, {}));
    return v ? { ok: true, type: 'email', value: v } : { ok: false, code: 'malformed', reason: 'not a valid e-mail address' };
  }
  for (const [type, extract] of [['iban', extractIban], ['crypto', extractCrypto], ['container', extractContainer], ['imo', extractImo]] as const) {
    const v = whole(s, extract(s, {}));
    if (v) return { ok: true, type, value: v };
  }
  if (PHONE_CHARS_RE.test(s)) {
    // a bare number that is no phone number (too short, or not valid) is a PIN or account number
    const r = phone(s, opts);
    if (r.ok || /^(?:\+|00)/.test(s) || !/^[0-9]+$/.test(s)) return r;
    return typed('handle', s, opts);
  }
  const vessel = whole(s, extractVessel(s, {}));
  if (vessel) return { ok: true, type: 'vessel', value: vessel };
  if (/\s/.test(s) && count(s, DIGIT_RE) === 0) return typed('name', s, opts);
  return typed('handle', s, opts);
}
