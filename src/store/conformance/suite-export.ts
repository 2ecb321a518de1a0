/**
 * Conformance: a case read back out as records (ExportPort, clew export). Every expected value
 * is worked out from the records written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import type { ExportItem } from '../types.js';
import { type CaseFactory, type TestCase, HOUR, call, codeOf, collect, filters, ingest, msg } from './support.js';

const T0 = Date.UTC(2022, 4, 2, 9);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:ana';
const B = 'sky:boban';
const C = 'phone:+381641112233';

const SOURCE_A: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin' },
  { type: 'conversation', ref: 'g1', title: 'Posao', members: [A, B] },
  msg(A, [B], at(1), 'kafa stize', { nativeId: 'm1', tzOffset: 120, tsLocal: '2022-05-02 11:00' }),
  { type: 'attachment', nativeId: 'f1', message: 'm1', filename: 'slika.jpg', mime: 'image/jpeg', size: 10, sha256: 'ab'.repeat(32) },
  msg(B, [], at(2), 'svima', { conversation: 'g1' }),
  msg(B, [A], at(3), 'obrisano', { edited: true, deleted: true, channel: 'sms', subject: 'Re' }),
  msg(A, [B], at(1), 'kafa stize', { nativeId: 'm1b' }), // a duplicate of m1 (kept: an import links it again)
  call(A, C, at(4), 42),
  { type: 'contact', owner: A, contact: C, name: 'Cale' },
  { type: 'device', account: A, identifiers: { imei: '356938035643809', model: 'Pixel' } },
  { type: 'location', kind: 'exif', lat: 44.8, lon: 20.46, ts: at(1), account: A, attachment: 'f1', label: 'Beograd' },
  { type: 'event', kind: 'joined', ts: at(0.5), tzOffset: 0, actor: B, conversation: 'g1', text: 'Boban joined' },
  { type: 'attachment', nativeId: 'f2', filename: 'alone.txt' },
];
const SOURCE_B: ClewRecord[] = [msg(C, [A], at(5), 'druga datoteka', { channel: 'sms' })];

/** A comparable form of records (order-free, undefined fields dropped). */
const norm = (rs: readonly ClewRecord[]) => rs.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))))).sort();

const byType = (items: readonly ExportItem[], t: ClewRecord['type']) => items.filter((i) => i.record.type === t);

export function describeExport(factory: CaseFactory): void {
  describe('export: the case back as records', () => {
    let tc: TestCase | undefined;
    beforeAll(async () => {
      tc = await factory();
      await ingest(tc.store, SOURCE_A, { sha: 'a', name: 'a.jsonl' });
      await ingest(tc.store, SOURCE_B, { sha: 'b', name: 'b.jsonl' });
    }, 120_000);
    afterAll(async () => {
      await tc?.cleanup();
    });
    const sc = { store: () => tc!.store };

    it('gives back every record written, with its source and locator', async () => {
      const store = sc.store();
      const items = await collect(store.exportRecords());
      const sources = new Map((await store.sources()).map((s) => [s.id, s]));
      // accounts: every account, with kind and display name; C was created by its reference only
      expect(norm(byType(items, 'account').map((i) => i.record))).toEqual(
        norm([{ type: 'account', ref: A, kind: 'pin', displayName: 'Ana' }, { type: 'account', ref: B, kind: 'pin' }, { type: 'account', ref: C }]),
      );
      expect(byType(items, 'account').every((i) => i.provenance === null)).toBe(true);
      const expected = [...SOURCE_A, ...SOURCE_B].filter((r) => r.type !== 'account');
      const got = items.filter((i) => i.record.type !== 'account').map((i) => i.record);
      // the message addressed to the conversation's members is exported as such (no explicit recipients)
      expect(norm(got)).toEqual(
        norm(
          expected.map((r) => {
            if (r.type === 'message' && r.nativeId === 'm1') return { ...r, attachments: ['f1'] };
            if (r.type === 'call') return { ...r, channel: 'call' };
            return r;
          }),
        ),
      );
      // provenance: the source and the line each record was written at
      for (const it of items.filter((i) => i.record.type !== 'account')) {
        const src = sources.get(it.provenance!.sourceId)!;
        const list = src.name === 'a.jsonl' ? SOURCE_A : SOURCE_B;
        if (it.record.type === 'conversation') {
          expect(it.provenance!.locator).toBeNull();
          continue;
        }
        const line = it.provenance!.locator!.line!;
        expect(list[line - 1]!.type).toBe(it.record.type);
      }
      // each message is followed by its attachments
      const i = items.findIndex((x) => x.record.type === 'message' && x.record.nativeId === 'm1');
      expect(items[i + 1]!.record).toMatchObject({ type: 'attachment', nativeId: 'f1', message: 'm1' });
    });

    it('exports some messages with the accounts and conversations they reference; unknown ids are NOT_FOUND', async () => {
      const store = sc.store();
      const page = await store.search(filters({}), { limit: 50 });
      const svima = page.hits.find((h) => h.body === 'svima')!;
      const kafa = page.hits.find((h) => h.body === 'kafa stize')!;
      const some = await collect(store.exportRecords({ messageIds: [svima.id, kafa.id, svima.id] }));
      expect(some.map((x) => x.record.type)).toEqual(['account', 'account', 'conversation', ...(svima.id < kafa.id ? ['message', 'message', 'attachment'] : ['message', 'attachment', 'message'])]);
      expect(norm(byType(some, 'conversation').map((x) => x.record))).toEqual(norm([{ type: 'conversation', ref: 'g1', title: 'Posao', members: [A, B] }]));
      expect(await codeOf(collect(store.exportRecords({ messageIds: [svima.id, 999_999_999_999] })))).toBe('NOT_FOUND');
    });

    it('an empty case exports nothing, whatever the other cases hold', async () => {
      const tc = await factory();
      try {
        expect(await collect(tc.store.exportRecords())).toEqual([]);
      } finally {
        await tc.cleanup();
      }
    });
  });
}
