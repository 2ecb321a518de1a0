import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEdgeCsv } from './edges-csv.js';
import { ClewError } from '../../model/errors.js';

function code(f: () => unknown): { code: string; line: unknown } {
  try {
    f();
  } catch (e) {
    if (e instanceof ClewError) return { code: e.code, line: e.details.line };
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseEdgeCsv', () => {
  it('reads labels, weights and skips a recognised header', () => {
    const r = parseEdgeCsv('source,target,weight\nalice,bob,3\n"bob, jr",alice\ncarol,alice,\n');
    expect(r.labels).toEqual(['alice', 'bob', 'bob, jr', 'carol']);
    expect(r.edges.n).toBe(4);
    expect(Array.from(r.edges.src)).toEqual([0, 2, 3]);
    expect(Array.from(r.edges.dst)).toEqual([1, 0, 0]);
    expect(Array.from(r.edges.weight)).toEqual([3, 1, 1]);
  });
  it('no header: the first row is data; header auto-detected by a non-numeric weight cell', () => {
    expect(parseEdgeCsv('a1,b1\nb1,c1\n').edges.src.length).toBe(2);
    expect(parseEdgeCsv('x,y,strength\na,b,2\n').labels).toEqual(['a', 'b']);
    expect(parseEdgeCsv('from,to\na,b\n', { header: false }).labels).toEqual(['from', 'to', 'a', 'b']);
  });
  it('handles BOM, CRLF and another delimiter', () => {
    const r = parseEdgeCsv('\ufeffa;b;2\r\nb;c;0.5\r\n', { delimiter: ';' });
    expect(r.labels).toEqual(['a', 'b', 'c']);
    expect(Array.from(r.edges.weight)).toEqual([2, 0.5]);
  });
  it('typed errors with line numbers', () => {
    expect(code(() => parseEdgeCsv('a,b\nc\n'))).toEqual({ code: 'CSV_COLUMNS', line: 2 });
    expect(code(() => parseEdgeCsv('a,b\nc,d,1,2\n'))).toEqual({ code: 'CSV_COLUMNS', line: 2 });
    expect(code(() => parseEdgeCsv('a,b,1\nc,d,NaN\n'))).toEqual({ code: 'INVALID_ARGUMENT', line: 2 });
    expect(code(() => parseEdgeCsv('a,b\n ,d\n'))).toEqual({ code: 'INVALID_ARGUMENT', line: 2 });
    expect(code(() => parseEdgeCsv('a,b\n"c,d\n')).code).toBe('CSV_COLUMNS');
    expect(code(() => parseEdgeCsv('a,b\nc,d\ne,f\n', { maxEdges: 2 }))).toEqual({ code: 'TOO_LARGE', line: 3 });
    expect(code(() => parseEdgeCsv('a,b\n', { maxBytes: 2 })).code).toBe('TOO_LARGE');
    expect(code(() => parseEdgeCsv(`${'x'.repeat(20)},b\n`, { maxLabelLength: 10 })).code).toBe('INVALID_ARGUMENT');
  });
  it('accepts bytes', () => {
    expect(parseEdgeCsv(new TextEncoder().encode('a,b\n')).labels).toEqual(['a', 'b']);
  });
  it('property: written edges read back (labels with quotes, commas, newlines)', () => {
    const label = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && s.trim() === s && !s.includes('\r') && !s.includes('\ufeff'));
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label, fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 20 }), (rows) => {
        const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const text = rows.map(([a, b, w]) => `${q(a)},${q(b)},${w}`).join('\n');
        const r = parseEdgeCsv(text, { header: false });
        expect(r.edges.src.length).toBe(rows.length);
        rows.forEach(([a, b, w], i) => {
          expect(r.labels[r.edges.src[i]!]).toBe(a);
          expect(r.labels[r.edges.dst[i]!]).toBe(b);
          expect(r.edges.weight[i]).toBe(w);
        });
      }),
    );
  });
});
