import { describe, expect, it } from 'vitest';
import { createRng, sampleWithoutReplacement } from './random.js';

describe('createRng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('int is roughly uniform (chi-square over 10 bins, 20k draws)', () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) bins[rng.int(10)]!++;
    const chi = bins.reduce((s, o) => s + (o - 2000) ** 2 / 2000, 0);
    expect(chi).toBeLessThan(27.9); // p = 0.001 at 9 degrees of freedom
    expect(() => rng.int(0)).toThrow();
  });
});

describe('sampleWithoutReplacement', () => {
  it('draws k distinct pool members', () => {
    const pool = Int32Array.from({ length: 100 }, (_, i) => i * 3);
    const s = sampleWithoutReplacement(pool, 30, createRng(1));
    expect(s.length).toBe(30);
    expect(new Set(s).size).toBe(30);
    for (const x of s) expect(x % 3).toBe(0);
    expect(sampleWithoutReplacement(pool, 500, createRng(1)).length).toBe(100);
  });
});
