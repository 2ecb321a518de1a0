import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash } from './hash.js';
import { headMessage, keyFingerprint, publicKeyFromRaw, rawPublicKey, signHead, verifyHeadSignature } from './signed-head.js';

describe('signed tree heads', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const head = { size: 42, root: leafHash(Buffer.from('x')), at: 1_700_000_000_000 };

  it('sign the fixed bytes: domain, size and time big-endian, root', () => {
    const m = headMessage(head);
    expect(m.subarray(0, 24).toString('latin1')).toBe('clew-audit-tree-head-v1\u0000');
    expect(m.readBigUInt64BE(24)).toBe(42n);
    expect(m.readBigUInt64BE(32)).toBe(1_700_000_000_000n);
    expect(m.subarray(40).equals(head.root)).toBe(true);
  });

  it('verify with the raw public key alone, and fail when size, time, root, signature or key change', () => {
    const s = signHead(head, privateKey);
    expect(s.publicKey.length).toBe(32);
    expect(publicKeyFromRaw(s.publicKey)).not.toBeNull();
    expect(rawPublicKey(publicKeyFromRaw(s.publicKey)!).equals(s.publicKey)).toBe(true);
    expect(verifyHeadSignature(s)).toBe(true);
    expect(verifyHeadSignature({ ...s, size: 43 })).toBe(false);
    expect(verifyHeadSignature({ ...s, at: s.at + 1 })).toBe(false);
    expect(verifyHeadSignature({ ...s, root: leafHash(Buffer.from('y')) })).toBe(false);
    const sig = Buffer.from(s.signature);
    sig[10] = sig[10]! ^ 1;
    expect(verifyHeadSignature({ ...s, signature: sig })).toBe(false);
    const other = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
    expect(verifyHeadSignature({ ...s, publicKey: other })).toBe(false);
    expect(verifyHeadSignature({ ...s, publicKey: Buffer.alloc(5) })).toBe(false);
    expect(keyFingerprint(s.publicKey)).toMatch(/^[0-9a-f]{16}$/);
  });
});
