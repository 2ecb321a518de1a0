import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locator } from '../../model/records.js';
import { formatLoc, parseLoc } from './rows.js';

describe('formatLoc / parseLoc', () => {
  it('give back any locator', () => {
    const loc: fc.Arbitrary<Locator> = fc.record(
      {
        line: fc.oneof(fc.nat(), fc.integer({ min: -3, max: 3 })),
        endLine: fc.nat(),
        offset: fc.nat({ max: 2 ** 45 }),
        length: fc.nat(),
        path: fc.string({ maxLength: 20 }),
        entry: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(loc, (l) => {
        expect(parseLoc(formatLoc(l))).toEqual(l);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the usual line locator compactly and still reads the JSON of older cases', () => {
    expect(formatLoc({ line: 12, offset: 3400, length: 140 })).toBe('12:3400:140');
    expect(formatLoc({ path: '$.messages[3]' })).toBe('{"path":"$.messages[3]"}');
    expect(parseLoc('{"line":12,"offset":3400,"length":140}')).toEqual({ line: 12, offset: 3400, length: 140 });
  });
});
