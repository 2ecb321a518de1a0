/** Luhn (mod 10) check digit, as used by IMEI numbers (14 digits + check digit). */

export function luhnCheckDigit(payload: string): number | null {
  if (!/^[0-9]+$/.test(payload)) return null;
  let sum = 0;
  // The digit left of the check digit is doubled, then every second one going left.
  for (let i = payload.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = payload.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(digits: string): boolean {
  if (digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
