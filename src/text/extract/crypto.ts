/**
 * Cryptocurrency addresses, each validated by its real checksum:
 *  - Bitcoin base58check P2PKH (1…) / P2SH (3…): version byte + double-SHA256 checksum;
 *  - Bitcoin bech32 (segwit v0) / bech32m (v1+, taproot) bc1…: BCH checksum + witness program rules (BIP-173/350);
 *  - Ethereum 0x + 40 hex: EIP-55 (Keccak-256) checked when the case is mixed; all-lower/upper has no checksum;
 *  - Tron T… base58check with version 0x41;
 *  - Monero 95-char standard (4…) / subaddress (8…) and 106-char integrated addresses: Monero block base58,
 *    network byte, Keccak-256 checksum.
 * Candidates are maximal ASCII-alphanumeric runs of 25..110 chars found by one linear scan: no regex backtracking.
 */
import { createHash } from 'node:crypto';
import type { Mention } from '../../model/entities.js';
import { keccak256 } from './keccak.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B58.length; i++) B58_INDEX[B58.charCodeAt(i)] = i;

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < BECH32.length; i++) BECH32_INDEX[BECH32.charCodeAt(i)] = i;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function sha256(b: Uint8Array): Uint8Array {
  return createHash('sha256').update(b).digest();
}

/** Plain base58 (Bitcoin alphabet) → bytes, or null. */
export function base58Decode(s: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B58_INDEX[c]! : -1;
    if (v < 0) return null;
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** Base58check → payload with version byte (checksum stripped), or null if the checksum fails. */
export function base58CheckDecode(s: string): Uint8Array | null {
  const b = base58Decode(s);
  if (!b || b.length < 5) return null;
  const payload = b.subarray(0, b.length - 4);
  const h = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (h[i] !== b[b.length - 4 + i]) return null;
  return payload;
}

// --- bech32 / bech32m ---------------------------------------------------------------------------------

const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk = (chk ^ GEN[i]!) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

function convertBits(data: number[], from: number, to: number): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const v of data) {
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & maxv);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) return null;
  return out;
}

/** Decode a mainnet segwit address (bc1…). Returns witness version and program length, or null. */
export function decodeSegwit(addr: string): { version: number; program: number[] } | null {
  if (addr.length < 14 || addr.length > 90) return null;
  const lower = addr.toLowerCase();
  if (addr !== lower && addr !== addr.toUpperCase()) return null;
  if (!lower.startsWith('bc1')) return null;
  const data: number[] = [];
  for (let i = 3; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const v = c < 128 ? BECH32_INDEX[c]! : -1;
    if (v < 0) return null;
    data.push(v);
  }
  if (data.length < 7) return null;
  const chk = polymod([...hrpExpand('bc'), ...data]);
  const version = data[0]!;
  if (version > 16) return null;
  const expected = version === 0 ? BECH32_CONST : BECH32M_CONST;
  if (chk !== expected) return null;
  const program = convertBits(data.slice(1, data.length - 6), 5, 8);
  if (!program || program.length < 2 || program.length > 40) return null;
  if (version === 0 && program.length !== 20 && program.length !== 32) return null;
  return { version, program };
}

// --- Ethereum EIP-55 ----------------------------------------------------------------------------------

/** 'valid' (mixed case, checksum OK), 'invalid' (mixed case, wrong), 'none' (single case: no checksum). */
export function eip55Status(addr: string): 'valid' | 'invalid' | 'none' {
  const hex = addr.slice(2);
  const lower = hex.toLowerCase();
  if (hex === lower || hex === hex.toUpperCase()) return 'none';
  const hash = keccak256(lower);
  for (let i = 0; i < 40; i++) {
    const ch = hex[i]!;
    if (ch >= '0' && ch <= '9') continue;
    const nibble = i % 2 === 0 ? hash[i >> 1]! >> 4 : hash[i >> 1]! & 15;
    const upper = ch >= 'A' && ch <= 'F';
    if ((nibble >= 8) !== upper) return 'invalid';
  }
  return 'valid';
}

// --- Monero -------------------------------------------------------------------------------------------

const XMR_BLOCK_CHARS = [0, 2, 3, 5, 6, 7, 9, 10, 11];

/** Monero base58 (8-byte blocks ↔ 11 chars) → bytes, or null. */
export function moneroBase58Decode(s: string): Uint8Array | null {
  const full = Math.floor(s.length / 11);
  const lastChars = s.length % 11;
  const lastBytes = XMR_BLOCK_CHARS.indexOf(lastChars);
  if (lastBytes < 0) return null;
  const out = new Uint8Array(full * 8 + lastBytes);
  const decodeBlock = (chars: string, nBytes: number, at: number): boolean => {
    let n = 0n;
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      const v = c < 128 ? B58_INDEX[c]! : -1;
      if (v < 0) return false;
      n = n * 58n + BigInt(v);
    }
    if (n >> BigInt(8 * nBytes) !== 0n) return false;
    for (let i = nBytes - 1; i >= 0; i--) {
      out[at + i] = Number(n & 0xffn);
      n >>= 8n;
    }
    return true;
  };
  for (let b = 0; b < full; b++) if (!decodeBlock(s.slice(b * 11, b * 11 + 11), 8, b * 8)) return null;
  if (lastChars > 0 && !decodeBlock(s.slice(full * 11), lastBytes, full * 8)) return null;
  return out;
}

const XMR_PREFIX: Record<number, { len: number; kind: string }> = {
  0x12: { len: 69, kind: 'standard' },
  0x2a: { len: 69, kind: 'subaddress' },
  0x13: { len: 77, kind: 'integrated' },
};

export function moneroKind(addr: string): string | null {
  if (addr.length !== 95 && addr.length !== 106) return null;
  const b = moneroBase58Decode(addr);
  if (!b) return null;
  const p = XMR_PREFIX[b[0]!];
  if (!p || p.len !== b.length) return null;
  const h = keccak256(b.subarray(0, b.length - 4));
  for (let i = 0; i < 4; i++) if (h[i] !== b[b.length - 4 + i]) return null;
  return p.kind;
}

// --- classification -----------------------------------------------------------------------------------

function classify(tok: string): { value: string; chain: string; kind: string; confidence: number } | null {
  const c0 = tok[0];
  const n = tok.length;
  if (n === 42 && c0 === '0' && (tok[1] === 'x' || tok[1] === 'X')) {
    if (!/^0[xX][0-9a-fA-F]{40}$/.test(tok)) return null;
    const st = eip55Status(tok);
    const value = '0x' + tok.slice(2).toLowerCase();
    if (st === 'valid') return { value, chain: 'eth', kind: 'eip55', confidence: 1 };
    if (st === 'none') return { value, chain: 'eth', kind: 'address', confidence: 0.8 };
    return { value, chain: 'eth', kind: 'bad-checksum', confidence: 0.3 };
  }
  if ((c0 === 'b' || c0 === 'B') && n >= 14 && n <= 90 && tok.slice(0, 3).toLowerCase() === 'bc1') {
    const s = decodeSegwit(tok);
    if (!s) return null;
    const kind =
      s.version === 0 ? (s.program.length === 20 ? 'p2wpkh' : 'p2wsh') : s.version === 1 && s.program.length === 32 ? 'p2tr' : `segwit-v${s.version}`;
    return { value: tok.toLowerCase(), chain: 'btc', kind, confidence: 1 };
  }
  if ((c0 === '1' || c0 === '3') && n >= 25 && n <= 35) {
    const p = base58CheckDecode(tok);
    if (!p || p.length !== 21) return null;
    if (p[0] === 0x00 && c0 === '1') return { value: tok, chain: 'btc', kind: 'p2pkh', confidence: 1 };
    if (p[0] === 0x05 && c0 === '3') return { value: tok, chain: 'btc', kind: 'p2sh', confidence: 1 };
    return null;
  }
  if (c0 === 'T' && n === 34) {
    const p = base58CheckDecode(tok);
    if (!p || p.length !== 21 || p[0] !== 0x41) return null;
    return { value: tok, chain: 'trx', kind: 'address', confidence: 1 };
  }
  if ((c0 === '4' || c0 === '8') && (n === 95 || n === 106)) {
    const k = moneroKind(tok);
    if (!k) return null;
    return { value: tok, chain: 'xmr', kind: k, confidence: 1 };
  }
  return null;
}

export function extractCrypto(text: string, _ctx: ExtractContext): Mention[] {
  const out: Mention[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isAlnum(text.charCodeAt(i))) i++;
    const len = i - start;
    if (len < 14 || len > 110) continue;
    // the run must not be glued to other word characters (e.g. letters with diacritics)
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = i < n ? text.charCodeAt(i) : 32;
    if (before >= 0x80 || after >= 0x80 || before === 0x5f || after === 0x5f) continue;
    const tok = text.slice(start, i);
    const c = classify(tok);
    if (!c) continue;
    out.push({
      type: 'crypto',
      start,
      end: i,
      raw: tok,
      value: c.value,
      confidence: c.confidence,
      attrs: { chain: c.chain, kind: c.kind },
    });
    if (out.length >= MAX_MENTIONS) return out;
  }
  return out;
}

export const cryptoExtractor: Extractor = { name: 'crypto', extract: extractCrypto };
