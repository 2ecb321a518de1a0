/**
 * EXIF GPS position and capture time from image bytes (JPEG, HEIC, PNG, WebP, TIFF) via exifr.
 * Read by ingest (src/ingest/attachments/describe.ts) and by the stores' backfill of cases ingested
 * before the capture time was stored per attachment (so it lives here, below both).
 *
 * EXIF capture times are wall-clock times without a zone. `takenAt` keeps the local time as
 * ISO text (`2021-02-03T10:15:00`); `takenAtOffset` is the offset in minutes when the camera
 * wrote OffsetTimeOriginal (EXIF 2.31), else null. Malformed EXIF yields no result, never a throw.
 *
 * An attachment stores its capture time as one text (takenAtText): the camera's wall clock as ISO
 * 8601, with the camera's offset when it wrote one (`2021-02-03T10:15:00+01:00`), else without
 * (`2021-02-03T10:15:00`: the zone is not recorded). No zone is guessed.
 */

export interface ExifInfo {
  lat?: number;
  lon?: number;
  takenAt?: string;
  takenAtOffset?: number | null;
}

/** Image types (sniffed by their bytes) whose EXIF is read. */
export const EXIF_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/heic', 'image/heif', 'image/png', 'image/webp', 'image/avif', 'image/tiff'];
const WITH_EXIF: ReadonlySet<string> = new Set(EXIF_IMAGE_TYPES);

/** Whether a file of this type may carry EXIF (one of EXIF_IMAGE_TYPES). */
export function carriesExif(mime: string | undefined): boolean {
  return mime !== undefined && WITH_EXIF.has(mime);
}

/** A stored capture time: ISO 8601 local time, with the camera's offset when it recorded one. */
export const TAKEN_AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?$/;

/** The capture time as an attachment stores it (see the file's comment), undefined without one. */
export function takenAtText(e: ExifInfo): string | undefined {
  if (e.takenAt === undefined) return undefined;
  const o = e.takenAtOffset;
  if (o === undefined || o === null) return e.takenAt;
  const a = Math.abs(o);
  return `${e.takenAt}${o < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A record's capture time as stored: the text when it has the stored form, else null (never trusted as given). */
export function validTakenAt(v: unknown): string | null {
  return typeof v === 'string' && TAKEN_AT_RE.test(v) ? v : null;
}

/** The capture time of image bytes as an attachment stores it, null when they carry none. */
export async function takenAtOf(bytes: Uint8Array): Promise<string | null> {
  const e = await readExif(bytes);
  return (e && takenAtText(e)) ?? null;
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
