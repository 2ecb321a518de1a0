/**
 * A SourceInput over a file on disk (for tests, tools and benchmarks of the chat parsers).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParseOptions, SourceInput } from '../../parser.js';

export const DEFAULT_TEST_OPTIONS: ParseOptions = { maxLineBytes: 1024 * 1024, maxAttachmentBytes: 1024 * 1024 };

export function fileSource(path: string, options: Partial<ParseOptions> = {}, hash = true): SourceInput {
  const size = statSync(path).size;
  return {
    path,
    name: basename(path),
    size,
    sha256: hash ? createHash('sha256').update(readFileSync(path)).digest('hex') : '',
    open: (start = 0) => createReadStream(path, { start }),
    options: { ...DEFAULT_TEST_OPTIONS, ...options },
  };
}

/** Items as plain JSON (attachment bytes as base64), for golden files. */
export function jsonItem(it: unknown): unknown {
  return JSON.parse(
    JSON.stringify(it, (_k, v: unknown) => (v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64') } : v)),
  ) as unknown;
}
