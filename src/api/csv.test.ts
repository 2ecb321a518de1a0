import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvChunks, csvLines, csvTable, csvTime, FORMULA_START, type CsvCell } from './csv.js';

const read = (text: string): string[][] => parse(text.replace(/^\ufeff/, ''), { bom: false, relax_column_count: false, skip_empty_lines: false }) as string[][];

/** What a cell reads back as: controls gone, a formula start guarded, a number as its digits. */
function expected(c: CsvCell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  const t = c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return FORMULA_START.test(t) ? `'${t}` : t;
}

// hostile text: formula starts, quotes, separators, line breaks, controls, other scripts
const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ', 'a', 'ш', 'ب', '\u0000', '\u001b', '\uFF1D', '1', "'") }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('=HYPERLINK("http://x","y")', '+31 6 1234 5678', '-1+1', '@SUM(A1)', '=cmd|\' /C calc\'!A0', '\t=1', 'Кум', 'مرحبا'),
);
const cell: fc.Arbitrary<CsvCell> = fc.oneof(hostile, hostile, fc.integer({ min: 0, max: 1e12 }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constant(null));

describe('csvLines', () => {
  it('round-trips through csv-parse, and no text cell begins with a formula character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 8 })), (rows) => {
        // a row of one empty cell is an empty line, which no reader tells from nothing: keep rows readable
        fc.pre(rows.every((r) => r.length > 1 || expected(r[0]) !== ''));
        const text = csvLines(rows);
        expect(text.endsWith('\r\n')).toBe(true);
        const back = read(text);
        expect(back).toEqual(rows.map((r) => r.map(expected)));
        for (const r of back) for (const c of r) expect(FORMULA_START.test(c)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('guards the OWASP examples and quotes per RFC 4180', () => {
    const text = csvLines([['=1+1', '+1', '-2', '@x', '\tt', '\rr', 'a,b', 'say "hi"', 'two\nlines', -5]]);
    expect(text).toBe(`'=1+1,'+1,'-2,'@x,'\tt,"'\rr","a,b","say ""hi""","two\nlines",-5\r\n`);
  });

  it('drops NUL and other controls, keeps tabs inside a cell', () => {
    expect(read(csvLines([['a\u0000b\u0007c', 'x\ty']]))).toEqual([['abc', 'x\ty']]);
  });
});

describe('csvTable and csvChunks', () => {
  const columns = [
    { header: 'name', value: (r: { name: string; n: number }) => r.name },
    { header: 'n', value: (r: { name: string; n: number }) => r.n },
  ];

  it('starts with the UTF-8 BOM and the header, rows in Cyrillic and Arabic intact', () => {
    const text = csvTable(columns, [
      { name: 'Кум', n: 3 },
      { name: 'مرحبا', n: 4 },
    ]);
    expect(text.startsWith(CSV_BOM + 'name,n\r\n')).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(read(text)).toEqual([
      ['name', 'n'],
      ['Кум', '3'],
      ['مرحبا', '4'],
    ]);
  });

  it('streams pages after one header; an empty table is the header alone', async () => {
    async function* pages() {
      yield [{ name: '=evil()', n: 1 }];
      yield [];
      yield [{ name: 'b', n: 2 }];
    }
    let text = '';
    for await (const c of csvChunks(columns, pages())) text += c;
    expect(read(text)).toEqual([
      ['name', 'n'],
      ["'=evil()", '1'],
      ['b', '2'],
    ]);
    let empty = '';
    for await (const c of csvChunks(columns, [])) empty += c;
    expect(empty).toBe(`${CSV_BOM}name,n\r\n`);
  });

  it('writes times as ISO 8601 UTC, unknown as empty', () => {
    expect(csvTime(Date.UTC(2024, 4, 1, 12))).toBe('2024-05-01T12:00:00.000Z');
    expect(csvTime(null)).toBe('');
    expect(csvTime(Number.NaN)).toBe('');
  });
});
