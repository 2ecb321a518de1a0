/**
 * EXIF GPS position and capture time from image bytes (JPEG, HEIC, PNG, WebP, TIFF) via exifr.
 *
 * EXIF capture times are wall-clock times without a zone. `takenAt` keeps the local time as
 * ISO text (`2021-02-03T10:15:00`); `takenAtOffset` is the offset in minutes when the camera
 * wrote OffsetTimeOriginal (EXIF 2.31), else null. Malformed EXIF yields no result, never a throw.
 */

export interface ExifInfo {
  lat?: number;
  lon?: number;
  takenAt?: string;
  takenAtOffset?: number | null;
}

const EXIF_TIME_RE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/;
const OFFSET_RE = /^([+-])(\d{2}):(\d{2})$/;

function validCoord(lat: unknown, lon: unknown): lat is number {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0)
  );
}

export async function readExif(bytes: Uint8Array): Promise<ExifInfo | undefined> {
  let raw: Record<string, unknown> | undefined;
  try {
    const { default: exifr } = await import('exifr'); // loaded on first use (CLI start-up)
    raw = (await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: true,
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    })) as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  const out: ExifInfo = {};
  const lat = dms(raw.GPSLatitude, raw.GPSLatitudeRef, 'S');
  const lon = dms(raw.GPSLongitude, raw.GPSLongitudeRef, 'W');
  if (validCoord(lat, lon)) {
    out.lat = lat;
    out.lon = lon as number;
  }
  const t = typeof raw.DateTimeOriginal === 'string' ? raw.DateTimeOriginal : typeof raw.CreateDate === 'string' ? raw.CreateDate : undefined;
  const m = t ? EXIF_TIME_RE.exec(t) : null;
  if (m) {
    out.takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
    const o = typeof raw.OffsetTimeOriginal === 'string' ? OFFSET_RE.exec(raw.OffsetTimeOriginal.trim()) : null;
    out.takenAtOffset = o ? (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) : null;
  }
  return out.lat === undefined && out.takenAt === undefined ? undefined : out;
}

function dms(v: unknown, ref: unknown, negative: string): number | undefined {
  let deg: number | undefined;
  if (typeof v === 'number') deg = v;
  else if (Array.isArray(v) && v.length >= 1 && v.every((x) => typeof x === 'number')) {
    const [d, m = 0, s = 0] = v as number[];
    deg = d! + m / 60 + s / 3600;
  }
  if (deg === undefined || !Number.isFinite(deg)) return undefined;
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return Math.round((r === negative ? -deg : deg) * 1e7) / 1e7;
}
