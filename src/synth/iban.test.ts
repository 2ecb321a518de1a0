import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import { IBAN_COUNTRIES, formatIbanPaper, ibanCheckDigits, makeIban, randomIban } from './iban.js';
import { Rng } from './prng.js';

describe('IBAN generation', () => {
  it('computes the check digits of known IBANs', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82');
    expect(makeIban('BE', '539007547034')).toBe('BE68539007547034');
  });

  it('random IBANs of every country pass ibantools (incl. national checks)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...IBAN_COUNTRIES), (seed, c) => {
        const iban = randomIban(new Rng(seed), c);
        return iban.startsWith(c) && isValidIBAN(iban);
      }),
      { numRuns: 300 },
    );
  });

  it('a changed digit breaks the checksum', () => {
    const iban = randomIban(new Rng(5), 'NL');
    const last = Number(iban[iban.length - 1]);
    expect(isValidIBAN(iban.slice(0, -1) + String((last + 1) % 10))).toBe(false);
  });

  it('formats in groups of four', () => {
    expect(formatIbanPaper('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
});
