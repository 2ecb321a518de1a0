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

export interface TextLine {
  line: number;
  offset: number;
  length: number;
  /** The line decoded (BOM stripped on line 1), without its terminator; null when it is not valid UTF-8 or `tooLong`. */
  text: string | null;
  terminated: boolean;
  tooLong: boolean;
}

/**
 * The lines of readLineBatches, decoded. A chunk's complete lines are checked for valid UTF-8
 * in one call and decoded straight from the chunk, with no Buffer per line (which costs more
 * than the decoding on short lines); a line split across chunks, or any line of a chunk that
 * is not valid UTF-8 as a whole, goes through decodeUtf8 on its own.
 */
export async function* readTextLineBatches(
  stream: Readable,
  opts: { maxLineBytes: number; startOffset?: number; startLine?: number },
): AsyncGenerator<TextLine[]> {
  const max = opts.maxLineBytes;
  let lineNo = opts.startLine ?? 1;
  let offset = opts.startOffset ?? 0;
  // bytes of a line that began in an earlier chunk (or the length skipped of an over-long one)
  let carry: Buffer[] = [];
  let carryLen = 0;
  let skipping = false;

  const fromBytes = (bytes: Buffer, terminated: boolean): TextLine => {
    let length = bytes.length + (terminated ? 1 : 0);
    let tooLong = skipping;
    if (skipping) length = carryLen + length;
    else if (bytes.length > max) tooLong = true;
    let text: string | null = null;
    if (!tooLong) {
      const end = terminated && bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
      text = decodeUtf8(bytes.subarray(0, end), lineNo);
    }
    const out: TextLine = { line: lineNo++, offset, length, text, terminated, tooLong };
    offset += length;
    carry = [];
    carryLen = 0;
    skipping = false;
    return out;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const batch: TextLine[] = [];
    let start = 0;
    let nl = chunk.indexOf(10);
    if (nl !== -1 && (carryLen > 0 || skipping)) {
      // the end of a line that began in an earlier chunk
      batch.push(fromBytes(skipping ? chunk.subarray(0, nl) : Buffer.concat([...carry, chunk.subarray(0, nl)]), true));
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (nl !== -1) {
      const last = chunk.lastIndexOf(10);
      const valid = isUtf8(chunk.subarray(start, last));
      for (; nl !== -1; nl = chunk.indexOf(10, start)) {
        const len = nl - start;
        if (!valid || len > max || (lineNo === 1 && chunk[start] === 0xef)) batch.push(fromBytes(chunk.subarray(start, nl), true));
        else {
          const end = len > 0 && chunk[nl - 1] === 13 ? nl - 1 : nl;
          batch.push({ line: lineNo++, offset, length: len + 1, text: chunk.toString('utf8', start, end), terminated: true, tooLong: false });
          offset += len + 1;
        }
        start = nl + 1;
      }
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (skipping) carryLen += rest.length;
      else if (carryLen + rest.length > max + 1) {
        skipping = true;
        carryLen += rest.length;
        carry = [];
      } else {
        carry.push(Buffer.from(rest));
        carryLen += rest.length;
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (carryLen > 0 || skipping) yield [fromBytes(skipping ? Buffer.alloc(0) : Buffer.concat(carry), false)];
}

/** The decoded lines one at a time. */
export async function* readTextLines(
  stream: Readable,
  opts: { maxLineBytes: number; startOffset?: number; startLine?: number },
): AsyncGenerator<TextLine> {
  for await (const batch of readTextLineBatches(stream, opts)) yield* batch;
}

/** Decode a line as UTF-8, or return null when it is not valid UTF-8. Strips a leading BOM on line 1. */
export function decodeUtf8(bytes: Buffer, lineNo: number): string | null {
  if (!isUtf8(bytes)) return null;
  let s = bytes.toString('utf8');
  if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

/** Share of the bytes in a file's head that may be NUL, control bytes or invalid UTF-8 for it to still count as text. */
export const BINARY_SHARE = 0.05;

/**
 * Why the head of a file is not text as a whole, or null when it is text. A few bad bytes (a NUL
 * or a broken UTF-8 sequence in a line or two, as in a damaged export) do not make a file binary:
 * the parser quarantines those lines. The file is binary when more than BINARY_SHARE of its first
 * 8 KiB are NUL, control bytes (other than tab, newlines, form feed, escape) or invalid UTF-8.
 */
export function binaryReason(head: Uint8Array): string | null {
  const n = Math.min(head.length, 8192);
  if (n === 0) return null;
  let nul = 0;
  let ctrl = 0;
  let invalid = 0;
  for (let i = 0; i < n; ) {
    const b = head[i]!;
    if (b < 0x80) {
      if (b === 0) nul++;
      else if (b < 9 || (b > 13 && b < 32 && b !== 27) || b === 127) ctrl++;
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + len > n) break; // cut by the 8 KiB window, not by the file
    let ok = true;
    for (let k = 1; k < len; k++) if ((head[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok && len === 3 && ((b === 0xe0 && head[i + 1]! < 0xa0) || (b === 0xed && head[i + 1]! > 0x9f))) ok = false;
    if (ok && len === 4 && ((b === 0xf0 && head[i + 1]! < 0x90) || (b === 0xf4 && head[i + 1]! > 0x8f))) ok = false;
    if (ok) i += len;
    else {
      invalid++;
      i++;
    }
  }
  const bad = nul + ctrl + invalid;
  if (bad <= n * BINARY_SHARE) return null;
  const pct = (x: number) => `${((x / n) * 100).toFixed(x / n < 0.1 ? 1 : 0)}%`;
  const parts = [nul ? `${pct(nul)} NUL bytes` : '', ctrl ? `${pct(ctrl)} control bytes` : '', invalid ? `${pct(invalid)} invalid UTF-8` : ''].filter(Boolean);
  return `${parts.join(', ')} in the first ${n.toLocaleString('en-US')} bytes (text has at most ${BINARY_SHARE * 100}%)`;
}

/** The head of a file is not text as a whole (see binaryReason). */
export function looksBinary(head: Uint8Array): boolean {
  return binaryReason(head) !== null;
}

/** A short, safe excerpt of untrusted text for error reports. */
export function excerpt(s: string, max = 200): string {
  const clean = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
