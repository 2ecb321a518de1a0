/**
 * Streaming mbox splitter (RFC 4155): a message starts at a line beginning with "From "
 * (the envelope line), at the start of the file or right after a newline. Messages are cut at
 * the byte level with native searches (no per-line work beyond counting newlines), so big
 * mailboxes stream at disk speed. A message over `maxMessageBytes` is not held: it comes out
 * with `oversized` set, its true length and position, and no bytes.
 *
 * Unescaping follows mboxrd: a line `>From `, `>>From `, … loses one `>` (for mboxo files
 * this restores the single-quoted lines; the rare literal `>From ` in an mboxo body is altered,
 * which is the documented mboxo ambiguity).
 */
import type { Readable } from 'node:stream';

export interface MboxMessage {
  /** Byte offset of the envelope ("From ") line, or of the first byte for a preamble. */
  offset: number;
  /** Byte length up to the next envelope line or the end of the file. */
  length: number;
  /** 1-based line of the envelope line. */
  line: number;
  /** Number of lines (for endLine). */
  lines: number;
  /** The envelope line without "From " and the line end (capped at 1000 bytes). */
  envelope: string;
  /** Message bytes after the envelope line (still escaped); empty when oversized. */
  bytes: Buffer;
  oversized: boolean;
  /** Text before the first envelope line (not a message). */
  preamble: boolean;
}

const FROM_ = Buffer.from('From ');
/**
 * An envelope line: "From ", the sender, then a date with a time and a year, in whatever form
 * the writer used: asctime (`From a@b Thu Feb  4 10:00:00 2021`, RFC 4155), `From - …`,
 * Gmail's `… +0000 2020`, RFC 822-style `Fri, 01 Jan 2021 00:00:00 GMT`. Body lines that merely
 * start with "From " (unescaped mboxo) rarely carry both a time and a year, so they do not split.
 */
const ENVELOPE_TIME_RE = /^From \S{1,500} [^\n]{0,100}?\b\d{1,2}:\d{2}(?::\d{2})?\b/;
const ENVELOPE_YEAR_RE = /\b(?:19|20|21)\d{2}\b/;

const MAX_ENVELOPE = 1100;

/** Whether the line at `at` in `b` is an envelope; null when it is cut off by the end of `b`. */
function envelopeAt(b: Buffer, at: number): boolean | null {
  const nl = b.indexOf(10, at);
  if (nl === -1) return b.length - at > MAX_ENVELOPE ? false : null;
  if (nl - at > MAX_ENVELOPE) return false;
  const line = b.toString('latin1', at, nl);
  return ENVELOPE_TIME_RE.test(line) && ENVELOPE_YEAR_RE.test(line.slice(5));
}
const NL_FROM_ = Buffer.from('\nFrom ');
const KEEP = NL_FROM_.length - 1;

function countNl(b: Buffer, from = 0, to = b.length): number {
  let n = 0;
  for (let i = b.indexOf(10, from); i !== -1 && i < to; i = b.indexOf(10, i + 1)) n++;
  return n;
}

export async function* splitMbox(
  stream: Readable,
  opts: { maxMessageBytes: number; startOffset?: number; startLine?: number },
): AsyncGenerator<MboxMessage> {
  const max = opts.maxMessageBytes;
  let parts: Buffer[] = [];
  let partLen = 0; // bytes held
  let msgLen = 0; // true length of the current message
  let msgLines = 0;
  let oversized = false;
  let msgOffset = opts.startOffset ?? 0;
  let msgLine = opts.startLine ?? 1;
  let tail: Buffer = Buffer.alloc(0); // undecided bytes (may be the start of "\nFrom ")
  let absolute = msgOffset; // offset of tail[0]

  let lastByte = 10;
  const append = (seg: Buffer): void => {
    if (seg.length === 0) return;
    lastByte = seg[seg.length - 1]!;
    msgLen += seg.length;
    msgLines += countNl(seg);
    if (oversized) return;
    if (partLen + seg.length > max) {
      oversized = true;
      parts = [];
      partLen = 0;
      return;
    }
    parts.push(Buffer.from(seg)); // copy: stream buffers may be reused
    partLen += seg.length;
  };

  const finish = (): MboxMessage | null => {
    if (msgLen === 0) return null;
    const whole = oversized ? Buffer.alloc(0) : parts.length === 1 ? parts[0]! : Buffer.concat(parts, partLen);
    const isEnvelope = oversized ? true : whole.subarray(0, 5).equals(FROM_);
    let envelope = '';
    let bytes = whole;
    if (!oversized && isEnvelope) {
      const nl = whole.indexOf(10);
      const end = nl === -1 ? whole.length : nl;
      envelope = whole
        .subarray(5, Math.min(end, 1005))
        .toString('latin1')
        .replace(/\r$/, '');
      bytes = nl === -1 ? Buffer.alloc(0) : whole.subarray(nl + 1);
    }
    const m: MboxMessage = {
      offset: msgOffset,
      length: msgLen,
      line: msgLine,
      lines: msgLines + (lastByte === 10 ? 0 : 1),
      envelope,
      bytes,
      oversized,
      preamble: !isEnvelope,
    };
    msgOffset += msgLen;
    msgLine += msgLines;
    parts = [];
    partLen = 0;
    msgLen = 0;
    msgLines = 0;
    oversized = false;
    return m;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.length === 0) continue;
    const win = tail.length ? Buffer.concat([tail, chunk]) : chunk;
    const winAbs = absolute;
    let done = 0; // bytes of win already appended
    let search = 0;
    let undecided = -1; // a candidate boundary whose line the next chunk completes
    for (;;) {
      const i = win.indexOf(NL_FROM_, search);
      if (i === -1) break;
      const boundary = i + 1;
      const env = envelopeAt(win, boundary);
      if (env === null) {
        undecided = i;
        break;
      }
      if (!env) {
        search = boundary;
        continue;
      }
      append(win.subarray(done, boundary));
      done = boundary;
      const m = finish();
      if (m) yield m;
      search = boundary;
    }
    // keep the last bytes undecided: they may begin a "\nFrom " that the next chunk completes
    const keepFrom = undecided !== -1 ? undecided : Math.max(done, win.length - KEEP);
    append(win.subarray(done, keepFrom));
    tail = Buffer.from(win.subarray(keepFrom));
    absolute = winAbs + keepFrom;
  }
  append(tail);
  const last = finish();
  if (last) yield last;
}

const GT_FROM = /^>+From /;

/** mboxrd unescaping: strip one `>` from lines matching `^>+From `. */
export function unescapeMboxrd(b: Buffer): Buffer {
  // fast path: no escaped line at all
  if (b.indexOf('>From ') === -1) return b;
  const out: Buffer[] = [];
  let start = 0;
  let lineStart = 0;
  while (lineStart < b.length) {
    const nl = b.indexOf(10, lineStart);
    const lineEnd = nl === -1 ? b.length : nl + 1;
    if (b[lineStart] === 0x3e /* > */) {
      const head = b.subarray(lineStart, Math.min(lineEnd, lineStart + 64)).toString('latin1');
      if (GT_FROM.test(head)) {
        out.push(b.subarray(start, lineStart));
        start = lineStart + 1;
      }
    }
    lineStart = lineEnd;
  }
  out.push(b.subarray(start));
  return Buffer.concat(out);
}
