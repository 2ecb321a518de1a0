/** Real images for the gallery tests: JPEGs and PNGs encoded here (jpeg-js, pngjs), and a decompression bomb's header. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

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
