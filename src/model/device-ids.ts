/**
 * One spelling per device identifier. Phones and forensic tools write the same IMEI as
 * `356938035643809`, `35-693803-564380-9`, `IMEI: 35 693803 564380`, with or without its check
 * digit, or as a 16-digit IMEISV; sources disagree on the key's case too. `normaliseDeviceId`
 * gives the one form they share, so that a dossier lists the device once (with the sources and
 * spellings it was seen in) instead of once per spelling.
 */
import { isValidLuhn, luhnCheckDigit } from './luhn.js';

/** Separators people and tools put inside numbers. */
const SEPARATORS = /[\s\-./()\u00a0\u2010-\u2015]/g;

function unlabel(key: string, value: string): string {
  // "IMEI: 35…", "imsi=21…", "IMEI 35…": the key written again in front of the value (repeatedly, so that the result is stable)
  if (!/^[a-z0-9_ -]+$/.test(key)) return value;
  const label = new RegExp(`^\\s*${key.replace(/[ _-]/g, '[ _-]?')}(?:sv)?(?:\\s*[:=#]\\s*|\\s+(?=[0-9+]))(?=\\S)`, 'i');
  let v = value;
  for (let w = v.replace(label, ''); w !== v; w = v.replace(label, '')) v = w;
  return v;
}

/** `key` in lower case; `value` in the form every spelling of the same identifier shares (unchanged if it is no recognised form). */
export function normaliseDeviceId(key: string, value: string): { key: string; value: string } {
  const k = key.trim().toLowerCase().replace(/\s+/g, ' ');
  const raw = unlabel(k, value.normalize('NFKC')).trim();
  const compact = raw.replace(SEPARATORS, '');
  if (k === 'imei' && /^[0-9]{14,16}$/.test(compact)) {
    // 14 digits, 14 + Luhn check digit, or an IMEISV (14 + 2-digit software version): one device
    if (compact.length === 15 && !isValidLuhn(compact)) return { key: k, value: compact };
    const body = compact.slice(0, 14);
    return { key: k, value: body + String(luhnCheckDigit(body)) };
  }
  if ((k === 'imsi' || k === 'iccid' || k === 'meid') && /^[0-9a-f]+$/i.test(compact)) return { key: k, value: compact.toUpperCase() };
  if ((k === 'msisdn' || k === 'phone') && /^(\+|00)?[0-9]{4,}$/.test(compact)) return { key: k, value: compact.replace(/^00/, '+') };
  return { key: k, value: raw.replace(/\s+/g, ' ') };
}
