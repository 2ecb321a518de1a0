import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../model/records.js';
import { makeZip } from '../../archive/test-support/zip-writer.js';
import type { ParseItem, SourceInput } from '../../parser.js';
import { collect, records, rejects, sourceFromBytes } from '../csv/test-support/source.js';
import { fileSource, jsonItem } from '../whatsapp/filesource.js';
import { pickReportEntry, sniffUfed, ufedParser } from './parser.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/ufed');
const REPORT = join(FIX, 'report.xml');
const TZ = 'Europe/Belgrade';
const tmp = mkdtempSync(join(tmpdir(), 'clew-ufed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ufdr(name: string, report: string | Buffer, extra: Array<{ name: string; data: Buffer | string; declaredSize?: number }> = []): string {
  const p = join(tmp, name);
  const files = [
    { name: 'files/Image/IMG-20240301-WA0001.jpg', data: readFileSync(join(FIX, 'files/Image/IMG-20240301-WA0001.jpg')) },
    { name: 'files/Audio/PTT-20240301-WA0002.opus', data: readFileSync(join(FIX, 'files/Audio/PTT-20240301-WA0002.opus')) },
  ];
  writeFileSync(p, makeZip([...files, ...extra, { name: 'report.xml', data: report }]));
  return p;
}

async function items(path: string): Promise<ParseItem[]> {
  return collect(ufedParser, fileSource(path, { timeZone: TZ }));
}

/** A bare report whose bytes arrive in the pieces between the given cut points (repeats and out-of-range cuts ignored). */
function chunkedSource(bytes: Buffer, cuts: number[]): SourceInput {
  const points = [...new Set([0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length])].sort((a, b) => a - b);
  const pieces = points.slice(1).map((p, i) => bytes.subarray(points[i], p));
  return { ...sourceFromBytes(bytes, 'report.xml'), open: () => Readable.from(pieces) };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(join(FIX, p))).digest('hex');

describe('ufed fixture', () => {
  it('report.xml yields exactly the expected items', async () => {
    const got = (await items(REPORT)).map(jsonItem);
    const exp = `${REPORT}.expected.json`;
    if (process.env.CLEW_UPDATE_GOLDEN === '1' || !existsSync(exp)) writeFileSync(exp, `${JSON.stringify(got, null, 1)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(exp, 'utf8')));
  });

  it('reads device identifiers, chats with their app, deleted state, source paths and attachments', async () => {
    const all = await items(REPORT);
    const rs = records(all);
    const dev = rs.find((r) => r.type === 'device')!;
    expect(dev).toMatchObject({ account: 'phone:+381641234567', identifiers: { imei: '356938035643809', imei_2: '356938035643817', imsi: '220011234567890', msisdn: '+381641234567', iccid: '8938101234567890123', model: 'SM-G991B Galaxy S21 5G' } });
    // owner accounts bound to the device: the Google account, the WhatsApp party marked owner, the Telegram account
    const bound = rs.flatMap((r) => (r.type === 'device' ? [r.account] : []));
    expect(bound).toEqual(expect.arrayContaining(['phone:+381641234567', 'email:vuk.primer@gmail.com', 'threema:VUK4F2A9', 'telegram:vuk_p', 'telegram:987654321']));
    const msgs = rs.filter((r): r is MessageRecord => r.type === 'message');
    const im1 = msgs.find((m) => m.nativeId === 'im-1')!;
    expect(im1).toMatchObject({ from: 'phone:+31612345678', to: ['phone:+381641234567', 'phone:+34612345678'], conversation: 'whatsapp:381641111111-1614589200@g.us', channel: 'chat', body: 'Kontejner MSCU1234566 stiže u Antwerpen u petak & <ništa> više', tzOffset: 60 });
    const im2 = msgs.find((m) => m.nativeId === 'im-2')!;
    expect(im2).toMatchObject({ body: 'obriši ovo odmah', deleted: true, attachments: ['att-1', 'att-2'] });
    const loc = all.find((i) => i.kind === 'record' && i.record.type === 'message' && i.record.nativeId === 'im-1')!.locator;
    expect(loc.path).toBe('Chat[chat-1]/Messages/InstantMessage[im-1] from /data/data/com.whatsapp/databases/msgstore.db');
    expect(readFileSync(REPORT).subarray(loc.offset!, loc.offset! + 30).toString()).toBe('<model type="InstantMessage" i');
    const atts = rs.filter((r) => r.type === 'attachment');
    expect(atts.map((a) => [a.nativeId, a.sha256, a.mime])).toEqual([
      ['att-1', sha('files/Image/IMG-20240301-WA0001.jpg'), 'image/jpeg'],
      ['att-2', sha('files/Audio/PTT-20240301-WA0002.opus'), 'audio/ogg'],
    ]);
    expect(msgs.find((m) => m.nativeId === 'im-threema-1')).toMatchObject({ from: 'threema:ECHOECHO', to: ['threema:VUK4F2A9'] });
    expect(msgs.filter((m) => m.channel === 'sms').map((m) => [m.from, m.to, m.deleted ?? false])).toEqual([
      ['phone:+381637654321', ['phone:+381641234567'], false],
      ['phone:+381641234567', ['phone:+381637654321'], true],
    ]);
    expect(msgs.find((m) => m.channel === 'email')).toMatchObject({ from: 'email:logistika@example.com', to: ['email:vuk.primer@gmail.com', 'email:kum@example.org'], subject: 'Faktura 17/2024' });
    expect(rs.filter((r) => r.type === 'call')).toMatchObject([
      { from: 'phone:+31612345678', to: 'phone:+381641234567', duration: 125 },
      { from: 'phone:+381641234567', to: 'phone:+34612345678', duration: 0 },
    ]);
    expect(rs.filter((r) => r.type === 'contact')).toEqual([
      { type: 'contact', owner: 'phone:+381641234567', contact: 'phone:+31612345678', name: '  Kum 🚤 Antwerpen ' },
      { type: 'contact', owner: 'phone:+381641234567', contact: 'email:kum@example.org', name: '  Kum 🚤 Antwerpen ' },
      { type: 'contact', owner: 'phone:+381641234567', contact: 'telegram:123456789', name: 'Zoki Bo$$' },
    ]);
    expect(rs.find((r) => r.type === 'location' && r.kind === 'device')).toMatchObject({ lat: 51.2637, lon: 4.3997, label: 'Luka Antwerpen · Google Maps' });
    expect(rejects(all).map((r) => [r.code, r.message.split(':')[0]])).toEqual([
      ['SCHEMA', 'Chat[chat-1]/Messages/InstantMessage[im-3] at byte 12006'.replace(/\d+$/, String(readFileSync(REPORT).indexOf('<model type="InstantMessage" id="im-3"')))],
      ['SCHEMA', 'Contact[c-3] at byte ' + String(readFileSync(REPORT).indexOf('<model type="Contact" id="c-3"'))],
    ]);
    expect(all.filter((i) => i.kind === 'warning').map((w) => (w.kind === 'warning' ? [w.code, w.message.split(': ').pop()] : []))).toEqual([['UFED_MODELS_NOT_READ', '1 Cookie']]);
  });

  it('a .ufdr gives the same records as the bare report, with attachments hashed from the archive', async () => {
    const bare = records(await items(REPORT));
    const zipped = await items(ufdr('case.ufdr', readFileSync(REPORT)));
    expect(records(zipped)).toEqual(bare);
    expect(zipped.find((i) => i.kind === 'record')!.locator.entry).toBe('report.xml');
  });

  it('is idempotent: the same report twice gives the same items', async () => {
    expect((await items(REPORT)).map(jsonItem)).toEqual((await items(REPORT)).map(jsonItem));
  });
});

describe('ufed: bad input', () => {
  const xml = readFileSync(REPORT, 'utf8');

  it('mismatched end tags are a syntax error, with what came before kept', async () => {
    const doc = `<project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="Location"><model type="Location" id="l1"><modelField name="Position" type="Coordinate"><model type="Coordinate" id="c"><field name="Latitude" type="Double"><value type="Double">44.8</value></field><field name="Longitude" type="Double"><value type="Double">20.4</value></field></model></modelField></model><model type="Location" id="l2"></field></model></modelType></decodedData></project>`;
    const got = await collect(ufedParser, sourceFromBytes(doc, 'report.xml'));
    expect(records(got)).toMatchObject([{ type: 'location', lat: 44.8, lon: 20.4 }]);
    expect(rejects(got).map((r) => r.code)).toEqual(['XML_SYNTAX']);
    expect(rejects(got)[0]!.message).toContain('does not match');
  });

  it('a report cut off mid-element keeps what came before and quarantines the rest with the byte offset', async () => {
    const cut = Buffer.from(xml).subarray(0, Buffer.from(xml).indexOf('<field name="Body" type="String"><value type="String"><![CDATA[Javi se'));
    const got = await items(ufdr('cut.ufdr', cut));
    const rs = records(got);
    expect(rs.filter((r) => r.type === 'message').map((r) => (r as MessageRecord).nativeId)).toEqual(['im-1', 'im-2', 'im-threema-1']);
    const rj = got.filter((i) => i.kind === 'reject');
    expect(rj).toHaveLength(2);
    const last = rj[1]!;
    expect(last).toMatchObject({ code: 'XML_SYNTAX', locator: { entry: 'report.xml' } });
    // the quarantined part starts right after the last complete model (the Threema message)
    const threemaEnd = cut.lastIndexOf('</model>', cut.indexOf('<modelType type="SMS">')) + '</model>'.length;
    expect(last.locator.offset).toBe(threemaEnd);
    expect(last.locator.length).toBe(cut.length - threemaEnd);
  });

  it('refuses an XML bomb (no DTD processing, no entity expansion)', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE project [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="SMS"><model type="SMS" id="s"><field name="Body" type="String"><value type="String">&lol9;</value></field></model></modelType></decodedData></project>`;
    const got = await collect(ufedParser, sourceFromBytes(bomb, 'report.xml'));
    expect(records(got)).toEqual([]);
    expect(rejects(got).map((r) => r.code)).toEqual(['XML_DTD']);
  });

  it('never reads external entities', async () => {
    const secret = join(tmp, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-CONTENT');
    const xxe = `<?xml version="1.0"?><!DOCTYPE project [<!ENTITY xxe SYSTEM "file://${secret}">]><project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="SMS"><model type="SMS" id="s"><field name="Body" type="String"><value type="String">&xxe;</value></field></model></modelType></decodedData></project>`;
    const got = await collect(ufedParser, sourceFromBytes(xxe, 'report.xml'));
    expect(JSON.stringify(got)).not.toContain('TOP-SECRET');
    expect(rejects(got).map((r) => r.code)).toEqual(['XML_DTD']);
    // without a DOCTYPE, an entity reference is never resolved either: it stays as written
    const bare = `<project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="SMS"><model type="SMS" id="s"><multiModelField name="Parties" type="Party"><model type="Party" id="p"><field name="Identifier" type="String"><value type="String">+38163111222</value></field><field name="Role" type="PartyRole"><value type="PartyRole">From</value></field></model></multiModelField><field name="Body" type="String"><value type="String">&xxe; &amp; &#x17E;</value></field><field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T10:00:00+00:00</value></field></model></modelType></decodedData></project>`;
    const got2 = await collect(ufedParser, sourceFromBytes(bare, 'report.xml'));
    expect(JSON.stringify(got2)).not.toContain('TOP-SECRET');
    expect(rejects(got2)).toEqual([]);
    expect(records(got2).find((r) => r.type === 'message')).toMatchObject({ body: '&xxe; & ž' });
  });

  it('refuses a .ufdr with ../ entries or a decompression bomb', async () => {
    const slip = ufdr('slip.ufdr', readFileSync(REPORT), [{ name: '../../etc/evil', data: 'x' }]);
    await expect(items(slip)).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    const bomb = ufdr('bomb.ufdr', readFileSync(REPORT), [{ name: 'files/zero.bin', data: Buffer.alloc(8 * 1024 * 1024) }]);
    await expect(items(bomb)).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
    const liar = ufdr('liar.ufdr', readFileSync(REPORT).subarray(0, 100), []);
    // (a header that under-states the report's size makes yauzl stop the stream: quarantined, not trusted)
    void liar;
  });

  it('a zip without report.xml is FORMAT_UNKNOWN', async () => {
    const p = join(tmp, 'empty.ufdr');
    writeFileSync(p, makeZip([{ name: 'files/a.txt', data: 'a' }]));
    await expect(items(p)).rejects.toMatchObject({ code: 'FORMAT_UNKNOWN' });
  });
});

describe('ufed: sniffing', () => {
  it('recognises reports and archives, and declines other XML and zips', () => {
    expect(sniffUfed(readFileSync(REPORT), 'report.xml')).toEqual({ ok: true, confidence: 0.98 });
    expect(sniffUfed(Buffer.from('PK\u0003\u0004rest'), 'phone.ufdr')).toMatchObject({ ok: true });
    expect(sniffUfed(Buffer.from('PK\u0003\u0004....report.xml'), 'x.zip')).toMatchObject({ ok: true });
    expect(sniffUfed(Buffer.from('PK\u0003\u0004....._chat.txt'), 'x.zip')).toMatchObject({ ok: false });
    expect(sniffUfed(Buffer.from('<?xml version="1.0"?><rss><channel/></rss>'), 'feed.xml')).toMatchObject({ ok: false });
    expect(sniffUfed(Buffer.from('{"a":1}'), 'x.json')).toMatchObject({ ok: false });
    expect(pickReportEntry(['files/a/report.xml', 'report.xml', 'x'])).toBe('report.xml');
    expect(pickReportEntry(['Report/report.xml', 'files/a.jpg'])).toBe('Report/report.xml');
  });
});

describe('ufed: properties', () => {
  const wrap = (models: string) =>
    `<?xml version="1.0" encoding="utf-8"?><project xmlns="http://pa.cellebrite.com/report/2.0"><decodedData><modelType type="InstantMessage">${models}</modelType></decodedData></project>`;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // characters XML 1.0 allows (no C0 controls except tab/newline)
  const xmlText = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'ž', 'Ж', '你', '🚤', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\r\n', ']]>'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, ''));

  it('every message body survives escaping, any chunking, and the byte offsets point at each model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(xmlText, { minLength: 1, maxLength: 6 }), async (bodies) => {
        const models = bodies.map((b, i) => `<model type="InstantMessage" id="m${i}"><field name="Source" type="String"><value type="String">Signal</value></field><modelField name="From" type="Party"><model type="Party" id="p${i}"><field name="Identifier" type="String"><value type="String">+38164123456${i}</value></field><field name="Role" type="PartyRole"><value type="PartyRole">From</value></field></model></modelField><field name="Body" type="String"><value type="String">${esc(b)}</value></field><field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T10:00:0${i}.000+00:00</value></field></model>`);
        const doc = wrap(models.join('\n'));
        const got = await collect(ufedParser, sourceFromBytes(doc, 'report.xml'));
        const msgs = got.filter((i) => i.kind === 'record' && i.record.type === 'message');
        expect(msgs.map((i) => (i.kind === 'record' ? (i.record as MessageRecord).body : ''))).toEqual(bodies.map((b) => b.replace(/\r\n?/g, '\n')));
        const buf = Buffer.from(doc);
        for (const [k, i] of msgs.entries()) expect(buf.subarray(i.locator.offset!, i.locator.offset! + 33).toString()).toBe(`<model type="InstantMessage" id="m${k}"`.slice(0, 33));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a report cut into byte chunks anywhere (inside UTF-8 characters too) exactly as in one piece', async () => {
    // Cyrillic, Arabic (with a mark and a right-to-left mark), emoji (4 bytes, a ZWJ sequence, a flag), markup characters
    const unit = fc.constantFrom('a', ' ', 'Ж', 'щ', 'ў', 'ع', 'ب', 'ـ', '\u064b', '\u200f', '🚤', '👨‍👩‍👧', '🇷🇸', 'ž', '你', '&', '<', '>', '"', "'", ']', '\n');
    const text = fc.string({ unit, minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
    const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
    // a value as escaped text or as CDATA (when it can be)
    const value = (s: string, cdata: boolean) => (cdata && !s.includes(']]>') ? `<![CDATA[${s}]]>` : esc(s));
    const msg = fc.record({ id: text, sender: text, body: text, cdata: fc.boolean() });
    const contact = fc.record({ name: text, cdata: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ device: text, chat: text, msgs: fc.array(msg, { minLength: 1, maxLength: 4 }), contacts: fc.array(contact, { maxLength: 3 }) }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }),
        async (r, fractions) => {
          const im = r.msgs.map(
            (m, i) =>
              `<model type="InstantMessage" id="${escAttr(m.id)}"><field name="Source" type="String"><value type="String">Telegram</value></field><modelField name="From" type="Party"><model type="Party" id="${escAttr(m.sender)}"><field name="Identifier" type="String"><value type="String">+3816412345${i}</value></field><field name="Name" type="String"><value type="String">${value(m.sender, m.cdata)}</value></field><field name="Role" type="PartyRole"><value type="PartyRole">From</value></field></model></modelField><field name="Body" type="String"><value type="String">${value(m.body, !m.cdata)}</value></field><field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T10:00:0${i}.000+00:00</value></field></model>`,
          );
          const cs = r.contacts.map(
            (c, i) =>
              `<model type="Contact" id="c${i}"><field name="Source" type="String"><value type="String">Phone</value></field><field name="Name" type="String"><value type="String">${value(c.name, c.cdata)}</value></field><multiModelField name="Entries" type="ContactEntry"><model type="PhoneNumber" id="e${i}"><field name="Value" type="String"><value type="String">+3816377700${i}</value></field></model></multiModelField></model>`,
          );
          const doc =
            `<?xml version="1.0" encoding="utf-8"?><project xmlns="http://pa.cellebrite.com/report/2.0"><metadata section="Device Info"><item name="MSISDN"><![CDATA[+381641234567]]></item><item name="DeviceInfoSelectedDeviceName">${value(r.device, true)}</item></metadata>` +
            `<decodedData><modelType type="Chat"><model type="Chat" id="${escAttr(r.chat)}"><field name="Source" type="String"><value type="String">Telegram</value></field><field name="Name" type="String"><value type="String">${value(r.chat, false)}</value></field><multiModelField name="Messages" type="InstantMessage">${im.join('\n')}</multiModelField></model></modelType>` +
            `<modelType type="Contact">${cs.join('')}</modelType></decodedData></project>`;
          const bytes = Buffer.from(doc, 'utf8');
          const whole = (await collect(ufedParser, chunkedSource(bytes, []))).map(jsonItem);
          const cut = (await collect(ufedParser, chunkedSource(bytes, fractions.map((f) => Math.floor(f * bytes.length))))).map(jsonItem);
          expect(cut).toEqual(whole);
          // and the one-piece reading is right: the bodies, message ids and names are the ones written
          const rs = records(await collect(ufedParser, chunkedSource(bytes, Array.from({ length: bytes.length }, (_, i) => i))));
          expect(rs.map(jsonItem)).toEqual(records(whole as ParseItem[]));
          const ms = rs.filter((x): x is MessageRecord => x.type === 'message');
          expect(ms.map((m) => [m.nativeId, m.body])).toEqual(r.msgs.map((m) => [m.id, m.body]));
          expect(rs.flatMap((x) => (x.type === 'contact' ? [x.name] : []))).toEqual(r.contacts.map((c) => c.name));
          expect(rejects(whole as ParseItem[])).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any truncation keeps a prefix of the messages and ends with one XML_SYNTAX reject (or none when complete)', async () => {
    const models = Array.from({ length: 5 }, (_, i) => `<model type="InstantMessage" id="m${i}"><modelField name="From" type="Party"><model type="Party" id="p${i}"><field name="Identifier" type="String"><value type="String">ALPHA${i}</value></field><field name="Role" type="PartyRole"><value type="PartyRole">From</value></field></model></modelField><field name="Body" type="String"><value type="String">body ${i} žž</value></field><field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">2024-03-01T10:00:00.000+00:00</value></field></model>`);
    const full = Buffer.from(wrap(models.join('')));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: full.length }), async (n) => {
        const got = await collect(ufedParser, sourceFromBytes(full.subarray(0, n), 'report.xml'));
        const ids = got.flatMap((i) => (i.kind === 'record' && i.record.type === 'message' ? [i.record.nativeId] : []));
        expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'].slice(0, ids.length));
        const rj = got.filter((i) => i.kind === 'reject');
        if (n === full.length) expect(rj).toEqual([]);
        else {
          expect(rj.map((r) => r.kind === 'reject' && r.code)).toEqual(['XML_SYNTAX']);
          expect(rj[0]!.locator.offset! + rj[0]!.locator.length!).toBe(n);
        }
      }),
      { numRuns: 80 },
    );
  });
});
