import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, FIXTURES, records, rejects, sourceFromBytes, sourceFromFixture } from '../csv/test-support/source.js';
import { deviceDumpParser, sniffDeviceDump } from './device.js';
import { PHOTO, skyeccDumpBytes } from './test-support/fixtures.js';

const OWNER = 'skyecc:4F2A9C';
const KUM = 'skyecc:7B1D22';

describe('device-dump fixture', () => {
  it('matches its generator', () => {
    const path = join(FIXTURES, 'device/skyecc-4F2A9C.json');
    if (process.env.REGEN_FIXTURES === '1' || !existsSync(path)) writeFileSync(path, skyeccDumpBytes());
    expect(readFileSync(path).equals(skyeccDumpBytes())).toBe(true);
  });
});

describe('deviceDumpParser', () => {
  const input = sourceFromFixture('device/skyecc-4F2A9C.json', { timeZone: 'Europe/Belgrade', maxAttachmentBytes: 1 << 16 });

  it('yields device, accounts, contacts, conversations, messages and attachments exactly', async () => {
    const items = await collect(deviceDumpParser, input);
    const rs = records(items).map((r) => (r.type === 'attachment' && r.content ? { ...r, content: `<${r.content.length} bytes>` } : r));
    const t = (iso: string): number => Date.parse(iso);
    expect(rs).toEqual([
      { type: 'device', account: OWNER, identifiers: { platform: 'skyecc', pin: '4F2A9C', imei: '356938035643809', imei_2: '356938035643817', model: 'BlackBerry KEYone' } },
      { type: 'account', ref: OWNER, kind: 'pin' },
      { type: 'contact', owner: OWNER, contact: KUM, name: 'Kum Beograd' },
      { type: 'contact', owner: OWNER, contact: 'skyecc:9C0E11', name: '  Ćale  ' },
      { type: 'contact', owner: OWNER, contact: 'skyecc:A1B2C3', name: 'Zoki 🚤 Bo\u0007ss' },
      { type: 'conversation', ref: 'c-17', members: [OWNER, KUM] },
      { type: 'message', nativeId: 'm-1', from: OWNER, to: [KUM], conversation: 'c-17', channel: 'chat', body: 'Kontejner MSCU1234566 stiže u Antwerpen u petak', ts: t('2021-02-03T09:15:00Z'), tzOffset: 60, deleted: false },
      { type: 'message', nativeId: 'm-2', from: KUM, to: [OWNER], conversation: 'c-17', channel: 'chat', body: 'ok brate', ts: t('2021-02-03T09:16:10Z'), tzOffset: 60, replyTo: 'm-1' },
      { type: 'message', nativeId: 'm-3', from: OWNER, to: [KUM], conversation: 'c-17', channel: 'chat', body: 'obriši ovo', ts: 1612343820000, tzOffset: 0, deleted: true },
      { type: 'message', nativeId: 'm-4', from: KUM, to: [OWNER], conversation: 'c-17', channel: 'chat', body: '', ts: t('2021-02-03T09:21:00Z'), tzOffset: 60, attachments: ['a-1', 'a-2'] },
      { type: 'attachment', nativeId: 'a-1', message: 'm-4', filename: 'IMG_0042.jpg', mime: 'image/jpeg', size: PHOTO.length, sha256: createHash('sha256').update(PHOTO).digest('hex'), takenAt: '2021-02-03T10:20:00+01:00', content: `<${PHOTO.length} bytes>` },
      { type: 'location', kind: 'exif', lat: 44.8125, lon: 20.4612, attachment: 'a-1', message: 'm-4', account: KUM, ts: t('2021-02-03T09:20:00Z'), label: 'IMG_0042.jpg' },
      { type: 'attachment', nativeId: 'a-2', message: 'm-4', filename: 'voice.opus', mime: 'audio/ogg', size: 48213, sha256: 'ab'.repeat(32) },
      { type: 'conversation', ref: 'conversations[1]' },
      { type: 'message', nativeId: 'x-1', from: 'skyecc:9C0E11', to: [OWNER], conversation: 'conversations[1]', channel: 'chat', body: 'local time, ids before the header', ts: t('2021-02-04T07:00:00Z'), tzOffset: null, tsLocal: '2021-02-04 08:00:00' },
      { type: 'conversation', ref: 'g-2', title: 'grupa', members: [OWNER, 'skyecc:9C0E11', 'skyecc:A1B2C3'] },
      { type: 'message', nativeId: 'g2-1', from: 'skyecc:A1B2C3', to: [OWNER, 'skyecc:9C0E11'], conversation: 'g-2', channel: 'chat', body: 'svima', ts: t('2021-02-05T09:00:00Z'), tzOffset: 0 },
    ]);
    expect(rejects(items)).toEqual([
      { code: 'SCHEMA', line: undefined, message: '$.contacts[3]: contact lacks "nickname"' },
      { code: 'TIMESTAMP_INVALID', line: undefined, message: expect.stringContaining('$.conversations[0].messages[4]') },
      { code: 'SCHEMA', line: undefined, message: '$.conversations[2].messages[1]: message.from must be a string' },
    ]);
    const m1 = items.find((i) => i.kind === 'record' && i.record.type === 'message' && i.record.nativeId === 'm-1')!;
    expect(m1.locator).toEqual({ path: '$.conversations[0].messages[0]' });
  });

  const dump = (o: unknown): string => JSON.stringify({ format: 'clew-device-dump', version: 1, device: { platform: 'encrochat', owner: 'bravo' }, ...(o as object) });

  it('rejects deep nesting with JSON_TOO_DEEP and goes on', async () => {
    const deep = `${'['.repeat(20_000)}"x"${']'.repeat(20_000)}`;
    const text = dump({ conversations: [{ id: 'c', messages: [{ id: 'a', from: 'bravo', to: 'x', ts: 0, body: 'first', extra: '@DEEP@' }, { id: 'b', from: 'bravo', to: 'x', ts: 0, body: 'second' }] }], junk: '@DEEP@' }).replaceAll('"@DEEP@"', deep);
    const items = await collect(deviceDumpParser, sourceFromBytes(text, 'd.json'));
    expect(rejects(items).map((r) => [r.code, r.message.split(':')[0]])).toEqual([
      ['JSON_TOO_DEEP', '$.conversations[0].messages[0]'],
      ['JSON_TOO_DEEP', '$.junk[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]'],
    ]);
    expect(records(items).flatMap((r) => (r.type === 'message' ? [r.body] : []))).toEqual(['second']);
  });

  it('caps bodies and attachment content', async () => {
    const text = dump({
      conversations: [
        {
          id: 'c',
          messages: [
            { id: 'a', from: 'bravo', to: 'x', ts: 0, body: 'y'.repeat(300_000) },
            { id: 'b', from: 'bravo', to: 'x', ts: 0, body: 'ok', attachments: [{ id: 'big', filename: 'big.bin', content_base64: Buffer.alloc(5000, 1).toString('base64') }] },
          ],
        },
      ],
    });
    const items = await collect(deviceDumpParser, sourceFromBytes(text, 'd.json', { maxAttachmentBytes: 1000 }));
    expect(rejects(items).map((r) => r.code)).toEqual(['TOO_LARGE']);
    expect(records(items).find((r) => r.type === 'attachment')).toEqual({ type: 'attachment', nativeId: 'big', message: 'b', filename: 'big.bin' });
  });

  it('reports a syntax error with the last path and keeps what came before', async () => {
    const filler = { id: 'f', title: 'z'.repeat(5000) };
    const text = `${dump({ conversations: [{ id: 'c', messages: [{ id: 'a', from: 'bravo', to: 'x', ts: 0, body: 'kept' }] }, filler] }).slice(0, -3)},,}`;
    const items = await collect(deviceDumpParser, sourceFromBytes(text, 'd.json'));
    expect(records(items).some((r) => r.type === 'message' && r.body === 'kept')).toBe(true);
    expect(rejects(items).map((r) => r.code)).toEqual(['JSON_SYNTAX']);
  });

  it('needs the device before contacts, and refuses other formats', async () => {
    const text = JSON.stringify({ contacts: [{ handle: 'a', nickname: 'b' }], device: { platform: 'skyecc', owner: 'X' } });
    expect(rejects(await collect(deviceDumpParser, sourceFromBytes(text, 'd.json')))[0]).toMatchObject({ code: 'SCHEMA' });
    await expect(collect(deviceDumpParser, sourceFromBytes('{"format":"other","device":{}}', 'd.json'))).rejects.toMatchObject({ code: 'FORMAT_UNKNOWN' });
  });

  it('sniffs dumps and refuses other JSON and text', () => {
    expect(sniffDeviceDump(readFileSync(join(FIXTURES, 'device/skyecc-4F2A9C.json')), 'x.json')).toEqual({ ok: true, confidence: 0.95 });
    expect(sniffDeviceDump(Buffer.from('{"device":{"pin":"1"},"conversations":[]}'), 'x.json')).toEqual({ ok: true, confidence: 0.6 });
    expect(sniffDeviceDump(Buffer.from('{"type":"message"}\n'), 'x.jsonl')).toMatchObject({ ok: false });
    expect(sniffDeviceDump(Buffer.from('a,b\n'), 'x.csv')).toMatchObject({ ok: false });
  });
});

describe('deviceDumpParser: arbitrary message objects', () => {
  it('never throws on any JSON inside messages: each gives records or a rejection', async () => {
    const { default: fc } = await import('fast-check');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 6 }), async (msgs) => {
        const text = JSON.stringify({ device: { platform: 'skyecc', owner: 'A' }, conversations: [{ id: 'c', participants: ['A', 'B'], messages: msgs }] });
        const items = await collect(deviceDumpParser, sourceFromBytes(text, 'p.json', { timeZone: 'UTC' }));
        const perMessage = new Set(items.filter((i) => i.locator.path?.startsWith('$.conversations[0].messages[')).map((i) => i.locator.path));
        return perMessage.size === msgs.length;
      }),
      { numRuns: 60 },
    );
  });
});
