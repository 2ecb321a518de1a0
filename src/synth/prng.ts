/**
 * Seeded pseudo-random numbers for the synthetic case generator: xoshiro128** seeded through
 * splitmix32, so every seed (any 32-bit integer) gives an independent, reproducible stream.
 * Not for cryptography.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. Also used as a hash. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic hash of several 32-bit integers (order matters), in [0, 2^32). */
export function hash32(...parts: number[]): number {
  let h = 0x1b873593;
  for (const p of parts) h = mix32((h ^ Math.imul(p | 0, 0xcc9e2d51)) >>> 0);
  return h;
}

/** hash32 of exactly three integers, without the rest-array allocation (hot path). */
export function hash3(a: number, b: number, c: number): number {
  let h = mix32((0x1b873593 ^ Math.imul(a | 0, 0xcc9e2d51)) >>> 0);
  h = mix32((h ^ Math.imul(b | 0, 0xcc9e2d51)) >>> 0);
  return mix32((h ^ Math.imul(c | 0, 0xcc9e2d51)) >>> 0);
}

/** A hash of several integers mapped to [0, 1). */
export function hashUnit(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    this.a = mix32(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.b = mix32(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.c = mix32(s);
    s = (s + 0x9e3779b9) >>> 0;
    this.d = mix32(s);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). n must be a positive integer below 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }

  /** Index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Exponentially distributed value with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = xs[i] as T;
      xs[i] = xs[j] as T;
      xs[j] = t;
    }
    return xs;
  }

  /** k distinct elements (k clamped to the list length), in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = xs.slice();
    this.shuffle(copy);
    return copy.slice(0, Math.max(0, Math.min(k, copy.length)));
  }

  /** A child generator whose stream depends on this one's seed and a label. */
  fork(label: number): Rng {
    return new Rng(hash32(this.u32(), label));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
