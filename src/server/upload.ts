/**
 * Uploads from the workspace: the request body streams to a file beside the case, under a
 * sanitised name, capped in bytes while streaming (a missing or lying Content-Length cannot get
 * past the cap); a refused or broken upload leaves no file behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ClewError } from '../model/errors.js';

/** Default cap of one upload: 2 GiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const MAX_NAME_CHARS = 100;

/**
 * A file name from a phone or a browser made safe to store: no path, no control or shell
 * characters, no leading dot, bounded length, the extension kept (format detection uses it).
 */
export function sanitiseFileName(raw: string): string {
  // the last path segment, whichever separator the sender's system uses
  let name = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[^\p{L}\p{N}\p{M} ._()+,-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '')
    .replace(/\.{2,}/g, '.');
  if ([...name].length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, MAX_NAME_CHARS - ext.length).join('') + ext;
  }
  return name || 'upload';
}

/** The folder uploads of a case go to: `<case>.uploads` beside it. */
export function uploadsDirFor(casePath: string): string {
  return `${casePath}.uploads`;
}

export interface StoredUpload {
  path: string;
  /** Where the file is stored under the uploads folder: `<time>-<random>/<sanitised name>`. */
  stored: string;
  bytes: number;
}

/** Stream `body` into `dir` under a fresh name; TOO_LARGE (and no file) past `maxBytes`. */
export async function storeUpload(body: AsyncIterable<Buffer> & NodeJS.ReadableStream, dir: string, rawName: string, maxBytes: number): Promise<StoredUpload> {
  // one fresh folder per upload, so the file keeps its (sanitised) name as the source's name
  const folder = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
  await mkdir(join(dir, folder), { recursive: true, mode: 0o700 });
  const stored = `${folder}/${sanitiseFileName(rawName)}`;
  const path = join(dir, stored);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) cb(new ClewError('TOO_LARGE', `the upload is larger than the limit of ${maxBytes} bytes`, { maxBytes }));
      else cb(null, chunk);
    },
  });
  try {
    // 'wx': never replaces or follows an existing file or link
    await pipeline(body, cap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await unlink(path).catch(() => {});
    await rmdir(join(dir, folder)).catch(() => {});
    if (e instanceof ClewError) throw e;
    throw new ClewError('INTERRUPTED', `the upload did not complete: ${(e as Error).message}`);
  }
  if (bytes === 0) {
    await unlink(path).catch(() => {});
    await rmdir(join(dir, folder)).catch(() => {});
    throw new ClewError('EMPTY_FILE', 'the uploaded file is empty: nothing to ingest');
  }
  return { path, stored, bytes };
}
