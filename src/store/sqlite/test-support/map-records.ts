/**
 * The records of the map tests' case: a shipment conversation naming Guayaquil, Lomé and Antwerp
 * in that order (with repeats), a one-to-one pair whose two place mentions are 25 days apart, a
 * coordinate and a map link, a shared location tied to a message, an EXIF position of an
 * attachment, and an antenna whose label is an XSS payload. Written straight through the store
 * here; src/api/test-support/map-case.ts writes the same records as a canonical JSONL file.
 */
import type { ClewRecord } from '../../../model/records.js';
import { openSqliteCase } from '../store.js';
import { analyserFor } from '../../conformance/support.js';

export const MAP_XSS = '<img src=x onerror=window.__xss=5>';
export const A = 'skyecc:AAA111';
export const B = 'skyecc:BBB222';
export const C = 'skyecc:CCC333';

const t = (day: number) => Date.UTC(2021, 2, day, 10, 0);
const msg = (nativeId: string, from: string, day: number, body: string, to: string[], extra: Partial<ClewRecord> = {}): ClewRecord =>
  ({ type: 'message', nativeId, from, to, channel: 'chat', ts: t(day), tzOffset: null, body, ...extra }) as ClewRecord;

export const MAP_RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: `Kum ${MAP_XSS}` },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Supplier' },
  { type: 'account', ref: C, kind: 'pin', displayName: 'Buyer' },
  { type: 'conversation', ref: 'ship-1', title: 'load', members: [A, B] },
  msg('m1', B, 1, 'The load leaves from Guayaquil next week', [], { conversation: 'ship-1' }),
  msg('m2', A, 2, 'Good, Guayaquil people are ready? I am still in Belgrade', [], { conversation: 'ship-1' }),
  msg('m3', B, 4, 'It goes via Lomé, the port there is easy', [], { conversation: 'ship-1' }),
  msg('m4', B, 9, 'Container arrives in Antwerp on Friday', [], { conversation: 'ship-1' }),
  msg('m5', A, 10, 'Back in Guayaquil they want the money', [], { conversation: 'ship-1' }),
  msg('m6', A, 3, 'meet me in Rotterdam', [C]),
  msg('m7', C, 28, 'the people from Santos called', [A]),
  msg('m8', C, 5, 'I am here 44.8125, 20.4612 come now', [A]),
  msg('m9', A, 6, 'https://www.google.com/maps/@51.2194,4.4025,15z', [C], { attachments: ['att-1'] }),
  { type: 'attachment', nativeId: 'att-1', message: 'm9', filename: 'photo.jpg', mime: 'image/jpeg' },
  { type: 'location', kind: 'exif', lat: 51.2, lon: 4.4, attachment: 'att-1' },
  { type: 'location', kind: 'shared', lat: 44.8125, lon: 20.4612, account: C, message: 'm8', ts: t(5) },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: A, ts: t(7), label: `cell ${MAP_XSS}` },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: A, ts: t(8), label: `cell ${MAP_XSS}` },
];

/** Write MAP_RECORDS into a new case at `path` (locators: line i + 1). */
export async function writeMapCase(path: string): Promise<void> {
  const store = openSqliteCase(path, { create: true, threadedWriter: false });
  try {
    const w = await store.beginSource({ path: 'map.jsonl', name: 'map.jsonl', size: 1, sha256: 'a'.repeat(64), format: 'canonical', options: {} });
    await w.writeBatch(
      (await analyserFor(store))(MAP_RECORDS.map((record, i) => ({ kind: 'record', record, locator: { line: i + 1 } }))),
      { offset: null, line: MAP_RECORDS.length + 1, itemsDone: MAP_RECORDS.length },
    );
    await w.finish();
  } finally {
    await store.close();
  }
}
