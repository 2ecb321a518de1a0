/** A small case with hostile and right-to-left content, for the server and browser tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';

export const XSS = '<img src=x onerror=window.__xss=1>';
export const ARABIC = 'الشحنة وصلت إلى الميناء، كافا جاهزة';

function line(from: string, to: string, minute: number, body: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'message', from, to: [to], ts: new Date(Date.UTC(2021, 2, 1, 10, minute)).toISOString(), body, conversation: 'chat-1', ...extra });
}

/** Writes `dir/<xss>.jsonl` (a hostile file name) and ingests it into `dir/case.clew`. */
export async function buildTestCase(dir: string): Promise<{ casePath: string; sourcePath: string }> {
  mkdirSync(dir, { recursive: true });
  const lines = [
    JSON.stringify({ type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: `<script>window.__xss=2</script>Kum ${XSS}` }),
    JSON.stringify({ type: 'account', ref: 'skyecc:BBB222', kind: 'pin', display_name: 'أبو خالد' }),
    JSON.stringify({ type: 'conversation', ref: 'chat-1', title: `Chat <b onmouseover=window.__xss=3>1</b>` }),
    line('skyecc:AAA111', 'skyecc:BBB222', 0, 'dobro jutro, kafa stiže sutra, zovi +381641234567'),
    line('skyecc:BBB222', 'skyecc:AAA111', 1, ARABIC),
    line('skyecc:AAA111', 'skyecc:BBB222', 2, `the kafa is here ${XSS} javascript:alert(1)`),
    line('skyecc:BBB222', 'skyecc:AAA111', 3, 'Контејнер у Бару, кафа 850 кг'),
  ];
  for (let i = 0; i < 120; i++) lines.push(line('skyecc:AAA111', 'skyecc:BBB222', 10 + i, `filler kafa message ${i}`, { conversation: 'chat-2' }));
  lines.push('{"type":"message","broken":');
  const sourcePath = join(dir, `src ${XSS.replace(/[/]/g, '')}.jsonl`);
  writeFileSync(sourcePath, lines.join('\n') + '\n');
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, sourcePath));
  return { casePath, sourcePath };
}

/** A coordinate pair (its entity value "44.8125,20.4612" holds a comma) in a message of a second source. */
export const COORDINATE = { body: 'meet at 44.8125, 20.4612 tonight', value: '44.8125,20.4612' };

/** Ingests a second source into a test case: one message from Kum with COORDINATE, in its own conversation. */
export async function addCoordinateSource(dir: string, casePath: string): Promise<void> {
  const sourcePath = join(dir, 'second.jsonl');
  writeFileSync(sourcePath, line('skyecc:AAA111', 'skyecc:BBB222', 200, COORDINATE.body, { conversation: 'chat-3' }) + '\n');
  await withCase(casePath, {}, (s) => ingestFile(s, sourcePath));
}

/** Calls between Kum and أبو خالد around the test case's first messages (a second source), the first with a hostile id. */
export const CALLS = [
  { type: 'call', id: `k-1 ${XSS}`, from: 'skyecc:AAA111', to: 'skyecc:BBB222', ts: '2021-03-01T10:00:30Z', duration: 74 },
  { type: 'call', id: 'k-2', from: 'skyecc:BBB222', to: 'skyecc:AAA111', ts: '2021-03-01T10:02:30Z', duration: 0 },
  { type: 'call', id: 'k-3', from: 'skyecc:AAA111', to: 'skyecc:CCC333', ts: '2021-03-01T11:00:00Z', duration: 3605, lat: 42.0937, lon: 19.0905 },
];

/** Ingests CALLS into a test case as a second source (`calls.jsonl`). */
export async function addCallSource(dir: string, casePath: string): Promise<void> {
  const sourcePath = join(dir, 'calls.jsonl');
  writeFileSync(sourcePath, CALLS.map((c) => JSON.stringify(c)).join('\n') + '\n');
  await withCase(casePath, {}, (s) => ingestFile(s, sourcePath));
}
