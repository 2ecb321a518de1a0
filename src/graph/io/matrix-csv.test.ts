import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMatrixCsv } from './matrix-csv.js';
import { ClewError } from '../../model/errors.js';

function err(f: () => unknown): ClewError {
  try {
    f();
  } catch (e) {
    if (e instanceof ClewError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseMatrixCsv', () => {
  it('reads a matrix with row labels', () => {
    const r = parseMatrixCsv(',A,B,C\nA,0,2,\nB,1,0,0\nC,0,0,5\n');
    expect(r.labels).toEqual(['A', 'B', 'C']);
    expect(Array.from(r.edges.src)).toEqual([0, 1, 2]);
    expect(Array.from(r.edges.dst)).toEqual([1, 0, 2]);
    expect(Array.from(r.edges.weight)).toEqual([2, 1, 5]);
  });
  it('reads a matrix without row labels', () => {
    const r = parseMatrixCsv('A,B\n0,1\n1,0\n', { symmetric: true });
    expect(Array.from(r.edges.src)).toEqual([0]);
    expect(Array.from(r.edges.dst)).toEqual([1]);
  });
  it('symmetric reading refuses an asymmetric matrix with the line', () => {
    const e = err(() => parseMatrixCsv(',A,B\nA,0,1\nB,2,0\n', { symmetric: true }));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.details.line).toBe(3);
  });
  it('typed errors', () => {
    expect(err(() => parseMatrixCsv(',A,B\nA,0\nB,0,0\n')).code).toBe('CSV_COLUMNS');
    expect(err(() => parseMatrixCsv(',A,B\nB,0,1\nA,0,0\n')).details.line).toBe(2);
    expect(err(() => parseMatrixCsv(',A,B\nA,0,x\nB,0,0\n')).code).toBe('INVALID_ARGUMENT');
    expect(err(() => parseMatrixCsv(',A,B\nA,0,0\n')).code).toBe('CSV_COLUMNS');
    expect(err(() => parseMatrixCsv(',A,A\nA,0,0\nA,0,0\n')).code).toBe('INVALID_ARGUMENT');
    expect(err(() => parseMatrixCsv(',A,B,C\n', { maxNodes: 2 })).code).toBe('TOO_LARGE');
    expect(err(() => parseMatrixCsv('')).code).toBe('EMPTY_FILE');
  });
});


describe('parseMatrixCsv property', () => {
  it('a written matrix reads back as its non-zero cells, row-major', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })),
        ),
        ([n, m]) => {
          const labels = Array.from({ length: n }, (_, i) => `L${i},"x"`);
          const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
          const text = [',' + labels.map(q).join(','), ...m.map((row, i) => [q(labels[i]!), ...row.map(String)].join(','))].join('\n');
          const r = parseMatrixCsv(text);
          expect(r.labels).toEqual(labels);
          const expected: number[][] = [];
          m.forEach((row, i) => row.forEach((w, j) => w !== 0 && expected.push([i, j, w])));
          expect(Array.from(r.edges.src, (s, k) => [s, r.edges.dst[k]!, r.edges.weight[k]!])).toEqual(expected);
        },
      ),
    );
  });
});
