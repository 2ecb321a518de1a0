/**
 * A parse in a thread of its own (parse-thread.ts, parse-worker.ts): the same items, in the same
 * order, as the parser run in this thread, for a UFED report bare and in a .ufdr, whole and cut
 * off; a parser's ClewError arrives as the same code and message; stopping early stops the thread.
 *
 * The thread runs the compiled worker (dist/ingest/parse-worker.js): `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from './archive/test-support/zip-writer.js';
import { ufedParser } from './formats/ufed/parser.js';
import { fileSource, jsonItem } from './formats/whatsapp/filesource.js';
import type { ParseItem, SourceInput } from './parser.js';
import type * as ParseThreadModule from './parse-thread.js';

const DIST = join(process.cwd(), 'dist');
const FIX = join(import.meta.dirname, '../../test/fixtures/ufed');
let thread: typeof ParseThreadModule;

beforeAll(async () => {
  expect(existsSync(join(DIST, 'ingest', 'parse-worker.js')), 'run npm run build first').toBe(true);
  thread = (await import(pathToFileURL(join(DIST, 'ingest', 'parse-thread.js')).href)) as typeof ParseThreadModule;
});

const root = mkdtempSync(join(tmpdir(), 'clew-parse-thread-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const tmp = () => {
  const d = join(root, String(dirs++));
  mkdirSync(d);
  return d;
};

/**
 * The items as plain JSON (attachment bytes as base64: a Buffer comes back from a thread as a
 * Uint8Array), in order; batches differ only by the chunks read (the thread reads 256 KiB at a time).
 */
const plain = (batches: ParseItem[][]) => batches.flat().map(jsonItem);

async function here(input: SourceInput): Promise<ParseItem[][]> {
  const out: ParseItem[][] = [];
  for await (const b of ufedParser.parseBatches!(input)) if (b.length > 0) out.push(b);
  return out;
}

async function threaded(input: SourceInput, bytes: number[] = []): Promise<ParseItem[][]> {
  const out: ParseItem[][] = [];
  for await (const b of thread.parseInThread('ufed', input, undefined, (n) => bytes.push(n))) out.push(b);
  return out;
}

/** A bare report of `n` SMS (about 600 bytes each). */
function bigReport(n: number): string {
  const sms = (i: number) =>
    `<model type="SMS" id="s${i}" deleted_state="Intact"><field name="Folder" type="String"><value type="String"><![CDATA[Inbox]]></value></field><multiModelField name="Parties" type="Party"><model type="Party" id="p${i}"><field name="Identifier" type="String"><value type="String"><![CDATA[+38164${String(1000000 + i)}]]></value></field><field name="Role" type="PartyRole"><value type="PartyRole"><![CDATA[From]]></value></field></model></multiModelField><field name="Body" type="String"><value type="String"><![CDATA[poruka broj ${i} — stiže sutra]]></value></field><field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T10:${String(i % 60).padStart(2, '0')}:00+01:00</value></field></model>\n`;
  let s = `<?xml version="1.0" encoding="utf-8"?>\n<project xmlns="http://pa.cellebrite.com/report/2.0" reportVersion="7.60"><decodedData><modelType type="SMS">\n`;
  for (let i = 0; i < n; i++) s += sms(i);
  return `${s}</modelType></decodedData></project>\n`;
}

describe('parse in a thread', { timeout: 120_000 }, () => {
  it('gives the fixture report the same items as this thread, and reports the bytes read', async () => {
    const input = fileSource(join(FIX, 'report.xml'), { timeZone: 'Europe/Belgrade' });
    const bytes: number[] = [];
    const a = await here(input);
    const b = await threaded(input, bytes);
    expect(a.flat().filter((i) => i.kind === 'record').length).toBeGreaterThan(20);
    expect(plain(b)).toEqual(plain(a));
    expect(bytes[bytes.length - 1]).toBe(input.size);
  });

  it('gives a .ufdr, and a report of many chunks, whole and cut off, the same items', async () => {
    const dir = tmp();
    const ufdr = join(dir, 'x.ufdr');
    writeFileSync(
      ufdr,
      makeZip([
        { name: 'files/Image/IMG-20240301-WA0001.jpg', data: readFileSync(join(FIX, 'files/Image/IMG-20240301-WA0001.jpg')) },
        { name: 'report.xml', data: readFileSync(join(FIX, 'report.xml')) },
      ]),
    );
    const big = Buffer.from(bigReport(3000));
    const whole = join(dir, 'report.xml');
    writeFileSync(whole, big);
    const cut = join(dir, 'cut', 'report.xml');
    mkdirSync(join(dir, 'cut'));
    writeFileSync(cut, big.subarray(0, Math.floor(big.length * 0.6)));
    for (const p of [ufdr, whole, cut]) {
      const input = fileSource(p, { timeZone: 'UTC' });
      const a = await here(input);
      expect(plain(await threaded(input))).toEqual(plain(a));
      if (p !== ufdr) expect(a.length).toBeGreaterThan(3); // one batch per chunk read
      if (p === cut) expect(a.flat().at(-1)).toMatchObject({ kind: 'reject', code: 'XML_SYNTAX' });
    }
  });

  it("throws the parser's ClewError with its code and message", async () => {
    const p = join(tmp(), 'empty.xml');
    writeFileSync(p, '');
    const e = await threaded(fileSource(p)).catch((x: unknown) => x);
    const inline = await here(fileSource(p)).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'ClewError', code: 'EMPTY_FILE', message: (inline as Error).message });
  });

  it('stops the thread when the pipeline stops reading', async () => {
    const p = join(tmp(), 'report.xml');
    writeFileSync(p, bigReport(6000));
    const bytes: number[] = [];
    let n = 0;
    for await (const b of thread.parseInThread('ufed', fileSource(p), undefined, (x) => bytes.push(x))) {
      n += b.length;
      break;
    }
    expect(n).toBeGreaterThan(0);
    expect(bytes).toHaveLength(1);
    expect(bytes[0]).toBeLessThan(fileSource(p).size);
  });
});
