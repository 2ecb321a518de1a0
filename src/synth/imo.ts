/**
 * IMO ship identification numbers: seven digits, the last a check digit equal to
 * (d1*7 + d2*6 + d3*5 + d4*4 + d5*3 + d6*2) mod 10.
 */

export function imoCheckDigit(first6: string): number | null {
  if (!/^[0-9]{6}$/.test(first6)) return null;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (first6.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

export function isValidImo(digits: string): boolean {
  if (!/^[0-9]{7}$/.test(digits)) return false;
  return imoCheckDigit(digits.slice(0, 6)) === digits.charCodeAt(6) - 48;
}

/** A valid 7-digit IMO number from a 6-digit base (100000..999999). */
export function makeImo(base: number): string {
  const first6 = String(base % 1_000_000).padStart(6, '0');
  return first6 + String(imoCheckDigit(first6));
}
