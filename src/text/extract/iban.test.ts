import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeIBAN, friendlyFormatIBAN } from 'ibantools';
import { extractIban } from './iban.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractIban(s, {});

describe('iban', () => {
  it('finds electronic and grouped IBANs with exact spans', () => {
    const s = 'uplati na RS35 2600 0560 1001 6113 79, ili NL91ABNA0417164300. Hvala';
    const m = ex(s);
    expect(m.map((x) => x.value)).toEqual(['RS35260005601001611379', 'NL91ABNA0417164300']);
    expect(m[0]!.raw).toBe('RS35 2600 0560 1001 6113 79');
    expect(s.slice(m[1]!.start, m[1]!.end)).toBe('NL91ABNA0417164300');
    expect(m[0]!.confidence).toBe(1);
    expect(ex('de89-3704-0044-0532-0130-00')[0]?.value).toBe('DE89370400440532013000');
    expect(ex('FR76 3000 6000 0112 3456 7890 189')[0]?.value).toBe('FR7630006000011234567890189');
  });

  it('rejects wrong checksums, wrong lengths and glued text', () => {
    expect(ex('RS35 2600 0560 1001 6113 78')).toEqual([]);
    expect(ex('RS35 2600 0560 1001 6113 7912')).toEqual([]);
    expect(ex('XRS35260005601001611379')).toEqual([]);
    expect(ex('RS35  2600 0560 1001 6113 79')).toEqual([]);
  });

  it('finds an IBAN followed by other numbers', () => {
    expect(ex('RS35260005601001611379 500 eur')[0]?.value).toBe('RS35260005601001611379');
  });

  it('finds any composed IBAN, electronic or grouped, and rejects a changed digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{18}$/), fc.boolean(), fc.integer({ min: 0, max: 17 }), (bban, grouped, k) => {
        const iban = composeIBAN({ countryCode: 'DE', bban });
        if (!iban) return;
        const written = grouped ? friendlyFormatIBAN(iban)! : iban;
        expect(ex(`uplata ${written} hvala`).map((m) => m.value)).toEqual([iban]);
        const d = bban[k]!;
        const changed = iban.slice(0, 4 + k) + String((Number(d) + 1) % 10) + iban.slice(5 + k);
        expect(ex(changed)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws; spans match raw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => ex(s).every((m) => s.slice(m.start, m.end) === m.raw)));
  });

  it('scales linearly', () => {
    expect(checkLinear(extractIban, {}, [undefined, 'RS35 ', 'NL91ABNA', '1234567890', ' 1 2 3 4 ', 'RS35 2600 '])).toEqual([]);
  });
});
