import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseItem } from '../../parser.js';
import { fileSource, jsonItem } from '../whatsapp/filesource.js';
import { selectTelegram, sniffTelegram, telegramParser } from './parser.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/telegram');
const TZ = 'Europe/Belgrade';

async function collect(path: string, opts: Record<string, unknown> = {}): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of telegramParser.parse(fileSource(path, opts))) out.push(it);
  return out;
}

describe('telegram fixtures yield exactly the expected records', () => {
  for (const f of ['single-chat/result.json', 'account/result.json']) {
    it(f, async () => {
      const items = (await collect(join(FIX, f), { timeZone: TZ })).map(jsonItem);
      const exp = join(FIX, `${f}.expected.json`);
      if (process.env.CLEW_UPDATE_GOLDEN === '1' || !existsSync(exp)) writeFileSync(exp, `${JSON.stringify(items, null, 1)}\n`);
      expect(items).toEqual(JSON.parse(readFileSync(exp, 'utf8')));
    });
  }
});

describe('telegram parser', () => {
  const tmp = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-tg-'));
    const p = join(dir, 'result.json');
    writeFileSync(p, text);
    return { p, done: () => rmSync(dir, { recursive: true }) };
  };

  it('a syntax error mid-file keeps what came before and ends with a JSON_SYNTAX reject', async () => {
    const { p, done } = tmp(`{"name":"x","type":"private_group","id":1,"messages":[{"id":1,"type":"message","date":"2021-03-01T10:00:00","date_unixtime":"1614589200","from_id":"user1","text":"a"}, {"id":2,"type":"message","date_unixtime":"1614589200","from_id":"user1","text":"${'x'.repeat(2000)}"}, {"id": oops}]}`);
    try {
      const items = await collect(p);
      // message 1 (2 KiB before the error) survives; message 2 ends inside the last 1 KiB slice,
      // whose tokens are lost with the error
      expect(items.map((i) => (i.kind === 'record' ? i.record.type : i.code))).toEqual(['message', 'JSON_SYNTAX']);
      expect(items[0]).toMatchObject({ record: { nativeId: '1:1' } });
    } finally {
      done();
    }
  });

  it('nesting thousands deep is JSON_TOO_DEEP, not a crash', async () => {
    const { p, done } = tmp(`{"messages":[${'['.repeat(50_000)}`);
    try {
      const items = await collect(p);
      expect(items.at(-1)).toMatchObject({ kind: 'reject', code: 'JSON_TOO_DEEP' });
    } finally {
      done();
    }
  });

  it('without date_unixtime the local date is read in the given zone, offset unknown', async () => {
    const { p, done } = tmp('{"name":"x","type":"private_group","id":1,"messages":[{"id":1,"type":"message","date":"2021-07-01T10:00:00","from_id":"user1","text":"a"}]}');
    try {
      const items = await collect(p, { timeZone: 'Europe/Belgrade' });
      expect(items[0]).toMatchObject({ kind: 'record', record: { ts: Date.UTC(2021, 6, 1, 8), tzOffset: null, tsLocal: '2021-07-01T10:00:00' } });
    } finally {
      done();
    }
  });

  it('selects only chats, messages, the account and contacts', () => {
    expect(selectTelegram(['chats', 'list', 3, 'messages', 17])).toBe('capture');
    expect(selectTelegram(['chats', 'list', 3, 'messages'])).toBe('descend');
    expect(selectTelegram(['chats', 'list', 3, 'name'])).toBe('capture');
    expect(selectTelegram(['messages', 0])).toBe('capture');
    expect(selectTelegram(['frequent_contacts'])).toBe('skip');
    expect(selectTelegram(['chats', 'about'])).toBe('skip');
    expect(selectTelegram(['messages', 0, 'text'])).toBe('skip');
  });
});

describe('telegram sniff', () => {
  it('accepts a minified export too', () => {
    const doc = JSON.stringify(JSON.parse(readFileSync(join(FIX, 'single-chat/result.json'), 'utf8')));
    expect(sniffTelegram(new TextEncoder().encode(`${doc}\n`), 'result.json')).toMatchObject({ ok: true });
  });
  it('accepts its fixtures', () => {
    for (const f of ['single-chat/result.json', 'account/result.json']) {
      expect(sniffTelegram(new Uint8Array(readFileSync(join(FIX, f))), 'result.json'), f).toMatchObject({ ok: true });
    }
  });
  it('rejects other formats with a reason', () => {
    const others: Array<[string, string]> = [
      ['{"type":"message","from":"skyecc:4F2A9C","to":["skyecc:7B1D22"],"ts":"2021-02-03T10:15:00+01:00","body":"x"}\n{"type":"account","ref":"skyecc:1"}\n', 'c.jsonl'],
      ['date,from,to,duration\n2021-01-01 10:00,+31612345678,+31687654321,12\n', 'cdr.csv'],
      ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@example.org\n\nbody\n', 'box.mbox'],
      ['31.12.21, 23:59 - Ana Primer: hi\n', '_chat.txt'],
      ['{"date": "2021-03-01T10:22:33", "sender": "Me", "body": "x  ", "quote": "", "sticker": "", "reactions": [], "attachments": []}\n{"date": "2021-03-01T10:22:34", "sender": "Me", "body": "y  ", "quote": "", "sticker": "", "reactions": [], "attachments": []}\n', 'data.json'],
      ['{\n "anything": [1, 2, 3]\n}\n', 'x.json'],
    ];
    for (const [text, name] of others) {
      const r = sniffTelegram(new TextEncoder().encode(text), name);
      expect(r.ok, name).toBe(false);
      expect(!r.ok && r.reason.length > 0).toBe(true);
    }
    expect(sniffTelegram(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), 'a.zip')).toMatchObject({ ok: false });
  });
});
