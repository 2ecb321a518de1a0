/**
 * The first bytes of a source, for parsers that choose how to read it from them (a zip archive or
 * a bare file, a CSV's header line).
 */
import type { SourceInput } from './parser.js';

/** Up to `n` bytes from the start of the source (fewer when it is shorter). */
export async function readHead(input: SourceInput, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  const s = input.open(0);
  try {
    for await (const chunk of s as AsyncIterable<Buffer>) {
      parts.push(chunk);
      got += chunk.length;
      if (got >= n) break;
    }
  } finally {
    s.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}

/** Whether the bytes start with a zip local file header (`PK\x03\x04`). */
export function isZipHead(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
