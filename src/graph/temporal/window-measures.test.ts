import { describe, expect, it } from 'vitest';
import { distinctDegree, windows } from './windows.js';
import { windowPagerank, windowStrength } from './window-measures.js';

describe('windows with engine measures', () => {
  it('pagerank and strength per day, ranked by pagerank', () => {
    const D = 86_400_000;
    const e = {
      n: 4,
      src: Int32Array.from([1, 2, 3, 0, 0]),
      dst: Int32Array.from([0, 0, 0, 3, 3]),
      weight: Float64Array.from([1, 1, 1, 2, 3]),
      ts: Float64Array.from([0, 10, 20, D, D + 1]),
    };
    const w = windows(e, { unit: 'day', measures: { pagerank: windowPagerank, strength: windowStrength, degree: distinctDegree } });
    expect(w[0]!.top[0]!.node).toBe(0);
    expect(Array.from(w[0]!.measures.pagerank!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(w[1]!.measures.strength![3]).toBe(5);
    expect(w[1]!.top[0]!.node).toBe(3);
    expect(w[1]!.rising[0]!.node).toBe(3);
  });
});
