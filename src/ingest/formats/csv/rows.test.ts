import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeField, readCsvRows, type CsvRow } from './rows.js';

function opener(text: string | Buffer, chunk = 5): (start: number) => Readable {
  const b = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return (start) => {
    const parts: Buffer[] = [];
    for (let i = start; i < b.length; i += chunk) parts.push(b.subarray(i, Math.min(b.length, i + chunk)));
    return Readable.from(parts);
  };
}

async function rows(text: string | Buffer, cap = 1000, chunk = 5): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const r of readCsvRows(opener(text, chunk), { delimiter: ',', encoding: 'utf8', maxRecordBytes: cap })) out.push(r);
  return out;
}

const brief = (r: CsvRow): unknown => (r.kind === 'row' ? [r.line, r.endLine, r.offset, r.length, r.fields] : [r.code, r.line, r.offset, r.length]);

describe('readCsvRows', () => {
  it('gives lines and byte offsets, across chunk boundaries and multi-byte characters', async () => {
    const text = '\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\nč,ž\r\nlast,row';
    expect((await rows(text)).map(brief)).toEqual([
      [1, 1, 0, 8, ['a', 'b']],
      [2, 3, 8, 10, ['1', 'x\r\ny']],
      [5, 5, 20, 7, ['č', 'ž']],
      [6, 6, 27, 8, ['last', 'row']],
    ]);
  });

  it('rejects an over-long row and resyncs on the next line', async () => {
    const text = `a,b\n1,${'x'.repeat(2500)}\n2,ok\n`;
    expect((await rows(text, 1000, 300)).map(brief)).toEqual([
      [1, 1, 0, 4, ['a', 'b']],
      ['LINE_TOO_LONG', 2, 4, 2503],
      [3, 3, 2507, 5, ['2', 'ok']],
    ]);
  });

  it('rejects the first line of an unclosed quote and re-reads the lines after it', async () => {
    const text = 'a,b\n1,"never closed\n2,ok\n3,fine\n';
    expect((await rows(text)).map(brief)).toEqual([
      [1, 1, 0, 4, ['a', 'b']],
      ['LINE_TOO_LONG', 2, 4, 16],
      [3, 3, 20, 5, ['2', 'ok']],
      [4, 4, 25, 7, ['3', 'fine']],
    ]);
  });

  it('keeps stray quotes inside unquoted fields', async () => {
    expect((await rows('x"y,"a"b\n')).map(brief)).toEqual([[1, 1, 0, 9, ['x"y', '"a"b']]]);
  });

  it('flags invalid UTF-8 and decodes windows-1252 / latin1 on request', async () => {
    expect((await rows(Buffer.from([0x61, 0x2c, 0xff, 0x0a]))).map(brief)).toEqual([['INVALID_UTF8', 1, 0, 4]]);
    expect(decodeField(Buffer.from([0x80, 0x9a, 0xe9]), 'windows-1252')).toBe('€šé');
    expect(decodeField(Buffer.from([0x80, 0xe9]), 'latin1')).toBe('\u0080é');
  });

  it('covers the whole input: rows and rejections tile the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[a-z",\n]{0,12}$/), { maxLength: 10 }), fc.integer({ min: 1, max: 9 }), async (parts, chunk) => {
        const text = `${parts.join('\n')}\n`;
        const out = await rows(text, 40, chunk);
        let at = 0;
        for (const r of out) {
          if (r.offset < at) return false;
          at = r.offset + r.length;
        }
        return at <= Buffer.byteLength(text);
      }),
      { numRuns: 150 },
    );
  });
});
