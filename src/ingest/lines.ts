/**
 * Streaming line splitter with byte offsets and a length cap, for line-based formats.
 * Memory stays bounded by `maxLineBytes` whatever the input: an over-long line is reported
 * (with its position and length) and skipped, never held whole.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';

export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Byte length including the line terminator. */
  length: number;
  /** The line's bytes without the terminator (`\n` or `\r\n`); empty when `tooLong`. */
  bytes: Buffer;
  /** False for a last line without a newline. */
  terminated: boolean;
  /** The line exceeded the cap; `bytes` is empty and `length` is the true length. */
  tooLong: boolean;
}

/**
 * Lines handed out one array per stream chunk, so a parser awaits once per chunk instead of once
 * per line (line-heavy parsers spend most of their time in per-line promise hand-offs otherwise).
 */
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

/** The same lines one at a time. */
export async function* readLines(
  stream: Readable,
  opts: { maxLineBytes: number; startOffset?: number; startLine?: number },
): AsyncGenerator<RawLine> {
  for await (const batch of readLineBatches(stream, opts)) yield* batch;
}

/** Decode a line as UTF-8, or return null when it is not valid UTF-8. Strips a leading BOM on line 1. */
export function decodeUtf8(bytes: Buffer, lineNo: number): string | null {
  if (!isUtf8(bytes)) return null;
  let s = bytes.toString('utf8');
  if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

/** Heuristic: the head of a file is binary (NUL bytes or many control bytes). */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return ctrl / n > 0.1;
}

/** A short, safe excerpt of untrusted text for error reports. */
export function excerpt(s: string, max = 200): string {
  const clean = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
