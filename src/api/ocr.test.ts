/**
 * Reading a case's image attachments against the real Tesseract and a real SQLite case, on photos the test
 * renders itself with Chromium (src/text/ocr/test-support/render.ts): the container number and IBAN in a photo
 * are found by ocr: and ordinary entity search and listed as entities with the photo as provenance; a photo
 * stored sideways with its EXIF orientation is read upright; an attachment that is not an image is marked
 * failed with its reason and the job goes on. Skipped, saying so, without Tesseract's English data or Chromium.
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../model/records.js';
import { ingest, msg } from '../store/conformance/support.js';
import { openCase } from '../store/open.js';
import { orientPixels } from '../text/ocr/orientation.js';
import { detectTesseract } from '../text/ocr/tesseract.js';
import { withExifOrientation } from '../text/ocr/test-support/exif.js';
import { CHROMIUM, startRenderer, type Renderer } from '../text/ocr/test-support/render.js';
import { ocrCase, type OcrProgress } from './ocr.js';
import { search } from './search.js';
import { useTmp } from './test-support/tmp.js';

const engine = await detectTesseract();
const ready = engine !== null && engine.languages.some((l) => l.code === 'eng') && existsSync(CHROMIUM);
if (!ready) console.warn('SKIPPED src/api/ocr.test.ts: needs tesseract-ocr with English data and Chromium (run `npm test`, which installs them)');

const tmp = useTmp();
const CONTAINER = 'MSCU1234566';
const IBAN = 'RS35260005601001611379';
const T0 = Date.UTC(2022, 8, 1, 9);

describe.skipIf(!ready)("reading a case's images", () => {
  let render: Renderer;
  beforeAll(async () => {
    render = await startRenderer();
  }, 60_000);
  afterAll(async () => {
    await render?.close();
  });

  it('stores the text of each image, finds its container number by ocr: and as an entity with the photo as provenance, reads a sideways photo upright, marks a non-image failed', async () => {
    const bill = await render.photo({ lines: ['BILL OF LADING', `Container ${CONTAINER}`, 'Port of Antwerpen'], width: 1200, height: 900, fontScale: 0.04 });
    const slip = await render.photo({ lines: ['PAYMENT ORDER', `IBAN ${IBAN}`], width: 1200, height: 900, fontScale: 0.04, quality: 'png' });
    // a photo taken with the phone held sideways: stored turned anticlockwise, its EXIF saying to turn it clockwise (6)
    const { decode, encode } = await import('jpeg-js');
    const side = decode(await render.photo({ lines: ['SEAL NUMBER', 'HLXU8765432'], width: 1200, height: 900, fontScale: 0.05 }), { useTArray: true, formatAsRGBA: true });
    const turned = orientPixels(side.data, side.width, side.height, 8);
    const sideways = withExifOrientation(new Uint8Array(encode({ data: turned.data, width: turned.width, height: turned.height }, 92).data), 6);

    const records: ClewRecord[] = [
      { type: 'account', ref: 'sky:vuk', kind: 'pin', displayName: 'Vuk' },
      { type: 'account', ref: 'sky:zoki', kind: 'pin', displayName: 'Zoki' },
      msg('sky:vuk', ['sky:zoki'], T0, 'evo papira za kontejner', { nativeId: 'm1', attachments: ['a1'] }),
      msg('sky:zoki', ['sky:vuk'], T0 + 60_000, 'uplata ide sutra', { nativeId: 'm2', attachments: ['a2', 'a3'] }),
      msg('sky:vuk', ['sky:zoki'], T0 + 120_000, 'plomba', { nativeId: 'm3', attachments: ['a4'] }),
      { type: 'attachment', nativeId: 'a1', message: 'm1', filename: 'IMG_2201.jpg', mime: 'image/jpeg', content: new Uint8Array(bill) },
      { type: 'attachment', nativeId: 'a2', message: 'm2', filename: 'uplatnica.png', mime: 'image/png', content: new Uint8Array(slip) },
      { type: 'attachment', nativeId: 'a3', message: 'm2', filename: 'fake.jpg', mime: 'image/jpeg', content: new TextEncoder().encode('this is not an image') },
      { type: 'attachment', nativeId: 'a4', message: 'm3', filename: 'IMG_2202.jpg', content: sideways },
    ];
    const path = join(tmp(), 'case.clew');
    const s = await openCase(path, { create: true });
    try {
      await ingest(s, records, { analyse: true });
      const progress: OcrProgress[] = [];
      const r = await ocrCase(s, { onProgress: (p) => progress.push(p) }, engine);
      expect(r).toMatchObject({ images: 4, withText: 3, total: { images: 4, done: 4 } });
      expect(r.failed).toEqual([expect.objectContaining({ filename: 'fake.jpg', failure: 'not-an-image' })]);
      expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
      expect(progress.at(-1)!.total).toBe(4);

      // by ocr:, and by the entity found in the photo
      const found = (await search(s, { query: `ocr:${CONTAINER}` })).hits;
      expect(found.map((h) => h.snippet.text)).toEqual(['evo papira za kontejner']);
      // the hit shows the image's text, the word highlighted
      const im = found[0]!.images![0]!;
      expect(im.filename).toBe('IMG_2201.jpg');
      expect(im.snippet.highlights.map(([a, b]) => im.snippet.text.slice(a, b))).toEqual([CONTAINER]);
      expect((await search(s, { query: `entity:iban=${IBAN}` })).hits.map((h) => h.snippet.text)).toEqual(['uplata ide sutra']);
      expect((await search(s, { query: 'ocr:hlxu8765432' })).hits.map((h) => h.snippet.text)).toEqual(['plomba']);
      const containers = await s.entities({ type: 'container', limit: 10 });
      expect(containers.map((e) => e.value)).toContain(CONTAINER);

      // stored with the attachment: engine, languages, confidence, the orientation applied; the photo is the entity's provenance
      const hit = (await search(s, { query: `ocr:${CONTAINER}` })).hits[0]!;
      const [stored] = await s.ocrOfMessages([hit.id]);
      expect(stored!.filename).toBe('IMG_2201.jpg');
      expect(stored!.ocr).toMatchObject({ engine: 'tesseract', engineVersion: engine!.version, failure: null, orientation: null });
      expect(stored!.ocr.languages).toContain('eng');
      expect(stored!.ocr.confidence).toBeGreaterThan(50);
      expect(stored!.ocr.text).toContain(CONTAINER);
      const side3 = (await search(s, { query: 'ocr:hlxu8765432' })).hits[0]!;
      expect((await s.ocrOfMessages([side3.id]))[0]!.ocr.orientation).toBe(6);
      const raw = s as unknown as { raw: Database.Database };
      const attrs = raw.raw.prepare(`SELECT attrs FROM mentions WHERE type = 'container' AND value = ?`).pluck().get(CONTAINER) as string;
      expect(JSON.parse(attrs)).toMatchObject({ ocr: stored!.ocr.attachmentId });
      // the message's own text spans are the body's only
      expect((await s.mentions(hit.id)).some((m) => m.value === CONTAINER)).toBe(false);

      // a second run has nothing left to read; --again reads them all again
      expect(await ocrCase(s, {}, engine)).toMatchObject({ images: 0 });
      expect(await ocrCase(s, { again: true, limit: 1 }, engine)).toMatchObject({ images: 1 });
    } finally {
      await s.close();
    }
  }, 300_000);

  it('says plainly when Tesseract is not installed', async () => {
    const s = await openCase(join(tmp(), 'none.clew'), { create: true });
    try {
      const e = await ocrCase(s, {}, null).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/Tesseract is not installed.*apt-get install/) });
    } finally {
      await s.close();
    }
  });
});
