/**
 * Checks an image before any OCR engine sees it: the bytes really are one of the image formats we accept
 * (by their magic numbers, never by the file name), and its pixel dimensions, read from the header without
 * decoding (npm `image-size`), are within the cap. A decompression bomb — a small file whose header claims
 * a huge picture — is refused here, before a decoder allocates memory for it.
 */
import { imageSize } from 'image-size';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'webp';

/** Largest picture accepted, in pixels (100 megapixels: a 12,000 × 8,333 photo; phones take 12–50 MP, 200 MP at most in special modes). */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Largest side accepted, in pixels (Leptonica, Tesseract's image library, refuses sides above 2^16 − 1 anyway). */
export const MAX_IMAGE_SIDE = 65_535;
/** Largest file accepted, in bytes (a 100-megapixel JPEG is 20–60 MB). */
export const MAX_IMAGE_BYTES = 128 * 1024 * 1024;

export type ImageRefusal = 'not-an-image' | 'unsupported-format' | 'unreadable-header' | 'too-large' | 'too-many-pixels';

export type ImageCheck =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; code: ImageRefusal; reason: string; format?: ImageFormat; width?: number; height?: number };

export interface ImageLimits {
  maxPixels?: number;
  maxSide?: number;
  maxBytes?: number;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

/** The image format of these bytes by their magic number, or null when they are none of the accepted ones. */
export function sniffImageFormat(b: Uint8Array): ImageFormat | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith(b, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'gif';
  if (startsWith(b, [0x42, 0x4d]) && b.length >= 26) return 'bmp';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

/** What the bytes look like when they are not an accepted image (for the reason given). */
function describeOther(b: Uint8Array): string {
  if (b.length === 0) return 'an empty file';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (b.length >= 12 && startsWith(b, [0x66, 0x74, 0x79, 0x70], 4)) return 'an ISO media file (HEIC/AVIF/MP4)';
  const head = Buffer.from(b.subarray(0, 512)).toString('utf8');
  if (/^\s*</.test(head)) return 'markup text (SVG/HTML/XML)';
  if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(head)) return 'text';
  return 'unknown binary data';
}

/** Check the bytes of a would-be image. Never throws. */
export function checkImage(bytes: Uint8Array, limits: ImageLimits = {}): ImageCheck {
  const maxBytes = limits.maxBytes ?? MAX_IMAGE_BYTES;
  const maxPixels = limits.maxPixels ?? MAX_IMAGE_PIXELS;
  const maxSide = limits.maxSide ?? MAX_IMAGE_SIDE;
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'too-large', reason: `file too large for OCR: ${bytes.length} bytes (limit ${maxBytes})` };
  }
  const format = sniffImageFormat(bytes);
  if (!format) {
    return {
      ok: false,
      code: 'not-an-image',
      reason: `not an image: the bytes are ${describeOther(bytes)}, not PNG, JPEG, GIF, BMP, TIFF or WebP`,
    };
  }
  let width: number;
  let height: number;
  try {
    const size = imageSize(bytes);
    const want = format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tiff' : format;
    if (size.type !== want) throw new Error(`header read as ${size.type ?? 'nothing'}`);
    width = size.width;
    height = size.height;
  } catch (e) {
    return { ok: false, code: 'unreadable-header', format, reason: `${format.toUpperCase()} header unreadable: ${(e as Error).message}` };
  }
  if (!(width > 0 && height > 0)) {
    return { ok: false, code: 'unreadable-header', format, reason: `${format.toUpperCase()} header gives no size (${width}×${height})` };
  }
  const pixels = width * height;
  if (pixels > maxPixels || width > maxSide || height > maxSide) {
    const mp = (n: number) => `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} megapixels`;
    return {
      ok: false,
      code: 'too-many-pixels',
      format,
      width,
      height,
      reason:
        `image refused before decoding: ${width}×${height} (${mp(pixels)}) is over the limit of ${mp(maxPixels)} ` +
        `and ${maxSide} pixels a side (a decompression bomb, or a picture too large to recognise safely)`,
    };
  }
  return { ok: true, format, width, height };
}
