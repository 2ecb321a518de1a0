import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { withExifOrientation } from '../text/ocr/test-support/exif.js';
import { gifBomb, makeGif, makeJpeg, makePng, makeTiff, makeWebp, pngBomb, tiffBomb, tiffDeflateBomb, tiffWith, webpBomb } from './test-support/images.js';
import { makeThumbnail, shrinkPixels } from './thumbnail.js';

const decoded = (b: Uint8Array) => jpeg.decode(b, { useTArray: true, formatAsRGBA: true });
const pixel = (img: { data: Uint8Array; width: number }, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]!) < 40);

describe('thumbnails', () => {
  it('shrinks a JPEG to fit the side, keeps its aspect and colours, and writes a fresh JPEG', async () => {
    const t = await makeThumbnail(makeJpeg(1200, 600), { side: 200 });
    if (!t.ok) throw new Error(t.reason);
    expect([t.width, t.height]).toEqual([200, 100]);
    expect(t.source).toEqual({ format: 'jpeg', width: 1200, height: 600 });
    expect([...t.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const img = decoded(t.jpeg);
    expect([img.width, img.height]).toEqual([200, 100]);
    expect(near(pixel(img, 20, 50), [220, 30, 30])).toBe(true);
    expect(near(pixel(img, 180, 50), [30, 30, 220])).toBe(true);
  });

  it('makes a PNG a JPEG, transparent parts over white, and never enlarges a small picture', async () => {
    const t = await makeThumbnail(makePng(40, 20, [0, 0, 0, 0], [20, 160, 20, 255]));
    if (!t.ok) throw new Error(t.reason);
    expect([t.width, t.height]).toEqual([40, 20]);
    expect(t.source.format).toBe('png');
    const img = decoded(t.jpeg);
    expect(near(pixel(img, 3, 10), [255, 255, 255])).toBe(true);
    expect(near(pixel(img, 36, 10), [20, 160, 20])).toBe(true);
  });

  it('turns a JPEG upright as its EXIF orientation asks', async () => {
    const t = await makeThumbnail(withExifOrientation(makeJpeg(400, 200), 6), { side: 100 });
    if (!t.ok) throw new Error(t.reason);
    expect(t.orientation).toBe(6);
    expect([t.width, t.height]).toEqual([50, 100]);
    const img = decoded(t.jpeg);
    // turned 90° clockwise: the left half (red) is now on top
    expect(near(pixel(img, 25, 10), [220, 30, 30])).toBe(true);
    expect(near(pixel(img, 25, 90), [30, 30, 220])).toBe(true);
  });

  it('refuses a decompression bomb and a picture over the pixel cap from the header, before decoding', async () => {
    const bomb = await makeThumbnail(pngBomb(100_000, 100_000));
    expect(bomb).toMatchObject({ ok: false, code: 'too-many-pixels' });
    expect(!bomb.ok && bomb.reason).toMatch(/10,000 megapixels.*refused before decoding|refused before decoding.*10,000 megapixels/);
    // a 100-megapixel photo's header (10000×10000) over the 50-megapixel cap
    expect(await makeThumbnail(pngBomb(10_000, 10_000))).toMatchObject({ ok: false, code: 'too-many-pixels' });
    expect(await makeThumbnail(makeJpeg(300, 300), { maxPixels: 50_000 })).toMatchObject({ ok: false, code: 'too-many-pixels' });
    expect(await makeThumbnail(makeJpeg(300, 300), { maxBytes: 100 })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses what is no image, a format it does not preview, and a cut or lying file, without throwing', async () => {
    expect(await makeThumbnail(new TextEncoder().encode('<html><script>alert(1)</script></html>'))).toMatchObject({ ok: false, code: 'not-an-image' });
    expect(await makeThumbnail(new Uint8Array(0))).toMatchObject({ ok: false, code: 'not-an-image' });
    // a BMP: a format the gallery does not preview
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(4, 18);
    bmp.writeInt32LE(4, 22);
    expect(await makeThumbnail(new Uint8Array(bmp))).toMatchObject({ ok: false, code: 'unsupported-format' });
    // a GIF, a WebP and a TIFF cut short
    expect(await makeThumbnail(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]))).toMatchObject({ ok: false, code: 'undecodable' });
    expect(await makeThumbnail((await makeWebp(64, 64)).subarray(0, 40))).toMatchObject({ ok: false });
    expect(await makeThumbnail((await makeTiff(64, 64)).subarray(0, 200))).toMatchObject({ ok: false });
    const cut = makeJpeg(200, 200).subarray(0, 300);
    expect(await makeThumbnail(cut)).toMatchObject({ ok: false, code: 'undecodable' });
    // a PNG header with nothing after it
    expect(await makeThumbnail(pngBomb(10, 10))).toMatchObject({ ok: false, code: 'undecodable' });
    const png = makePng(30, 30);
    const broken = Uint8Array.from(png);
    broken.fill(0x41, 40, 60);
    expect(await makeThumbnail(broken)).toMatchObject({ ok: false, code: 'undecodable' });
  });

  it('previews a GIF (an animation by its first frame), a WebP and a TIFF as fresh JPEGs', async () => {
    const gif = await makeThumbnail(await makeGif(400, 200), { side: 100 });
    if (!gif.ok) throw new Error(gif.reason);
    expect([gif.source, gif.width, gif.height]).toEqual([{ format: 'gif', width: 400, height: 200 }, 100, 50]);
    // the first frame is red; the second (blue) is not shown
    expect(near(pixel(decoded(gif.jpeg), 50, 25), [220, 30, 30])).toBe(true);
    for (const [format, bytes] of [['webp', await makeWebp(600, 300)], ['tiff', await makeTiff(600, 300)]] as const) {
      const t = await makeThumbnail(bytes, { side: 200 });
      if (!t.ok) throw new Error(t.reason);
      expect([t.source, t.width, t.height]).toEqual([{ format, width: 600, height: 300 }, 200, 100]);
      expect([...t.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      const img = decoded(t.jpeg);
      expect(near(pixel(img, 20, 50), [220, 30, 30])).toBe(true);
      expect(near(pixel(img, 180, 50), [30, 30, 220])).toBe(true);
    }
    // a grey TIFF of one uncompressed strip, as written by hand
    const grey = await makeThumbnail(tiffWith(10, 10, new Uint8Array(100).fill(128), 1));
    if (!grey.ok) throw new Error(grey.reason);
    expect(near(pixel(decoded(grey.jpeg), 5, 5), [128, 128, 128])).toBe(true);
  });

  it('refuses a decompression bomb of each of GIF, WebP and TIFF, and one the header cannot show, before it takes memory', async () => {
    // headers claiming 4 gigapixels (GIF's largest screen), 268 megapixels (WebP's largest canvas), 10 gigapixels
    for (const bomb of [gifBomb(65_535), webpBomb(16_384, 16_384), tiffBomb(100_000, 100_000)]) {
      const t = await makeThumbnail(bomb);
      expect(t).toMatchObject({ ok: false, code: 'too-many-pixels' });
      expect(!t.ok && t.reason).toMatch(/refused before decoding/);
    }
    // a GIF of a 10-pixel screen whose frame is 10,000 pixels a side: the decoder's own pixel limit (ours) refuses it
    const deflateBomb = tiffDeflateBomb();
    const rss = process.memoryUsage().rss;
    expect(await makeThumbnail(gifBomb(10, 10_000))).toMatchObject({ ok: false });
    expect(await makeThumbnail(gifBomb(10, 60_000))).toMatchObject({ ok: false });
    // a 100 × 100 TIFF whose strip inflates to 200 MB: decoded into the 10 kB the picture needs, the rest never made
    const deflated = await makeThumbnail(deflateBomb);
    expect(deflated.ok && [deflated.width, deflated.height]).toEqual([100, 100]);
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
    // the caps apply as for JPEG and PNG
    expect(await makeThumbnail(await makeGif(300, 300), { maxPixels: 50_000 })).toMatchObject({ ok: false, code: 'too-many-pixels' });
    expect(await makeThumbnail(await makeWebp(300, 300), { maxBytes: 10 })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('averages whole source pixels when shrinking', () => {
    // 4×2: two black and two white columns, alpha 255 → 2×1: black, white
    const d = new Uint8Array(4 * 2 * 4);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) d.set(x < 2 ? [0, 0, 0, 255] : [255, 255, 255, 255], (y * 4 + x) * 4);
    const s = shrinkPixels(d, 4, 2, 2);
    expect([s.width, s.height]).toEqual([2, 1]);
    expect([...s.data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    // 3×1 to 2×1: never an empty cell
    const t = shrinkPixels(new Uint8Array(12).fill(200), 3, 1, 2);
    expect([t.width, t.height]).toEqual([2, 1]);
    expect([...t.data]).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    expect(() => shrinkPixels(new Uint8Array(3), 1, 1, 1)).toThrow(RangeError);
  });
});
