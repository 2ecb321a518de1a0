import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, readLineBatches, readTextLineBatches } from './lines.js';

async function collect(chunks: Buffer[], max = 100) {
  const out = [];
  for await (const batch of readLineBatches(Readable.from(chunks), { maxLineBytes: max })) for (const l of batch) out.push({ ...l, text: l.bytes.toString() });
  return out;
}

describe('readLineBatches', () => {
  it('splits on LF and CRLF with exact offsets, across chunk boundaries', async () => {
    const lines = await collect([Buffer.from('ab\r'), Buffer.from('\ncd'), Buffer.from('\nlast')]);
    expect(lines.map((l) => [l.line, l.offset, l.length, l.text, l.terminated])).toEqual([
      [1, 0, 4, 'ab', true],
      [2, 4, 3, 'cd', true],
      [3, 7, 4, 'last', false],
    ]);
  });

  it('reports an over-long line with its length and never holds it', async () => {
    const big = Buffer.alloc(10_000, 0x78);
    const lines = await collect([Buffer.from('ok\n'), big.subarray(0, 5000), big.subarray(5000), Buffer.from('\nnext\n')]);
    expect(lines.map((l) => [l.line, l.tooLong, l.length, l.text])).toEqual([
      [1, false, 3, 'ok'],
      [2, true, 10_001, ''],
      [3, false, 5, 'next'],
    ]);
  });

  it('offsets and lengths add up to the input for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), fc.array(fc.nat(50), { maxLength: 10 }), async (bytes, cuts) => {
        const buf = Buffer.from(bytes);
        const chunks: Buffer[] = [];
        let pos = 0;
        for (const c of cuts) {
          chunks.push(buf.subarray(pos, Math.min(buf.length, pos + c)));
          pos = Math.min(buf.length, pos + c);
        }
        chunks.push(buf.subarray(pos));
        const lines = await collect(chunks.filter((c) => c.length > 0), 1000);
        let off = 0;
        for (const l of lines) {
          expect(l.offset).toBe(off);
          off += l.length;
        }
        expect(off).toBe(buf.length);
      }),
    );
  });

  it('readTextLineBatches gives the same lines as readLineBatches + decodeUtf8, for any bytes, chunking and cap', async () => {
    // mostly valid UTF-8 text and line ends, with a BOM and stray bytes now and then
    const segment = fc.oneof(
      { weight: 6, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }).map((t) => Buffer.from(t)) },
      { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r').map((t) => Buffer.from(t)) },
      { weight: 1, arbitrary: fc.constantFrom([0xef, 0xbb, 0xbf], [0xc3], [0x80], [0xff]).map((b) => Buffer.from(b)) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }), fc.integer({ min: 1, max: 60 }), async (segments, cuts, max) => {
        const buf = Buffer.concat(segments);
        const chunks: Buffer[] = [];
        let pos = 0;
        for (const c of cuts) {
          if (pos >= buf.length) break;
          chunks.push(buf.subarray(pos, pos + c));
          pos += c;
        }
        if (pos < buf.length) chunks.push(buf.subarray(pos));
        const want = [];
        for await (const batch of readLineBatches(Readable.from(chunks), { maxLineBytes: max }))
          for (const l of batch)
            want.push({ line: l.line, offset: l.offset, length: l.length, text: l.tooLong ? null : decodeUtf8(l.bytes, l.line), terminated: l.terminated, tooLong: l.tooLong });
        const got = [];
        for await (const b of readTextLineBatches(Readable.from(chunks), { maxLineBytes: max })) got.push(...b);
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
