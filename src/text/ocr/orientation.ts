/**
 * EXIF orientation turned upright before text recognition. A phone stores a photo as its sensor saw it and
 * says in EXIF (tag 0x0112) how to turn it for display; Tesseract reads the pixels as stored, so a photo taken
 * with the phone held sideways reaches it lying on its side, and its text is not found. The orientation is
 * read with exifr (already clew's EXIF reader); a JPEG that needs turning is decoded, turned and encoded again
 * with jpeg-js (pure JavaScript, no native code: BSD-3, the decoder jimp and others use), within the same
 * pixel limit as every image (image-check.ts). Other formats rarely carry the tag and are given as they are.
 * Never throws: an image that cannot be turned is given as it is, with the reason.
 */
import { checkImage, MAX_IMAGE_PIXELS, sniffImageFormat } from './image-check.js';

export interface Upright {
  bytes: Uint8Array;
  /** The EXIF orientation applied (2–8), null when there was none to apply. */
  orientation: number | null;
  /** Why an orientation the image asks for was not applied. */
  failed?: string;
}

/** The EXIF orientation (1–8) of an image, null when it has none. */
export async function exifOrientation(bytes: Uint8Array): Promise<number | null> {
  try {
    const { default: exifr } = await import('exifr');
    const o: unknown = await exifr.orientation(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return typeof o === 'number' && Number.isInteger(o) && o >= 1 && o <= 8 ? o : null;
  } catch {
    return null;
  }
}

/**
 * RGBA pixels turned as EXIF orientation `o` asks for display (1: as stored; 2: mirrored; 3: turned 180°;
 * 4: flipped; 5: transposed; 6: turned 90° clockwise; 7: transversed; 8: turned 90° anticlockwise).
 */
export function orientPixels(data: Uint8Array, width: number, height: number, o: number): { data: Uint8Array; width: number; height: number } {
  if (data.length !== width * height * 4) throw new RangeError('RGBA data does not match its size');
  if (o === 1 || !Number.isInteger(o) || o < 1 || o > 8) return { data, width, height };
  const swap = o >= 5;
  const w2 = swap ? height : width;
  const h2 = swap ? width : height;
  const out = new Uint8Array(data.length);
  const src = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const dst = new Uint32Array(out.buffer);
  const aligned = data.byteOffset % 4 === 0;
  const copy = aligned ? src : new Uint32Array(Uint8Array.from(data).buffer);
  for (let y = 0; y < h2; y++) {
    for (let x = 0; x < w2; x++) {
      let sx: number;
      let sy: number;
      switch (o) {
        case 2: sx = width - 1 - x; sy = y; break;
        case 3: sx = width - 1 - x; sy = height - 1 - y; break;
        case 4: sx = x; sy = height - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = height - 1 - x; break;
        case 7: sx = width - 1 - y; sy = height - 1 - x; break;
        default: sx = width - 1 - y; sy = x; break; // 8
      }
      dst[y * w2 + x] = copy[sy * width + sx]!;
    }
  }
  return { data: out, width: w2, height: h2 };
}

/** The image turned upright as its EXIF orientation asks (see the file's comment). */
export async function uprightImage(bytes: Uint8Array): Promise<Upright> {
  const o = await exifOrientation(bytes);
  if (o === null || o === 1) return { bytes, orientation: null };
  if (sniffImageFormat(bytes) !== 'jpeg') return { bytes, orientation: null, failed: `EXIF orientation ${o} not applied: only a JPEG is turned` };
  const check = checkImage(bytes);
  if (!check.ok) return { bytes, orientation: null };
  try {
    const { decode, encode } = await import('jpeg-js');
    const img = decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 2048 });
    const turned = orientPixels(img.data, img.width, img.height, o);
    const out = encode({ data: turned.data, width: turned.width, height: turned.height }, 95);
    return { bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength), orientation: o };
  } catch (e) {
    return { bytes, orientation: null, failed: `EXIF orientation ${o} not applied: the JPEG could not be decoded (${(e as Error).message.slice(0, 120)})` };
  }
}
