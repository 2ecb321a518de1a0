/**
 * Safe zip reading for parsers that take archives (WhatsApp exports, device dumps in zips).
 * Nothing is ever extracted to disk: entries are read into memory one at a time, under caps.
 *
 * Refused as ARCHIVE_UNSAFE: path traversal (`..` segments), absolute paths, drive letters,
 * backslashes, control characters in names, symbolic links, encrypted entries.
 * Refused as TOO_LARGE: too many entries, an entry over the per-entry cap, a total over the
 * total cap, a compression ratio over the ratio cap (zip bombs). Declared sizes are checked
 * before any byte is inflated, and the actual inflated bytes are counted as they arrive
 * (a lying header cannot get past the caps).
 */
import yauzl from 'yauzl';
import { ClewError } from '../../model/errors.js';

export interface ZipLimits {
  /** Most entries (files and directories) accepted. */
  maxEntries: number;
  /** Largest uncompressed entry, in bytes. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entry sizes, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for entries bigger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny files compress very well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  /** Entry name with `/` separators, as stored (validated). */
  name: string;
  /** Declared uncompressed size in bytes. */
  size: number;
  compressedSize: number;
  /** Inflate the entry into memory (must be called before the iterator moves on). */
  read(): Promise<Buffer>;
}

/** Why an entry name is unsafe, or null when it is fine. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\\')) return 'backslash in name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in name';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  if (name.split('/').some((seg) => seg === '..')) return 'path traversal';
  return null;
}

function safeName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD').slice(0, 300);
}

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  const opts = { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: true };
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zf?: yauzl.ZipFile): void => {
      if (err || !zf) reject(new ClewError('ARCHIVE_UNSAFE', `not a readable zip: ${err?.message ?? 'unknown'}`, {}, { cause: err }));
      else resolve(zf);
    };
    if (typeof source === 'string') yauzl.open(source, opts, cb);
    else yauzl.fromBuffer(source, opts, cb);
  });
}

function nextEntry(zf: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry): void => {
      cleanup();
      resolve(e);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(new ClewError('ARCHIVE_UNSAFE', `corrupt zip: ${err.message}`, {}, { cause: err }));
    };
    const cleanup = (): void => {
      zf.off('entry', onEntry);
      zf.off('end', onEnd);
      zf.off('error', onError);
    };
    zf.on('entry', onEntry);
    zf.on('end', onEnd);
    zf.on('error', onError);
    zf.readEntry();
  });
}

function entryName(e: yauzl.Entry): string {
  const raw = e.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, true);
}

function isSymlink(e: yauzl.Entry): boolean {
  const madeBy = e.versionMadeBy >> 8;
  const mode = (e.externalFileAttributes >>> 16) & 0o170000;
  return madeBy === 3 && mode === 0o120000; // Unix host, S_IFLNK
}

/**
 * Iterate the entries of a zip (a path or the bytes), refusing unsafe ones. Directories are
 * skipped. Throws ClewError ARCHIVE_UNSAFE or TOO_LARGE with `details.entry`.
 */
export async function* openZipSafe(source: string | Buffer, limits: Partial<ZipLimits> = {}): AsyncGenerator<ZipEntry> {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const zf = await openZip(source);
  if (zf.entryCount > lim.maxEntries) {
    zf.close();
    throw new ClewError('TOO_LARGE', `the archive has ${zf.entryCount} entries (limit ${lim.maxEntries})`, { entries: zf.entryCount });
  }
  let total = 0;
  let done = false;
  try {
    for (;;) {
      const e = await nextEntry(zf);
      if (!e) break;
      const name = entryName(e);
      const shown = safeName(name);
      const unsafe = unsafeNameReason(name);
      if (unsafe) throw new ClewError('ARCHIVE_UNSAFE', `unsafe entry name (${unsafe}): ${shown}`, { entry: shown, reason: unsafe });
      if (isSymlink(e)) throw new ClewError('ARCHIVE_UNSAFE', `symbolic link in archive: ${shown}`, { entry: shown, reason: 'symlink' });
      if (e.isEncrypted()) throw new ClewError('ARCHIVE_UNSAFE', `encrypted entry: ${shown}`, { entry: shown, reason: 'encrypted' });
      if (name.endsWith('/')) continue;
      const size = e.uncompressedSize;
      if (size > lim.maxEntryBytes)
        throw new ClewError('TOO_LARGE', `entry ${shown} is ${size} bytes (limit ${lim.maxEntryBytes})`, { entry: shown, size });
      total += size;
      if (total > lim.maxTotalBytes)
        throw new ClewError('TOO_LARGE', `archive content exceeds ${lim.maxTotalBytes} bytes at ${shown}`, { entry: shown, total });
      if (size >= lim.ratioFloorBytes && size > lim.maxRatio * Math.max(1, e.compressedSize))
        throw new ClewError('TOO_LARGE', `entry ${shown} compresses ${Math.round(size / Math.max(1, e.compressedSize))}:1 (limit ${lim.maxRatio}:1)`, {
          entry: shown,
          size,
          compressedSize: e.compressedSize,
        });
      let consumed = false;
      const read = (): Promise<Buffer> => {
        if (consumed) return Promise.reject(new ClewError('INTERNAL', 'zip entry read twice', { entry: shown }));
        consumed = true;
        return readEntry(zf, e, shown, Math.min(size, lim.maxEntryBytes));
      };
      yield { name, size, compressedSize: e.compressedSize, read };
    }
    done = true;
  } finally {
    if (!done) zf.close();
  }
}

function readEntry(zf: yauzl.ZipFile, e: yauzl.Entry, shown: string, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zf.openReadStream(e, (err, stream) => {
      if (err || !stream) {
        reject(new ClewError('ARCHIVE_UNSAFE', `cannot read entry ${shown}: ${err?.message ?? 'unknown'}`, { entry: shown }, { cause: err }));
        return;
      }
      const parts: Buffer[] = [];
      let n = 0;
      stream.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > cap) {
          stream.destroy();
          reject(new ClewError('TOO_LARGE', `entry ${shown} inflates beyond its declared size`, { entry: shown }));
          return;
        }
        parts.push(chunk);
      });
      stream.on('error', (e2: Error) =>
        reject(new ClewError('ARCHIVE_UNSAFE', `corrupt entry ${shown}: ${e2.message}`, { entry: shown }, { cause: e2 })),
      );
      stream.on('end', () => resolve(Buffer.concat(parts, n)));
    });
  });
}
