import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeZip, type ZipSpec } from './test-support/zip-writer.js';
import { SafeZip, unsafeEntryName } from './zip.js';

const FIX = join(import.meta.dirname, '../../../test/fixtures/whatsapp');

describe('SafeZip', () => {
  it('lists entries and reads, hashes and caps them', async () => {
    const z = await SafeZip.open(join(FIX, 'WhatsApp Chat - Ana Primer.zip'), 'a.zip');
    try {
      expect(z.entries.map((e) => e.name).sort()).toEqual(['00000003-PHOTO-2021-03-01-10-22-40.jpg', '00000005-AUDIO-2021-03-01-10-25-00.opus', '_chat.txt']);
      const txt = await z.read('_chat.txt', 1 << 20);
      expect(txt.toString('utf8')).toContain('Evo slike');
      await expect(z.read('_chat.txt', 10)).rejects.toMatchObject({ code: 'TOO_LARGE' });
      const d = await z.digest('00000005-AUDIO-2021-03-01-10-25-00.opus', 100);
      expect(d).toMatchObject({ size: 14, sha256: 'b64e4e1996e1186f2a817eba195c1447cecb4685e823a861725e38ca8f1c10c6' });
      expect(Buffer.from(d.content!).toString()).toBe('OggS-synthetic');
      expect((await z.digest('00000005-AUDIO-2021-03-01-10-25-00.opus', 5)).content).toBeUndefined();
    } finally {
      z.close();
    }
  });
  it('refuses unsafe archives with typed errors', async () => {
    await expect(SafeZip.open(join(FIX, 'unsafe-traversal.zip'), 't.zip')).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE', details: { entry: '../../evil.jpg' } });
    await expect(SafeZip.open(join(FIX, 'unsafe-absolute.zip'), 'a.zip')).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(SafeZip.open(join(FIX, 'unsafe-bomb.zip'), 'b.zip')).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(SafeZip.open(join(FIX, 'android-en-us.txt'), 'x.zip')).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(SafeZip.open(join(FIX, 'WhatsApp Chat - Ana Primer.zip'), 'a.zip', { maxEntries: 2, maxTotalBytes: 1e9, maxRatio: 200 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(SafeZip.open(join(FIX, 'WhatsApp Chat - Ana Primer.zip'), 'a.zip', { maxEntries: 10, maxTotalBytes: 100, maxRatio: 200 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
  it('entry names', () => {
    expect(unsafeEntryName('media/a.jpg')).toBeNull();
    expect(unsafeEntryName('..')).not.toBeNull();
    expect(unsafeEntryName('a/../../b')).not.toBeNull();
    expect(unsafeEntryName('/etc/passwd')).not.toBeNull();
    expect(unsafeEntryName('C:/x')).not.toBeNull();
    expect(unsafeEntryName('a\\..\\b')).not.toBeNull();
    expect(unsafeEntryName('a\u0000b')).not.toBeNull();
    expect(unsafeEntryName('a..b/c')).toBeNull();
    expect(unsafeEntryName('a\u001b[2Jb')).not.toBeNull();
  });

  it('refuses symbolic links and encrypted entries crafted in a zip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-zip-'));
    const open = async (spec: ZipSpec) => {
      const f = join(dir, 'x.zip');
      writeFileSync(f, makeZip([{ name: '_chat.txt', data: 'hi' }, spec]));
      const z = await SafeZip.open(f, 'x.zip');
      try {
        return await z.read(spec.name, 1000);
      } finally {
        z.close();
      }
    };
    try {
      await expect(open({ name: 'media/link', data: '/etc/passwd', symlink: true })).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
      await expect(open({ name: 'media/secret.jpg', data: 'x', encrypted: true })).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
      expect((await open({ name: 'media/ok.jpg', data: 'fine' })).toString()).toBe('fine');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
