import { describe, expect, it } from 'vitest';
import { extractBic } from './bic.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractBic(s, {});

describe('bic', () => {
  it('keeps BICs with evidence', () => {
    expect(ex('SWIFT: DEUTDEFF500')[0]).toMatchObject({ value: 'DEUTDEFF500', confidence: 0.9 });
    expect(ex('bic ABNANL2A')[0]).toMatchObject({ value: 'ABNANL2AXXX', confidence: 0.9 });
    expect(ex('NL91ABNA0417164300 ABNANLXX')[0]).toMatchObject({ value: 'ABNANLXXXXX', confidence: 0.7 });
    expect(ex('send via ABNANL2A')[0]).toMatchObject({ confidence: 0.6 });
  });

  it('drops capitalised words without evidence', () => {
    expect(ex('PACKAGES ARRIVED')).toEqual([]);
    expect(ex('DEUTDEFF')).toEqual([]);
    expect(ex('swift abnanl2a')).toEqual([]);
    expect(ex('SWIFT XXXXQQ2A')).toEqual([]); // QQ is not a country
  });

  it('scales linearly', () => {
    expect(checkLinear(extractBic, {}, [undefined, 'ABCDEFGH', 'ABNANL2A ', 'SWIFT '])).toEqual([]);
  });
});
