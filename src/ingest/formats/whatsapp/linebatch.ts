/**
 * Lines in batches: the same lines as lines.ts `readLines` (offsets, CRLF, length cap, a last
 * line without newline), handed out one array per stream chunk, so a parser awaits once per
 * chunk instead of once per line. Line-heavy parsers (WhatsApp) spend most of their time in
 * per-line promise hand-offs otherwise.
 */
import type { Readable } from 'node:stream';
import type { RawLine } from '../../lines.js';

export async function* readLineBatches(
  stream: Readable,
  opts: { maxLineBytes: number; startOffset?: number; startLine?: number },
): AsyncGenerator<RawLine[]> {
  const max = opts.maxLineBytes;
  let lineNo = opts.startLine ?? 1;
  let offset = opts.startOffset ?? 0;
  let parts: Buffer[] = [];
  let partLen = 0;
  let skipping = false;
  let skippedLen = 0;

  const emit = (tail: Buffer, terminated: boolean): RawLine => {
    let bytes: Buffer;
    let length: number;
    let tooLong = skipping;
    if (skipping) {
      length = skippedLen + tail.length + (terminated ? 1 : 0);
      bytes = Buffer.alloc(0);
    } else {
      bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
      length = bytes.length + (terminated ? 1 : 0);
      if (bytes.length > max) {
        tooLong = true;
        bytes = Buffer.alloc(0);
      }
    }
    if (!tooLong && terminated && bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const out: RawLine = { line: lineNo, offset, length, bytes, terminated, tooLong };
    lineNo += 1;
    offset += length;
    parts = [];
    partLen = 0;
    skipping = false;
    skippedLen = 0;
    return out;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const batch: RawLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      batch.push(emit(chunk.subarray(start, nl), true));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (skipping) {
        skippedLen += rest.length;
      } else if (partLen + rest.length > max + 1) {
        skipping = true;
        skippedLen = partLen + rest.length;
        parts = [];
        partLen = 0;
      } else {
        parts.push(Buffer.from(rest));
        partLen += rest.length;
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (partLen > 0 || skipping) yield [emit(Buffer.alloc(0), false)];
}
