/**
 * Conformance: text recognised in image attachments (issue 23 part 3): which attachments wait for it (images
 * whose bytes the case holds), their bytes, results stored and replaced per attachment with their engine,
 * languages and confidence, the entities found in them stored as mentions of the photo's message that name the
 * photo (counted among the case's entities, never among the message's own text spans), the ocr: filter;
 * refused for an attachment of no case; never changing a source record; moving the change counter.
 */
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../model/entities.js';
import type { ClewRecord } from '../../model/records.js';
import { parseQuery } from '../../text/query/parse.js';
import { openCase } from '../open.js';
import type { CaseStore, StoredOcr } from '../types.js';
import { type CaseFactory, HOUR, codeOf, ingest, msg } from './support.js';

const T0 = Date.UTC(2022, 6, 1, 8);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:oana';
const B = 'sky:oboban';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);

const RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  msg(A, [B], at(1), 'evo slika', { nativeId: 'm1', attachments: ['p1', 'd1'] }),
  msg(B, [A], at(2), 'i druga', { nativeId: 'm2', attachments: ['p2'] }),
  msg(A, [B], at(3), 'bez slike', { nativeId: 'm3' }),
  { type: 'attachment', nativeId: 'p1', message: 'm1', filename: 'IMG_0001.JPG', content: JPEG },
  { type: 'attachment', nativeId: 'd1', message: 'm1', filename: 'racun.pdf', mime: 'application/pdf', content: new Uint8Array([0x25, 0x50, 0x44, 0x46]) },
  { type: 'attachment', nativeId: 'p2', message: 'm2', filename: 'screenshot', mime: 'image/png', content: PNG },
  // an image the source named but did not carry: nothing to read
  { type: 'attachment', nativeId: 'p3', message: 'm3', filename: 'missing.jpg', mime: 'image/jpeg', sha256: 'ab'.repeat(32) },
];

const result = (attachmentId: number, text: string, more: Partial<StoredOcr> = {}): StoredOcr => ({
  attachmentId,
  engine: 'tesseract',
  engineVersion: '5.3.0',
  languages: ['srp_latn', 'eng'],
  dataVersions: { srp_latn: '1:4.1.0-2', eng: '1:4.1.0-2' },
  text,
  confidence: 87.5,
  orientation: null,
  failure: null,
  failed: null,
  at: at(10),
  ...more,
});

const CONTAINER = 'MSCU1234566';

export function describeOcr(factory: CaseFactory): void {
  describe('text recognised in images', () => {
    it('list the images to read, store their text with its entities (the photo as provenance), find them by ocr:, replace a result, survive a reopen', async () => {
      const tc = await factory();
      let reopened: CaseStore | null = null;
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const todo = await s.ocrCandidates({ limit: 10 });
        expect(todo.map((c) => [c.filename, c.size])).toEqual([
          ['IMG_0001.JPG', JPEG.length],
          ['screenshot', PNG.length],
        ]);
        const [p1, p2] = todo;
        const m1 = (await s.search(parseQuery('evo', 'folded'), { limit: 1 })).hits[0]!.id;
        const m2 = (await s.search(parseQuery('druga', 'folded'), { limit: 1 })).hits[0]!.id;
        expect(p1).toMatchObject({ messageId: m1, mime: null });
        expect(p2).toMatchObject({ messageId: m2, mime: 'image/png' });
        expect(await s.ocrCandidates({ limit: 1, after: p1!.attachmentId })).toEqual([p2]);
        expect(await s.ocrCounts()).toEqual({ images: 2, done: 0 });
        expect(await s.blob(p2!.sha256)).toEqual(PNG);
        expect(await s.blob('00'.repeat(32))).toBeNull();

        const gen0 = await s.generation();
        const text = `Bill of lading\nContainer ${CONTAINER} Antwerpen`;
        const start = text.indexOf(CONTAINER);
        const mention: Mention = { type: 'container', start, end: start + CONTAINER.length, raw: CONTAINER, value: CONTAINER, confidence: 1 };
        const r1 = result(p1!.attachmentId, text, { orientation: 6 });
        const r2 = result(p2!.attachmentId, '', { confidence: null, failure: 'timeout', failed: 'Tesseract took longer than 120 s' });
        await s.saveOcr([
          { ocr: r1, messageId: m1, mentions: [mention] },
          { ocr: r2, messageId: m2, mentions: [] },
        ]);
        expect(await s.generation()).toBeGreaterThan(gen0);
        expect(await s.ocrOf([p2!.attachmentId, p1!.attachmentId, 424_242])).toEqual([r2, r1]);
        expect(await s.ocrOfMessages([m1, m2])).toEqual([
          { messageId: m1, filename: 'IMG_0001.JPG', ocr: r1 },
          { messageId: m2, filename: 'screenshot', ocr: r2 },
        ]);
        expect(await s.ocrCandidates({ limit: 10 })).toEqual([]);
        expect((await s.ocrCandidates({ limit: 10, again: true })).length).toBe(2);
        expect(await s.ocrCounts()).toEqual({ images: 2, done: 2 });

        // ocr: finds the message by a word of its photo (folded: case and accents do not count), every word asked for
        const ids = async (st: CaseStore, q: string) => (await st.search(parseQuery(q, 'folded'), { limit: 10 })).hits.map((h) => h.id);
        expect(await ids(s, `ocr:${CONTAINER.toLowerCase()}`)).toEqual([m1]);
        expect(await ids(s, 'ocr:"bill of lading" ocr:antwerpen')).toEqual([m1]);
        expect(await ids(s, 'ocr:lading ocr:rotterdam')).toEqual([]);
        expect(await ids(s, 'evo ocr:container')).toEqual([m1]);
        expect(await ids(s, 'druga ocr:container')).toEqual([]);
        // the photo's container number is an entity of the case, with the photo named as where it was found
        const ent = (await s.entities({ type: 'container', limit: 10 })).find((e) => e.value === CONTAINER)!;
        expect(ent).toMatchObject({ mentions: 1, messages: 1 });
        expect(await ids(s, `entity:container=${CONTAINER}`)).toEqual([m1]);
        // never among the message's own text spans
        expect((await s.mentions(m1)).filter((m) => m.value === CONTAINER)).toEqual([]);

        // a result replaced: its entities with it
        const again = result(p1!.attachmentId, 'nothing legible', { at: at(11), confidence: 12 });
        await s.saveOcr([{ ocr: again, messageId: m1, mentions: [] }]);
        expect(await s.ocrOf([p1!.attachmentId])).toEqual([again]);
        expect((await s.entities({ type: 'container', limit: 10 })).find((e) => e.value === CONTAINER)).toBeUndefined();
        expect(await ids(s, `ocr:${CONTAINER}`)).toEqual([]);
        await s.saveOcr([{ ocr: r1, messageId: m1, mentions: [mention] }]);

        // the source records are untouched
        expect((await s.message(m1)).body).toBe('evo slika');

        reopened = await openCase(tc.locator, { readonly: true });
        expect(await reopened.ocrOf([p1!.attachmentId])).toEqual([r1]);
        expect(await ids(reopened, `ocr:${CONTAINER}`)).toEqual([m1]);
        expect(await codeOf(reopened.saveOcr([{ ocr: r1, messageId: m1, mentions: [] }]))).toBe('CASE_READ_ONLY');
      } finally {
        await reopened?.close();
        await tc.cleanup();
      }
    });

    it('an ordinary search (folded, no ocr: filter) also finds the messages by the words of their images, once each, with the other filters, paged and counted', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [p1, p2] = await s.ocrCandidates({ limit: 10 });
        const m1 = p1!.messageId!;
        const m2 = p2!.messageId!;
        const ids = async (q: string, mode: 'folded' | 'exact' = 'folded') => (await s.search(parseQuery(q, mode), { limit: 10 })).hits.map((h) => h.id);
        // nothing read yet: the words of the photo are nowhere
        expect(await ids('lading')).toEqual([]);
        await s.saveOcr([
          { ocr: result(p1!.attachmentId, `Bill of Lading\nContainer ${CONTAINER} ANTWERPEN`), messageId: m1, mentions: [] },
          { ocr: result(p2!.attachmentId, 'druga slika, Kokaín'), messageId: m2, mentions: [] },
        ]);
        expect(await ids('lading')).toEqual([m1]);
        expect(await ids('antwerp*')).toEqual([m1]);
        expect(await ids('"bill of lading"')).toEqual([m1]);
        expect(await ids('"lading bill"')).toEqual([]);
        expect(await ids('kokain')).toEqual([m2]); // folded: accents and case do not count
        // newest first, each message once (m2's own text and its photo both say druga)
        expect(await ids('lading OR druga')).toEqual([m2, m1]);
        expect(await ids('druga')).toEqual([m2]);
        // the whole query on one text: the image's or the message's
        expect(await ids('lading -antwerpen')).toEqual([]);
        expect(await ids('lading antwerpen')).toEqual([m1]);
        expect(await ids('evo lading')).toEqual([]);
        // the other filters hold
        expect(await ids(`lading from:${A}`)).toEqual([m1]);
        expect(await ids(`lading from:${B}`)).toEqual([]);
        expect(await ids(`lading before:2022-07-01`)).toEqual([]);
        // exact mode reads the messages' own words only
        expect(await ids('lading', 'exact')).toEqual([]);
        // paged by cursor and counted
        const first = await s.search(parseQuery('lading OR druga', 'folded'), { limit: 1, count: 100 });
        expect(first.hits.map((h) => h.id)).toEqual([m2]);
        expect(first.total).toEqual({ count: 2, capped: false });
        const second = await s.search(parseQuery('lading OR druga', 'folded'), { limit: 1, cursor: first.nextCursor! });
        expect(second.hits.map((h) => h.id)).toEqual([m1]);
        expect(second.nextCursor).toBeNull();
        // a failed reading holds no words
        await s.saveOcr([{ ocr: result(p1!.attachmentId, '', { confidence: null, failure: 'timeout', failed: 'too slow' }), messageId: m1, mentions: [] }]);
        expect(await ids('lading')).toEqual([]);
      } finally {
        await tc.cleanup();
      }
    });

    it('refuse an attachment or message the case does not hold, or a row that cannot be stored, storing nothing', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const [p1] = await s.ocrCandidates({ limit: 1 });
        const gen0 = await s.generation();
        expect(await codeOf(s.saveOcr([{ ocr: result(p1!.attachmentId, 'x'), messageId: null, mentions: [] }, { ocr: result(424_242, 'x'), messageId: null, mentions: [] }]))).toBe('NOT_FOUND');
        expect(await codeOf(s.saveOcr([{ ocr: result(p1!.attachmentId, 'x'), messageId: 424_242, mentions: [] }]))).toBe('NOT_FOUND');
        const outside: Mention = { type: 'iban', start: 0, end: 99, raw: 'x', value: 'x', confidence: 1 };
        expect(await codeOf(s.saveOcr([{ ocr: result(p1!.attachmentId, 'x'), messageId: p1!.messageId, mentions: [outside] }]))).toBe('INVALID_ARGUMENT');
        expect(await codeOf(s.saveOcr([{ ocr: result(p1!.attachmentId, 'x', { orientation: 9 }), messageId: null, mentions: [] }]))).toBe('INVALID_ARGUMENT');
        expect(await codeOf(s.saveOcr([{ ocr: result(p1!.attachmentId, 'x', { languages: ["eng'; --"] }), messageId: null, mentions: [] }]))).toBe('INVALID_ARGUMENT');
        expect(await s.ocrOf([p1!.attachmentId])).toEqual([]);
        expect(await s.generation()).toBe(gen0);
        expect(await codeOf(async () => parseQuery('ocr:!!!', 'folded'))).toBe('QUERY_SYNTAX');
      } finally {
        await tc.cleanup();
      }
    });
  });
}
