import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachmentRecords, describeAttachment, exifTime, mimeOf } from './describe.js';
import { makeJpegWithExif } from '../../text/exif/test-support/jpeg-exif.js';

describe('describeAttachment', () => {
  it('hashes, sizes, sniffs and reads EXIF', async () => {
    const jpeg = makeJpegWithExif({ lat: 51.2637, lon: 4.3986, dateTimeOriginal: '2021:02:03 10:15:00' });
    const d = await describeAttachment(jpeg, 'photo.bin');
    expect(d.sha256).toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect(d.size).toBe(jpeg.length);
    expect(d.mime).toBe('image/jpeg');
    expect(d.exif?.lat).toBeCloseTo(51.2637, 5);
  });

  it('trusts bytes over the file name', async () => {
    expect((await describeAttachment(Buffer.from('%PDF-1.4'), 'holiday.jpg')).mime).toBe('application/pdf');
    expect(mimeOf(Buffer.from('hello'), 'notes.TXT')).toBe('text/plain');
    expect(mimeOf(Buffer.from('hello'), 'x.exe')).toBe('application/octet-stream');
  });
});

describe('attachmentRecords', () => {
  const jpeg = makeJpegWithExif({ lat: 51.2637, lon: 4.3986, dateTimeOriginal: '2021:02:03 10:15:00' });

  it('links the EXIF location to message and attachment, zone from the context', async () => {
    const r = await attachmentRecords(jpeg, {
      nativeId: 'a-1',
      message: 'm-1',
      filename: 'IMG_0042.jpg',
      maxBytes: 1 << 20,
      account: 'skyecc:4F2A9C',
      timeZone: 'Europe/Brussels',
    });
    expect(r.attachment).toMatchObject({ type: 'attachment', nativeId: 'a-1', message: 'm-1', mime: 'image/jpeg', size: jpeg.length });
    expect(r.attachment.content).toBe(jpeg);
    expect(r.location).toMatchObject({
      type: 'location',
      kind: 'exif',
      attachment: 'a-1',
      message: 'm-1',
      account: 'skyecc:4F2A9C',
      ts: Date.UTC(2021, 1, 3, 9, 15, 0),
      label: 'IMG_0042.jpg',
    });
  });

  it('drops the content over the cap but keeps hash and size', async () => {
    const r = await attachmentRecords(jpeg, { nativeId: 'a-2', filename: 'x.jpg', maxBytes: 10 });
    expect(r.attachment.content).toBeUndefined();
    expect(r.attachment.sha256).toHaveLength(64);
    expect(r.attachment.size).toBe(jpeg.length);
    expect(r.location?.ts).toBeUndefined(); // no zone, no offset: time unknown
  });

  it('keeps the EXIF capture time on the attachment, with or without a position, the camera\'s offset when recorded', async () => {
    expect((await attachmentRecords(jpeg, { nativeId: 'a-3', filename: 'x.jpg', maxBytes: 1 << 20 })).attachment.takenAt).toBe('2021-02-03T10:15:00');
    const timeOnly = makeJpegWithExif({ dateTimeOriginal: '2022:06:30 21:05:10', offsetTimeOriginal: '+05:45' });
    const r = await attachmentRecords(timeOnly, { nativeId: 'a-4', filename: 'y.jpg', maxBytes: 1 << 20, timeZone: 'Europe/Brussels' });
    expect(r.attachment.takenAt).toBe('2022-06-30T21:05:10+05:45');
    expect(r.location).toBeUndefined();
    const none = await attachmentRecords(makeJpegWithExif({ lat: 1, lon: 2 }), { nativeId: 'a-5', filename: 'z.jpg', maxBytes: 1 << 20 });
    expect(none.attachment.takenAt).toBeUndefined();
    expect(none.location).toBeDefined();
  });

  it('converts EXIF times with an offset without a zone', () => {
    expect(exifTime({ takenAt: '2021-02-03T10:15:00', takenAtOffset: -300 })).toBe(Date.UTC(2021, 1, 3, 15, 15, 0));
    expect(exifTime({ takenAt: '2021-02-30T10:15:00', takenAtOffset: 0 })).toBeUndefined();
  });
});
