/**
 * Small seeded PRNG (mulberry32) so every randomised graph algorithm is reproducible from a seed.
 * Not cryptographic. Period 2^32, good enough for node-order shuffles and sampling.
 */
export type Rng = () => number;

/** Returns a function yielding floats in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle in place. */
export function shuffle(rng: Rng, a: Int32Array): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** A random permutation of 0..n-1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return shuffle(rng, a);
}
