import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUnits, distinctDegree, unitStart, windows, type TemporalEdges } from './windows.js';

const D = 86_400_000;
const T0 = Date.UTC(2020, 2, 2, 10); // Monday 2 March 2020, 10:00 UTC

function edges(list: [number, number, number][], n = 5): TemporalEdges {
  return {
    n,
    src: Int32Array.from(list.map((x) => x[0])),
    dst: Int32Array.from(list.map((x) => x[1])),
    weight: new Float64Array(list.length).fill(1),
    ts: Float64Array.from(list.map((x) => x[2])),
  };
}

describe('unit arithmetic', () => {
  it('aligns days, ISO weeks and months in UTC', () => {
    const t = Date.UTC(2020, 2, 5, 13, 7); // Thursday
    expect(unitStart(t, 'day')).toBe(Date.UTC(2020, 2, 5));
    expect(unitStart(t, 'week')).toBe(Date.UTC(2020, 2, 2));
    expect(unitStart(t, 'month')).toBe(Date.UTC(2020, 2, 1));
    expect(addUnits(Date.UTC(2020, 0, 1), 1, 'month')).toBe(Date.UTC(2020, 1, 1));
    expect(addUnits(Date.UTC(2020, 11, 1), 2, 'month')).toBe(Date.UTC(2021, 1, 1));
    expect(unitStart(Date.UTC(2020, 2, 8, 23), 'week')).toBe(Date.UTC(2020, 2, 2)); // Sunday
  });
});

describe('windows', () => {
  // day 0: 0 talks to 1, 2, 3 (hub 0). day 1: 4 talks to 1, 2, 3 (hub 4); 0 silent.
  const e = edges([
    [0, 1, T0], [0, 2, T0 + 1000], [3, 0, T0 + 2000],
    [4, 1, T0 + D], [4, 2, T0 + D + 5], [3, 4, T0 + D + 9], [1, 2, T0 + D + 10],
  ]);

  it('tumbling daily windows compute degree and rising/falling actors', () => {
    const w = windows(e, { unit: 'day' });
    expect(w).toHaveLength(2);
    expect(w[0]!.start).toBe(Date.UTC(2020, 2, 2));
    expect(w[0]!.edges).toBe(3);
    expect(w[0]!.active).toBe(4);
    expect(Array.from(w[0]!.measures.degree!)).toEqual([3, 1, 1, 1, 0]);
    expect(Object.keys(w[0]!.measures)).toEqual(['degree', 'pagerank']);
    expect(w[0]!.top[0]).toEqual({ node: 0, value: 3 });
    expect(w[0]!.rising).toEqual([]);
    // day 1 degrees: 4 -> 3; 1, 2 -> 2; 3 -> 1; 0 inactive (rank 5)
    expect(Array.from(w[1]!.measures.degree!)).toEqual([0, 2, 2, 1, 3]);
    // ranks day 0: 0 -> 1, 1/2/3 -> 2, 4 inactive -> 5. day 1: 4 -> 1, 1/2 -> 2, 3 -> 4, 0 -> 5
    expect(w[1]!.rising[0]).toMatchObject({ node: 4, previousRank: 5, rank: 1, change: 4 });
    expect(w[1]!.falling.map((m) => [m.node, m.change])).toEqual([[0, -4], [3, -2]]);
  });

  it('sliding windows overlap', () => {
    const w = windows(e, { unit: 'day', size: 2, step: 1 });
    expect(w.map((x) => x.edges)).toEqual([7, 4]);
  });

  it('month windows and custom measures', () => {
    const m = edges([[0, 1, Date.UTC(2021, 0, 31, 23)], [1, 2, Date.UTC(2021, 1, 1, 0, 30)], [1, 0, Date.UTC(2021, 2, 15)]], 3);
    let calls = 0;
    const w = windows(m, {
      unit: 'month',
      measures: {
        outStrength: (g) => {
          calls++;
          return Float64Array.from({ length: g.n }, (_, v) => g.out.offsets[v + 1]! - g.out.offsets[v]!);
        },
        degree: distinctDegree,
      },
      keepVectors: false,
    });
    expect(w.map((x) => x.edges)).toEqual([1, 1, 1]);
    expect(calls).toBe(3);
    expect(w[0]!.measures).toEqual({});
    expect(w[2]!.top[0]!.node).toBe(1);
  });

  it('caps the number of windows and validates input', () => {
    expect(() => windows(e, { unit: 'ms', size: 1 })).toThrow(/too many/);
    expect(() => windows({ ...e, ts: new Float64Array(2) }, { unit: 'day' })).toThrow();
    expect(() => windows(e, { unit: 'day', step: 0 })).toThrow();
    expect(windows(edges([]), { unit: 'day' })).toEqual([]);
  });
});

describe('windows property', () => {
  it('tumbling windows partition the edges; and follow each other without gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 20 * D })), { minLength: 1, maxLength: 40 }), (list) => {
        const e = edges(list.map(([a, b, t]) => [a, b, T0 + t] as [number, number, number]));
        const w = windows(e, { unit: 'day', measures: { degree: distinctDegree } });
        expect(w.reduce((s, x) => s + x.edges, 0)).toBe(list.length);
        for (let i = 1; i < w.length; i++) expect(w[i]!.start).toBe(w[i - 1]!.end);
      }),
    );
  });
});
