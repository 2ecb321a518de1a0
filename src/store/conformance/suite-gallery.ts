/**
 * Conformance: the attachment gallery (issue 20 part 4): a scope's attachments (the whole case, the
 * messages some accounts sent or received, one conversation or direct exchange) by id with paging and
 * the images-only filter, each with its message (id, conversation, time, sender), whether the case
 * holds its bytes, its EXIF capture time (stored per attachment, with or without a position) and its EXIF
 * position; the capture time in the message's attachments too; one attachment by id; NOT_FOUND for a thread of no message.
 */
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { parseQuery } from '../../text/query/parse.js';
import type { GalleryItem } from '../types.js';
import { type CaseFactory, HOUR, codeOf, ingest, msg } from './support.js';

const T0 = Date.UTC(2022, 6, 1, 8);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:gana';
const B = 'sky:gboban';
const C = 'sky:gcane';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);

const RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  { type: 'account', ref: C, kind: 'pin', displayName: 'Cane' },
  { type: 'conversation', ref: 'g1', title: 'grupa' },
  msg(A, [B], at(1), 'prva slika', { nativeId: 'm1', attachments: ['p1', 'd1'] }),
  msg(B, [A], at(2), 'druga slika', { nativeId: 'm2', attachments: ['p2'] }),
  msg(C, [A, B], at(3), 'grupna slika', { nativeId: 'm3', conversation: 'g1', attachments: ['p3'] }),
  msg(C, [B], at(4), 'samo boban', { nativeId: 'm4', attachments: ['p4'] }),
  // a capture time without a position, the camera's zone not recorded
  { type: 'attachment', nativeId: 'p1', message: 'm1', filename: 'IMG_0001.JPG', mime: 'image/jpeg', content: JPEG, takenAt: '2022-07-01T09:40:00' },
  { type: 'attachment', nativeId: 'd1', message: 'm1', filename: 'racun.pdf', mime: 'application/pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]) },
  { type: 'attachment', nativeId: 'p2', message: 'm2', filename: 'luka.png', mime: 'image/png', content: PNG },
  // an image the source named but did not carry
  { type: 'attachment', nativeId: 'p3', message: 'm3', filename: 'missing.jpg', mime: 'image/jpeg', sha256: 'ab'.repeat(32), size: 12345 },
  { type: 'attachment', nativeId: 'p4', message: 'm4', filename: 'kontejner.png', mime: 'image/png', content: PNG, takenAt: '2022-07-01T13:05:09-03:30' },
  // a file of no message
  // (a capture time not in the stored form is not stored)
  { type: 'attachment', nativeId: 'o1', filename: 'notes.txt', mime: 'text/plain', content: new TextEncoder().encode('x'), takenAt: '2022-07-01 <b>noon</b>' },
  { type: 'location', kind: 'exif', lat: 51.2194, lon: 4.4025, ts: at(1.5), account: B, message: 'm2', attachment: 'p2', label: 'luka.png' },
];

const names = (items: readonly GalleryItem[]) => items.map((i) => i.filename);

export function describeGallery(factory: CaseFactory): void {
  describe('attachment gallery', () => {
    it('lists a scope’s attachments with their message, bytes held and EXIF, pages them, filters images, and finds one by id', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS);
        const ALL = ['IMG_0001.JPG', 'racun.pdf', 'luka.png', 'missing.jpg', 'kontejner.png', 'notes.txt'];
        const whole = await s.gallery({ kind: 'case' }, { limit: 50 });
        expect(names(whole.items)).toEqual(ALL);
        expect(whole.nextAfter).toBeNull();
        const ids = whole.items.map((i) => i.id);
        expect([...ids].sort((x, y) => x - y)).toEqual(ids);

        // paging: by id, `nextAfter` until the last page
        const p1 = await s.gallery({ kind: 'case' }, { limit: 4 });
        expect(names(p1.items)).toEqual(ALL.slice(0, 4));
        expect(p1.nextAfter).toBe(ids[3]);
        const p2 = await s.gallery({ kind: 'case' }, { limit: 4, after: p1.nextAfter! });
        expect(names(p2.items)).toEqual(ALL.slice(4));
        expect(p2.nextAfter).toBeNull();
        expect((await s.gallery({ kind: 'case' }, { limit: 2, after: ids[3]! })).nextAfter).toBeNull();

        // images only: by type or file name
        expect(names((await s.gallery({ kind: 'case' }, { limit: 50, imagesOnly: true })).items)).toEqual(['IMG_0001.JPG', 'luka.png', 'missing.jpg', 'kontejner.png']);

        // one row in full: its message, the bytes held, its EXIF position and time
        const m2 = (await s.search(parseQuery('druga', 'folded'), { limit: 1 })).hits[0]!.id;
        const luka = whole.items[2]!;
        expect(luka).toMatchObject({ filename: 'luka.png', mime: 'image/png', size: PNG.length, held: true, takenAt: null, exif: { lat: 51.2194, lon: 4.4025, ts: at(1.5) } });
        // the capture time of a photo without a position, with and without the camera's offset
        expect(whole.items.map((i) => [i.filename, i.takenAt, i.exif === null])).toEqual([
          ['IMG_0001.JPG', '2022-07-01T09:40:00', true],
          ['racun.pdf', null, true],
          ['luka.png', null, false],
          ['missing.jpg', null, true],
          ['kontejner.png', '2022-07-01T13:05:09-03:30', true],
          ['notes.txt', null, true],
        ]);
        // and in the message's attachments
        const m1 = (await s.search(parseQuery('prva', 'folded'), { limit: 1 })).hits[0]!.id;
        expect((await s.message(m1)).attachments.map((a) => [a.filename, a.takenAt])).toEqual([
          ['IMG_0001.JPG', '2022-07-01T09:40:00'],
          ['racun.pdf', null],
        ]);
        expect(luka.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(luka.message).toMatchObject({ id: m2, conversationId: null, ts: at(2), sender: { ref: B, displayName: 'Boban' } });
        const missing = whole.items[3]!;
        expect(missing).toMatchObject({ held: false, sha256: 'ab'.repeat(32), size: 12345, exif: null });
        expect(missing.message!.conversationId).not.toBeNull();
        expect(whole.items[5]).toMatchObject({ filename: 'notes.txt', message: null, held: true });
        expect(await s.galleryItem(luka.id)).toEqual(luka);
        expect(await s.galleryItem(424_242)).toBeNull();

        // a dossier: what the accounts sent or received (m1 is A's, m2 B's, m4 C's)
        const idOf = (ref: string) => (ref === A ? whole.items[0]! : ref === B ? luka : whole.items[4]!).message!.sender.id;
        expect(names((await s.gallery({ kind: 'accounts', accountIds: [idOf(A)] }, { limit: 50 })).items)).toEqual(['IMG_0001.JPG', 'racun.pdf', 'luka.png', 'missing.jpg']);
        expect(names((await s.gallery({ kind: 'accounts', accountIds: [idOf(C)] }, { limit: 50 })).items)).toEqual(['missing.jpg', 'kontejner.png']);
        expect(names((await s.gallery({ kind: 'accounts', accountIds: [idOf(A), idOf(C)] }, { limit: 50, imagesOnly: true })).items)).toEqual([
          'IMG_0001.JPG',
          'luka.png',
          'missing.jpg',
          'kontejner.png',
        ]);
        expect((await s.gallery({ kind: 'accounts', accountIds: [] }, { limit: 50 })).items).toEqual([]);

        // a conversation; a direct exchange (the same parties, either way)
        expect(names((await s.gallery({ kind: 'thread', messageId: missing.message!.id }, { limit: 50 })).items)).toEqual(['missing.jpg']);
        const direct = await s.gallery({ kind: 'thread', messageId: m2 }, { limit: 2 });
        expect(names(direct.items)).toEqual(['IMG_0001.JPG', 'racun.pdf']);
        expect(names((await s.gallery({ kind: 'thread', messageId: m2 }, { limit: 2, after: direct.nextAfter! })).items)).toEqual(['luka.png']);
        expect(await codeOf(s.gallery({ kind: 'thread', messageId: 999_999 }, { limit: 5 }))).toBe('NOT_FOUND');
      } finally {
        await tc.cleanup();
      }
    });
  });
}
