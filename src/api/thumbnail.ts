/**
 * A small preview of an image attachment (issue 20 part 4, the gallery), made on the server so the
 * browser never decodes a seized file itself. The bytes are checked before any decoder sees them
 * (src/text/ocr/image-check.ts: the format by its magic number, never by the claimed type or name; the
 * pixel size read from the header, so a decompression bomb is refused before memory is allocated for it),
 * decoded by maintained pure-JavaScript decoders (jpeg-js for JPEG, as OCR's orientation already does;
 * pngjs for PNG) or, for GIF (its first frame: an animation shows its first picture), WebP and TIFF (its
 * first image), which those cannot read, by sharp (libvips with libnsgif, libwebp and libtiff: the decoders
 * browsers and image servers harden against hostile files; it runs off the event loop, under its own pixel
 * limit, set to ours, and a time limit), turned upright as a JPEG's EXIF orientation asks (orientation.ts),
 * shrunk by averaging (a box filter) to fit THUMBNAIL_SIDE, laid over white, and encoded again as a small
 * JPEG: what reaches the browser is always a fresh JPEG that clew wrote, whatever the file was.
 *
 * Never throws for bad input: a file that is not a decodable JPEG, PNG, GIF, WebP or TIFF, or that is over
 * the caps, comes back as a refusal with a stable code and a reason for people.
 */
import { checkImage, sniffImageFormat } from '../text/ocr/image-check.js';
import { exifOrientation, orientPixels } from '../text/ocr/orientation.js';

/** Longest side of a preview, in pixels. */
export const THUMBNAIL_SIDE = 320;
/** Largest picture previewed, in pixels: 50 megapixels (phones take 12–50 MP; RGBA for 50 MP is 200 MB while decoding). */
export const THUMBNAIL_MAX_PIXELS = 50_000_000;
/** Largest file previewed, in bytes. */
export const THUMBNAIL_MAX_BYTES = 48 * 1024 * 1024;
/** JPEG quality of a preview. */
const QUALITY = 80;
/** Longest a GIF, WebP or TIFF may take to decode, in seconds (a 50-megapixel TIFF takes about one). */
const DECODE_SECONDS = 20;

/** The formats previewed. */
type Previewed = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff';
const PREVIEWED: readonly string[] = ['jpeg', 'png', 'gif', 'webp', 'tiff'] satisfies Previewed[];

export type ThumbnailRefusal = 'not-an-image' | 'unsupported-format' | 'too-large' | 'too-many-pixels' | 'undecodable';

export type Thumbnail =
  | { ok: true; jpeg: Uint8Array; width: number; height: number; source: { format: Previewed; width: number; height: number }; orientation: number | null }
  | { ok: false; code: ThumbnailRefusal; reason: string };

export interface ThumbnailOptions {
  side?: number;
  maxPixels?: number;
  maxBytes?: number;
}

const mp = (n: number) => `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} megapixels`;

/**
 * RGBA pixels shrunk to fit `side` (aspect kept; never enlarged): each output pixel the average of the
 * source pixels it covers (whole pixels: enough for a preview, and every source pixel counts once).
 */
export function shrinkPixels(data: Uint8Array, width: number, height: number, side: number): { data: Uint8Array; width: number; height: number } {
  if (data.length !== width * height * 4) throw new RangeError('RGBA data does not match its size');
  const scale = Math.min(1, side / Math.max(width, height));
  if (scale === 1) return { data, width, height };
  const w2 = Math.max(1, Math.round(width * scale));
  const h2 = Math.max(1, Math.round(height * scale));
  const out = new Uint8Array(w2 * h2 * 4);
  const xs = Array.from({ length: w2 + 1 }, (_, x) => Math.min(width, Math.round((x * width) / w2)));
  for (let y = 0; y < h2; y++) {
    const y0 = Math.floor((y * height) / h2);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h2));
    for (let x = 0; x < w2; x++) {
      const x0 = xs[x]!;
      const x1 = Math.max(x0 + 1, xs[x + 1]!);
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = y0; sy < y1; sy++) {
        let i = (sy * width + x0) * 4;
        for (let sx = x0; sx < x1; sx++, i += 4) {
          const al = data[i + 3]!;
          // weighted by alpha, so a transparent pixel's colour does not bleed in
          r += data[i]! * al;
          g += data[i + 1]! * al;
          b += data[i + 2]! * al;
          a += al;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * w2 + x) * 4;
      out[o] = a === 0 ? 0 : Math.round(r / a);
      out[o + 1] = a === 0 ? 0 : Math.round(g / a);
      out[o + 2] = a === 0 ? 0 : Math.round(b / a);
      out[o + 3] = Math.round(a / n);
    }
  }
  return { data: out, width: w2, height: h2 };
}

/** RGBA laid over white (JPEG has no transparency), in place. */
function overWhite(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c]! * a + 255 * (255 - a)) / 255);
    data[i + 3] = 255;
  }
}

async function decode(bytes: Uint8Array, format: Previewed, maxPixels: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  if (format === 'gif' || format === 'webp' || format === 'tiff') {
    const { default: sharp } = await import('sharp');
    sharp.cache(false);
    // page 0 only: an animated GIF's first frame, a TIFF's first image
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, pages: 1, page: 0, failOn: 'error' })
      .timeout({ seconds: DECODE_SECONDS })
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`decoded to ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  }
  if (format === 'jpeg') {
    const { decode: decodeJpeg } = await import('jpeg-js');
    const img = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: Math.ceil((maxPixels * 8) / 1e6) + 64 });
    return { data: img.data, width: img.width, height: img.height };
  }
  const { PNG } = await import('pngjs');
  const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), width: img.width, height: img.height };
}

/** A preview of these bytes, or why there is none (see the file's comment). Never throws for bad input. */
export async function makeThumbnail(bytes: Uint8Array, opts: ThumbnailOptions = {}): Promise<Thumbnail> {
  const side = opts.side ?? THUMBNAIL_SIDE;
  const maxPixels = opts.maxPixels ?? THUMBNAIL_MAX_PIXELS;
  const maxBytes = opts.maxBytes ?? THUMBNAIL_MAX_BYTES;
  if (bytes.length > maxBytes) return { ok: false, code: 'too-large', reason: `no preview: the file is ${bytes.length} bytes, over the limit of ${maxBytes}` };
  const check = checkImage(bytes, { maxPixels, maxBytes });
  if (!check.ok) {
    if (check.code === 'too-many-pixels')
      return {
        ok: false,
        code: 'too-many-pixels',
        reason: `no preview: refused before decoding, ${check.width}×${check.height} (${mp(check.width! * check.height!)}) is over the limit of ${mp(maxPixels)} (a decompression bomb, or a picture too large to decode safely here; download the original)`,
      };
    if (check.code === 'not-an-image') return { ok: false, code: 'not-an-image', reason: `no preview: ${check.reason}` };
    return { ok: false, code: 'undecodable', reason: `no preview: ${check.reason}` };
  }
  const sniffed = sniffImageFormat(bytes);
  if (sniffed === null || !PREVIEWED.includes(sniffed))
    return { ok: false, code: 'unsupported-format', reason: `no preview: ${String(sniffed).toUpperCase()} images are not previewed (only JPEG, PNG, GIF, WebP and TIFF); download the original` };
  const format = sniffed as Previewed;
  let img: { data: Uint8Array; width: number; height: number };
  try {
    img = await decode(bytes, format, maxPixels);
  } catch (e) {
    return { ok: false, code: 'undecodable', reason: `no preview: the ${format.toUpperCase()} could not be decoded (${String((e as Error).message).slice(0, 120)})` };
  }
  if (img.width !== check.width || img.height !== check.height || img.data.length !== img.width * img.height * 4)
    return { ok: false, code: 'undecodable', reason: `no preview: the ${format.toUpperCase()} decoded to ${img.width}×${img.height}, not the ${check.width}×${check.height} its header gives` };
  const orientation = format === 'jpeg' ? await exifOrientation(bytes) : null;
  let small = shrinkPixels(img.data, img.width, img.height, side);
  if (orientation !== null && orientation !== 1) small = orientPixels(small.data === img.data ? Uint8Array.from(small.data) : small.data, small.width, small.height, orientation);
  const data = small.data === img.data ? Uint8Array.from(small.data) : small.data;
  overWhite(data);
  const { encode } = await import('jpeg-js');
  const out = encode({ data, width: small.width, height: small.height }, QUALITY);
  return {
    ok: true,
    jpeg: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
    width: small.width,
    height: small.height,
    source: { format, width: img.width, height: img.height },
    orientation: orientation !== null && orientation !== 1 ? orientation : null,
  };
}
