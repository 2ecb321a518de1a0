/**
 * A safe, read-only view of a zip archive (e.g. a WhatsApp "export with media"), using yauzl.
 * Nothing is extracted to disk. The archive is refused as a whole when it is unsafe:
 *   - an entry name with `..` segments, an absolute path, a drive letter, a backslash or a
 *     control character, or a symbolic link (ARCHIVE_UNSAFE),
 *   - more entries than `maxEntries` (TOO_LARGE),
 *   - a total declared uncompressed size above `maxTotalBytes` (TOO_LARGE),
 *   - an entry that expands more than `maxRatio` times (a zip bomb; ARCHIVE_UNSAFE),
 *   - a damaged directory (ARCHIVE_UNSAFE).
 * While reading, the bytes actually inflated are counted against the declared size (yauzl's
 * validateEntrySizes) and the caller's cap, so a lying header cannot blow memory.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ClewError } from '../../model/errors.js';
import { type Digest, digestStream } from '../digest.js';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 200,
};

/** Entries smaller than this are not held to the ratio (tiny text files compress very well). */
const RATIO_FLOOR = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
  directory: boolean;
  encrypted: boolean;
}

/** Why an entry name is unsafe, or null when it is a plain relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'empty entry name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in entry name';
  if (name.includes('\\')) return 'backslash in entry name';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  if (name.split('/').includes('..')) return 'parent-directory (..) segment';
  return null;
}

export class SafeZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly byName: Map<string, yauzl.Entry>,
    readonly entries: ZipEntryInfo[],
    readonly archive: string,
  ) {}

  static async open(path: string, archiveName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SafeZip> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
    } catch (e) {
      throw new ClewError('ARCHIVE_UNSAFE', `${archiveName}: not a readable zip archive (${(e as Error).message})`, { archive: archiveName }, { cause: e });
    }
    try {
      if (zip.entryCount > limits.maxEntries)
        throw new ClewError('TOO_LARGE', `${archiveName}: ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`, { archive: archiveName, entries: zip.entryCount });
      const byName = new Map<string, yauzl.Entry>();
      const infos: ZipEntryInfo[] = [];
      let total = 0;
      for await (const entry of zip.eachEntry()) {
        const raw = entry.fileName as unknown as Buffer;
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
        const why = unsafeEntryName(name) ?? (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000 ? 'symbolic link' : null);
        if (why) throw new ClewError('ARCHIVE_UNSAFE', `${archiveName}: unsafe entry ${JSON.stringify(name.slice(0, 200))}: ${why}`, { archive: archiveName, entry: name.slice(0, 200) });
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes)
          throw new ClewError('TOO_LARGE', `${archiveName}: uncompressed size exceeds ${limits.maxTotalBytes} bytes`, { archive: archiveName, limit: limits.maxTotalBytes });
        if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize))
          throw new ClewError('ARCHIVE_UNSAFE', `${archiveName}: entry ${JSON.stringify(name.slice(0, 200))} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (zip bomb?)`, { archive: archiveName, entry: name.slice(0, 200) });
        const directory = name.endsWith('/');
        const info: ZipEntryInfo = { name, size: entry.uncompressedSize, compressedSize: entry.compressedSize, directory, encrypted: entry.isEncrypted() };
        infos.push(info);
        if (!directory && !byName.has(name)) byName.set(name, entry);
      }
      return new SafeZip(zip, byName, infos, archiveName);
    } catch (e) {
      zip.close();
      if (e instanceof ClewError) throw e;
      throw new ClewError('ARCHIVE_UNSAFE', `${archiveName}: damaged zip directory (${(e as Error).message})`, { archive: archiveName }, { cause: e });
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private async stream(name: string): Promise<Readable> {
    const entry = this.byName.get(name);
    if (!entry) throw new ClewError('NOT_FOUND', `${this.archive}: no entry ${name}`, { entry: name });
    if (entry.isEncrypted()) throw new ClewError('ARCHIVE_UNSAFE', `${this.archive}: entry ${name} is encrypted`, { entry: name });
    try {
      return await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw new ClewError('ARCHIVE_UNSAFE', `${this.archive}: cannot read entry ${name} (${(e as Error).message})`, { entry: name }, { cause: e });
    }
  }

  /**
   * The entry as a byte stream (inflated bytes are checked against the declared size by yauzl,
   * so a lying header cannot inflate further than the size the archive was admitted with).
   */
  async openEntry(name: string): Promise<Readable> {
    return this.stream(name);
  }

  /** The whole entry in memory; TOO_LARGE when it is bigger than `maxBytes`. */
  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.byName.get(name);
    if (entry && entry.uncompressedSize > maxBytes)
      throw new ClewError('TOO_LARGE', `${this.archive}: entry ${name} is ${entry.uncompressedSize} bytes, more than ${maxBytes}`, { entry: name, limit: maxBytes });
    const s = await this.stream(name);
    const parts: Buffer[] = [];
    let n = 0;
    try {
      for await (const chunk of s as AsyncIterable<Buffer>) {
        n += chunk.length;
        if (n > maxBytes) {
          s.destroy();
          throw new ClewError('TOO_LARGE', `${this.archive}: entry ${name} inflates beyond ${maxBytes} bytes`, { entry: name, limit: maxBytes });
        }
        parts.push(chunk);
      }
    } catch (e) {
      if (e instanceof ClewError) throw e;
      throw new ClewError('ARCHIVE_UNSAFE', `${this.archive}: entry ${name} is damaged (${(e as Error).message})`, { entry: name }, { cause: e });
    }
    return Buffer.concat(parts, n);
  }

  /** Hash an entry while streaming it; keep its bytes only when it is at most `keepBytes`. */
  async digest(name: string, keepBytes: number): Promise<Digest> {
    const s = await this.stream(name);
    try {
      return await digestStream(s as AsyncIterable<Buffer>, keepBytes);
    } catch (e) {
      throw new ClewError('ARCHIVE_UNSAFE', `${this.archive}: entry ${name} is damaged (${(e as Error).message})`, { entry: name }, { cause: e });
    }
  }

  close(): void {
    this.zip.close();
  }
}
