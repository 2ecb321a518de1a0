import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidLuhn, luhnCheckDigit, makeImei } from './luhn.js';

describe('Luhn / IMEI', () => {
  it('matches the known IMEI 490154203237518', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isValidLuhn('490154203237518')).toBe(true);
    expect(isValidLuhn('490154203237517')).toBe(false);
  });

  it('makeImei is 15 digits and valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (s) => {
        const imei = makeImei('35693803', s);
        return imei.length === 15 && isValidLuhn(imei);
      }),
    );
  });
});
