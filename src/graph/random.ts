import { ClewError } from '../model/errors.js';

/**
 * Seeded pseudo-random numbers (SplitMix32 seeding a xoshiro128** generator): reproducible
 * sampling so a figure in a report can be recomputed exactly. Not for cryptography.
 */
export interface Rng {
  /** Uniform in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, bound), bound <= 2^32, without modulo bias. */
  int(bound: number): number;
}

export function createRng(seed: number): Rng {
  let z = seed >>> 0;
  const splitmix = (): number => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad) >>> 0;
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97) >>> 0;
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    next: () => u32() / 4294967296,
    int: (bound: number) => {
      if (!Number.isInteger(bound) || bound <= 0 || bound > 4294967296) {
        throw new ClewError('INVALID_ARGUMENT', 'random bound must be an integer in 1..2^32', { bound });
      }
      const limit = 4294967296 - (4294967296 % bound);
      for (;;) {
        const x = u32();
        if (x < limit) return x % bound;
      }
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * k distinct items drawn uniformly from `pool` (partial Fisher–Yates on a copy), in draw order.
 * Returns a copy of the whole pool, shuffled, when k >= pool.length.
 */
export function sampleWithoutReplacement(pool: Int32Array, k: number, rng: Rng): Int32Array {
  const a = pool.slice();
  const take = Math.min(Math.max(0, Math.floor(k)), a.length);
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a.subarray(0, take).slice();
}
