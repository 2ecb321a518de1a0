import { luhnCheckDigit } from '../model/luhn.js';

export { isValidLuhn, luhnCheckDigit } from '../model/luhn.js';

/** A 15-digit IMEI from an 8-digit type allocation code and a 6-digit serial. */
export function makeImei(tac: string, serial: number): string {
  const payload = tac + String(serial % 1_000_000).padStart(6, '0');
  return payload + String(luhnCheckDigit(payload));
}
