import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { imoCheckDigit, isValidImo, makeImo } from './imo.js';

describe('IMO check digit', () => {
  it('matches the published example IMO 9074729', () => {
    expect(imoCheckDigit('907472')).toBe(9);
    expect(isValidImo('9074729')).toBe(true);
    expect(isValidImo('9074728')).toBe(false);
    expect(isValidImo('907472')).toBe(false);
  });

  it('generated numbers are valid and single-digit changes are caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 900_000, max: 999_999 }), fc.integer({ min: 0, max: 5 }), (b, pos) => {
        const n = makeImo(b);
        if (!isValidImo(n)) return false;
        const d = Number(n[pos]);
        const altered = n.slice(0, pos) + String((d + 1) % 10) + n.slice(pos + 1);
        return !isValidImo(altered);
      }),
    );
  });
});
