import { describe, expect, it } from 'vitest';
import { buildCSR, maskWithout } from '../build.js';
import { degree, strength } from './degree.js';

const directed = buildCSR(
  { n: 3, src: Int32Array.of(0, 1, 0, 0), dst: Int32Array.of(1, 0, 2, 1), weight: Float64Array.of(2, 3, 4, 1) },
  { directed: true },
);

describe('degree and strength', () => {
  it('counts distinct neighbours by mode; a mutual pair counts twice in "all"', () => {
    expect([...degree(directed, 'out')]).toEqual([2, 1, 0]);
    expect([...degree(directed, 'in')]).toEqual([1, 1, 1]);
    expect([...degree(directed)]).toEqual([3, 2, 1]);
  });

  it('sums weights, parallel edges merged', () => {
    expect([...strength(directed, 'out')]).toEqual([7, 3, 0]);
    expect([...strength(directed, 'in')]).toEqual([3, 3, 4]);
    expect([...strength(directed)]).toEqual([10, 6, 4]);
  });

  it('ignores edges to masked nodes and gives masked nodes 0', () => {
    const mask = maskWithout(3, [1]);
    expect([...degree(directed, 'all', mask)]).toEqual([1, 0, 1]);
    expect([...strength(directed, 'out', mask)]).toEqual([4, 0, 0]);
  });

  it('undirected graphs ignore the mode', () => {
    const g = buildCSR({ n: 3, src: Int32Array.of(0, 1), dst: Int32Array.of(1, 2), weight: Float64Array.of(2, 5) }, { directed: false });
    expect([...degree(g, 'in')]).toEqual([1, 2, 1]);
    expect([...strength(g, 'out')]).toEqual([2, 7, 5]);
  });
});
