/** Base58Check (Bitcoin alphabet, double SHA-256 checksum), used for Tron (USDT TRC-20) addresses. */
import { createHash } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function sha256(b: Uint8Array): Buffer {
  return createHash('sha256').update(b).digest();
}

export function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let s = '';
  while (n > 0n) {
    s = ALPHABET[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    s = '1' + s;
  }
  return s;
}

export function base58Decode(s: string): Uint8Array | null {
  let n = 0n;
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    n = n * 58n + BigInt(v);
  }
  const out: number[] = [];
  while (n > 0n) {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of s) {
    if (ch !== '1') break;
    out.unshift(0);
  }
  return Uint8Array.from(out);
}

export function base58CheckEncode(payload: Uint8Array): string {
  const sum = sha256(sha256(payload)).subarray(0, 4);
  return base58Encode(Buffer.concat([payload, sum]));
}

export function base58CheckVerify(s: string): boolean {
  const raw = base58Decode(s);
  if (!raw || raw.length < 5) return false;
  const payload = raw.subarray(0, raw.length - 4);
  const sum = sha256(sha256(payload)).subarray(0, 4);
  return Buffer.compare(sum, Buffer.from(raw.subarray(raw.length - 4))) === 0;
}

/** A Tron address (`T…`, 34 characters) for a 20-byte account id. */
export function tronAddress(account20: Uint8Array): string {
  return base58CheckEncode(Buffer.concat([Buffer.from([0x41]), account20]));
}
