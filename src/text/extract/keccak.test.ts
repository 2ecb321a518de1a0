import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { keccak256, sha3_256, toHex } from './keccak.js';

describe('keccak256', () => {
  it('matches the published Keccak-256 vectors', () => {
    expect(toHex(keccak256(''))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(toHex(keccak256('abc'))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(toHex(keccak256('The quick brown fox jumps over the lazy dog'))).toBe(
      '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15',
    );
  });

  it('SHA3-256 variant equals node:crypto sha3-256 for any input (incl. block boundaries)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (a) => {
        expect(toHex(sha3_256(a))).toBe(createHash('sha3-256').update(a).digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [135, 136, 137, 271, 272, 273]) {
      const a = new Uint8Array(n).fill(0x61);
      expect(toHex(sha3_256(a))).toBe(createHash('sha3-256').update(a).digest('hex'));
    }
  });

  it('differs from SHA3-256 (padding)', () => {
    expect(toHex(keccak256('abc'))).not.toBe(toHex(sha3_256('abc')));
  });
});
