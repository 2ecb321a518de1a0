/**
 * The EXIF capture time of attachments stored before the attachments table had one (SQLite schema 8,
 * PostgreSQL schema 12), read again from the photos the case holds: both backends' backfill
 * (sqlite/taken-at.ts, the PostgreSQL migration's case step). Each held image is read once, by its
 * SHA-256, one at a time (a case may hold gigabytes of photos); every attachment with those bytes gets
 * the time. What the case does not hold (the source named a file without carrying it) stays without.
 */
import { EXIF_IMAGE_TYPES, takenAtOf } from '../text/exif/exif.js';

/** Attachments (alias a) whose capture time the backfill looks for: images by type, bytes named, no time yet. */
export const TAKEN_AT_CANDIDATES = `a.taken_at IS NULL AND a.sha256 IS NOT NULL AND a.mime IN (${EXIF_IMAGE_TYPES.map((t) => `'${t}'`).join(', ')})`;

/** The capture times found in these photos, as [takenAt, sha256] pairs; `bytesOf` fetches one photo's bytes. */
export async function readTakenAts(shas: readonly string[], bytesOf: (sha: string) => Promise<Uint8Array | null> | Uint8Array | null): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const sha of shas) {
    const bytes = await bytesOf(sha);
    const t = bytes ? await takenAtOf(bytes) : null;
    if (t !== null) found.push([t, sha]);
  }
  return found;
}
