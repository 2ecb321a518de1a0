import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvParser, sniffCsv } from './csv.js';
import { checkResume, collect, FIXTURES, records, rejects, sourceFromBytes, sourceFromFixture } from './test-support/source.js';

const CALL_MAP = { from: 'caller', to: 'callee', ts: 'start', duration: 'secs', channel: 'kind', cell: 'cell', antennas: join(FIXTURES, 'csv/antennas.csv') };
const A = 'phone:+381641234567';
const B = 'phone:+31612345678';

describe('csvParser: calls', () => {
  const input = sourceFromFixture('csv/calls.csv', { csvMapping: CALL_MAP, defaultRegion: 'NL', timeZone: 'Europe/Amsterdam' });

  it('yields exact records, locators and rejections', async () => {
    const items = await collect(csvParser, input);
    expect(records(items)).toEqual([
      { type: 'call', from: A, to: B, duration: 74, ts: Date.UTC(2021, 1, 3, 9, 15), tzOffset: 60, channel: 'call', lat: 44.8125, lon: 20.4612 },
      { type: 'location', kind: 'antenna', lat: 44.8125, lon: 20.4612, ts: Date.UTC(2021, 1, 3, 9, 15), account: A, label: 'A1' },
      { type: 'call', from: A, to: B, duration: 0, ts: Date.UTC(2021, 1, 3, 10, 0), tzOffset: null, tsLocal: '2021-02-03 11:00:00', channel: 'sms' },
      { type: 'call', from: A, to: B, duration: 65, ts: 1612350000000, tzOffset: 0, channel: 'call' },
    ]);
    expect(rejects(items)).toEqual([
      { code: 'TIMESTAMP_INVALID', line: 5, message: expect.stringContaining('line 5') },
      { code: 'SCHEMA', line: 6, message: 'line 6: unreadable duration: five' },
      { code: 'CSV_COLUMNS', line: 7, message: 'line 7: expected 6 columns, got 3' },
      { code: 'SCHEMA', line: 8, message: 'line 8: the sender (from) is empty' },
    ]);
    const first = items[0]!;
    expect(first.locator).toEqual({ line: 2, offset: 35, length: 66 });
    const bytes = readFileSync(join(FIXTURES, 'csv/calls.csv'));
    expect(bytes.subarray(35, 35 + 66).toString()).toBe('+381 64 123 4567,0612345678,2021-02-03T10:15:00+01:00,74,voice,A1\n');
    expect(first.resume).toEqual({ offset: 35, line: 2 }); // the call: its location follows on the same row
    expect(items[1]!.resume).toEqual({ offset: 101, line: 3 });
  });

  it('honours every resume point', async () => {
    await checkResume(csvParser, input);
  });

  it('needs --tz for local times', async () => {
    const items = await collect(csvParser, sourceFromFixture('csv/calls.csv', { csvMapping: CALL_MAP, defaultRegion: 'NL' }));
    expect(rejects(items).map((r) => r.code)).toContain('TIMESTAMP_AMBIGUOUS');
  });

  it('fails the whole source with CSV_MAPPING when a mapped column is absent', async () => {
    const bad = sourceFromFixture('csv/calls.csv', { csvMapping: { ...CALL_MAP, duration: 'seconds' } });
    await expect(collect(csvParser, bad)).rejects.toMatchObject({ code: 'CSV_MAPPING' });
    await expect(collect(csvParser, sourceFromFixture('csv/calls.csv'))).rejects.toMatchObject({ code: 'CSV_MAPPING' });
  });
});

describe('csvParser: messages', () => {
  const map = { id: 'id', from: 'van', to: 'aan', ts: 'datum', body: 'tekst', conversation: 'gesprek', ts_format: 'dd/MM/yyyy HH:mm:ss' };
  const input = sourceFromFixture('csv/messages-semicolon.csv', { csvMapping: map, timeZone: 'Europe/Brussels' });

  it('reads semicolons, BOM, CRLF, multi-line quoted fields, doubled quotes; rejects bad UTF-8', async () => {
    const items = await collect(csvParser, input);
    const base = { type: 'message', channel: 'sms', conversation: 'c-1', tzOffset: null };
    expect(records(items)).toEqual([
      { ...base, nativeId: 'm1', from: 'phone:+32475123456', to: ['phone:+32476999888'], body: 'Kontejner stiže\r\nu petak', ts: Date.UTC(2021, 1, 3, 9, 15, 7), tsLocal: '03/02/2021 10:15:07' },
      { ...base, nativeId: 'm2', from: 'phone:+32476999888', to: ['phone:+32475123456'], body: 'ok brate', ts: Date.UTC(2021, 1, 3, 9, 16), tsLocal: '03/02/2021 10:16:00' },
      { ...base, nativeId: 'm3', from: 'phone:+32476999888', to: [], body: 'ima "robe"', ts: Date.UTC(2021, 1, 3, 9, 17), tsLocal: '03/02/2021 10:17:00' },
      { ...base, nativeId: 'm5', from: 'phone:+32475123456', to: ['phone:+32476999888'], body: 'gotovo', ts: Date.UTC(2021, 1, 4, 8, 0), tsLocal: '04/02/2021 09:00:00' },
    ]);
    expect(items[0]!.locator).toEqual({ line: 2, endLine: 3, offset: 35, length: 82 });
    const bytes = readFileSync(join(FIXTURES, 'csv/messages-semicolon.csv'));
    expect(bytes.subarray(35, 35 + 82).toString()).toBe('m1;+32475123456;+32476999888;03/02/2021 10:15:07;"Kontejner stiže\r\nu petak";c-1\r\n');
    expect(rejects(items)).toEqual([{ code: 'INVALID_UTF8', line: 6, message: 'line 6: the row is not valid UTF-8' }]);
    expect(items.find((i) => i.kind === 'record' && i.record.type === 'message' && i.record.nativeId === 'm5')!.locator.line).toBe(8);
  });

  it('honours every resume point', async () => {
    await checkResume(csvParser, input);
  });

  it('decodes windows-1252 when declared', async () => {
    const bytes = Buffer.concat([Buffer.from('van;aan;datum;tekst\n+32475123456;+32476999888;2021-02-03T10:00:00Z;'), Buffer.from([0x80, 0x20, 0xe9]), Buffer.from('\n')]);
    const items = await collect(csvParser, sourceFromBytes(bytes, 'x.csv', { csvMapping: { from: 'van', to: 'aan', ts: 'datum', body: 'tekst', encoding: 'windows-1252' } }));
    expect(records(items).map((r) => (r.type === 'message' ? r.body : ''))).toEqual(['€ é']);
  });
});

describe('csvParser: canonical names', () => {
  it('needs no mapping when the header already uses canonical names', async () => {
    const items = await collect(csvParser, sourceFromFixture('csv/canonical-names.tsv'));
    expect(records(items)).toEqual([
      { type: 'message', from: A, to: [B], channel: 'sms', body: 'canonical names, no mapping needed', ts: Date.UTC(2021, 1, 3, 10, 15), tzOffset: 0 },
    ]);
  });
});

describe('csvParser: hostile input', () => {
  it('keeps control characters in bodies and reports them safely', async () => {
    const csv = 'from,to,ts,body\n+381641234567,+31612345678,2021-02-03T10:15:00Z,"bell\u0007 esc\u001b[31m"\n+381641234567,+31612345678,\u001b[2Jx,hi\n';
    const items = await collect(csvParser, sourceFromBytes(csv, 'h.csv'));
    expect(records(items).map((r) => (r.type === 'message' ? r.body : ''))).toEqual(['bell\u0007 esc\u001b[31m']);
    const rej = items.find((i) => i.kind === 'reject');
    expect(rej?.kind === 'reject' && rej.excerpt).toBe('+381641234567,+31612345678,\uFFFD[2Jx,hi');
  });

  it('refuses UTF-16 files with a clear message', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('from\tto\tts\tbody\n', 'utf16le')]);
    expect(sniffCsv(utf16, 'x.txt')).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-16') });
    await expect(collect(csvParser, sourceFromBytes(utf16, 'x.txt'))).rejects.toMatchObject({ code: 'INVALID_UTF8', message: expect.stringContaining('UTF-16') });
  });

  it('rejects an over-long row and goes on', async () => {
    const csv = `from,to,ts,body\n+381641234567,+31612345678,2021-02-03T10:15:00Z,${'x'.repeat(5000)}\n+381641234567,+31612345678,2021-02-03T10:16:00Z,ok\n`;
    const items = await collect(csvParser, sourceFromBytes(csv, 'h.csv', { maxLineBytes: 1000 }));
    expect(rejects(items).map((r) => r.code)).toEqual(['LINE_TOO_LONG']);
    expect(records(items)).toHaveLength(1);
  });

  it('never throws on arbitrary rows, and every row is accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), async (lines) => {
        const csv = `from,to,ts,body\n${lines.join('\n')}\n`;
        const items = await collect(csvParser, sourceFromBytes(csv, 'p.csv', { timeZone: 'UTC' }));
        return items.every((i) => i.locator.line !== undefined && i.locator.line >= 2);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sniffCsv', () => {
  it('accepts delimited text and refuses the rest with a reason', () => {
    expect(sniffCsv(Buffer.from('a;b;c\n1;2;3\n'), 'x.csv')).toEqual({ ok: true, confidence: 0.3 });
    expect(sniffCsv(Buffer.from('{"type":"message"}\n'), 'x.jsonl')).toMatchObject({ ok: false });
    expect(sniffCsv(Buffer.from('From a@b Thu Feb  4 10:00:00 2021\n'), 'x.mbox')).toMatchObject({ ok: false });
    expect(sniffCsv(Buffer.from([0, 1, 2, 3]), 'x.bin')).toMatchObject({ ok: false, reason: expect.stringContaining('binary') });
    expect(sniffCsv(Buffer.from('just words\n'), 'x.txt')).toMatchObject({ ok: false });
  });
});
