/**
 * Builds minimal JPEGs with an APP1 EXIF segment (IFD0 -> Exif IFD + GPS IFD), for tests.
 * Little-endian TIFF. Only what exifr needs: no image data beyond SOI/EOI.
 */

interface Tag {
  tag: number;
  type: 2 | 3 | 4 | 5; // ASCII, SHORT, LONG, RATIONAL
  count: number;
  data: Buffer;
}

function asciiTag(tag: number, s: string): Tag {
  const data = Buffer.from(`${s}\0`, 'latin1');
  return { tag, type: 2, count: data.length, data };
}

function rationalTag(tag: number, values: Array<[number, number]>): Tag {
  const data = Buffer.alloc(8 * values.length);
  values.forEach(([n, d], i) => {
    data.writeUInt32LE(n, i * 8);
    data.writeUInt32LE(d, i * 8 + 4);
  });
  return { tag, type: 5, count: values.length, data };
}

function longTag(tag: number, v: number): Tag {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(v, 0);
  return { tag, type: 4, count: 1, data };
}

/** IFD bytes placed at `at` (TIFF-relative); out-of-line data follows the IFD. */
function ifd(tags: Tag[], at: number): Buffer {
  const sorted = [...tags].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + sorted.length * 12 + 4);
  head.writeUInt16LE(sorted.length, 0);
  const extra: Buffer[] = [];
  let dataAt = at + head.length;
  sorted.forEach((t, i) => {
    const p = 2 + i * 12;
    head.writeUInt16LE(t.tag, p);
    head.writeUInt16LE(t.type, p + 2);
    head.writeUInt32LE(t.count, p + 4);
    if (t.data.length <= 4) t.data.copy(head, p + 8);
    else {
      head.writeUInt32LE(dataAt, p + 8);
      const padded = t.data.length % 2 ? Buffer.concat([t.data, Buffer.alloc(1)]) : t.data;
      extra.push(padded);
      dataAt += padded.length;
    }
  });
  return Buffer.concat([head, ...extra]);
}

function toDms(deg: number): Array<[number, number]> {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const mFloat = (a - d) * 60;
  const m = Math.floor(mFloat);
  const s = Math.round((mFloat - m) * 60 * 10000);
  return [
    [d, 1],
    [m, 1],
    [s, 10000],
  ];
}

export interface JpegExifSpec {
  lat?: number;
  lon?: number;
  /** EXIF form `YYYY:MM:DD HH:MM:SS`. */
  dateTimeOriginal?: string;
  /** `+01:00`. */
  offsetTimeOriginal?: string;
  /** A real JPEG to carry the EXIF (after its SOI), instead of none: a photo that also decodes. */
  image?: Uint8Array;
}

export function makeJpegWithExif(spec: JpegExifSpec): Buffer {
  // TIFF layout: header(8) | IFD0 | Exif IFD | GPS IFD
  const exifTags: Tag[] = [];
  if (spec.dateTimeOriginal) exifTags.push(asciiTag(0x9003, spec.dateTimeOriginal));
  if (spec.offsetTimeOriginal) exifTags.push(asciiTag(0x9011, spec.offsetTimeOriginal));
  const gpsTags: Tag[] = [];
  if (spec.lat !== undefined && spec.lon !== undefined) {
    gpsTags.push(asciiTag(0x0001, spec.lat < 0 ? 'S' : 'N'), rationalTag(0x0002, toDms(spec.lat)));
    gpsTags.push(asciiTag(0x0003, spec.lon < 0 ? 'W' : 'E'), rationalTag(0x0004, toDms(spec.lon)));
  }
  const ifd0Count = 1 + (exifTags.length ? 1 : 0) + (gpsTags.length ? 1 : 0);
  const ifd0Len = 2 + ifd0Count * 12 + 4 + 6; // + out-of-line "clew\0" (odd → padded)
  const exifAt = 8 + ifd0Len;
  const exifIfd = exifTags.length ? ifd(exifTags, exifAt) : Buffer.alloc(0);
  const gpsAt = exifAt + exifIfd.length;
  const gpsIfd = gpsTags.length ? ifd(gpsTags, gpsAt) : Buffer.alloc(0);
  const ifd0Tags: Tag[] = [asciiTag(0x010f, 'clew')];
  if (exifTags.length) ifd0Tags.push(longTag(0x8769, exifAt));
  if (gpsTags.length) ifd0Tags.push(longTag(0x8825, gpsAt));
  const ifd0 = ifd(ifd0Tags, 8);
  if (ifd0.length !== ifd0Len) throw new Error(`IFD0 size ${ifd0.length} != ${ifd0Len}`);
  const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), ifd0, exifIfd, gpsIfd]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, payload, spec.image ? spec.image.subarray(2) : Buffer.from([0xff, 0xd9])]);
}
