import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../model/entities.js';
import { adversarial, checkLinear } from './adversarial.js';

describe('checkLinear', () => {
  it('accepts a linear scan', () => {
    const linear = (s: string): Mention[] => {
      let n = 0;
      for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) & 1;
      return n < 0 ? [] : [];
    };
    expect(checkLinear(linear, {}, ['ab'])).toEqual([]);
  });

  it('catches a quadratic extractor', () => {
    const quadratic = (s: string): Mention[] => {
      let n = 0;
      // quadratic with a step to keep the test fast: ~2.5e8 steps on 1 MB (a few hundred ms), ~6e5 on 50 KB
      for (let i = 0; i < s.length; i += 45) for (let j = i; j < s.length; j += 45) n += s.charCodeAt(j) & 1;
      return n < 0 ? [] : [];
    };
    expect(checkLinear(quadratic, {}, ['ab'])).toHaveLength(1);
  });

  it('builds inputs of the requested size', () => {
    expect(adversarial(1000)).toHaveLength(1000);
    expect(adversarial(10, 'ab')).toBe('ababababab');
  });
});
