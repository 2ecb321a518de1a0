import { describe, expect, it } from 'vitest';
import { keyPlayerRank, normalisedRanks, topContacts } from './keyplayer-rank.js';
import { tinyCSR } from '../communities/test-support/tiny-csr.js';

describe('normalisedRanks', () => {
  it('maps the largest to 1, the smallest to 0, ties share the average', () => {
    expect(Array.from(normalisedRanks([10, 30, 20, 20, 0]))).toEqual([0.25, 1, 0.625, 0.625, 0]);
  });
  it('single node is rank 1; NaN is the lowest', () => {
    expect(Array.from(normalisedRanks([5]))).toEqual([1]);
    expect(Array.from(normalisedRanks([NaN, 1]))).toEqual([0, 1]);
  });
});

describe('keyPlayerRank', () => {
  // star centred on 0, plus a pendant 4-5
  const g = tinyCSR(6, [[0, 1, 5], [0, 2, 1], [0, 3, 2], [3, 4, 1], [4, 5, 7]]);
  const measures = {
    pagerank: [0.4, 0.1, 0.1, 0.2, 0.15, 0.05],
    betweenness: [8, 0, 0, 6, 4, 0],
    degree: [3, 1, 1, 2, 2, 1],
    eigenvector: [1, 0.4, 0.4, 0.6, 0.3, 0.1],
  };

  it('ranks the hub first and explains the score', () => {
    const rows = keyPlayerRank(g, measures);
    expect(rows[0]!.node).toBe(0);
    expect(rows[0]!.score).toBeCloseTo(1, 12);
    expect(rows[0]!.position).toBe(1);
    const sum = Object.values(rows[1]!.measures).reduce((s, m) => s + m.contribution, 0);
    expect(sum).toBeCloseTo(rows[1]!.score, 12);
    expect(rows[0]!.contacts.map((c) => c.node)).toEqual([1, 3, 2]);
    expect(rows[1]!.node).toBe(3);
  });

  it('weights are configurable: betweenness only', () => {
    const rows = keyPlayerRank(g, measures, { weights: { betweenness: 1 }, limit: 3 });
    expect(rows.map((r) => r.node)).toEqual([0, 3, 4]);
    expect(Object.keys(rows[0]!.measures)).toEqual(['betweenness']);
  });

  it('top contacts merge both directions in a directed graph', () => {
    const d = tinyCSR(3, [[0, 1, 2], [1, 0, 3], [0, 2, 4]], true);
    expect(topContacts(d, 0, 5)).toEqual([{ node: 1, weight: 5 }, { node: 2, weight: 4 }]);
  });

  it('rejects missing or misshapen measures', () => {
    expect(() => keyPlayerRank(g, { pagerank: measures.pagerank })).toThrow();
    expect(() => keyPlayerRank(g, { ...measures, degree: [1, 2] })).toThrow();
    expect(() => keyPlayerRank(g, measures, { weights: { degree: -1 } })).toThrow();
  });
});
