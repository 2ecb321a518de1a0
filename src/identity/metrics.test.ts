import { describe, expect, it } from 'vitest';
import { bcubed, pairwise } from './metrics.js';

const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe('clustering metrics', () => {
  const truth = m({ a: 'P', b: 'P', c: 'P', d: 'Q', e: 'R' });
  it('are perfect on the truth itself', () => {
    expect(pairwise(truth, truth)).toMatchObject({ precision: 1, recall: 1, truePairs: 3 });
    expect(bcubed(truth, truth).f1).toBe(1);
  });
  it('count a wrong merge and a missed one', () => {
    const pred = m({ a: '1', b: '1', d: '1', c: '2', e: '3' });
    const pw = pairwise(truth, pred);
    expect(pw.predictedPairs).toBe(3);
    expect(pw.correctPairs).toBe(1);
    expect(pw.precision).toBeCloseTo(1 / 3);
    expect(pw.recall).toBeCloseTo(1 / 3);
    const b = bcubed(truth, pred);
    // precision: a,b 2/3 each, d 1/3, c 1, e 1 → (2/3+2/3+1/3+1+1)/5
    expect(b.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
    // recall: a,b 2/3, c 1/3, d 1, e 1
    expect(b.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
  });
  it('treat items missing from the prediction as singletons', () => {
    expect(pairwise(truth, new Map()).recall).toBe(0);
    expect(bcubed(truth, new Map()).precision).toBe(1);
  });
});
