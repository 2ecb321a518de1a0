import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLine, sniffDelimiter } from './delimiter.js';

describe('sniffDelimiter', () => {
  it.each([
    ['caller,callee,start,secs', ','],
    ['MSISDN_A;MSISDN_B;DATUM;UUR;DUUR', ';'],
    ['a\tb\tc', '\t'],
    ['a|b|c', '|'],
    ['"name, with comma";b;c', ';'],
    ['a,b;c;d', ';'],
    ['single', null],
  ])('%j -> %j', (line, d) => {
    expect(sniffDelimiter(line)).toBe(d);
  });

  it('finds the delimiter of any generated header', () => {
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t', '|'), fc.array(fc.stringMatching(/^[A-Za-z_]{1,12}$/), { minLength: 2, maxLength: 8 }), (d, cols) =>
        sniffDelimiter(cols.join(d)) === d,
      ),
    );
  });

  it('takes the first line without BOM and CR', () => {
    expect(firstLine(Buffer.from('\uFEFFa;b\r\n1;2\r\n'))).toBe('a;b');
    expect(firstLine(Buffer.from('no newline'))).toBe('no newline');
  });
});
