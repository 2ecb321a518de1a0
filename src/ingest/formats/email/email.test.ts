import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../../model/records.js';
import { checkResume, collect, records, rejects, sourceFromBytes, sourceFromFixture } from '../csv/test-support/source.js';
import { dropSeparator, emlParser, mboxParser, sniffEml, sniffMbox } from './email.js';
import { dateHeaderOffset, envelopeTime } from './message.js';
import { bigAttachment, GPS_JPEG, TEXTS } from './test-support/fixtures.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const strip = (rs: ClewRecord[]): unknown[] => rs.map((r) => (r.type === 'attachment' && r.content ? { ...r, content: `<${r.content.length} bytes>` } : r));

describe('mboxParser', () => {
  const input = sourceFromFixture('email/mailbox.mbox', { maxAttachmentBytes: 1000, timeZone: 'Europe/Belgrade' });

  it('decodes every charset and threads the conversation', async () => {
    const items = await collect(mboxParser, input);
    const msgs = records(items).filter((r) => r.type === 'message');
    expect(msgs.map((m) => (m.type === 'message' ? [m.nativeId, m.from, m.subject, m.body, m.ts, m.tzOffset, m.conversation, m.replyTo] : []))).toEqual([
      ['<m1@example.org>', 'email:vuk@example.org', 'Pošiljka', `${TEXTS.sr}\n`, Date.UTC(2021, 1, 3, 9, 15), 60, '<m1@example.org>', undefined],
      ['<m2@example.ru>', 'email:ivan@example.ru', 'Груз', `${TEXTS.ru1251}\n`, Date.UTC(2021, 1, 3, 11), -300, '<m1@example.org>', '<m1@example.org>'],
      ['<m3@example.ru>', 'email:ivan@example.ru', 'Деньги', `${TEXTS.ruKoi}\n`, Date.UTC(2021, 1, 4, 6, 30), 180, '<m1@example.org>', '<m2@example.ru>'],
      ['<m4@example.jp>', 'email:kenji@example.jp', 'コンテナ', `${TEXTS.ja}\n`, Date.UTC(2021, 1, 4, 9), 540, '<m4@example.jp>', undefined],
      ['<m5@example.net>', 'email:kum@example.net', 'Plaćanje 💶', `${TEXTS.utf8}\n`, Date.UTC(2021, 1, 5, 7), 60, '<m1@example.org>', '<m3@example.ru>'],
      ['<m6@example.com>', 'email:ops@example.com', 'Sastanak — sutra', 'Sastanak sutra u 10h.\n\n[http://tracker/x.gif]', Date.UTC(2021, 1, 6, 12), 0, '<m6@example.com>', undefined],
      ['<m7@example.com>', 'email:x@example.com', 'odd charset', 'hi \uFFFD\uFFFD\n', Date.UTC(2021, 1, 6, 13), 0, '<m7@example.com>', undefined],
      ['mbox@7691', 'email:anon@example.org', 'no date', 'From the port we go.\n>From here too.\n', Date.UTC(2021, 1, 6, 14), null, 'mbox@7691', undefined],
      ['<m10@example.rs>', 'email:milos@example.rs', 'Čekam odgovor', `${TEXTS.utf8QP}\n`, Date.UTC(2021, 1, 7, 20, 5), 60, '<m10@example.rs>', undefined],
    ]);
    expect(rejects(items)).toEqual([{ code: 'SCHEMA', line: 173, message: 'the message has no readable From address' }]);
  });

  it('puts every recipient in `to`, names senders, never keeps HTML', async () => {
    const rs = records(await collect(mboxParser, input));
    const m1 = rs.find((r) => r.type === 'message' && r.nativeId === '<m1@example.org>');
    expect(m1).toMatchObject({ to: ['email:kum@example.net', 'email:sef@example.com'], channel: 'email' });
    const m5 = rs.find((r) => r.type === 'message' && r.nativeId === '<m5@example.net>');
    expect(m5).toMatchObject({ to: ['email:vuk@example.org', 'email:ops@example.com', 'email:hidden@example.com'], attachments: ['<m5@example.net>#1', '<m5@example.net>#2'] });
    expect(rs.filter((r) => r.type === 'account')).toEqual([
      { type: 'account', ref: 'email:vuk@example.org', kind: 'email', displayName: 'Vuk Jovanović' },
      { type: 'account', ref: 'email:ivan@example.ru', kind: 'email', displayName: 'Иван' },
      { type: 'account', ref: 'email:kenji@example.jp', kind: 'email', displayName: 'Kenji' },
      { type: 'account', ref: 'email:kum@example.net', kind: 'email', displayName: 'Đorđe "Kum" Petrović' },
      // mailparser's address parser drops C0 control characters (BEL, ESC) from display names
      { type: 'account', ref: 'email:ops@example.com', kind: 'email', displayName: 'Ops[31m' },
      { type: 'account', ref: 'email:milos@example.rs', kind: 'email', displayName: 'Miloš' },
    ]);
    for (const r of rs) if (r.type === 'message') expect(r.body).not.toMatch(/<(html|p|b|script)\b/i);
  });

  it('hashes attachments, keeps content under the cap, locates EXIF', async () => {
    const rs = records(await collect(mboxParser, input));
    expect(strip(rs.filter((r) => r.type === 'attachment' || r.type === 'location'))).toEqual([
      { type: 'attachment', nativeId: '<m5@example.net>#1', message: '<m5@example.net>', filename: 'IMG_0042.jpg', mime: 'image/jpeg', size: GPS_JPEG.length, sha256: sha(GPS_JPEG), takenAt: '2021-02-03T10:15:00+01:00', content: `<${GPS_JPEG.length} bytes>` },
      { type: 'location', kind: 'exif', lat: 51.2637, lon: 4.3986, attachment: '<m5@example.net>#1', message: '<m5@example.net>', account: 'email:kum@example.net', ts: Date.UTC(2021, 1, 3, 9, 15), label: 'IMG_0042.jpg' },
      { type: 'attachment', nativeId: '<m5@example.net>#2', message: '<m5@example.net>', filename: 'racun.pdf', mime: 'application/pdf', size: 3016, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('locates each message by line, offset and Message-ID', async () => {
    const items = await collect(mboxParser, input);
    const m2 = items.find((i) => i.kind === 'record' && i.record.type === 'message' && i.record.nativeId === '<m2@example.ru>')!;
    expect(m2.locator).toEqual({ line: 14, endLine: 26, offset: 433, length: 427, entry: '<m2@example.ru>' });
  });

  it('honours every resume point', async () => {
    await checkResume(mboxParser, input);
  });

  it('rejects an oversized message and goes on', async () => {
    const big = Buffer.concat([Buffer.from('From a@x Thu Feb  4 10:00:00 2021\n'), bigAttachment(), Buffer.from('\n')]);
    const items = await collect(mboxParser, sourceFromBytes(big, 'big.mbox', { maxAttachmentBytes: 1000 }));
    const att = records(items).find((r) => r.type === 'attachment');
    expect(att).toMatchObject({ filename: 'dump.bin', size: 300_000, mime: 'application/octet-stream' });
    expect(att && att.type === 'attachment' && att.content).toBeUndefined(); // over the cap: hash and size only
  });
});

describe('emlParser', () => {
  it('reads one message, not seekable', async () => {
    const items = await collect(emlParser, sourceFromFixture('email/iso-2022-jp.eml'));
    expect(records(items)).toEqual([
      { type: 'account', ref: 'email:kenji@example.jp', kind: 'email', displayName: 'Kenji' },
      { type: 'message', nativeId: '<m4@example.jp>', from: 'email:kenji@example.jp', to: ['email:vuk@example.org'], channel: 'email', body: `${TEXTS.ja}\n`, ts: Date.UTC(2021, 1, 4, 9), tzOffset: 540, subject: 'コンテナ', conversation: '<m4@example.jp>' },
    ]);
    expect(items.every((i) => i.resume === undefined && i.locator.offset === 0)).toBe(true);
  });

  it('reads the multipart fixture with its attachments', async () => {
    const rs = records(await collect(emlParser, sourceFromFixture('email/multipart-utf8.eml')));
    expect(rs.map((r) => r.type)).toEqual(['account', 'message', 'attachment', 'location', 'attachment']);
  });
});

describe('e-mail helpers', () => {
  it('reads Date offsets and envelope times', () => {
    expect(dateHeaderOffset('Wed, 3 Feb 2021 10:15:00 +0100')).toBe(60);
    expect(dateHeaderOffset('Wed, 3 Feb 2021 10:15:00 -0330 (NST)')).toBe(-210);
    expect(dateHeaderOffset('Wed, 3 Feb 2021 10:15:00 GMT')).toBe(0);
    expect(dateHeaderOffset('Wed, 3 Feb 2021 10:15:00')).toBeNull();
    expect(envelopeTime('a@x Thu Feb  4 10:00:00 2021')).toBe(Date.UTC(2021, 1, 4, 10));
    expect(envelopeTime('MAILER-DAEMON')).toBeNull();
  });

  it('drops only the mbox separator line', () => {
    expect(dropSeparator(Buffer.from('a\n\n')).toString()).toBe('a\n');
    expect(dropSeparator(Buffer.from('a\r\n\r\n')).toString()).toBe('a\r\n');
    expect(dropSeparator(Buffer.from('a\n')).toString()).toBe('a\n');
  });

  it('sniffs mbox and eml, refusing each other and CSV', () => {
    const mbox = Buffer.from('From a@x Thu Feb  4 10:00:00 2021\nFrom: a@x\nSubject: s\n\nx\n');
    const eml = Buffer.from('Received: from x\r\nFrom: a@x\r\nSubject: s\r\n\r\nx\r\n');
    expect(sniffMbox(mbox, 'x.mbox')).toEqual({ ok: true, confidence: 0.9 });
    expect(sniffMbox(eml, 'x.eml')).toMatchObject({ ok: false });
    expect(sniffEml(eml, 'x.eml')).toEqual({ ok: true, confidence: 0.9 });
    expect(sniffEml(mbox, 'x.mbox')).toMatchObject({ ok: false, reason: expect.stringContaining('mbox') });
    expect(sniffEml(Buffer.from('a,b,c\n1,2,3\n'), 'x.csv')).toMatchObject({ ok: false });
    expect(sniffMbox(Buffer.from('From here to there we go\nno headers\n'), 'x.txt')).toMatchObject({ ok: false });
  });
});

describe('mboxParser: generated mailboxes', () => {
  it('accounts for every message exactly once, whatever the bodies hold', async () => {
    const { default: fc } = await import('fast-check');
    const line = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => s.replace(/\r?\n/g, ' ')),
      fc.constantFrom('From the port we go', '>From escaped', '>>From twice', '--boundary', '=?UTF-8?B?w6k=?=', '.', ''),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.array(line, { maxLength: 6 }), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 }), async (specs) => {
        const mbox = specs
          .map(([lines, hasDate, hasFrom], i) =>
            [
              `From s${i}@example.org Thu Feb  4 10:00:0${i % 10} 2021`,
              ...(hasFrom ? [`From: s${i}@example.org`] : []),
              'To: r@example.org',
              ...(hasDate ? ['Date: Thu, 4 Feb 2021 10:00:00 +0100'] : []),
              `Subject: ${i}`,
              '',
              ...lines,
              '',
            ].join('\n'),
          )
          .join('\n');
        const items = await collect(mboxParser, sourceFromBytes(mbox, 'g.mbox'));
        const starts = new Set(items.map((it) => it.locator.offset));
        return starts.size === specs.length && items.every((it) => it.resume !== undefined);
      }),
      { numRuns: 80 },
    );
  });
});

describe('emlParser: Apple Mail .emlx', () => {
  it('reads the framed message and ignores the plist', async () => {
    const { iso2022jp } = await import('./test-support/fixtures.js');
    const m = iso2022jp();
    const emlx = Buffer.concat([Buffer.from(`${m.length}\n`), m, Buffer.from('<?xml version="1.0"?>\n<plist version="1.0"><dict><key>flags</key><integer>8590195713</integer></dict></plist>\n')]);
    expect(sniffEml(emlx, '12345.emlx')).toEqual({ ok: true, confidence: 0.9 });
    const items = await collect(emlParser, sourceFromBytes(emlx, '12345.emlx'));
    const msg = records(items).find((r) => r.type === 'message');
    expect(msg).toMatchObject({ nativeId: '<m4@example.jp>', body: `${TEXTS.ja}\n` });
    expect(items[0]!.locator).toEqual({ line: 2, offset: String(m.length).length + 1, length: m.length, entry: '<m4@example.jp>' });
  });
});
