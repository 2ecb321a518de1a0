import { describe, expect, it } from 'vitest';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { PHONE_COUNTRIES, makePhone } from './phone.js';

describe('makePhone', () => {
  it('gives valid mobile numbers for every country', () => {
    for (const c of PHONE_COUNTRIES) {
      for (let k = 0; k < 300; k++) {
        const n = makePhone(c, k * 9973, 3);
        expect(isValidPhoneNumber(n), `${c} ${n}`).toBe(true);
        const parsed = parsePhoneNumberWithError(n);
        expect(parsed.country, n).toBe(c);
        expect(['MOBILE', 'FIXED_LINE_OR_MOBILE'], n).toContain(parsed.getType());
      }
    }
  });

  it('is unique per counter', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 20000; k++) seen.add(makePhone('RS', k, 1));
    expect(seen.size).toBe(20000);
  });
});
