import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../archive/test-support/zip-writer.js';
import { sniffMime } from './mime.js';

const b = (...xs: Array<number | string>): Buffer =>
  Buffer.concat(xs.map((x) => (typeof x === 'number' ? Buffer.from([x]) : Buffer.from(x, 'latin1'))));

describe('sniffMime', () => {
  it.each([
    [b(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [b(0x89, 'PNG\r\n', 0x1a, '\n'), 'image/png'],
    [b('GIF89a'), 'image/gif'],
    [b('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
    [b(0, 0, 0, 0x18, 'ftypheic'), 'image/heic'],
    [b(0, 0, 0, 0x18, 'ftypmif1'), 'image/heif'],
    [b(0, 0, 0, 0x18, 'ftypisom'), 'video/mp4'],
    [b(0, 0, 0, 0x18, 'ftypmp42'), 'video/mp4'],
    [b(0, 0, 0, 0x18, 'ftypM4A '), 'audio/mp4'],
    [b('OggS', 0, 2, 'xxxxxxxxxxxxxxxxxxxxxxOpusHead'), 'audio/ogg; codecs=opus'],
    [b('OggS', 0, 2, 'vorbis'), 'audio/ogg'],
    [b('%PDF-1.7'), 'application/pdf'],
    [b('#!AMR\n'), 'audio/amr'],
    [b('ID3', 4, 0), 'audio/mpeg'],
    [b('BEGIN:VCARD\r\n'), 'text/vcard'],
  ])('%#: %s', (bytes, mime) => {
    expect(sniffMime(bytes)).toBe(mime);
  });

  it('tells docx and xlsx from a plain zip', () => {
    expect(sniffMime(makeZip([{ name: '[Content_Types].xml', data: '<x/>' }, { name: 'word/document.xml', data: '<w/>' }]))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffMime(makeZip([{ name: 'xl/workbook.xml', data: '<x/>' }]))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(sniffMime(makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 0 }]))).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(sniffMime(makeZip([{ name: 'notes.txt', data: 'x' }]))).toBe('application/zip');
  });

  it('does not recognise text or short input, and never throws', () => {
    expect(sniffMime(b('hello world'))).toBeNull();
    expect(sniffMime(new Uint8Array(0))).toBeNull();
    expect(sniffMime(b(0xff))).toBeNull();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const m = sniffMime(bytes);
      return m === null || typeof m === 'string';
    }));
  });
});
