import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { defaultUploadsDir, sanitiseFileName, storeUpload } from './upload.js';

const tmp = useTmp();

describe('defaultUploadsDir', () => {
  it('is beside a case file, and under the user data directory for a case in a database, without its password', () => {
    expect(defaultUploadsDir('/cases/op.clew')).toBe('/cases/op.clew.uploads');
    const before = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = '/data';
    try {
      const a = defaultUploadsDir('postgres://clew:s3cret@db:5432/clew?case=op_one');
      expect(a).toMatch(/^\/data\/clew\/uploads\/op_one-[0-9a-f]{8}$/);
      expect(a).not.toContain('s3cret');
      // the same case name in another database: another folder; another password: the same one
      expect(defaultUploadsDir('postgres://clew:s3cret@other:5432/clew?case=op_one')).not.toBe(a);
      expect(defaultUploadsDir('postgres://clew:changed@db:5432/clew?case=op_one')).toBe(a);
    } finally {
      if (before === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = before;
    }
  });
});

describe('sanitiseFileName', () => {
  it('keeps ordinary names and their extension', () => {
    expect(sanitiseFileName('WhatsApp Chat with Ana Primer.txt')).toBe('WhatsApp Chat with Ana Primer.txt');
    expect(sanitiseFileName('result.json')).toBe('result.json');
    expect(sanitiseFileName('Чат Ђорђе.zip')).toBe('Чат Ђорђе.zip');
    expect(sanitiseFileName('محادثة.txt')).toBe('محادثة.txt');
  });

  it('drops paths, dot names, control and markup characters', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(sanitiseFileName('.bashrc')).toBe('bashrc');
    expect(sanitiseFileName('..')).toBe('upload');
    expect(sanitiseFileName('')).toBe('upload');
    expect(sanitiseFileName('<img src=x onerror=alert(1)>.txt')).toBe('_img src_x onerror_alert(1)_.txt');
    expect(sanitiseFileName('a\u0000b\u202Etxt.exe')).toBe('abtxt.exe');
    expect(sanitiseFileName('$(rm -rf ~);`id`|x.txt')).toBe('_(rm -rf _)__id__x.txt');
  });

  it('bounds the length and keeps the extension', () => {
    const s = sanitiseFileName(`${'a'.repeat(500)}.json`);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s.endsWith('.json')).toBe(true);
  });

  it('never yields a path, a dot name or something empty (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const s = sanitiseFileName(raw);
        expect(s.length).toBeGreaterThan(0);
        expect([...s].length).toBeLessThanOrEqual(100);
        expect(s).not.toMatch(/[/\\\0]/);
        expect(s.startsWith('.')).toBe(false);
        expect(s).not.toMatch(/[<>"'`$|;&]/);
      }),
    );
  });
});

describe('storeUpload', () => {
  it('streams the body into the uploads folder under a fresh name', async () => {
    const dir = join(tmp(), 'up');
    const a = await storeUpload(Readable.from([Buffer.from('hello '), Buffer.from('world')]), dir, '../x/chat.txt', 100);
    const b = await storeUpload(Readable.from([Buffer.from('again')]), dir, 'chat.txt', 100);
    expect(a.bytes).toBe(11);
    expect(a.stored).toMatch(/^\d{8}T\d{6}-[0-9a-f]{6}\/chat\.txt$/);
    expect(a.stored).not.toBe(b.stored);
    expect(readFileSync(a.path, 'utf8')).toBe('hello world');
    expect(a.path.startsWith(dir)).toBe(true);
  });

  it('refuses a body over the cap while streaming and leaves no file', async () => {
    const dir = join(tmp(), 'up');
    const body = Readable.from((function* () {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(40, 1);
    })());
    await expect(storeUpload(body, dir, 'big.txt', 100)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('refuses an empty body', async () => {
    const dir = join(tmp(), 'up');
    await expect(storeUpload(Readable.from([]), dir, 'e.txt', 100)).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
