/**
 * IBANs with correct ISO 13616 check digits (mod 97) and, where a country has one, a correct
 * national BBAN check (Serbia and Montenegro: mod 97-10; Belgium: mod 97).
 */
import type { Rng } from './prng.js';

/** Remainder mod 97 of a string of digits and upper-case letters (A=10 … Z=35). */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else r = (r * 100 + (c - 55)) % 97;
  }
  return r;
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  const r = mod97(bban + country + '00');
  return String(98 - r).padStart(2, '0');
}

export function makeIban(country: string, bban: string): string {
  return country + ibanCheckDigits(country, bban) + bban;
}

export type IbanCountry = 'RS' | 'ME' | 'BE' | 'NL' | 'DE' | 'AE';

export const IBAN_COUNTRIES: readonly IbanCountry[] = ['RS', 'ME', 'BE', 'NL', 'DE', 'AE'];

const NL_BANKS = ['ABNA', 'RABO', 'INGB', 'KNAB', 'BUNQ', 'TRIO', 'SNSB', 'ASNB'];
const RS_BANKS = ['160', '170', '205', '265', '325', '340', '355'];
const ME_BANKS = ['510', '530', '535', '550', '555', '565'];
const AE_BANKS = ['033', '026', '035', '040', '044', '050'];

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + rng.int(10));
  return s;
}

/** mod 97-10 national check: the last two digits make the whole BBAN ≡ 1 (mod 97). */
function mod9710Check(first: string): string {
  return String(98 - mod97(first + '00')).padStart(2, '0');
}

/** A random but valid IBAN for one of the supported countries. */
export function randomIban(rng: Rng, country: IbanCountry): string {
  switch (country) {
    case 'RS': {
      const first = rng.pick(RS_BANKS) + digits(rng, 13);
      return makeIban('RS', first + mod9710Check(first));
    }
    case 'ME': {
      const first = rng.pick(ME_BANKS) + digits(rng, 13);
      return makeIban('ME', first + mod9710Check(first));
    }
    case 'BE': {
      const first = String(rng.range(1, 9)) + digits(rng, 9);
      const r = Number(first) % 97;
      return makeIban('BE', first + String(r === 0 ? 97 : r).padStart(2, '0'));
    }
    case 'NL':
      return makeIban('NL', rng.pick(NL_BANKS) + digits(rng, 10));
    case 'DE':
      return makeIban('DE', String(rng.range(1, 8)) + digits(rng, 17));
    case 'AE':
      return makeIban('AE', rng.pick(AE_BANKS) + digits(rng, 16));
  }
}

/** Paper format: groups of four separated by spaces. */
export function formatIbanPaper(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
