/** Ingest reads the capture time of the photos its parser did not describe (ingest/attachments/capture-time.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpegWithExif } from '../text/exif/test-support/jpeg-exif.js';
import { openCase } from './case.js';
import { galleryOf } from './gallery.js';
import { ingestFile } from './ingest.js';

const photo = makeJpegWithExif({ dateTimeOriginal: '2021:03:01 09:58:12', offsetTimeOriginal: '+01:00' });

describe('ingest and capture times', () => {
  it('gives a photo of a WhatsApp export its capture time at ingest, as the migration gives it to a case made before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-capture-'));
    try {
      writeFileSync(join(dir, '_chat.txt'), '01.03.21, 10:00 - Ana Primer: IMG-20210301-WA0001.jpg (file attached)\n');
      writeFileSync(join(dir, 'IMG-20210301-WA0001.jpg'), photo);
      const store = await openCase(join(dir, 'case.clew'), { create: true });
      try {
        await ingestFile(store, join(dir, '_chat.txt'), { analyse: false });
        const g = await galleryOf(store, {});
        expect(g.items.map((i) => [i.filename, i.takenAt])).toEqual([['IMG-20210301-WA0001.jpg', '2021-03-01T09:58:12+01:00']]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
