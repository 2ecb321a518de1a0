/**
 * Uploads from the workspace: the request body streams to a file beside the case, under a
 * sanitised name, capped in bytes while streaming (a missing or lying Content-Length cannot get
 * past the cap); a refused or broken upload leaves no file behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { caseFile, caseName, printableLocator } from '../api/case.js';
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

/** The folder uploads of a case file go to: `<case>.uploads` beside it. */
export function uploadsDirFor(casePath: string): string {
  return `${casePath}.uploads`;
}

/** The user's data directory: $XDG_DATA_HOME, else ~/.local/share. */
function userDataDir(): string {
  const xdg = process.env.XDG_DATA_HOME;
  return xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share');
}

/**
 * Where uploads go when the server is given no directory (clew serve --uploads): beside a case
 * file (`<case>.uploads`); for a case in a database, which has no directory of its own, under the
 * user's data directory: `<data dir>/clew/uploads/<case name>-<8 hex of the printable locator>`
 * (the hash keeps apart cases of the same name in different databases; no password goes in it).
 */
export function defaultUploadsDir(locator: string): string {
  const file = caseFile(locator);
  if (file !== null) return uploadsDirFor(file);
  const key = createHash('sha256').update(printableLocator(locator)).digest('hex').slice(0, 8);
  return join(userDataDir(), 'clew', 'uploads', `${caseName(locator)}-${key}`);
}

export interface StoredUpload {
  path: string;
  /** Where the file is stored under the uploads folder: `<time>-<random>/<sanitised name>`. */
  stored: string;
  bytes: number;
  /** SHA-256 of the file, computed while it streamed in (a file the case already has is not kept twice). */
  sha256: string;
}

/** Suffix of a file still streaming in; renamed to its name when complete, removed at start-up if left by a killed server. */
export const PARTIAL_SUFFIX = '.part';
/** A `.part` file not written to for this long is a leftover (the server closes a connection silent for 30 s). */
export const PARTIAL_STALE_MS = 60_000;

/** Stream `body` into `dir` under a fresh name; TOO_LARGE (and no file) past `maxBytes`. */
export async function storeUpload(body: AsyncIterable<Buffer> & NodeJS.ReadableStream, dir: string, rawName: string, maxBytes: number): Promise<StoredUpload> {
  // one fresh folder per upload, so the file keeps its (sanitised) name as the source's name
  const folder = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
  await mkdir(join(dir, folder), { recursive: true, mode: 0o700 });
  const stored = `${folder}/${sanitiseFileName(rawName)}`;
  const path = join(dir, stored);
  const partial = path + PARTIAL_SUFFIX;
  let bytes = 0;
  const hash = createHash('sha256');
  const cap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) cb(new ClewError('TOO_LARGE', `the upload is larger than the limit of ${maxBytes} bytes`, { maxBytes }));
      else {
        hash.update(chunk);
        cb(null, chunk);
      }
    },
  });
  try {
    // 'wx': never replaces or follows an existing file or link
    await pipeline(body, cap, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    if (bytes > 0) await rename(partial, path);
  } catch (e) {
    await unlink(partial).catch(() => {});
    await rmdir(join(dir, folder)).catch(() => {});
    if (e instanceof ClewError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new ClewError('DISK_FULL', 'the disk holding the case is full: the upload was not kept; free space and upload the file again', {});
    throw new ClewError('INTERRUPTED', `the upload did not complete: ${(e as Error).message}`);
  }
  if (bytes === 0) {
    await unlink(partial).catch(() => {});
    await rmdir(join(dir, folder)).catch(() => {});
    throw new ClewError('EMPTY_FILE', 'the uploaded file is empty: nothing to ingest');
  }
  return { path, stored, bytes, sha256: hash.digest('hex') };
}

/** Remove a stored upload and its folder (when empty). */
export async function discardUpload(path: string): Promise<void> {
  await unlink(path).catch(() => {});
  await rmdir(dirname(path)).catch(() => {});
}

/**
 * Remove what uploads cut short by a killed server left behind (`*.part` files and the folders
 * they leave empty). Run at start-up, before any upload can be streaming. Returns what was removed.
 */
export async function cleanPartialUploads(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let folders: string[];
  try {
    folders = await readdir(dir);
  } catch {
    return removed; // no uploads yet
  }
  for (const f of folders) {
    let files: string[];
    try {
      files = await readdir(join(dir, f));
    } catch {
      continue; // not a folder
    }
    let left = files.length;
    for (const n of files.filter((x) => x.endsWith(PARTIAL_SUFFIX))) {
      // another server on the same case may be receiving it now: only a file silent for longer
      // than a connection may stay silent (30 s) is a leftover
      const st = await stat(join(dir, f, n)).catch(() => null);
      if (!st || now - st.mtimeMs < PARTIAL_STALE_MS) continue;
      await unlink(join(dir, f, n)).catch(() => {});
      removed.push(`${f}/${n}`);
      left--;
    }
    if (left === 0) await rmdir(join(dir, f)).catch(() => {});
  }
  return removed;
}
