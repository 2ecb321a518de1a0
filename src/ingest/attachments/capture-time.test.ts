import { describe, expect, it } from 'vitest';
import type { AttachmentRecord } from '../../model/records.js';
import { makeJpegWithExif } from '../../text/exif/test-support/jpeg-exif.js';
import { fillCaptureTimes } from './capture-time.js';

const photo = makeJpegWithExif({ dateTimeOriginal: '2021:03:01 09:58:12', offsetTimeOriginal: '+01:00' });
const att = (over: Partial<AttachmentRecord>): AttachmentRecord => ({ type: 'attachment', nativeId: 'a', filename: 'IMG.jpg', mime: 'image/jpeg', content: photo, ...over });

describe('fillCaptureTimes', () => {
  it("sets the capture time of a held photo and leaves what the stores' backfill would leave", async () => {
    const items = [
      { kind: 'record', record: att({ nativeId: 'held' }) },
      { kind: 'record', record: att({ nativeId: 'timed', takenAt: '2020-01-01T00:00:00' }) },
      { kind: 'record', record: att({ nativeId: 'named only', content: undefined }) },
      { kind: 'record', record: att({ nativeId: 'no type', mime: undefined }) },
      { kind: 'record', record: att({ nativeId: 'a pdf', mime: 'application/pdf' }) },
      { kind: 'record', record: att({ nativeId: 'not an image', content: new TextEncoder().encode('<script>x</script>') }) },
      { kind: 'reject' },
    ];
    await fillCaptureTimes(items);
    const times = items.map((i) => ('record' in i && i.record?.type === 'attachment' ? (i.record.takenAt ?? null) : 'reject'));
    expect(times).toEqual(['2021-03-01T09:58:12+01:00', '2020-01-01T00:00:00', null, null, null, null, 'reject']);
  });
});
