import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkImage, MAX_IMAGE_PIXELS, sniffImageFormat } from './image-check.js';

/** Minimal headers, each as a real file of that format begins. */
function png(w: number, h: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}
function gif(w: number, h: number): Buffer {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(w, 6);
  b.writeUInt16LE(h, 8);
  return b;
}
function bmp(w: number, h: number): Buffer {
  const b = Buffer.alloc(54);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18);
  b.writeInt32LE(h, 22);
  return b;
}
function jpeg(w: number, h: number): Buffer {
  // SOI, a JFIF APP0 segment, then a baseline SOF0 segment with the size.
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
}

describe('checkImage', () => {
  it('recognises the accepted formats by their magic bytes and reads their size from the header', () => {
    expect(checkImage(png(640, 480))).toEqual({ ok: true, format: 'png', width: 640, height: 480 });
    expect(checkImage(gif(320, 200))).toEqual({ ok: true, format: 'gif', width: 320, height: 200 });
    expect(checkImage(bmp(1024, 768))).toEqual({ ok: true, format: 'bmp', width: 1024, height: 768 });
    expect(checkImage(jpeg(4032, 3024))).toEqual({ ok: true, format: 'jpeg', width: 4032, height: 3024 });
    expect(sniffImageFormat(Buffer.from('II*\0'))).toBe('tiff');
    expect(sniffImageFormat(Buffer.from('MM\0*'))).toBe('tiff');
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
  });

  it('refuses what is not an image, saying what the bytes look like', () => {
    expect(checkImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ ok: false, code: 'not-an-image', reason: expect.stringMatching(/markup text/) });
    expect(checkImage(Buffer.from('PK\x03\x04rest'))).toMatchObject({ code: 'not-an-image', reason: expect.stringMatching(/a ZIP archive/) });
    expect(checkImage(Buffer.alloc(0))).toMatchObject({ code: 'not-an-image', reason: expect.stringMatching(/an empty file/) });
    expect(checkImage(Buffer.from('\0\0\0\x18ftypheic'))).toMatchObject({ code: 'not-an-image', reason: expect.stringMatching(/HEIC/) });
    expect(checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: false, code: 'unreadable-header', format: 'jpeg' });
  });

  it('refuses a picture over the pixel cap or side cap from its header (decompression bombs)', () => {
    expect(checkImage(png(100_000, 100_000))).toMatchObject({ ok: false, code: 'too-many-pixels', width: 100_000, height: 100_000 });
    expect(checkImage(png(10_000, 10_000)).ok).toBe(true);
    expect(checkImage(png(10_000, 10_001))).toMatchObject({ code: 'too-many-pixels' });
    expect(checkImage(png(70_000, 10))).toMatchObject({ code: 'too-many-pixels' });
    expect(checkImage(gif(65_535, 65_535))).toMatchObject({ code: 'too-many-pixels' });
    expect(checkImage(png(64, 64), { maxBytes: 10 })).toMatchObject({ code: 'too-large' });
  });

  it('never throws and accepts only sizes within the caps, for arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom<number[]>([], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [0x42, 0x4d], [0x49, 0x49, 0x2a, 0], [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]), (tail, head) => {
        const r = checkImage(Buffer.concat([Buffer.from(head), tail]));
        if (r.ok) {
          expect(r.width * r.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
          expect(r.width).toBeGreaterThan(0);
        } else expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});
