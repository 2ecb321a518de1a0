import { describe, expect, it } from 'vitest';
import { mulberry32, permutation, randInt } from './prng.js';

describe('mulberry32', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toEqual(xs[0]);
  });
  it('stays in [0,1) and is roughly uniform', () => {
    const r = mulberry32(1);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)] = bins[Math.floor(x * 10)]! + 1;
    }
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
  it('permutation is a permutation', () => {
    const p = permutation(mulberry32(7), 1000);
    const seen = new Set(p);
    expect(seen.size).toBe(1000);
    expect(Math.min(...p)).toBe(0);
    expect(Math.max(...p)).toBe(999);
    expect(randInt(mulberry32(3), 5)).toBeLessThan(5);
  });
});
