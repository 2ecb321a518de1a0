import { describe, it } from 'vitest';
import fc from 'fast-check';
import { encodeUtf8 } from './utf8.js';

describe('encodeUtf8', () => {
  it('equals Buffer.from(join) for any strings, incl. emoji, Cyrillic, Arabic and long batches', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('Ђорђевић', 'محمد', '🐉', 'x'.repeat(9000)))), (parts) => {
        return encodeUtf8(parts).equals(Buffer.from(parts.join(''), 'utf8'));
      }),
    );
  });
});
