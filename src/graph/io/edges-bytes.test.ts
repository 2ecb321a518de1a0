import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHeader, parseEdgeCsv, type EdgeCsvOptions } from './edges-csv.js';
import { scanEdgeCsv } from './edges-bytes.js';
import { ClewError } from '../../model/errors.js';

/** The reader's answer as plain data: the graph, or the typed error (code and details). */
function outcome(input: string | Uint8Array, opts: EdgeCsvOptions): unknown {
  try {
    const r = parseEdgeCsv(input, opts);
    return { labels: r.labels, n: r.edges.n, src: Array.from(r.edges.src), dst: Array.from(r.edges.dst), weight: Array.from(r.edges.weight) };
  } catch (e) {
    if (e instanceof ClewError) return { code: e.code, details: e.details };
    throw e;
  }
}

const noHeader = (): boolean => false;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('scanEdgeCsv (byte scanner behind parseEdgeCsv)', () => {
  it('reads a plain file itself: labels in order of appearance, weights, blank lines, spaces and tabs trimmed', () => {
    const r = scanEdgeCsv(bytes('a,b,3\n\n b ,\tc\t, 2.5 \r\nc,a,\n'), {}, noHeader);
    expect(r).not.toBeNull();
    expect(r!.labels).toEqual(['a', 'b', 'c']);
    expect(Array.from(r!.edges.src)).toEqual([0, 1, 2]);
    expect(Array.from(r!.edges.dst)).toEqual([1, 2, 0]);
    expect(Array.from(r!.edges.weight)).toEqual([3, 2.5, 1]);
  });
  it('one node per label even when its bytes differ only by Unicode spaces trim() removes', () => {
    const r = scanEdgeCsv(bytes('a\u00a0,b\na,\u3000b\n'), {}, noHeader);
    expect(r!.labels).toEqual(['a', 'b']);
    expect(Array.from(r!.edges.src)).toEqual([0, 0]);
  });
  it('declines what csv-parse must read: quotes, mixed line endings, bad rows, caps', () => {
    expect(scanEdgeCsv(bytes('"a,b",c\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b\r\nc,d\ne,f\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b\rc,d\r'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b\n# comment\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b,x\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b,1,2\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a, \t,1\n'), {}, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a,b\nc,d\n'), { maxEdges: 1 }, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('aaaa,b\n'), { maxLabelLength: 3 }, noHeader)).toBeNull();
    expect(scanEdgeCsv(bytes('a;b\n'), { delimiter: ';;' }, noHeader)).toBeNull();
  });
  it('many distinct labels: the hash table grows and every label keeps its id', () => {
    const rows: string[] = [];
    for (let i = 0; i < 40_000; i++) rows.push(`n${i},n${(i * 7919) % 40_000},${i % 9}`);
    const text = rows.join('\n');
    expect(outcome(text, {})).toEqual(outcome(text, { csvParse: true }));
  });

  // Random edge lists mixing everything an edge file from a phone dump or a spreadsheet may hold:
  // comments, blank lines, tabs and spaces, CRLF or CR, quoted and odd (Unicode, control, BOM-like)
  // names, weights of every shape, short and long rows. The byte scanner must give the csv-parse
  // reader's answer: the same graph, or the same typed error on the same line.
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }).map((i) => `n${i}`) },
    fc.constantFrom('a', 'b', 'c', 'Zmaj', '+381641234567', '0', '007', 'x y', 'ž', 'Ђорђе', 'مهدي', '😀', 'a\u00a0', '\u00a0a', '\u3000b', 'a\u200bb', 'a\rb', 'a\u0000', 'source', 'target', '#', '# c', '﻿a'),
    fc.string({ maxLength: 6 }),
    fc.string({ maxLength: 6, unit: 'binary' }),
  );
  const space = fc.constantFrom('', '', '', ' ', '\t', '  ', ' \t');
  const weight = fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: 0, max: 1_000_000 }).map(String),
    fc.constantFrom('', ' ', '1.5', '1e3', '0x10', '-2', '+3', '007', '9999999999999999', 'NaN', 'Infinity', 'w', '١', '1\u00a0', '.5', '5.'),
  );
  const cell = fc.tuple(space, name, space, fc.integer({ min: 0, max: 39 })).map(([l, s, r, q]) => (q === 0 ? `"${s.replace(/"/g, '""')}"` : `${l}${s}${r}`));
  const row = fc.oneof(
    { weight: 30, arbitrary: fc.tuple(cell, cell, weight).map(([a, b, w]) => (w === undefined ? `${a},${b}` : `${a},${b},${w}`)) },
    { weight: 2, arbitrary: fc.constantFrom('', '', '', '', '# a comment', '#a,b', ' ', 'source,target,weight', 'from,to', 'a,b,c,d', 'a') },
  );
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  it('property: same graph or same error as csv-parse on random edge lists', () => {
    let scanned = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 16 }),
        fc.oneof({ weight: 12, arbitrary: eol.map((e) => [e] as string[]) }, { weight: 1, arbitrary: fc.array(eol, { minLength: 1, maxLength: 4 }) }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<EdgeCsvOptions['header']>('auto', true, false),
        fc.boolean(),
        (rows, eols, bom, finalEol, header, asBytes) => {
          let text = bom ? '\ufeff' : '';
          rows.forEach((r, i) => {
            text += r;
            if (i < rows.length - 1 || finalEol) text += eols[i % eols.length];
          });
          const input = asBytes ? bytes(text) : text;
          expect(outcome(input, { header })).toEqual(outcome(input, { header, csvParse: true }));
          runs++;
          if (scanEdgeCsv(bytes(text), { header }, isHeader) !== null) scanned++;
        },
      ),
      { numRuns: 2000 },
    );
    // the comparison means something only if the scanner itself answered a good share of the cases
    expect(scanned).toBeGreaterThan(runs / 4);
  });
  it('property: same as csv-parse with other delimiters and small caps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, name, fc.option(fc.integer({ min: 0, max: 99 }))), { maxLength: 12 }),
        fc.constantFrom(';', '\t', '|', ' ', ','),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (edges, delimiter, maxEdges, maxLabelLength) => {
          const text = edges.map(([a, b, w]) => [a, b, ...(w === null ? [] : [String(w)])].join(delimiter)).join('\n');
          const opts = { delimiter, maxEdges, maxLabelLength, header: false };
          expect(outcome(text, opts)).toEqual(outcome(text, { ...opts, csvParse: true }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
