import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWords, parseDate, parseMailLite } from './lite.js';
import { splitMbox, unescapeMboxrd } from './mbox.js';
import { dropSeparator } from './email.js';
import { parseMail, type MailContext } from './message.js';
import * as F from './test-support/fixtures.js';

const CTX: MailContext = { fallbackId: 'fallback', maxAttachmentBytes: 1 << 20, timeZone: 'UTC' };

async function mailboxMessages(): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const m of splitMbox(Readable.from([F.mailbox()]), { maxMessageBytes: 1 << 20 })) out.push(unescapeMboxrd(dropSeparator(m.bytes)));
  return out;
}

async function same(bytes: Buffer): Promise<boolean> {
  if (!parseMailLite(bytes)) return false;
  const viaMailparser = await parseMail(bytes, CTX, 'mailparser').catch((e: { code?: string }) => e.code);
  const viaLite = await parseMail(bytes, CTX, 'lite').catch((e: { code?: string }) => e.code);
  expect(viaLite).toEqual(viaMailparser);
  return true;
}

describe('parseMailLite (differential against mailparser)', () => {
  it('gives the same records as mailparser on every fixture it reads, and reads the common ones', async () => {
    const handled: boolean[] = [];
    for (const m of [...(await mailboxMessages()), F.bigAttachment()]) handled.push(await same(m));
    // iso-8859-2, windows-1251, koi8-r, iso-2022-jp, utf-8 multipart: fast; html-only, unknown
    // charset, control characters in names: mailparser; plain no-date message, no-From, UTF-8
    // quoted-printable: fast
    expect(handled).toEqual([true, true, true, true, true, false, false, true, true, true, true]);
  });

  it('agrees with mailparser on generated messages', async () => {
    const word = fc.stringMatching(/^[A-Za-z0-9čćžšđЖжあ .,!?-]{0,20}$/);
    await fc.assert(
      fc.asyncProperty(
        word,
        word,
        fc.constantFrom('utf-8', 'iso-8859-2', 'windows-1251'),
        fc.constantFrom('base64', 'quoted-printable'),
        fc.boolean(),
        fc.uint8Array({ maxLength: 300 }),
        async (subject, text, charset, cte, multipart, att) => {
          let enc: Buffer;
          try {
            enc = charset === 'utf-8' ? Buffer.from(text, 'utf8') : (await import('./test-support/charsets.js')).encode(text, charset as 'iso-8859-2');
          } catch {
            return true; // not representable in that charset
          }
          const bodyEnc = cte === 'base64' ? enc.toString('base64') : (await import('./test-support/charsets.js')).qp(enc);
          const head = [
            'From: "Vuk J" <vuk@example.org>',
            'To: a@example.org, "B, the second" <b@example.org>',
            `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
            'Date: Wed, 3 Feb 2021 10:15:00 +0100',
            'Message-ID: <g@example.org>',
            'MIME-Version: 1.0',
          ];
          const textPart = [`Content-Type: text/plain; charset=${charset}`, `Content-Transfer-Encoding: ${cte}`, '', bodyEnc];
          const msg = multipart
            ? [...head, 'Content-Type: multipart/mixed; boundary="zz"', '', '--zz', ...textPart, '--zz', 'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="a.bin"', 'Content-Transfer-Encoding: base64', '', Buffer.from(att).toString('base64'), '--zz--', '']
            : [...head, ...textPart];
          const bytes = Buffer.from(msg.join('\r\n'), 'latin1');
          await same(bytes);
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('parseMailLite: structural variety (differential)', () => {
  it('agrees with mailparser on varied headers, alternatives and attachment names', async () => {
    const { encodedWord, qp } = await import('./test-support/charsets.js');
    const text = fc.stringMatching(/^[A-Za-z0-9čćžšđЖж .,:;!?'"\-\n\t]{0,60}$/);
    const name = fc.stringMatching(/^[A-Za-zčćžЖж .'-]{0,16}$/);
    const addr = fc.constantFrom('a@example.org', 'B.Two@Example.NET', 'c+tag@example.com', 'd_d@mail.example.rs');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, addr, fc.constantFrom('plain', 'quoted', 'encoded')), { minLength: 1, maxLength: 4 }),
        text,
        fc.constantFrom('mixed', 'alternative', 'single'),
        fc.constantFrom('base64', 'quoted-printable', '8bit'),
        name,
        fc.boolean(),
        async (people, body, layout, cte, attName, crlf) => {
          const fmt = ([n, a, style]: [string, string, string]): string => {
            if (n.trim() === '') return a;
            if (style === 'encoded') return `${encodedWord(n, 'utf-8')} <${a}>`;
            if (style === 'quoted') return `"${n}" <${a}>`;
            return /^[A-Za-z ]+$/.test(n) ? `${n} <${a}>` : `"${n}" <${a}>`;
          };
          const [sender, ...rest] = people;
          const bodyBytes = Buffer.from(body.replace(/\n/g, '\r\n'), 'utf8');
          const enc = cte === 'base64' ? bodyBytes.toString('base64') : cte === 'quoted-printable' ? qp(bodyBytes) : bodyBytes.toString('latin1');
          const textPart = ['Content-Type: text/plain; charset=utf-8', `Content-Transfer-Encoding: ${cte}`, '', enc];
          const head = [
            `From: ${fmt(sender!)}`,
            `To: ${rest.length ? rest.map(fmt).join(', ') : 'x@example.org'}`,
            ...(rest.length > 1 ? [`Cc: ${fmt(rest[0]!)}`] : []),
            'Subject: test',
            'Date: Thu, 4 Feb 2021 09:30:00 +0300',
            'Message-ID: <v@example.org>',
            'MIME-Version: 1.0',
          ];
          let lines: string[];
          if (layout === 'single') lines = [...head, ...textPart];
          else if (layout === 'alternative')
            lines = [...head, 'Content-Type: multipart/alternative; boundary="alt"', '', '--alt', ...textPart, '--alt', 'Content-Type: text/html; charset=utf-8', '', '<p>html</p>', '--alt--', ''];
          else {
            const fname = attName.trim() === '' ? 'file.bin' : encodedWord(attName, 'utf-8');
            lines = [...head, 'Content-Type: multipart/mixed; boundary="mx"', '', 'preamble', '--mx', ...textPart, '--mx', `Content-Type: application/pdf; name="${fname}"`, `Content-Disposition: attachment; filename="${fname}"`, 'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4 x').toString('base64'), '--mx--', 'epilogue', ''];
          }
          const bytes = Buffer.from(lines.join(crlf ? '\r\n' : '\n'), 'latin1');
          await same(bytes);
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('lite helpers', () => {
  it('decodes RFC 2047 words, joining adjacent ones', () => {
    expect(decodeWords('=?UTF-8?Q?Pla=C4=87anje?= =?UTF-8?B?IPCfkrY=?=')).toBe('Plaćanje 💶');
    expect(decodeWords('plain')).toBe('plain');
  });

  it('parses RFC 5322 dates strictly', () => {
    expect(parseDate('Wed, 3 Feb 2021 10:15:00 +0100').toISOString()).toBe('2021-02-03T09:15:00.000Z');
    expect(() => parseDate('Wed, 30 Feb 2021 10:15:00 +0100')).toThrow();
    expect(() => parseDate('yesterday')).toThrow();
  });

  it('declines what it does not handle', () => {
    expect(parseMailLite(Buffer.from('From: a@x\r\nTo: g: a@x, b@x;\r\n\r\nbody'))).toBeNull();
    expect(parseMailLite(Buffer.from('From: a@x\r\nContent-Type: text/plain; format=flowed\r\n\r\nbody'))).toBeNull();
    expect(parseMailLite(Buffer.from('From: a@x\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\nno end'))).toBeNull();
  });
});
