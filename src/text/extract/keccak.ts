/**
 * Keccak-f[1600] sponge: Keccak-256 (the original Keccak padding 0x01, used by Ethereum EIP-55 and Monero)
 * and, for cross-checking against node:crypto, SHA3-256 (FIPS 202 padding 0x06). Lanes are 64-bit, held as
 * pairs of 32-bit halves.
 */

// Round constants, [lo, hi] per round.
const RC = new Uint32Array([
  0x00000001, 0x00000000, 0x00008082, 0x00000000, 0x0000808a, 0x80000000, 0x80008000, 0x80000000,
  0x0000808b, 0x00000000, 0x80000001, 0x00000000, 0x80008081, 0x80000000, 0x00008009, 0x80000000,
  0x0000008a, 0x00000000, 0x00000088, 0x00000000, 0x80008009, 0x00000000, 0x8000000a, 0x00000000,
  0x8000808b, 0x00000000, 0x0000008b, 0x80000000, 0x00008089, 0x80000000, 0x00008003, 0x80000000,
  0x00008002, 0x80000000, 0x00000080, 0x80000000, 0x0000800a, 0x00000000, 0x8000000a, 0x80000000,
  0x80008081, 0x80000000, 0x00008080, 0x80000000, 0x80000001, 0x00000000, 0x80008008, 0x80000000,
]);

// Rotation offsets r[x + 5y] and pi permutation target index.
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const PI = new Array<number>(25);
for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) PI[x + 5 * y] = y + 5 * ((2 * x + 3 * y) % 5);

function keccakF(s: Uint32Array): void {
  const bLo = new Uint32Array(25);
  const bHi = new Uint32Array(25);
  const cLo = new Uint32Array(5);
  const cHi = new Uint32Array(5);
  for (let round = 0; round < 24; round++) {
    // theta
    for (let x = 0; x < 5; x++) {
      cLo[x] = s[2 * x]! ^ s[2 * (x + 5)]! ^ s[2 * (x + 10)]! ^ s[2 * (x + 15)]! ^ s[2 * (x + 20)]!;
      cHi[x] = s[2 * x + 1]! ^ s[2 * (x + 5) + 1]! ^ s[2 * (x + 10) + 1]! ^ s[2 * (x + 15) + 1]! ^ s[2 * (x + 20) + 1]!;
    }
    for (let x = 0; x < 5; x++) {
      const l1 = cLo[(x + 1) % 5]!;
      const h1 = cHi[(x + 1) % 5]!;
      const dLo = cLo[(x + 4) % 5]! ^ ((l1 << 1) | (h1 >>> 31));
      const dHi = cHi[(x + 4) % 5]! ^ ((h1 << 1) | (l1 >>> 31));
      for (let y = 0; y < 25; y += 5) {
        s[2 * (x + y)] = s[2 * (x + y)]! ^ dLo;
        s[2 * (x + y) + 1] = s[2 * (x + y) + 1]! ^ dHi;
      }
    }
    // rho + pi
    for (let i = 0; i < 25; i++) {
      const lo = s[2 * i]!;
      const hi = s[2 * i + 1]!;
      const r = ROT[i]!;
      let nl: number;
      let nh: number;
      if (r === 0) {
        nl = lo;
        nh = hi;
      } else if (r < 32) {
        nl = (lo << r) | (hi >>> (32 - r));
        nh = (hi << r) | (lo >>> (32 - r));
      } else if (r === 32) {
        nl = hi;
        nh = lo;
      } else {
        const q = r - 32;
        nl = (hi << q) | (lo >>> (32 - q));
        nh = (lo << q) | (hi >>> (32 - q));
      }
      const j = PI[i]!;
      bLo[j] = nl;
      bHi[j] = nh;
    }
    // chi
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const a = y + x;
        const b1 = y + ((x + 1) % 5);
        const b2 = y + ((x + 2) % 5);
        s[2 * a] = bLo[a]! ^ (~bLo[b1]! & bLo[b2]!);
        s[2 * a + 1] = bHi[a]! ^ (~bHi[b1]! & bHi[b2]!);
      }
    }
    // iota
    s[0] = s[0]! ^ RC[2 * round]!;
    s[1] = s[1]! ^ RC[2 * round + 1]!;
  }
}

function sponge256(data: Uint8Array, padByte: number): Uint8Array {
  const rate = 136; // bytes, for 256-bit output
  const state = new Uint32Array(50);
  const stateBytes = new Uint8Array(state.buffer);
  const little = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (!little) throw new Error('keccak: big-endian hosts are not supported');
  let off = 0;
  // absorb full blocks
  while (data.length - off >= rate) {
    for (let i = 0; i < rate; i++) stateBytes[i] = stateBytes[i]! ^ data[off + i]!;
    keccakF(state);
    off += rate;
  }
  const rem = data.length - off;
  for (let i = 0; i < rem; i++) stateBytes[i] = stateBytes[i]! ^ data[off + i]!;
  stateBytes[rem] = stateBytes[rem]! ^ padByte;
  stateBytes[rate - 1] = stateBytes[rate - 1]! ^ 0x80;
  keccakF(state);
  return stateBytes.slice(0, 32);
}

/** Keccak-256 (pre-FIPS padding), as used by Ethereum and Monero. */
export function keccak256(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return sponge256(bytes, 0x01);
}

/** FIPS 202 SHA3-256 with the same permutation; exists so tests can cross-check against node:crypto. */
export function sha3_256(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return sponge256(bytes, 0x06);
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}
