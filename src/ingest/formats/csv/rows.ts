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

/** Fields and raw text are latin1 strings: one char per byte of the file. */
type Queued = { ok: true; fields: string[]; end: number; raw: string } | { ok: false; err: CsvError; raw: string };

function toLatin1(x: unknown): string {
  if (typeof x === 'string') return x;
  return Buffer.isBuffer(x) ? x.toString('latin1') : '';
}

const NON_ASCII = /[^\u0000-\u007f]/;

const BOM_LATIN1 = '\u00ef\u00bb\u00bf';
// windows-1252 0x80..0x9f (Node's TextDecoder treats the label as latin1)
const CP1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeField(b: Buffer, enc: CsvEncoding): string {
  if (enc === 'utf8') return b.toString('utf8');
  return decodeLatin1Field(b.toString('latin1'), enc) ?? '';
}

/** A field read as latin1 (bytes as chars) to text in `enc`; null when not valid UTF-8. */
function decodeLatin1Field(s: string, enc: CsvEncoding): string | null {
  if (!NON_ASCII.test(s)) return s; // ASCII reads the same in every supported encoding
  if (enc === 'utf8') {
    const b = Buffer.from(s, 'latin1');
    return isUtf8(b) ? b.toString('utf8') : null;
  }
  if (enc === 'latin1') return s;
  return s.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
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
        const fields = (Array.isArray(r) ? r : (r.record ?? [])).map(toLatin1);
        queue.push({ ok: true, fields, end: ctx.bytes, raw: toLatin1((ctx as { raw?: unknown }).raw) });
        return null;
      },
      on_skip: (err: CsvError | undefined, raw: string | undefined) => {
        if (err) queue.push({ ok: false, err, raw: toLatin1(raw) });
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
      let k = 0;
      for (; k < queue.length && resyncAt === null; k++) {
        const q = queue[k]!;
        if (!q.ok) {
          // an unclosed quote (the only error left with relax_quotes): reject the first line, resync
          resyncAt = offset;
          break;
        }
        const raw = q.raw.endsWith('\n') ? q.raw.slice(0, -1) : q.raw;
        const startLine = line;
        const endLine = startLine + countNewlines(raw);
        const start = offset;
        line = endLine + 1;
        offset = base + q.end;
        const pos = { line: startLine, endLine, offset: start, length: offset - start };
        if (q.fields.length === 1 && q.fields[0]!.length === 0) continue; // blank line
        if (start === 0 && q.fields[0]?.startsWith(BOM_LATIN1)) q.fields[0] = q.fields[0].slice(3);
        const fields: string[] = [];
        let bad = false;
        for (const f of q.fields) {
          const d = decodeLatin1Field(f, opts.encoding);
          if (d === null) {
            bad = true;
            break;
          }
          fields.push(d);
        }
        if (bad) yield { kind: 'bad', code: 'INVALID_UTF8', message: 'the row is not valid UTF-8', raw: Buffer.from(q.raw, 'latin1').toString('utf8'), ...pos };
        else yield { kind: 'row', fields, ...pos };
      }
      queue.splice(0, k);
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
