/**
 * A small case for the map tests: a shipment conversation naming Guayaquil, Lomé and Antwerp in
 * that order (with repeats), a one-to-one pair whose two place mentions are too far apart to be a
 * route, a coordinate and a map link, a shared location tied to a message, an EXIF position of an
 * attachment, and an antenna record whose label is an XSS payload.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCase } from '../case.js';
import { ingestFile } from '../ingest.js';

export const MAP_XSS = '<img src=x onerror=window.__xss=5>';
export const A = 'skyecc:AAA111';
export const B = 'skyecc:BBB222';
export const C = 'skyecc:CCC333';

const t = (day: number, minute = 0) => new Date(Date.UTC(2021, 2, day, 10, minute)).toISOString();

export const MAP_LINES: Record<string, unknown>[] = [
  { type: 'account', ref: A, kind: 'pin', display_name: `Kum ${MAP_XSS}` },
  { type: 'account', ref: B, kind: 'pin', display_name: 'Supplier' },
  { type: 'account', ref: C, kind: 'pin', display_name: 'Buyer' },
  { type: 'conversation', ref: 'ship-1', title: 'load', members: [A, B] },
  { type: 'message', id: 'm1', from: B, conversation: 'ship-1', ts: t(1), body: 'The load leaves from Guayaquil next week' },
  { type: 'message', id: 'm2', from: A, conversation: 'ship-1', ts: t(2), body: 'Good, Guayaquil people are ready?' },
  { type: 'message', id: 'm3', from: B, conversation: 'ship-1', ts: t(4), body: 'It goes via Lomé, the port there is easy' },
  { type: 'message', id: 'm4', from: B, conversation: 'ship-1', ts: t(9), body: 'Container arrives in Antwerp on Friday' },
  { type: 'message', id: 'm5', from: A, conversation: 'ship-1', ts: t(10), body: 'Back in Guayaquil they want the money' },
  { type: 'message', id: 'm6', from: A, to: [C], ts: t(3), body: 'meet me in Rotterdam' },
  { type: 'message', id: 'm7', from: C, to: [A], ts: t(28), body: 'the people from Santos called' },
  { type: 'message', id: 'm8', from: C, to: [A], ts: t(5), body: 'I am here 44.8125, 20.4612 come now' },
  { type: 'message', id: 'm9', from: A, to: [C], ts: t(6), body: 'https://www.google.com/maps/@51.2194,4.4025,15z', attachments: ['att-1'] },
  { type: 'attachment', id: 'att-1', message: 'm9', filename: 'photo.jpg', mime: 'image/jpeg' },
  { type: 'location', kind: 'exif', lat: 51.2, lon: 4.4, attachment: 'att-1' },
  { type: 'location', kind: 'shared', lat: 44.8125, lon: 20.4612, account: C, message: 'm8', ts: t(5) },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: A, ts: t(7), label: `cell ${MAP_XSS}` },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: A, ts: t(8), label: `cell ${MAP_XSS}` },
];

/** Writes `dir/map.jsonl` and ingests it into `dir/case.clew`. */
export async function buildMapCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'map.jsonl');
  writeFileSync(source, MAP_LINES.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, source));
  return casePath;
}
