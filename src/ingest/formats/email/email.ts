/**
 * E-mail sources: mbox mailboxes (seekable: resume at a "From " boundary) and single .eml
 * messages. Each message is parsed by message.ts; a message that cannot be read is rejected
 * with its position and the mailbox goes on.
 */
import { ClewError, isClewError } from '../../../model/errors.js';
import type { ClewRecord, Locator } from '../../../model/records.js';
import { excerpt, looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { splitMbox, unescapeMboxrd } from './mbox.js';
import { MAX_MESSAGE_BYTES, parseMail } from './message.js';

function entryOf(records: ClewRecord[]): string | undefined {
  const m = records.find((r) => r.type === 'message');
  return m && m.type === 'message' ? m.nativeId : undefined;
}

const HEADER_LINE = /^[!-9;-~]{1,76}:[ \t]?/;
const MAIL_HEADERS = /^(from|to|subject|date|message-id|received|return-path|mime-version|delivered-to|x-[a-z-]+|cc|reply-to|in-reply-to|references|content-type):/i;

export function sniffMbox(head: Uint8Array, _name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 4096)).toString('latin1');
  if (!text.startsWith('From ')) return { ok: false, reason: 'an mbox starts with a "From " envelope line' };
  const lines = text.split('\n', 12).slice(1);
  if (!lines.some((l) => MAIL_HEADERS.test(l))) return { ok: false, reason: 'no mail headers after the "From " line' };
  return { ok: true, confidence: 0.9 };
}

/**
 * Apple Mail `.emlx`: a first line with the message's byte count, the message, then a plist.
 * Returns the message bytes' offset and length, or null when the file is not in that form.
 */
export function emlxFrame(head: Uint8Array): { start: number; length: number } | null {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 64));
  const m = /^[ \t]*(\d{1,10})[ \t]*\r?\n/.exec(b.toString('latin1'));
  if (!m) return null;
  return { start: m[0].length, length: Number(m[1]) };
}

export function sniffEml(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary content' };
  const frame = emlxFrame(head);
  if (frame) head = head.subarray(frame.start);
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 16384)).toString('latin1');
  if (text.startsWith('From ')) return { ok: false, reason: 'starts with an mbox envelope: use mbox' };
  const block = text.split(/\r?\n\r?\n/, 1)[0]!.split(/\r?\n/);
  if (!HEADER_LINE.test(block[0] ?? '')) return { ok: false, reason: 'the first line is not a mail header' };
  const known = block.filter((l) => MAIL_HEADERS.test(l)).length;
  if (known < 2) return { ok: false, reason: 'fewer than two mail headers in the header block' };
  return { ok: true, confidence: /\.emlx?$/i.test(name) ? 0.9 : 0.6 };
}

async function* messageItems(
  bytes: Buffer,
  locator: Locator,
  input: SourceInput,
  fallbackId: string,
  before: ResumePoint | undefined,
  after: ResumePoint | undefined,
  envelope?: string,
): AsyncGenerator<ParseItem> {
  let records: ClewRecord[];
  try {
    records = await parseMail(bytes, { fallbackId, maxAttachmentBytes: input.options.maxAttachmentBytes, timeZone: input.options.timeZone, envelope });
  } catch (e) {
    if (!isClewError(e)) throw e;
    yield { kind: 'reject', locator, code: e.code, message: e.message, excerpt: excerpt(bytes.subarray(0, 300).toString('utf8')), ...(after ? { resume: after } : {}) };
    return;
  }
  const entry = entryOf(records);
  const loc = entry ? { ...locator, entry } : locator;
  for (let i = 0; i < records.length; i++) {
    const resume = i === records.length - 1 ? after : before;
    yield { kind: 'record', record: records[i]!, locator: loc, ...(resume ? { resume } : {}) };
  }
}

/** The empty line before the next envelope belongs to the mbox format, not the message. */
export function dropSeparator(b: Buffer): Buffer {
  const n = b.length;
  if (n >= 2 && b[n - 1] === 10 && b[n - 2] === 10) return b.subarray(0, n - 1);
  if (n >= 3 && b[n - 1] === 10 && b[n - 2] === 13 && b[n - 3] === 10) return b.subarray(0, n - 2);
  return b;
}

export const mboxParser: FormatParser = {
  name: 'mbox',
  description: 'Unix mailbox (mboxrd/mboxo): one e-mail per "From " envelope; attachments hashed, EXIF located',
  seekable: true,
  sniff: sniffMbox,
  async *parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem> {
    if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
    const startOffset = resume?.offset ?? 0;
    const stream = input.open(startOffset);
    try {
      for await (const m of splitMbox(stream, { maxMessageBytes: MAX_MESSAGE_BYTES, startOffset, startLine: resume?.line ?? 1 })) {
        const locator: Locator = { line: m.line, offset: m.offset, length: m.length };
        if (m.lines > 1) locator.endLine = m.line + m.lines - 1;
        const before: ResumePoint = { offset: m.offset, line: m.line };
        const after: ResumePoint = { offset: m.offset + m.length, line: m.line + m.lines };
        if (m.preamble) {
          if (m.bytes.toString('latin1').trim() === '') continue;
          yield { kind: 'reject', locator, code: 'SCHEMA', message: 'text before the first "From " line is not a message', excerpt: excerpt(m.bytes.subarray(0, 200).toString('utf8')), resume: after };
          continue;
        }
        if (m.oversized) {
          yield { kind: 'reject', locator, code: 'TOO_LARGE', message: `the message is ${m.length} bytes (limit ${MAX_MESSAGE_BYTES})`, resume: after };
          continue;
        }
        yield* messageItems(unescapeMboxrd(dropSeparator(m.bytes)), locator, input, `mbox@${m.offset}`, before, after, m.envelope);
      }
    } finally {
      stream.destroy();
    }
  },
};

export const emlParser: FormatParser = {
  name: 'eml',
  description: 'A single e-mail message (.eml, RFC 5322; Apple Mail .emlx); attachments hashed, EXIF located',
  seekable: false,
  sniff: sniffEml,
  async *parse(input: SourceInput): AsyncIterable<ParseItem> {
    if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
    if (input.size > MAX_MESSAGE_BYTES) throw new ClewError('TOO_LARGE', `the message is ${input.size} bytes (limit ${MAX_MESSAGE_BYTES})`, { path: input.name });
    const parts: Buffer[] = [];
    const stream = input.open(0);
    let n = 0;
    try {
      for await (const c of stream as AsyncIterable<Buffer>) {
        n += c.length;
        if (n > MAX_MESSAGE_BYTES) throw new ClewError('TOO_LARGE', `the message is larger than ${MAX_MESSAGE_BYTES} bytes`, { path: input.name });
        parts.push(c);
      }
    } finally {
      stream.destroy();
    }
    let bytes = Buffer.concat(parts, n);
    let locator: Locator = { line: 1, offset: 0, length: n };
    const frame = emlxFrame(bytes);
    if (frame && frame.start + frame.length <= n) {
      // .emlx: skip the byte-count line and the trailing plist
      bytes = bytes.subarray(frame.start, frame.start + frame.length);
      locator = { line: 2, offset: frame.start, length: frame.length };
    }
    yield* messageItems(bytes, locator, input, `eml:${input.sha256.slice(0, 16)}`, undefined, undefined);
  },
};
