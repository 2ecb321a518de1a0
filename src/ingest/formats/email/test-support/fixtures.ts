/**
 * The e-mail fixtures, built from code so every byte is explained. `fixtures.test.ts` checks
 * the committed files under test/fixtures/email equal these bytes (REGEN_FIXTURES=1 rewrites).
 */
import { makeJpegWithExif } from '../../../../text/exif/test-support/jpeg-exif.js';
import { encode, encodedWord, qp } from './charsets.js';

const CRLF = '\r\n';

function msg(headers: string[], body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')]);
}

export const GPS_JPEG = makeJpegWithExif({ lat: 51.2637, lon: 4.3986, dateTimeOriginal: '2021:02:03 10:15:00', offsetTimeOriginal: '+01:00' });

export const TEXTS = {
  sr: 'Kontejner stiže u petak, šef čeka.',
  ru1251: 'Груз прибыл в порт.',
  ruKoi: 'Деньги на месте.',
  ja: 'コンテナは金曜日に着く',
  utf8: 'Plaćanje: 50.000 € — gotovina 💶',
  utf8QP: 'Čekam odgovor do ponoći — javi se, brate. Ђорђе зна где је роба.',
};

export function iso88592(): Buffer {
  return msg(
    [
      `From: ${'=?ISO-8859-2?Q?Vuk_Jovanovi=E6?='} <Vuk@Example.org>`,
      'To: kum@example.net',
      `Cc: ${encodedWord('Šef', 'iso-8859-2')} <sef@example.com>`,
      `Subject: ${encodedWord('Pošiljka', 'iso-8859-2')}`,
      'Date: Wed, 3 Feb 2021 10:15:00 +0100',
      'Message-ID: <m1@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=ISO-8859-2',
      'Content-Transfer-Encoding: quoted-printable',
    ],
    qp(encode(`${TEXTS.sr}\n`, 'iso-8859-2')),
  );
}

export function windows1251(): Buffer {
  const body = encode(`${TEXTS.ru1251}\n`, 'windows-1251').toString('base64');
  return msg(
    [
      `From: ${encodedWord('Иван', 'windows-1251')} <ivan@example.ru>`,
      'To: "Vuk" <vuk@example.org>',
      `Subject: ${encodedWord('Груз', 'windows-1251')}`,
      'Date: Wed, 3 Feb 2021 06:00:00 -0500',
      'Message-ID: <m2@example.ru>',
      'In-Reply-To: <m1@example.org>',
      'References: <m1@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=windows-1251',
      'Content-Transfer-Encoding: base64',
    ],
    body,
  );
}

export function koi8r(): Buffer {
  return msg(
    [
      'From: <ivan@example.ru>',
      'To: vuk@example.org',
      `Subject: ${encodedWord('Деньги', 'koi8-r')}`,
      'Date: Thu, 4 Feb 2021 09:30:00 +0300',
      'Message-ID: <m3@example.ru>',
      'In-Reply-To: <m2@example.ru>',
      'References: <m1@example.org>',
      '  <m2@example.ru>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=KOI8-R',
      'Content-Transfer-Encoding: 8bit',
    ],
    encode(`${TEXTS.ruKoi}\n`, 'koi8-r'),
  );
}

export function iso2022jp(): Buffer {
  return msg(
    [
      'From: Kenji <kenji@example.jp>',
      'To: vuk@example.org',
      `Subject: ${encodedWord('コンテナ', 'iso-2022-jp')}`,
      'Date: Thu, 4 Feb 2021 18:00:00 +0900',
      'Message-ID: <m4@example.jp>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=ISO-2022-JP',
      'Content-Transfer-Encoding: 7bit',
    ],
    encode(`${TEXTS.ja}\n`, 'iso-2022-jp'),
  );
}

export function utf8Multipart(): Buffer {
  const b = 'b1_clew';
  const body = [
    `--${b}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`${TEXTS.utf8}\n`, 'utf8').toString('base64'),
    `--${b}`,
    'Content-Type: image/jpeg; name="IMG_0042.jpg"',
    'Content-Disposition: attachment; filename="IMG_0042.jpg"',
    'Content-Transfer-Encoding: base64',
    '',
    GPS_JPEG.toString('base64').replace(/(.{76})/g, `$1${CRLF}`),
    `--${b}`,
    'Content-Type: application/pdf; name="racun.pdf"',
    'Content-Disposition: attachment; filename="racun.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`%PDF-1.4\n${'0'.repeat(3000)}\n%%EOF\n`).toString('base64').replace(/(.{76})/g, `$1${CRLF}`),
    `--${b}--`,
    '',
  ].join(CRLF);
  return msg(
    [
      `From: ${encodedWord('Đorđe "Kum" Petrović', 'utf-8')} <kum@example.net>`,
      'To: vuk@example.org, "Group" <ops@example.com>',
      'Bcc: hidden@example.com',
      `Subject: ${encodedWord('Plaćanje 💶', 'utf-8')}`,
      'Date: Fri, 5 Feb 2021 08:00:00 +0100',
      'Message-ID: <m5@example.net>',
      'In-Reply-To: <m3@example.ru>',
      'References: <m1@example.org> <m2@example.ru> <m3@example.ru>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
    ],
    body,
  );
}

export function htmlOnly(): Buffer {
  return msg(
    [
      'From: "Ops\u0007\u001b[31m" <ops@example.com>',
      'To: vuk@example.org',
      'Subject: =?UTF-8?Q?Sastanak_=E2=80=94_sutra?=',
      'Date: Sat, 6 Feb 2021 12:00:00 +0000',
      'Message-ID: <m6@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
    ],
    qp(Buffer.from('<html><body><p>Sastanak <b>sutra</b> u 10h.</p><script>alert(1)</script><img src="http://tracker/x.gif"></body></html>\n', 'utf8')),
  );
}

export function unknownCharset(): Buffer {
  return msg(
    [
      'From: x@example.com',
      'To: vuk@example.org',
      'Subject: odd charset',
      'Date: Sat, 6 Feb 2021 13:00:00 +0000',
      'Message-ID: <m7@example.com>',
      'Content-Type: text/plain; charset=x-no-such-charset',
      'Content-Transfer-Encoding: 8bit',
    ],
    Buffer.from([0x68, 0x69, 0x20, 0xff, 0xfe, 0x0a]),
  );
}

/** Escaped "From " lines, no Date header (envelope date used), no Message-ID. */
export function envelopeOnly(): Buffer {
  return msg(['From: anon@example.org', 'To: vuk@example.org', 'Subject: no date'], '>From the port we go.\n>>From here too.\n');
}

export function bigAttachment(): Buffer {
  const b = 'b2';
  const blob = Buffer.alloc(300_000, 0x41);
  return msg(
    [
      'From: big@example.org',
      'To: vuk@example.org',
      'Subject: big',
      'Date: Sun, 7 Feb 2021 10:00:00 +0100',
      'Message-ID: <m9@example.org>',
      `Content-Type: multipart/mixed; boundary="${b}"`,
    ],
    [
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'see attached',
      `--${b}`,
      'Content-Type: application/octet-stream; name="dump.bin"',
      'Content-Disposition: attachment; filename="dump.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      blob.toString('base64').replace(/(.{76})/g, `$1${CRLF}`),
      `--${b}--`,
      '',
    ].join(CRLF),
  );
}

export function utf8QuotedPrintable(): Buffer {
  return msg(
    [
      'From: =?UTF-8?Q?Milo=C5=A1?= <milos@example.rs>',
      'To: vuk@example.org',
      'Subject: =?UTF-8?Q?=C4=8Cekam_odgovor?=',
      'Date: Sun, 7 Feb 2021 21:05:00 +0100',
      'Message-ID: <m10@example.rs>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
    ],
    qp(Buffer.from(`${TEXTS.utf8QP}\n`, 'utf8')),
  );
}

const ENVELOPE = (who: string, when: string): string => `From ${who} ${when}\n`;

/** The mailbox: all the above in mboxrd, in order. */
export function mailbox(): Buffer {
  const parts: Array<[string, string, Buffer]> = [
    ['vuk@example.org', 'Wed Feb  3 09:15:00 2021', iso88592()],
    ['ivan@example.ru', 'Wed Feb  3 11:00:00 2021', windows1251()],
    ['ivan@example.ru', 'Thu Feb  4 06:30:00 2021', koi8r()],
    ['kenji@example.jp', 'Thu Feb  4 09:00:00 2021', iso2022jp()],
    ['kum@example.net', 'Fri Feb  5 07:00:00 2021', utf8Multipart()],
    ['ops@example.com', 'Sat Feb  6 12:00:00 2021', htmlOnly()],
    ['x@example.com', 'Sat Feb  6 13:00:00 2021', unknownCharset()],
    ['anon@example.org', 'Sat Feb  6 14:00:00 2021', envelopeOnly()],
    ['MAILER-DAEMON', 'Sat Feb  6 15:00:00 2021', Buffer.from('Subject: nobody\r\n\r\nno from, no date header\r\n')],
    ['milos@example.rs', 'Sun Feb  7 20:05:00 2021', utf8QuotedPrintable()],
  ];
  return Buffer.concat(parts.flatMap(([who, when, m]) => [Buffer.from(ENVELOPE(who, when)), m, Buffer.from('\n')]));
}

export const FIXTURE_FILES: Record<string, () => Buffer> = {
  'email/mailbox.mbox': mailbox,
  'email/iso-2022-jp.eml': iso2022jp,
  'email/multipart-utf8.eml': utf8Multipart,
  'attachments/gps.jpg': () => GPS_JPEG,
};
