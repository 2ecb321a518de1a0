import { describe, expect, it } from 'vitest';
import { edgeContacts } from './contacts.js';

const e = {
  n: 3,
  src: Int32Array.from([0, 1, 0, 2, 0]),
  dst: Int32Array.from([1, 0, 1, 0, 2]),
  weight: Float64Array.from([1, 2, 3, 1, 1]),
  ts: Float64Array.from([50, 10, 30, 70, 20]),
};

describe('edgeContacts', () => {
  it('directed pairs keep their direction', () => {
    const r = edgeContacts(e, true);
    expect(Array.from(r.src)).toEqual([0, 0, 1, 2]);
    expect(Array.from(r.dst)).toEqual([1, 2, 0, 0]);
    expect(Array.from(r.first)).toEqual([30, 20, 10, 70]);
    expect(Array.from(r.last)).toEqual([50, 20, 10, 70]);
    expect(Array.from(r.count)).toEqual([2, 1, 1, 1]);
    expect(Array.from(r.weight)).toEqual([4, 1, 2, 1]);
  });
  it('undirected pairs merge both directions', () => {
    const r = edgeContacts(e, false);
    expect(Array.from(r.src)).toEqual([0, 0]);
    expect(Array.from(r.dst)).toEqual([1, 2]);
    expect(Array.from(r.first)).toEqual([10, 20]);
    expect(Array.from(r.last)).toEqual([50, 70]);
    expect(Array.from(r.count)).toEqual([3, 2]);
  });
  it('rejects NaN timestamps', () => {
    expect(() => edgeContacts({ ...e, ts: Float64Array.from([1, 2, NaN, 4, 5]) })).toThrow();
  });
});
