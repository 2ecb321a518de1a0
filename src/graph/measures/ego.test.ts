import { describe, expect, it } from 'vitest';
import { buildCSR, maskWithout } from '../build.js';
import { egoNetwork } from './ego.js';

// 0 -> 1 -> 2 -> 3, and 4 -> 0; star 0 - 5..9 (undirected-ish via both directions not needed)
const g = buildCSR(
  {
    n: 10,
    src: Int32Array.of(0, 1, 2, 4, 0, 0, 0, 0, 0),
    dst: Int32Array.of(1, 2, 3, 0, 5, 6, 7, 8, 9),
    weight: new Float64Array(9).fill(1),
  },
  { directed: true },
);

describe('egoNetwork', () => {
  it('returns the k-hop ball nearest first, following both directions by default', () => {
    const e = egoNetwork(g, 1, { hops: 2 });
    expect([...e.nodes]).toEqual([1, 2, 0, 3, 5, 6, 7, 8, 9, 4]);
    expect([...e.hops]).toEqual([0, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    expect(e.truncated).toBe(false);
  });

  it('follows only out-edges in mode "out"', () => {
    expect([...egoNetwork(g, 1, { hops: 5, mode: 'out' }).nodes]).toEqual([1, 2, 3]);
    expect([...egoNetwork(g, 1, { hops: 0 }).nodes]).toEqual([1]);
  });

  it('caps the node count and says so', () => {
    const e = egoNetwork(g, 0, { hops: 3, maxNodes: 4 });
    expect(e.nodes.length).toBe(4);
    expect(e.truncated).toBe(true);
    expect([...e.hops]).toEqual([0, 1, 1, 1]);
    expect(egoNetwork(g, 0, { hops: 1, maxNodes: 8 }).truncated).toBe(false);
  });

  it('skips masked nodes and rejects bad arguments', () => {
    expect([...egoNetwork(g, 1, { hops: 2, mask: maskWithout(10, [0]) }).nodes]).toEqual([1, 2, 3]);
    expect(egoNetwork(g, 0, { mask: maskWithout(10, [0]) }).nodes.length).toBe(0);
    expect(() => egoNetwork(g, 0, { hops: -1 })).toThrow();
    expect(() => egoNetwork(g, 0, { maxNodes: 0 })).toThrow();
    expect(() => egoNetwork(g, 10)).toThrow();
  });
});
