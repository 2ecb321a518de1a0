/** Test helpers: a SourceInput over bytes or a file, and item collection. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ClewRecord } from '../../../../model/records.js';
import type { FormatParser, ParseItem, ParseOptions, ResumePoint, SourceInput } from '../../../parser.js';

export const FIXTURES = join(import.meta.dirname, '../../../../../test/fixtures');

export const DEFAULT_OPTIONS: ParseOptions = { maxLineBytes: 1 << 20, maxAttachmentBytes: 1 << 20 };

export function sourceFromBytes(bytes: Buffer | string, name: string, options: Partial<ParseOptions> = {}, path = `/nonexistent/${name}`): SourceInput {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return {
    path,
    name,
    size: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
    // small chunks, to exercise records that straddle chunk boundaries
    open: (start = 0) => Readable.from(chunks(buf.subarray(start), 7)),
    options: { ...DEFAULT_OPTIONS, ...options },
  };
}

function chunks(b: Buffer, n: number): Buffer[] {
  const out: Buffer[] = [];
  const size = Math.max(1, Math.ceil(b.length / n));
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

export function sourceFromFixture(rel: string, options: Partial<ParseOptions> = {}): SourceInput {
  const path = join(FIXTURES, rel);
  return sourceFromBytes(readFileSync(path), basename(path), options, path);
}

export async function collect(parser: FormatParser, input: SourceInput, resume?: ResumePoint): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const item of parser.parse(input, resume)) out.push(item);
  return out;
}

export function records(items: ParseItem[]): ClewRecord[] {
  return items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
}

export function rejects(items: ParseItem[]): Array<{ code: string; line?: number; message: string }> {
  return items.flatMap((i) => (i.kind === 'reject' ? [{ code: i.code, line: i.locator.line, message: i.message }] : []));
}

/** Every resume point, honoured, yields exactly the items after it (the seekable contract). */
export async function checkResume(parser: FormatParser, input: SourceInput): Promise<void> {
  const all = await collect(parser, input);
  for (let i = 0; i < all.length; i++) {
    const r = all[i]!.resume;
    if (!r) throw new Error(`item ${i} has no resume point`);
    const rest = await collect(parser, input, r);
    const expected = all.slice(i + 1);
    // a resume point inside a row re-reads the row: the re-read items must end with the expected ones
    const tail = rest.slice(rest.length - expected.length);
    if (JSON.stringify(tail) !== JSON.stringify(expected)) throw new Error(`resume after item ${i} (${JSON.stringify(r)}) diverges`);
    if (rest.length < expected.length) throw new Error(`resume after item ${i} lost items`);
  }
}
