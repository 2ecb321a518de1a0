import { describe, expect, it } from 'vitest';
import { extractContainer, iso6346CheckDigit } from './container.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractContainer(s, {});

describe('container', () => {
  it('computes ISO 6346 check digits', () => {
    expect(iso6346CheckDigit('CSQU305438')).toBe(3);
  });

  it('finds written forms', () => {
    expect(ex('kontejner CSQU3054383 stiže')[0]).toMatchObject({ value: 'CSQU3054383', start: 10, confidence: 1 });
    expect(ex('CSQU 305438 3')[0]?.value).toBe('CSQU3054383');
    expect(ex('csqu 305438-3')[0]?.value).toBe('CSQU3054383');
    expect(ex('CSQU-305438-3')[0]?.raw).toBe('CSQU-305438-3');
  });

  it('rejects bad check digits and glued text', () => {
    expect(ex('CSQU3054384')).toEqual([]);
    expect(ex('CSQU30543831')).toEqual([]);
    expect(ex('XCSQU3054383')).toEqual([]);
    expect(ex('CSQA3054383')).toEqual([]);
  });

  it('scales linearly', () => {
    expect(checkLinear(extractContainer, {}, [undefined, 'MSCU ', 'MSCU 123456 ', '1234567890'])).toEqual([]);
  });
});
