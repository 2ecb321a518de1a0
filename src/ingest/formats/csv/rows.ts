/**
 * Streaming CSV rows with exact positions, on csv-parse.
 *
 * Each row comes with its first and last line (a quoted field may span lines), its byte offset
 * and length in the file, so a parser can point at it and resume at a row boundary. Malformed
 * rows come out as `bad` items and parsing goes on:
 *  - invalid UTF-8 (when the encoding is utf8): INVALID_UTF8;
 *  - a row longer than `maxRecordBytes`, or a quote that never closes (which would swallow the
 *    rest of the file): LINE_TOO_LONG for the row's first line, and reading restarts on the
 *    next line (the parser is re-opened there). Memory stays bounded by the cap.
 * Quotes inside unquoted fields are kept literally (relax_quotes).
 */
import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import type { ErrorCode } from '../../../model/errors.js';

export type CsvEncoding = 'utf8' | 'latin1' | 'windows-1252';

export interface CsvRowOptions {
  delimiter: string;
  encoding: CsvEncoding;
  maxRecordBytes: number;
  /** Byte offset to start at (a row boundary). */
  startOffset?: number;
  /** Line number of the line at `startOffset`. */
  startLine?: number;
}

export interface RowPosition {
  line: number;
  endLine: number;
  offset: number;
  length: number;
}

export type CsvRow =
  | ({ kind: 'row'; fields: string[] } & RowPosition)
  | ({ kind: 'bad'; code: ErrorCode; message: string; raw: string } & RowPosition);

type Queued = { ok: true; fields: Buffer[]; end: number; raw: Buffer } | { ok: false; err: CsvError; raw: Buffer };

function toBuf(x: unknown): Buffer {
  if (Buffer.isBuffer(x)) return x;
  return Buffer.from(typeof x === 'string' ? x : '', 'latin1');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// windows-1252 0x80..0x9f (Node's TextDecoder treats the label as latin1)
const CP1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeField(b: Buffer, enc: CsvEncoding): string {
  if (enc === 'utf8') return b.toString('utf8');
  const s = b.toString('latin1');
  if (enc === 'latin1') return s;
  return s.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/** Offset just after the first newline at or after `from`, or the end of the file. */
async function nextLineStart(open: (start: number) => Readable, from: number): Promise<number> {
  const s = open(from);
  let at = from;
  try {
    for await (const chunk of s as AsyncIterable<Buffer>) {
      const nl = chunk.indexOf(10);
      if (nl !== -1) return at + nl + 1;
      at += chunk.length;
    }
  } finally {
    s.destroy();
  }
  return at;
}

export async function* readCsvRows(open: (start: number) => Readable, opts: CsvRowOptions): AsyncGenerator<CsvRow> {
  let offset = opts.startOffset ?? 0; // next row's first byte
  let line = opts.startLine ?? 1;
  const cap = opts.maxRecordBytes;

  for (;;) {
    const queue: Queued[] = [];
    const parser = parse({
      delimiter: opts.delimiter,
      // latin1 maps bytes to chars one-to-one: fields are turned back into the exact bytes.
      // (encoding null gives Buffers, but csv-parse 7 then throws on column-count errors;
      // bom:true would switch to utf8 strings; max_record_size drops the rest of the chunk.)
      encoding: 'latin1',
      bom: false,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_record: (rec: unknown, ctx: InfoRecord) => {
        const r = rec as { record?: unknown[] } | unknown[];
        const fields = (Array.isArray(r) ? r : (r.record ?? [])).map(toBuf);
        queue.push({ ok: true, fields, end: ctx.bytes, raw: toBuf((ctx as { raw?: unknown }).raw) });
        return null;
      },
      on_skip: (err: CsvError | undefined, raw: string | undefined) => {
        if (err) queue.push({ ok: false, err, raw: toBuf(raw) });
        return undefined;
      },
    });
    let failure: Error | undefined;
    parser.on('error', (e: Error) => {
      failure = e;
    });
    parser.resume();
    const base = offset;
    let fed = 0;
    let resyncAt: number | null = null; // a row start whose first line must be rejected

    const drain = function* (): Generator<CsvRow> {
      while (queue.length > 0 && resyncAt === null) {
        const q = queue.shift()!;
        if (!q.ok) {
          // an unclosed quote (the only error left with relax_quotes): reject the first line, resync
          resyncAt = offset;
          return;
        }
        let raw = q.raw;
        if (raw.length > 0 && raw[raw.length - 1] === 10) raw = raw.subarray(0, raw.length - 1);
        const startLine = line;
        const endLine = startLine + countNewlines(raw);
        const start = offset;
        line = endLine + 1;
        offset = base + q.end;
        const pos = { line: startLine, endLine, offset: start, length: offset - start };
        if (q.fields.length === 1 && q.fields[0]!.length === 0) continue; // blank line
        if (opts.encoding === 'utf8' && !q.fields.every((f) => isUtf8(f))) {
          yield { kind: 'bad', code: 'INVALID_UTF8', message: 'the row is not valid UTF-8', raw: q.raw.toString('utf8'), ...pos };
          continue;
        }
        if (start === 0 && q.fields[0] && q.fields[0].subarray(0, 3).equals(BOM)) q.fields[0] = q.fields[0].subarray(3);
        yield { kind: 'row', fields: q.fields.map((f) => decodeField(f, opts.encoding)), ...pos };
      }
    };

    const stream = open(base);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
        fed += chunk.length;
        if (failure) break;
        yield* drain();
        if (resyncAt === null && base + fed - offset > cap) resyncAt = offset;
        if (resyncAt !== null) break;
      }
      if (!failure && resyncAt === null) {
        const ended = new Promise<void>((resolve) => {
          parser.once('end', resolve);
          parser.once('error', () => resolve());
        });
        parser.end();
        await ended;
        yield* drain();
      }
    } finally {
      stream.destroy();
      if (resyncAt !== null || failure) parser.destroy();
    }
    if (failure) throw failure;
    if (resyncAt === null) return;
    const next = await nextLineStart(open, resyncAt);
    if (next <= resyncAt) return;
    yield {
      kind: 'bad',
      code: 'LINE_TOO_LONG',
      message: `the row is longer than ${cap} bytes or has a quote that never closes`,
      raw: '',
      line,
      endLine: line,
      offset: resyncAt,
      length: next - resyncAt,
    };
    offset = next;
    line += 1;
  }
}
