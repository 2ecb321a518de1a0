import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestBeside, insideDir } from './hashfile.js';

describe('files beside an export', () => {
  it('stay inside the export folder', () => {
    expect(insideDir('/x', 'media/a.jpg')).toBe('/x/media/a.jpg');
    expect(insideDir('/x', '../a.jpg')).toBeNull();
    expect(insideDir('/x', 'media/../../a.jpg')).toBeNull();
    expect(insideDir('/x', '/etc/passwd')).toBeNull();
    expect(insideDir('/x', 'C:/a')).toBeNull();
    expect(insideDir('/x', '..\\a')).toBeNull();
  });
  it('hash regular files only, keep small bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-hf-'));
    try {
      writeFileSync(join(dir, 'a.txt'), 'abc');
      symlinkSync('/etc/hostname', join(dir, 'link.txt'));
      expect(await digestBeside(dir, 'a.txt', 10)).toMatchObject({ size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
      expect((await digestBeside(dir, 'a.txt', 2))?.content).toBeUndefined();
      expect(await digestBeside(dir, 'link.txt', 10)).toBeNull();
      expect(await digestBeside(dir, 'missing.txt', 10)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('BesideFiles', () => {
  it('finds present files and skips absent ones and absent folders', async () => {
    const { BesideFiles } = await import('./hashfile.js');
    const { mkdirSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'clew-bf-'));
    try {
      mkdirSync(join(dir, 'photos'));
      writeFileSync(join(dir, 'photos', 'a.jpg'), 'abc');
      const b = new BesideFiles(dir, 10);
      expect(await b.digest('photos/a.jpg')).toMatchObject({ size: 3 });
      expect(await b.digest('photos/b.jpg')).toBeNull();
      expect(await b.digest('videos/c.mp4')).toBeNull();
      expect(await b.digest('../x')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
