/**
 * The EXIF capture time of every photo a batch holds, for the parsers that do not read it
 * themselves (the chat exports, CASE/UCO: describe.ts reads it for e-mail, device dumps and UFED).
 * The rule is the stores' backfill's (store/taken-at.ts TAKEN_AT_CANDIDATES): an attachment whose
 * bytes the case keeps, of an image type that carries EXIF, without a time yet. So a case ingested
 * today and one migrated from before the column hold the same times.
 */
import type { ClewRecord } from '../../model/records.js';
import { carriesExif, takenAtOf } from '../../text/exif/exif.js';

/** Sets `takenAt` on the batch's attachment records that hold a photo with a capture time. */
export async function fillCaptureTimes(items: readonly { kind: string; record?: ClewRecord }[]): Promise<void> {
  for (const item of items) {
    const r = item.record;
    if (item.kind !== 'record' || r === undefined || r.type !== 'attachment' || r.takenAt !== undefined || r.content === undefined || !carriesExif(r.mime)) continue;
    const t = await takenAtOf(r.content);
    if (t !== null) r.takenAt = t;
  }
}
