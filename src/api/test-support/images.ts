/**
 * Real images for the gallery tests: JPEGs and PNGs encoded here (jpeg-js, pngjs), GIFs (animated too),
 * WebPs and TIFFs (sharp), and decompression bombs: a header of each format claiming a huge picture, a GIF
 * whose frame is far larger than its screen, a TIFF whose strip inflates to 200 MB.
 */
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import sharp from 'sharp';

/** RGBA pixels: the left half `left`, the right half `right` (so a turn or a mirror shows). */
export function halves(width: number, height: number, left: [number, number, number, number], right: [number, number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? left : right, (y * width + x) * 4);
  return data;
}

export function makeJpeg(width: number, height: number, left: [number, number, number] = [220, 30, 30], right: [number, number, number] = [30, 30, 220]): Uint8Array {
  const out = jpeg.encode({ data: halves(width, height, [...left, 255], [...right, 255]), width, height }, 90);
  return new Uint8Array(out.data);
}

export function makePng(width: number, height: number, left: [number, number, number, number] = [20, 160, 20, 255], right: [number, number, number, number] = [240, 240, 20, 255]): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(halves(width, height, left, right));
  return new Uint8Array(PNG.sync.write(png));
}

/** The 33 bytes a PNG starts with (signature and IHDR) claiming a picture of this size: a decompression bomb's head. */
export function pngBomb(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return new Uint8Array(b);
}

/** RGBA `frames` pictures of width × height, one under the other (as sharp reads an animation's pages). */
function pages(width: number, height: number, frames: readonly [number, number, number][]): Buffer {
  return Buffer.concat(frames.map((c) => Buffer.from(halves(width, height, [...c, 255], [...c, 255]))));
}

/** An animated GIF: one frame of each colour (its first frame `frames[0]`). */
export async function makeGif(width: number, height: number, frames: [number, number, number][] = [[220, 30, 30], [30, 30, 220]]): Promise<Uint8Array> {
  return new Uint8Array(await sharp(pages(width, height, frames), { raw: { width, height: height * frames.length, channels: 4, pageHeight: height } }).gif().toBuffer());
}

export async function makeWebp(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(halves(width, height, [220, 30, 30, 255], [30, 30, 220, 255])), { raw: { width, height, channels: 4 } }).webp({ lossless: true }).toBuffer());
}

export async function makeTiff(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(halves(width, height, [220, 30, 30, 255], [30, 30, 220, 255])), { raw: { width, height, channels: 4 } }).tiff({ compression: 'lzw' }).toBuffer());
}

const le16 = (n: number) => [n & 255, (n >> 8) & 255];

/**
 * A GIF whose screen is `screen` pixels a side and whose one frame (an empty LZW stream) is `frame` a side:
 * a bomb the header check cannot see (the screen is small), only the decoder.
 */
export function gifBomb(screen: number, frame = screen): Uint8Array {
  return new Uint8Array([
    ...[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], ...le16(screen), ...le16(screen), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
    0x2c, 0, 0, 0, 0, ...le16(frame), ...le16(frame), 0, 2, 2, 0x4c, 0x01, 0, 0x3b,
  ]);
}

/** The head of a WebP (RIFF, VP8X) claiming a canvas of this size. */
export function webpBomb(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(22, 4);
  b.write('WEBPVP8X', 8, 'latin1');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return new Uint8Array(b);
}

/** A grey TIFF of this size, one strip compressed as `compression` (1 none, 8 Deflate) holding `strip`. */
export function tiffWith(width: number, height: number, strip: Uint8Array, compression: 1 | 8): Uint8Array {
  const entries: [number, 3 | 4, number][] = [[256, 4, width], [257, 4, height], [258, 3, 8], [259, 3, compression], [262, 3, 1], [273, 4, 0], [277, 3, 1], [278, 4, height], [279, 4, strip.length]];
  const at = 8 + 2 + entries.length * 12 + 4;
  const b = Buffer.alloc(at + strip.length);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, v], i) => {
    const o = 10 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(1, o + 4);
    const value = tag === 273 ? at : v;
    if (type === 3) b.writeUInt16LE(value, o + 8);
    else b.writeUInt32LE(value, o + 8);
  });
  b.set(strip, at);
  return new Uint8Array(b);
}

/** A TIFF whose header claims this size (and whose strip holds nothing). */
export function tiffBomb(width: number, height: number): Uint8Array {
  return tiffWith(width, height, new Uint8Array(64), 1);
}

/** A 100 × 100 TIFF whose one Deflate strip inflates to 200 MB (the picture needs 10 kB). */
export function tiffDeflateBomb(): Uint8Array {
  return tiffWith(100, 100, deflateSync(Buffer.alloc(200 * 1024 * 1024)), 8);
}
