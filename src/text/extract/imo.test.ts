import { describe, expect, it } from 'vitest';
import { extractImo, imoCheck } from './imo.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractImo(s, {});

describe('imo', () => {
  it('checks the check digit', () => {
    expect(imoCheck('9074729')).toBe(true);
    expect(imoCheck('9074728')).toBe(false);
  });

  it('finds written forms', () => {
    expect(ex('brod IMO 9074729 u luci')[0]).toMatchObject({ value: 'IMO9074729', start: 5, raw: 'IMO 9074729' });
    expect(ex('imo: 9074729')[0]?.value).toBe('IMO9074729');
    expect(ex('IMO no. 9074729')[0]?.value).toBe('IMO9074729');
    expect(ex('IMO9074729')[0]?.value).toBe('IMO9074729');
  });

  it('rejects bad numbers', () => {
    expect(ex('IMO 9074728')).toEqual([]);
    expect(ex('IMO 90747291')).toEqual([]);
    expect(ex('9074729')).toEqual([]);
    expect(ex('PRIMO 9074729')).toEqual([]);
  });

  it('scales linearly', () => {
    expect(checkLinear(extractImo, {}, [undefined, 'IMO ', 'IMO' + ' '.repeat(3), '1234567890'])).toEqual([]);
  });
});
