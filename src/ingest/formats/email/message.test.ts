import { describe, expect, it } from 'vitest';
import { dateHeaderOffset, emailRef, envelopeTime, parseMail } from './message.js';

const CTX = { fallbackId: 'fb', maxAttachmentBytes: 1000 };

describe('parseMail', () => {
  it('uses the envelope sender and date when headers lack them', async () => {
    const rs = await parseMail(Buffer.from('Subject: x\r\n\r\nbody\r\n'), { ...CTX, envelope: '<anon@example.org> Thu Feb  4 10:00:00 2021' });
    expect(rs).toEqual([
      { type: 'message', nativeId: 'fb', from: 'email:anon@example.org', to: [], channel: 'email', body: 'body\n', ts: Date.UTC(2021, 1, 4, 10), tzOffset: null, subject: 'x', conversation: 'fb' },
    ]);
  });

  it('rejects messages without sender or date', async () => {
    await expect(parseMail(Buffer.from('Subject: x\r\n\r\nbody\r\n'), CTX)).rejects.toMatchObject({ code: 'SCHEMA' });
    await expect(parseMail(Buffer.from('From: a@x.org\r\n\r\nbody\r\n'), CTX)).rejects.toMatchObject({ code: 'TIMESTAMP_INVALID' });
  });
});

describe('message helpers', () => {
  it('normalises addresses', () => {
    expect(emailRef(' Vuk@Example.ORG ')).toBe('email:vuk@example.org');
    expect(emailRef('not an address')).toBeNull();
    expect(emailRef('')).toBeNull();
  });

  it('reads offsets and envelope dates', () => {
    expect(dateHeaderOffset('Thu, 4 Feb 2021 09:30:00 +0300')).toBe(180);
    expect(dateHeaderOffset('Thu, 4 Feb 2021 09:30:00 PDT')).toBe(-420);
    expect(dateHeaderOffset('Thu, 4 Feb 2021 09:30:00 +9999')).toBeNull();
    expect(envelopeTime('x Thu Foo  4 10:00:00 2021')).toBeNull();
  });
});
