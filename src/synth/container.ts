/**
 * ISO 6346 freight container numbers: 3-letter owner code, category letter (U, J or Z),
 * 6-digit serial and a check digit. Letters are worth 10..38 skipping multiples of 11;
 * each of the first 10 characters is weighted by 2^position; check = (sum mod 11) mod 10.
 */

const LETTER_VALUES: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  let v = 10;
  for (let i = 0; i < 26; i++) {
    if (v % 11 === 0) v++;
    out[String.fromCharCode(65 + i)] = v;
    v++;
  }
  return out;
})();

/** The weighted sum mod 11 of the first 10 characters, or null if malformed. */
export function containerRemainder(first10: string): number | null {
  if (!/^[A-Z]{3}[UJZ][0-9]{6}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i] as string;
    const value = i < 4 ? (LETTER_VALUES[ch] as number) : ch.charCodeAt(0) - 48;
    sum += value * 2 ** i;
  }
  return sum % 11;
}

/** The check digit for the first 10 characters (owner code + category + serial), or null if malformed. */
export function containerCheckDigit(first10: string): number | null {
  const r = containerRemainder(first10);
  return r === null ? null : r % 10;
}

/** True when an 11-character container number has a correct check digit. */
export function isValidContainerNumber(s: string): boolean {
  if (s.length !== 11) return false;
  const d = containerCheckDigit(s.slice(0, 10));
  return d !== null && String(d) === s[10];
}

/**
 * A full container number from owner code (3 letters + category) and a serial below 10^6.
 * Serials whose remainder is 10 (check digit 0, ambiguous with remainder 0) are skipped, as
 * owners do in practice: the next serial is used.
 */
export function makeContainerNumber(ownerAndCategory: string, serial: number): string {
  for (let k = 0; k < 11; k++) {
    const first10 = ownerAndCategory + String((serial + k) % 1_000_000).padStart(6, '0');
    const r = containerRemainder(first10);
    if (r === null) throw new RangeError(`bad container prefix ${ownerAndCategory}`);
    if (r !== 10) return first10 + String(r);
  }
  throw new RangeError('no usable serial');
}
