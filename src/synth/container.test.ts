import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containerCheckDigit, containerRemainder, isValidContainerNumber, makeContainerNumber } from './container.js';

describe('ISO 6346 check digit', () => {
  it('matches published examples', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3); // the standard's example CSQU3054383
    expect(isValidContainerNumber('CSQU3054383')).toBe(true);
    expect(isValidContainerNumber('MSKU9070323')).toBe(true);
    expect(isValidContainerNumber('CSQU3054384')).toBe(false);
  });

  it('rejects malformed input', () => {
    expect(containerCheckDigit('CSQ3054383')).toBeNull();
    expect(containerCheckDigit('csqu305438')).toBeNull();
    expect(isValidContainerNumber('CSQU305438')).toBe(false);
  });

  it('makeContainerNumber always yields a valid number, and a changed digit is detected', () => {
    fc.assert(
      fc.property(fc.constantFrom('MSCU', 'MSKU', 'CMAU', 'HLXU', 'TGHU'), fc.integer({ min: 0, max: 999_999 }), (p, n) => {
        const c = makeContainerNumber(p, n);
        if (!isValidContainerNumber(c)) return false;
        const pos = 4 + (n % 6);
        const digit = Number(c[pos]);
        const altered = c.slice(0, pos) + String((digit + 1) % 10) + c.slice(pos + 1);
        if (containerRemainder(c.slice(0, 10)) === 10) return false;
        // The standard's known blind spot: an altered number whose remainder is 10 checks as 0.
        return !isValidContainerNumber(altered) || containerRemainder(altered.slice(0, 10)) === 10;
      }),
    );
  });
});
