import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { base58Decode, decodeSegwit, eip55Status, extractCrypto, moneroKind } from './crypto.js';
import { keccak256 } from './keccak.js';
import { checkLinear } from './test-support/adversarial.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function b58encode(b: Uint8Array): string {
  let n = 0n;
  for (const x of b) n = n * 256n + BigInt(x);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const x of b) {
    if (x !== 0) break;
    s = '1' + s;
  }
  return s;
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();
function b58check(version: number, body: Uint8Array): string {
  const p = Uint8Array.from([version, ...body]);
  const c = sha(sha(p)).subarray(0, 4);
  return b58encode(Uint8Array.from([...p, ...c]));
}
function xmrEncode(bytes: Uint8Array): string {
  const sizes = [0, 2, 3, 5, 6, 7, 9, 10, 11];
  let s = '';
  for (let i = 0; i < bytes.length; i += 8) {
    const blk = bytes.subarray(i, i + 8);
    let n = 0n;
    for (const x of blk) n = n * 256n + BigInt(x);
    let e = '';
    for (let k = 0; k < sizes[blk.length]!; k++) {
      e = B58[Number(n % 58n)] + e;
      n /= 58n;
    }
    s += e;
  }
  return s;
}
function xmrAddress(prefix: number, body: Uint8Array): string {
  const d = Uint8Array.from([prefix, ...body]);
  const c = keccak256(d).subarray(0, 4);
  return xmrEncode(Uint8Array.from([...d, ...c]));
}

const one = (s: string) => extractCrypto(s, {});

describe('bitcoin', () => {
  it('finds real base58check addresses and rejects a broken checksum', () => {
    const m = one('send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now, or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.');
    expect(m.map((x) => [x.value, x.attrs?.kind, x.confidence])).toEqual([
      ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'p2pkh', 1],
      ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'p2sh', 1],
    ]);
    expect(m[0]!.start).toBe(8);
    expect(one('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb')).toEqual([]);
    expect(one('x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toEqual([]);
  });

  it('accepts any generated P2PKH/P2SH address', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean(), (h, sh) => {
        const a = b58check(sh ? 5 : 0, h);
        const m = one(`adresa: ${a} hvala`);
        expect(m).toHaveLength(1);
        expect(m[0]!.value).toBe(a);
      }),
      { numRuns: 100 },
    );
  });

  it('decodes base58 with leading zeros', () => {
    expect(Array.from(base58Decode('112')!)).toEqual([0, 0, 1]);
    expect(base58Decode('0OIl')).toBeNull();
  });

  it('validates bech32 and bech32m (BIP-173/350 vectors)', () => {
    expect(decodeSegwit('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')?.program.length).toBe(20);
    expect(decodeSegwit('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0')?.version).toBe(1);
    // v0 with bech32m checksum / v1 with bech32 checksum are invalid (BIP-350)
    expect(decodeSegwit('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh')).toBeNull();
    expect(decodeSegwit('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd')).toBeNull();
    // mixed case
    expect(decodeSegwit('bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBeNull();
    const m = one('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
    expect(m[0]?.attrs).toEqual({ chain: 'btc', kind: 'p2wpkh' });
    expect(one('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toEqual([]);
  });
});

describe('ethereum', () => {
  it('validates EIP-55 vectors', () => {
    for (const a of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      expect(eip55Status(a)).toBe('valid');
      const m = one(`pošalji na ${a}.`);
      expect(m[0]!.confidence).toBe(1);
      expect(m[0]!.value).toBe(a.toLowerCase());
    }
    expect(eip55Status('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBe('invalid');
    expect(eip55Status('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('none');
    expect(one('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')[0]!.confidence).toBe(0.8);
    expect(one('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')[0]!.confidence).toBeLessThan(0.5);
    // 64-hex tx hashes are not addresses
    expect(one('0x' + 'ab'.repeat(32))).toEqual([]);
  });
});

describe('tron and monero', () => {
  it('finds Tron addresses', () => {
    expect(one('USDT TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ok')[0]?.attrs?.chain).toBe('trx');
    expect(one('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u')).toEqual([]);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (h) => {
        const a = b58check(0x41, h);
        expect(one(a)[0]?.value).toBe(a);
      }),
      { numRuns: 50 },
    );
  });

  it('validates Monero addresses (network byte + keccak checksum)', () => {
    const real = '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A';
    expect(moneroKind(real)).toBe('standard');
    expect(one(`xmr ${real}`)[0]?.attrs).toEqual({ chain: 'xmr', kind: 'standard' });
    expect(moneroKind(real.slice(0, 94) + 'B')).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.constantFrom(0x12, 0x2a), (b, p) => {
        const a = xmrAddress(p, b);
        expect(a).toHaveLength(95);
        expect(moneroKind(a)).toBe(p === 0x12 ? 'standard' : 'subaddress');
      }),
      { numRuns: 50 },
    );
    const integ = xmrAddress(0x13, new Uint8Array(72).fill(7));
    expect(integ).toHaveLength(106);
    expect(moneroKind(integ)).toBe('integrated');
  });
});

describe('crypto extractor robustness', () => {
  it('never throws and spans are exact', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        for (const m of one(s)) expect(s.slice(m.start, m.end)).toBe(m.raw);
      }),
    );
  });
  it('scales linearly on adversarial input', () => {
    expect(checkLinear(extractCrypto, {}, [undefined, '1A1zP1eP5QGefi2D', 'deadbeef', 'bc1q', '0x', 'a'.repeat(30) + ' '])).toEqual([]);
  });
});
