/** EXIF orientation: the pixel turns (properties over random images) and a real JPEG turned upright as its EXIF tag asks. */
import fc from 'fast-check';
import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { exifOrientation, orientPixels, uprightImage } from './orientation.js';
import { withExifOrientation } from './test-support/exif.js';

const image = fc
  .record({ width: fc.integer({ min: 1, max: 7 }), height: fc.integer({ min: 1, max: 7 }) })
  .chain(({ width, height }) => fc.record({ width: fc.constant(width), height: fc.constant(height), data: fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }) }));

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('orientPixels', () => {
  it('undoes each turn with its inverse (6 and 8, 3 twice, mirrors twice, 5 and 7 themselves) and keeps every pixel', () => {
    const inverse: Record<number, number> = { 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 };
    fc.assert(
      fc.property(image, fc.integer({ min: 2, max: 8 }), (img, o) => {
        const t = orientPixels(img.data, img.width, img.height, o);
        expect([t.width, t.height]).toEqual(o >= 5 ? [img.height, img.width] : [img.width, img.height]);
        expect([...t.data].sort()).toEqual([...img.data].sort());
        const back = orientPixels(t.data, t.width, t.height, inverse[o]!);
        expect(back).toEqual({ data: img.data, width: img.width, height: img.height });
      }),
    );
  });

  it('turns 90° clockwise for 6: the bottom-left pixel becomes the top-left', () => {
    fc.assert(
      fc.property(image, (img) => {
        const t = orientPixels(img.data, img.width, img.height, 6);
        expect(px(t, 0, 0)).toEqual(px(img, 0, img.height - 1));
        expect(px(t, t.width - 1, 0)).toEqual(px(img, 0, 0));
      }),
    );
  });

  it('leaves 1 and out-of-range values as they are, and refuses data of the wrong size', () => {
    const d = new Uint8Array(16);
    expect(orientPixels(d, 2, 2, 1).data).toBe(d);
    expect(orientPixels(d, 2, 2, 9).data).toBe(d);
    expect(() => orientPixels(d, 3, 2, 6)).toThrow(RangeError);
  });
});

describe('uprightImage', () => {
  it('turns a JPEG stored sideways (EXIF 6) upright, and gives an image without the tag (or not an image) as it is', async () => {
    // 16×8: left half black, right half white; stored turned anticlockwise (8×16) with orientation 6 to show it upright
    const w = 16;
    const h = 8;
    const rgba = new Uint8Array(w * h * 4).fill(255);
    for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) rgba.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
    const stored = orientPixels(rgba, w, h, 8);
    const jpeg = withExifOrientation(new Uint8Array(encode({ data: stored.data, width: stored.width, height: stored.height }, 100).data), 6);
    expect(await exifOrientation(jpeg)).toBe(6);
    const up = await uprightImage(jpeg);
    expect(up.orientation).toBe(6);
    const { decode } = await import('jpeg-js');
    const img = decode(up.bytes, { useTArray: true, formatAsRGBA: true });
    expect([img.width, img.height]).toEqual([w, h]);
    expect(px(img, 1, 4)[0]).toBeLessThan(40);
    expect(px(img, w - 2, 4)[0]).toBeGreaterThan(215);

    const plain = new Uint8Array(encode({ data: rgba, width: w, height: h }, 90).data);
    expect(await uprightImage(plain)).toEqual({ bytes: plain, orientation: null });
    const junk = new TextEncoder().encode('not an image at all');
    expect(await uprightImage(junk)).toEqual({ bytes: junk, orientation: null });
  });
});
