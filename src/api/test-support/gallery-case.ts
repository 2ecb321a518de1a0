/**
 * The gallery tests' case (route, team and browser tests): messages with real image attachments (a JPEG
 * with an EXIF position, a PNG, a JPEG with an EXIF capture time and no position, described as ingest
 * describes it), and hostile ones: a decompression bomb's header claiming image/png, text
 * claiming image/jpeg, an HTML page claiming image/png, a file name with markup, an image the source named
 * without carrying it, and a PDF.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClewRecord } from '../../model/records.js';
import { ingest, msg } from '../../store/conformance/support.js';
import type { CaseStore } from '../../store/types.js';
import { withCase } from '../case.js';
import { attachmentRecords } from '../../ingest/attachments/describe.js';
import { makeJpegWithExif } from '../../text/exif/test-support/jpeg-exif.js';
import { makeJpeg, makePng, pngBomb } from './images.js';

export const GA = 'sky:galana';
export const GB = 'sky:galboban';
export const GC = 'sky:galcane';
export const GALLERY_XSS = '<img src=x onerror="window.__xss=11">.jpg';
export const HTML_PAGE = '<html><body><script>window.__xss=12</script><h1>pwned</h1></body></html>';
const T0 = Date.UTC(2022, 6, 1, 8);
export const GALLERY_EXIF = { lat: 51.2194, lon: 4.4025, ts: T0 + 30 * 60_000 };

/** Attachment file names in id order. */
export const GALLERY_FILES = ['luka.jpg', 'racun.pdf', 'screenshot.png', 'bomb.png', 'fake.jpg', 'page.png', GALLERY_XSS, 'missing.jpg', 'kamion.jpg'];
/** kamion.jpg's EXIF capture time (no GPS position), as stored. */
export const GALLERY_TAKEN_AT = '2022-06-30T21:05:10+02:00';

export async function galleryRecords(): Promise<ClewRecord[]> {
  const at = (m: number) => T0 + m * 60_000;
  return [
    { type: 'account', ref: GA, kind: 'pin', displayName: 'Ana' },
    { type: 'account', ref: GB, kind: 'pin', displayName: 'Boban' },
    { type: 'account', ref: GC, kind: 'pin', displayName: 'Cane' },
    { type: 'conversation', ref: 'gal-g1', title: 'Luka' },
    msg(GA, [GB], at(60), 'evo slike iz luke', { nativeId: 'gm1', attachments: ['ga1', 'ga2'] }),
    msg(GB, [GA], at(61), 'i screenshot', { nativeId: 'gm2', attachments: ['ga3', 'ga9'] }),
    msg(GC, [GA, GB], at(62), 'grupne datoteke', { nativeId: 'gm3', conversation: 'gal-g1', attachments: ['ga4', 'ga5', 'ga6', 'ga7', 'ga8'] }),
    { type: 'attachment', nativeId: 'ga1', message: 'gm1', filename: 'luka.jpg', mime: 'image/jpeg', content: makeJpeg(800, 600) },
    { type: 'attachment', nativeId: 'ga2', message: 'gm1', filename: 'racun.pdf', mime: 'application/pdf', content: new TextEncoder().encode('%PDF-1.4\n%fake\n') },
    { type: 'attachment', nativeId: 'ga3', message: 'gm2', filename: 'screenshot.png', mime: 'image/png', content: makePng(300, 500) },
    { type: 'attachment', nativeId: 'ga4', message: 'gm3', filename: 'bomb.png', mime: 'image/png', content: pngBomb(100_000, 100_000) },
    { type: 'attachment', nativeId: 'ga5', message: 'gm3', filename: 'fake.jpg', mime: 'image/jpeg', content: new TextEncoder().encode('this is not an image at all') },
    { type: 'attachment', nativeId: 'ga6', message: 'gm3', filename: 'page.png', mime: 'image/png', content: new TextEncoder().encode(HTML_PAGE) },
    { type: 'attachment', nativeId: 'ga7', message: 'gm3', filename: GALLERY_XSS, mime: 'image/jpeg', content: makeJpeg(64, 64, [250, 250, 0], [0, 200, 0]) },
    { type: 'attachment', nativeId: 'ga8', message: 'gm3', filename: 'missing.jpg', mime: 'image/jpeg', sha256: 'cd'.repeat(32), size: 2048 },
    { type: 'location', kind: 'exif', lat: GALLERY_EXIF.lat, lon: GALLERY_EXIF.lon, ts: GALLERY_EXIF.ts, account: GA, message: 'gm1', attachment: 'ga1', label: 'luka.jpg' },
    // a photo with its capture time in EXIF and no position, as ingest describes it
    (await attachmentRecords(makeJpegWithExif({ dateTimeOriginal: '2022:06:30 21:05:10', offsetTimeOriginal: '+02:00', image: makeJpeg(200, 100) }), { nativeId: 'ga9', message: 'gm2', filename: 'kamion.jpg', maxBytes: 1 << 20 })).attachment,
  ];
}

/** Write the gallery's records into an open case (a new source). */
export async function fillGallery(store: CaseStore): Promise<void> {
  await ingest(store, await galleryRecords(), { sha: 'ga', name: 'gallery.jsonl' });
}

/** A SQLite case `dir/case.clew` holding the gallery's records. */
export async function buildGalleryCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, fillGallery);
  return casePath;
}
