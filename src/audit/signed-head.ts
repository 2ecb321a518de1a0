/**
 * Signed tree heads: the log's size, root and time, signed with the server's Ed25519 key
 * (RFC 8032, node:crypto). The signed bytes are fixed, so anyone holding the public key can
 * check a head without clew:
 *
 *   "clew-audit-tree-head-v1" 0x00 || size (8 bytes, big-endian) || time (ms since the epoch,
 *   8 bytes, big-endian) || root (32 bytes)
 *
 * A public key travels as its raw 32 bytes (base64 in JSON); its fingerprint is the first 16 hex
 * digits of their SHA-256.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { HASH_SIZE } from './hash.js';

export interface TreeHeadData {
  /** Entries covered: 0 .. size-1. */
  size: number;
  root: Buffer;
  /** When it was signed, in milliseconds since the epoch. */
  at: number;
}

export interface SignedTreeHead extends TreeHeadData {
  signature: Buffer;
  /** The signer's raw Ed25519 public key (32 bytes). */
  publicKey: Buffer;
}

const DOMAIN = Buffer.from('clew-audit-tree-head-v1\u0000', 'latin1');

/** The bytes a head's signature covers. */
export function headMessage(h: TreeHeadData): Buffer {
  if (!Number.isSafeInteger(h.size) || h.size < 0 || !Number.isSafeInteger(h.at) || h.at < 0 || h.root.length !== HASH_SIZE) throw new RangeError('not a tree head');
  const b = Buffer.alloc(DOMAIN.length + 16 + HASH_SIZE);
  DOMAIN.copy(b, 0);
  b.writeBigUInt64BE(BigInt(h.size), DOMAIN.length);
  b.writeBigUInt64BE(BigInt(h.at), DOMAIN.length + 8);
  h.root.copy(b, DOMAIN.length + 16);
  return b;
}

/** The raw 32 bytes of an Ed25519 public key (or of the public half of a private key). */
export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new RangeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** An Ed25519 public key from its raw 32 bytes; null when they are not one. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject | null {
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** An Ed25519 private key from PEM (PKCS#8); null when the text is not one. */
export function privateKeyFromPem(pem: string): KeyObject | null {
  try {
    const k = createPrivateKey(pem);
    return k.asymmetricKeyType === 'ed25519' ? k : null;
  } catch {
    return null;
  }
}

export function keyFingerprint(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

export function signHead(h: TreeHeadData, privateKey: KeyObject): SignedTreeHead {
  return { size: h.size, root: h.root, at: h.at, signature: sign(null, headMessage(h), privateKey), publicKey: rawPublicKey(privateKey) };
}

/** Whether the head's signature is its public key's, over its size, time and root. */
export function verifyHeadSignature(h: SignedTreeHead): boolean {
  const key = publicKeyFromRaw(h.publicKey);
  if (!key || h.signature.length !== 64) return false;
  try {
    return verify(null, headMessage(h), key, h.signature);
  } catch {
    return false;
  }
}
