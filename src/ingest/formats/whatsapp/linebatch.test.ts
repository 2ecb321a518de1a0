import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines, type RawLine } from '../../lines.js';
import { readLineBatches } from './linebatch.js';

async function viaLines(chunks: Buffer[], max: number): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const l of readLines(Readable.from(chunks), { maxLineBytes: max, startOffset: 5, startLine: 3 })) out.push(l);
  return out;
}
async function viaBatches(chunks: Buffer[], max: number): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const b of readLineBatches(Readable.from(chunks), { maxLineBytes: max, startOffset: 5, startLine: 3 })) out.push(...b);
  return out;
}

describe('readLineBatches', () => {
  it('yields exactly the lines readLines yields, however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', 'xyz', '😀'), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 12 }),
        async (parts, cuts, max) => {
          const buf = Buffer.from(parts.join(''));
          const chunks: Buffer[] = [];
          let i = 0;
          let k = 0;
          while (i < buf.length) {
            const n = cuts[k++ % cuts.length]!;
            chunks.push(buf.subarray(i, i + n));
            i += n;
          }
          expect(await viaBatches(chunks, max)).toEqual(await viaLines(chunks, max));
        },
      ),
      { numRuns: 300 },
    );
  });
});
