import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { I2_COLUMNS, toI2Csv } from './i2.js';
import { hostileNetwork } from './test-support/hostile.js';

describe('toI2Csv', () => {
  it('one row per link with both entities, dates split in date and time', () => {
    const x = hostileNetwork();
    const text = toI2Csv(x, {
      entityType: ['Person', 'Phone', 'Phone'],
      first: Float64Array.from([Date.UTC(2020, 2, 2, 10, 5, 7), NaN, 0]),
      last: Float64Array.from([Date.UTC(2020, 3, 1), NaN, 0]),
    });
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual([...I2_COLUMNS]);
    expect(rows).toHaveLength(4);
    expect(rows[1]!.slice(2, 13)).toEqual(['Person', 'bob', 'bob', 'Phone', 'Communication', 'Arrow on Head', '3', '2020-03-02', '10:05:07', '2020-04-01', '00:00:00']);
    expect(rows[2]!.slice(9)).toEqual(['', '', '', '']);
    expect(rows[3]![1]).toBe('+31 6 1234 5678');
    expect(rows[1]![1]!.startsWith('\'')).toBe(false); // 'Tony …' needs no guard
    expect(rows[2]![4]).toBe('+31 6 1234 5678');
  });
  it('undirected links have no arrows; duplicate labels get distinct ids', () => {
    const rows = parse(toI2Csv({ labels: ['x', 'x'], directed: false, edges: { n: 2, src: Int32Array.from([0]), dst: Int32Array.from([1]), weight: Float64Array.from([1]) } })) as string[][];
    expect(rows[1]![7]).toBe('Without Arrows');
    expect(rows[1]![0]).toBe('x [0]');
    expect(rows[1]![3]).toBe('x [1]');
  });
  it('rejects wrong-length options', () => {
    expect(() => toI2Csv(hostileNetwork(), { first: [1] })).toThrow();
  });
});
