/**
 * Hash a media file lying beside an export (unpacked WhatsApp folder, Telegram `photos/`,
 * signal-export `media/`), streaming; its bytes are kept only when small enough.
 * The relative path must stay inside the export folder.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { type Digest, digestStream } from '../../digest.js';

export type FileDigest = Digest;

/** The path of `rel` inside `dir`, or null when it would leave `dir` (absolute, `..`, NUL). */
export function insideDir(dir: string, rel: string): string | null {
  if (rel.length === 0 || rel.includes('\u0000') || isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return null;
  const n = normalize(rel.replace(/\\/g, '/'));
  if (n === '..' || n.startsWith(`..${sep}`) || n.split(sep).includes('..')) return null;
  return join(dir, n);
}

export async function hashFile(path: string, keepBytes: number): Promise<FileDigest> {
  return digestStream(createReadStream(path) as AsyncIterable<Buffer>, keepBytes);
}

export async function digestBeside(dir: string, rel: string, keepBytes: number): Promise<FileDigest | null> {
  const path = insideDir(dir, rel);
  if (path === null) return null;
  const st = await fsp.lstat(path).catch(() => null);
  if (!st?.isFile()) return null;
  return hashFile(path, keepBytes);
}

/**
 * digestBeside for many files of one export: each folder is listed once, so files that are not
 * there (exports made without media) cost no system call each.
 */
export class BesideFiles {
  private readonly listings = new Map<string, Set<string> | null>();

  constructor(
    private readonly dir: string,
    private readonly keepBytes: number,
  ) {}

  async digest(rel: string): Promise<FileDigest | null> {
    const path = insideDir(this.dir, rel);
    if (path === null) return null;
    const parent = dirname(path);
    let names = this.listings.get(parent);
    if (names === undefined) {
      const list = await fsp.readdir(parent).catch(() => null);
      names = list === null || list.length > 1_000_000 ? null : new Set(list);
      if (list !== null && list.length > 1_000_000) {
        // too big to remember: fall back to one stat per file
        return digestBeside(this.dir, rel, this.keepBytes);
      }
      this.listings.set(parent, names);
    }
    if (names === null || !names.has(basename(path))) return null;
    const st = await fsp.lstat(path).catch(() => null);
    if (!st?.isFile()) return null;
    return hashFile(path, this.keepBytes);
  }
}
