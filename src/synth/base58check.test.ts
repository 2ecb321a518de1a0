import { describe, expect, it } from 'vitest';
import { base58CheckEncode, base58CheckVerify, base58Encode, tronAddress } from './base58check.js';

describe('base58check', () => {
  it('encodes a known Bitcoin address (hash160 of the genesis key)', () => {
    const payload = Buffer.from('0062e907b15cbf27d5425399ebf6f0fb50ebb88f18', 'hex');
    expect(base58CheckEncode(payload)).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  });

  it('keeps leading zero bytes as 1s', () => {
    expect(base58Encode(Uint8Array.from([0, 0, 1]))).toBe('112');
  });

  it('tron addresses start with T, have 34 characters, and verify', () => {
    const a = tronAddress(new Uint8Array(20).fill(7));
    expect(a).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(base58CheckVerify(a)).toBe(true);
    const flipped = a.slice(0, 10) + (a[10] === 'a' ? 'b' : 'a') + a.slice(11);
    expect(base58CheckVerify(flipped)).toBe(false);
  });
});
