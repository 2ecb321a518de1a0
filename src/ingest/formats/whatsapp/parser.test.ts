import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../model/records.js';
import type { ParseItem } from '../../parser.js';
import { zonedToUtc } from '../../time.js';
import { analyseWhatsApp } from './analyse.js';
import { fileSource, jsonItem } from './filesource.js';
import { parseHeader, type Layout } from './header.js';
import { senderRef } from './names.js';
import { pickChatEntry, sniffWhatsApp, titleFromFileName, whatsappParser } from './parser.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/whatsapp');
const TZ = 'Europe/Belgrade';

async function collect(path: string, opts: Record<string, unknown> = {}, resume?: { offset: number; line: number }): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of whatsappParser.parse(fileSource(path, opts), resume)) out.push(it);
  return out;
}

const GOLDEN = readdirSync(FIX).filter((f) => (f.endsWith('.txt') || f === 'WhatsApp Chat - Ana Primer.zip'));

describe('whatsapp fixtures yield exactly the expected records', () => {
  for (const f of GOLDEN) {
    it(f, async () => {
      const items = (await collect(join(FIX, f), { timeZone: TZ })).map(jsonItem);
      const exp = join(FIX, `${f}.expected.json`);
      if (process.env.CLEW_UPDATE_GOLDEN === '1' || !existsSync(exp)) writeFileSync(exp, `${JSON.stringify(items, null, 1)}\n`);
      expect(items).toEqual(JSON.parse(readFileSync(exp, 'utf8')));
    });
  }
});

describe('whatsapp parser behaviour', () => {
  it('defaults to UTC and keeps the written local time', async () => {
    const items = await collect(join(FIX, 'android-en-us.txt'));
    const m = items.find((i) => i.kind === 'record' && i.record.type === 'message')!;
    expect(m.kind === 'record' && m.record.type === 'message' && m.record).toMatchObject({ ts: Date.UTC(2021, 11, 31, 23, 59), tzOffset: null, tsLocal: '12/31/21, 11:59 PM' });
  });

  it('rejects an unknown time zone', async () => {
    await expect(collect(join(FIX, 'ambiguous.txt'), { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('resuming at any reported point yields a suffix of the full parse that loses nothing', async () => {
    for (const f of ['android-de-group.txt', 'WhatsApp Chat - Ana Primer.zip']) {
      const path = join(FIX, f);
      const full = await collect(path, { timeZone: TZ });
      for (let j = 0; j < full.length; j++) {
        const tail = await collect(path, { timeZone: TZ }, full[j]!.resume);
        const s = full.length - tail.length;
        expect(tail, `${f} after item ${j}`).toEqual(full.slice(s));
        expect(s).toBeLessThanOrEqual(j + 1);
      }
    }
  });

  it('date order is decided over the whole file', () => {
    expect(analyseWhatsApp('01/02/21, 10:00 - A: x\n01/03/21, 10:00 - B: y\n')).toMatchObject({ dateOrder: 'dmy', ambiguous: true });
    expect(analyseWhatsApp('01/02/21, 10:00 - A: x\n12/25/21, 10:00 - B: y\n')).toMatchObject({ dateOrder: 'mdy', ambiguous: false });
    expect(analyseWhatsApp('01/02/21, 10:00 - A: x\n25/12/21, 10:00 - B: y\n')).toMatchObject({ dateOrder: 'dmy', ambiguous: false });
    expect(analyseWhatsApp('[2021-12-25, 10:00:00] A: x\n')).toMatchObject({ layout: 'ios', dateOrder: 'ymd', ambiguous: false });
    expect(analyseWhatsApp('hello\n')).toMatchObject({ layout: null });
  });

  it('a late date decides the order of early messages', async () => {
    const items = await collect(join(FIX, 'android-en-us.txt'));
    const first = items.find((i) => i.kind === 'record' && i.record.type === 'event')!;
    expect(first.kind === 'record' && first.record.type === 'event' && first.record.ts).toBe(Date.UTC(2021, 11, 31, 23, 58));
  });

  it('quarantines bad lines with their locator and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-'));
    try {
      const p = join(dir, 'bad.txt');
      const bad = Buffer.concat([
        Buffer.from('preamble without header\n31.02.21, 10:00 - Ana Primer: impossible date\n01.03.21, 10:00 - Ana Primer: ok\n'),
        Buffer.from([0xc3, 0x28, 0x0a]),
        Buffer.from(`${'x'.repeat(300)}\n01.03.21, 10:01 - Marko Test: after\n`),
      ]);
      writeFileSync(p, bad);
      const items = await collect(p, { maxLineBytes: 200 });
      const rejects = items.filter((i) => i.kind === 'reject').map((i) => i.kind === 'reject' && [i.code, i.locator.line]);
      expect(rejects).toEqual([['SCHEMA', 1], ['TIMESTAMP_INVALID', 2], ['INVALID_UTF8', 4], ['LINE_TOO_LONG', 5]]);
      const bodies = items.flatMap((i) => (i.kind === 'record' && i.record.type === 'message' ? [i.record.body] : []));
      expect(bodies).toEqual(['ok', 'after']);
      // the rejects inside a message follow it and share its resume point
      const okIdx = items.findIndex((i) => i.kind === 'record' && i.record.type === 'message');
      expect(items[okIdx + 1]!.resume).toEqual(items[okIdx]!.resume);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('a file without any header is one FORMAT_UNKNOWN reject', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-'));
    try {
      writeFileSync(join(dir, 'x.txt'), 'just text\n');
      const items = await collect(join(dir, 'x.txt'));
      expect(items.map((i) => i.kind === 'reject' && i.code)).toEqual(['FORMAT_UNKNOWN']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('hashes media lying beside an unpacked _chat.txt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-'));
    try {
      writeFileSync(join(dir, '_chat.txt'), '01.03.21, 10:00 - Ana Primer: IMG-20210301-WA0001.jpg (file attached)\n');
      writeFileSync(join(dir, 'IMG-20210301-WA0001.jpg'), 'abc');
      const items = await collect(join(dir, '_chat.txt'), { maxAttachmentBytes: 2 });
      const att = items.find((i) => i.kind === 'record' && i.record.type === 'attachment');
      expect(att?.kind === 'record' && att.record).toEqual({
        type: 'attachment', nativeId: 'L1.a1', message: 'L1', filename: 'IMG-20210301-WA0001.jpg', mime: 'image/jpeg', size: 3,
        sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses unsafe zips as a whole', async () => {
    await expect(collect(join(FIX, 'unsafe-traversal.zip'))).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(collect(join(FIX, 'unsafe-absolute.zip'))).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(collect(join(FIX, 'unsafe-bomb.zip'))).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    await expect(collect(join(FIX, 'no-chat.zip'))).rejects.toMatchObject({ code: 'FORMAT_UNKNOWN' });
  });

  it('names: title from file name, chat entry in a zip', () => {
    expect(titleFromFileName('WhatsApp Chat with Ana Primer.txt')).toBe('Ana Primer');
    expect(titleFromFileName('WhatsApp Chat - Posao.zip')).toBe('Posao');
    expect(titleFromFileName('_chat.txt')).toBeUndefined();
    expect(pickChatEntry(['a.jpg', '_chat.txt'])).toBe('_chat.txt');
    expect(pickChatEntry(['x/WhatsApp Chat with A.txt', 'b.txt'])).toBe('x/WhatsApp Chat with A.txt');
    expect(pickChatEntry(['a.txt', 'b.txt'])).toBeNull();
  });
});

describe('whatsapp sniff', () => {
  const head = (f: string) => new Uint8Array(readFileSync(join(FIX, f)).subarray(0, 65536));
  it('accepts every WhatsApp fixture', () => {
    for (const f of [...GOLDEN, 'unsafe-traversal.zip']) expect(sniffWhatsApp(head(f), f), f).toMatchObject({ ok: true });
  });
  it('rejects other formats with a reason', () => {
    const others: Array<[string, string]> = [
      ['{"type":"message","from":"skyecc:4F2A9C","to":["skyecc:7B1D22"],"ts":"2021-02-03T10:15:00+01:00","body":"x"}\n', 'c.jsonl'],
      ['date,from,to,duration\n2021-01-01 10:00,+31612345678,+31687654321,12\n', 'cdr.csv'],
      ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@example.org\nSubject: x\n\nbody\n', 'box.mbox'],
      ['{\n "name": "Ana Primer",\n "type": "personal_chat",\n "id": 1,\n "messages": []\n}\n', 'result.json'],
      ['{"date": "2021-03-01T10:22:33", "sender": "Me", "body": "x  ", "quote": ""}\n', 'data.json'],
    ];
    for (const [text, name] of others) {
      const r = sniffWhatsApp(new TextEncoder().encode(text), name);
      expect(r.ok, name).toBe(false);
      expect(!r.ok && r.reason.length > 0).toBe(true);
    }
    expect(sniffWhatsApp(new Uint8Array([0, 1, 2, 3, 0, 0]), 'x.bin')).toMatchObject({ ok: false });
    expect(sniffWhatsApp(new Uint8Array(0), 'x.txt')).toMatchObject({ ok: false });
    expect(sniffWhatsApp(head('no-chat.zip'), 'photos.zip')).toMatchObject({ ok: false });
  });
});

// ---- property: any text written in the WhatsApp layout round-trips exactly

const NAME = fc.stringMatching(/^[A-Za-zÀ-ÿА-яĆćČčŠšŽžĐđ][A-Za-zÀ-ÿА-яĆćČčŠšŽžĐđ .'-]{0,18}[A-Za-zА-я]$/);
const LINE = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\n') && !s.endsWith('\r'));

interface Msg { name: string; lines: string[]; when: Date }

const two = (n: number) => String(n).padStart(2, '0');
function fmt(layout: Layout, style: 'dmy24' | 'mdy12', d: Date): string {
  const Y = d.getUTCFullYear() % 100, M = d.getUTCMonth() + 1, D = d.getUTCDate(), h = d.getUTCHours(), m = d.getUTCMinutes(), s = d.getUTCSeconds();
  const date = style === 'dmy24' ? `${two(D)}.${two(M)}.${two(Y)}` : `${M}/${D}/${two(Y)}`;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const time = style === 'dmy24' ? `${two(h)}:${two(m)}` : `${h12}:${two(m)}`;
  const sec = layout === 'ios' ? `:${two(s)}` : '';
  const mer = style === 'mdy12' ? ` ${h < 12 ? 'AM' : 'PM'}` : '';
  return layout === 'ios' ? `[${date}, ${time}${sec}${mer}] ` : `${date}, ${time}${mer} - `;
}

describe('whatsapp round-trip property', () => {
  it('sender, time and multi-line body survive the export layout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-prop-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<Layout>('android', 'ios'),
          fc.constantFrom<'dmy24' | 'mdy12'>('dmy24', 'mdy12'),
          fc.array(
            fc.record({
              name: NAME,
              lines: fc.array(LINE, { minLength: 1, maxLength: 4 }),
              when: fc.date({ min: new Date(Date.UTC(2015, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }),
            }),
            { minLength: 1, maxLength: 8 },
          ),
          async (layout, style, msgs: Msg[]) => {
            // a first message that decides the date order
            const decider: Msg = { name: 'Decider', lines: ['x'], when: new Date(Date.UTC(2021, 11, 31, 13, 0, 0)) };
            const all = [decider, ...msgs].map((m) => ({
              ...m,
              // continuation lines must not look like a header; an iOS body must not start with LRM
              lines: m.lines.map((l, i) => (i > 0 && parseHeader(l, layout) ? `x${l}` : i === 0 && l.startsWith('\u200e') ? `x${l}` : l)),
            }));
            const text = all.map((m) => `${fmt(layout, style, m.when)}${m.name}: ${m.lines.join('\n')}\n`).join('');
            const p = join(dir, '_chat.txt');
            writeFileSync(p, text);
            const got = (await collect(p)).flatMap((i) => (i.kind === 'record' && i.record.type === 'message' ? [i.record as MessageRecord] : []));
            expect(got.length).toBe(all.length);
            all.forEach((m, i) => {
              const w = m.when;
              const ts = zonedToUtc({ year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: layout === 'ios' ? w.getUTCSeconds() : 0 }, 'UTC').ts;
              expect(got[i]).toMatchObject({ from: senderRef(m.name), body: m.lines.join('\n'), ts });
            });
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});


describe('inspectWhatsApp', () => {
  it('reports layout, date order and ambiguity without parsing records', async () => {
    const { inspectWhatsApp } = await import('./parser.js');
    expect(await inspectWhatsApp(fileSource(join(FIX, 'ambiguous.txt')))).toMatchObject({ layout: 'android', dateOrder: 'dmy', ambiguous: true });
    expect(await inspectWhatsApp(fileSource(join(FIX, 'android-en-us.txt')))).toMatchObject({ dateOrder: 'mdy', ambiguous: false, senders: ['Ana Primer', 'Marko Test'] });
    expect(await inspectWhatsApp(fileSource(join(FIX, 'WhatsApp Chat - Ana Primer.zip')))).toMatchObject({ layout: 'ios', dateOrder: 'dmy', ambiguous: true });
  });
});

describe('recipients', () => {
  it('a number change in a one-to-one chat keeps the other person as recipient', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-'));
    try {
      const p = join(dir, '_chat.txt');
      writeFileSync(p, '31.12.21, 23:59 - Ana Primer: hi\n01.01.22, 00:01 - Ana Primer changed to +44 7700 900456\n01.01.22, 00:02 - Marko Test: ok\n');
      const msgs = (await collect(p)).flatMap((i) => (i.kind === 'record' && i.record.type === 'message' ? [i.record] : []));
      expect(msgs.map((m) => m.to)).toEqual([['whatsapp:Marko Test'], ['whatsapp:Ana Primer']]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('caps', () => {
  it('attachment bytes from a zip are kept only up to maxAttachmentBytes', async () => {
    const items = await collect(join(FIX, 'WhatsApp Chat - Ana Primer.zip'), { maxAttachmentBytes: 4 });
    const att = items.flatMap((i) => (i.kind === 'record' && i.record.type === 'attachment' && i.record.sha256 ? [i.record] : []));
    expect(att.length).toBe(2);
    for (const a of att) {
      expect(a.content).toBeUndefined();
      expect(a.size).toBeGreaterThan(4);
    }
  });

  it('a message longer than the body cap is cut with a TOO_LARGE reject', async () => {
    const { MAX_BODY_CHARS } = await import('./parser.js');
    const dir = mkdtempSync(join(tmpdir(), 'clew-wa-'));
    try {
      const p = join(dir, '_chat.txt');
      const line = 'y'.repeat(1000);
      const n = Math.ceil(MAX_BODY_CHARS / 1001) + 5;
      writeFileSync(p, `01.03.21, 10:00 - Ana Primer: start\n${`${line}\n`.repeat(n)}01.03.21, 10:01 - Marko Test: next\n`);
      const items = await collect(p);
      expect(items.map((i) => (i.kind === 'record' ? i.record.type : i.code)).slice(-3)).toEqual(['message', 'TOO_LARGE', 'message']);
      const first = items.find((i) => i.kind === 'record' && i.record.type === 'message');
      expect(first?.kind === 'record' && first.record.type === 'message' && first.record.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS + 10);
      expect(first?.locator.endLine).toBe(n + 1);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
