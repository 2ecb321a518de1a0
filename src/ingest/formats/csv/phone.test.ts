import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_REF_RE } from '../../../model/records.js';
import { normalisePhone, phoneRef } from './phone.js';

describe('phoneRef', () => {
  it.each([
    ['+381 64 123 4567', {}, 'phone:+381641234567'],
    ['00381641234567', {}, 'phone:+381641234567'],
    ['064/123-4567', { region: 'RS' }, 'phone:+381641234567'],
    ['0612345678', { region: 'nl' }, 'phone:+31612345678'],
    ['32475123456', { international: true }, 'phone:+32475123456'],
    ['0612345678', {}, 'phone:0612345678'], // no region: kept as written
    ['ANONYMOUS', { region: 'BE' }, 'phone:ANONYMOUS'],
    ['  1234  ', { region: 'BE' }, 'phone:1234'],
  ])('%s %o -> %s', (text, opts, ref) => {
    expect(phoneRef(text, opts)).toBe(ref);
  });

  it('gives null for empty text', () => {
    expect(phoneRef('   ')).toBeNull();
    expect(normalisePhone('')).toBeNull();
  });

  it('always yields a valid account reference for non-blank text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0 && !/[\s]/.test(s.trim()[0]!)), (s) => {
        const ref = phoneRef(s, { region: 'RS' });
        return ref !== null && ACCOUNT_REF_RE.test(ref);
      }),
    );
  });
});
