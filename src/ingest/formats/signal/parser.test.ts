import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseItem, ResumePoint } from '../../parser.js';
import { fileSource, jsonItem } from '../whatsapp/filesource.js';
import { callDuration, signalParser, signalRef, sniffSignal, unquote } from './parser.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/signal');
const TZ = 'Europe/Belgrade';

async function collect(path: string, resume?: ResumePoint): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of signalParser.parse(fileSource(path, { timeZone: TZ }), resume)) out.push(it);
  return out;
}

describe('signal-export fixtures yield exactly the expected records', () => {
  for (const f of ['AnaPrimer/data.json', 'Posao/data.json']) {
    it(f, async () => {
      const items = (await collect(join(FIX, f))).map(jsonItem);
      const exp = join(FIX, `${f}.expected.json`);
      if (process.env.CLEW_UPDATE_GOLDEN === '1' || !existsSync(exp)) writeFileSync(exp, `${JSON.stringify(items, null, 1)}\n`);
      expect(items).toEqual(JSON.parse(readFileSync(exp, 'utf8')));
    });
  }
});

describe('signal parser', () => {
  it('resuming at any reported point yields a suffix of the full parse that loses nothing', async () => {
    const path = join(FIX, 'AnaPrimer/data.json');
    const full = await collect(path);
    for (let j = 0; j < full.length; j++) {
      const tail = await collect(path, full[j]!.resume);
      const s = full.length - tail.length;
      // the quote index is rebuilt from the resume point: compare without replyTo
      const strip = (xs: ParseItem[]) => xs.map((x) => (x.kind === 'record' && x.record.type === 'message' ? { ...x, record: { ...x.record, replyTo: undefined } } : x));
      expect(strip(tail)).toEqual(strip(full.slice(s)));
      expect(s).toBeLessThanOrEqual(j + 1);
    }
  });
  it('helpers', () => {
    expect(signalRef('Me')).toBe('signal:Me');
    expect(signalRef('Me', 'export-2021')).toBe('signal:Me@export-2021');
    expect(signalRef('447700900123')).toBe('phone:+447700900123');
    expect(signalRef('MarkoTest')).toBe('signal:MarkoTest');
    expect(unquote('\n\n> line one\n> line two\n\n')).toBe('line one\nline two');
    expect(callDuration('accepted, 1m 5s')).toBe(65);
    expect(callDuration('accepted, 42s')).toBe(42);
    expect(callDuration('accepted')).toBe(0);
    expect(callDuration('declined')).toBe(0);
  });
});

describe('signal sniff', () => {
  it('accepts its fixtures', () => {
    for (const f of ['AnaPrimer/data.json', 'Posao/data.json']) expect(sniffSignal(new Uint8Array(readFileSync(join(FIX, f))), 'data.json')).toMatchObject({ ok: true });
  });
  it('rejects other formats with a reason', () => {
    const others: Array<[string, string]> = [
      ['{"type":"message","from":"skyecc:4F2A9C","to":["skyecc:7B1D22"],"ts":"2021-02-03T10:15:00+01:00","body":"x"}\n', 'c.jsonl'],
      ['date,from,to,duration\n2021-01-01 10:00,+31612345678,+31687654321,12\n', 'cdr.csv'],
      ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@example.org\n\nbody\n', 'box.mbox'],
      ['31.12.21, 23:59 - Ana Primer: hi\n', '_chat.txt'],
      [readFileSync(join(FIX, '../telegram/single-chat/result.json'), 'utf8'), 'result.json'],
    ];
    for (const [text, name] of others) {
      const r = sniffSignal(new TextEncoder().encode(text), name);
      expect(r.ok, name).toBe(false);
      expect(!r.ok && r.reason.length > 0).toBe(true);
    }
  });
});
