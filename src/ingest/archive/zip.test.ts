import { describe, expect, it } from 'vitest';
import { isClewError } from '../../model/errors.js';
import { makeZip, type ZipSpec } from './test-support/zip-writer.js';
import { openZipSafe, unsafeNameReason, type ZipLimits } from './zip.js';

async function readAll(zip: Buffer, limits: Partial<ZipLimits> = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of openZipSafe(zip, limits)) out[e.name] = (await e.read()).toString('utf8');
  return out;
}

async function failure(specs: ZipSpec[], limits: Partial<ZipLimits> = {}): Promise<{ code: string; entry: unknown }> {
  try {
    await readAll(makeZip(specs), limits);
  } catch (e) {
    if (isClewError(e)) return { code: e.code, entry: e.details.entry };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('openZipSafe', () => {
  it('reads stored and deflated entries, skipping directories', async () => {
    const zip = makeZip([
      { name: 'chat/', data: '', method: 0 },
      { name: 'chat/_chat.txt', data: 'hello\nworld\n' },
      { name: 'IMG-1.jpg', data: Buffer.from([0xff, 0xd8, 0xff]), method: 0 },
    ]);
    expect(await readAll(zip)).toEqual({ 'chat/_chat.txt': 'hello\nworld\n', 'IMG-1.jpg': '\uFFFD\uFFFD\uFFFD' });
  });

  it.each([
    ['../evil.txt', 'path traversal'],
    ['a/../../evil.txt', 'path traversal'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/x.dll', 'drive letter'],
    ['a\\b.txt', 'backslash in name'],
  ])('refuses %s', async (name, reason) => {
    expect(unsafeNameReason(name)).toBe(reason);
    expect(await failure([{ name: 'ok.txt', data: 'x' }, { name, data: 'x' }])).toEqual({ code: 'ARCHIVE_UNSAFE', entry: name });
  });

  it('accepts names that merely contain dots', () => {
    expect(unsafeNameReason('a..b/..c/x.txt')).toBeNull();
  });

  it('refuses symlinks and encrypted entries', async () => {
    expect(await failure([{ name: 'link', data: '/etc/passwd', symlink: true, method: 0 }])).toEqual({ code: 'ARCHIVE_UNSAFE', entry: 'link' });
    expect(await failure([{ name: 'secret.txt', data: 'x', encrypted: true }])).toEqual({ code: 'ARCHIVE_UNSAFE', entry: 'secret.txt' });
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const bomb = Buffer.alloc(4 * 1024 * 1024, 0); // deflates to a few KiB
    expect(await failure([{ name: 'bomb.bin', data: bomb }])).toEqual({ code: 'TOO_LARGE', entry: 'bomb.bin' });
  });

  it('caps entry count, entry size and total size', async () => {
    const three = [1, 2, 3].map((i) => ({ name: `f${i}.txt`, data: 'abcdef' }));
    expect((await failure(three, { maxEntries: 2 })).code).toBe('TOO_LARGE');
    expect(await failure(three, { maxEntryBytes: 5 })).toEqual({ code: 'TOO_LARGE', entry: 'f1.txt' });
    expect(await failure(three, { maxTotalBytes: 15 })).toEqual({ code: 'TOO_LARGE', entry: 'f3.txt' });
  });

  it('does not trust a header that understates the size', async () => {
    const data = Buffer.alloc(100_000, 7);
    const res = await failure([{ name: 'liar.bin', data, declaredSize: 10 }]);
    expect(res.entry).toBe('liar.bin');
    expect(['TOO_LARGE', 'ARCHIVE_UNSAFE']).toContain(res.code);
  });

  it('reports garbage as ARCHIVE_UNSAFE', async () => {
    await expect(readAll(Buffer.from('not a zip at all'))).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
  });
});
