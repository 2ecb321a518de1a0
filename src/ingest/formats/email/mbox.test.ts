import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMbox, unescapeMboxrd, type MboxMessage } from './mbox.js';

async function split(text: string | Buffer, chunk = 3, max = 1 << 20, startOffset = 0, startLine = 1): Promise<MboxMessage[]> {
  const b = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += chunk) parts.push(b.subarray(i, i + chunk));
  const out: MboxMessage[] = [];
  for await (const m of splitMbox(Readable.from(parts), { maxMessageBytes: max, startOffset, startLine })) out.push(m);
  return out;
}

const MBOX = 'From a@x Thu Feb  4 10:00:00 2021\nSubject: one\n\nbody\n>From here\nFromage\n\nFrom b@x Thu Feb  4 11:00:00 2021\r\nSubject: two\r\n\r\nx\r\n';

describe('splitMbox', () => {
  it('splits at "From " line starts only, with offsets and lines', async () => {
    for (const chunk of [1, 2, 5, 7, 1000]) {
      const ms = await split(MBOX, chunk);
      expect(ms.map((m) => [m.offset, m.length, m.line, m.lines, m.envelope, m.preamble])).toEqual([
        [0, 73, 1, 7, 'a@x Thu Feb  4 10:00:00 2021', false],
        [73, 54, 8, 4, 'b@x Thu Feb  4 11:00:00 2021', false],
      ]);
      expect(ms[0]!.bytes.toString()).toBe('Subject: one\n\nbody\n>From here\nFromage\n\n');
    }
  });

  it('does not split at body lines that merely start with "From " (unescaped mboxo)', async () => {
    const text = 'From a@x Thu Feb  4 10:00:00 2021\nSubject: s\n\nFrom the port we go at 10:30.\nFrom: me\n\nFrom MAILER-DAEMON Fri Jul  8 12:08:34 2011\n\nx\nFrom 1587328491234567890@xxx Tue Apr 21 16:34:51 +0000 2020\n\ny\nFrom b@x Fri, 01 Jan 2021 00:00:00 GMT\n\nz\n';
    for (const chunk of [1, 3, 8, 1000]) {
      const ms = await split(text, chunk);
      expect(ms.map((m) => m.envelope)).toEqual(['a@x Thu Feb  4 10:00:00 2021', 'MAILER-DAEMON Fri Jul  8 12:08:34 2011', '1587328491234567890@xxx Tue Apr 21 16:34:51 +0000 2020', 'b@x Fri, 01 Jan 2021 00:00:00 GMT']);
    }
  });

  it('reports a preamble before the first envelope', async () => {
    const ms = await split('garbage\nFrom a@x Thu Feb  4 10:00:00 2021\n\nx\n');
    expect(ms.map((m) => [m.preamble, m.offset, m.line])).toEqual([
      [true, 0, 1],
      [false, 8, 2],
    ]);
  });

  it('does not hold an oversized message but keeps its position', async () => {
    const big = `From a@x Thu Feb  4 10:00:00 2021\n\n${'y'.repeat(500)}\nFrom b@x Thu Feb  4 10:00:00 2021\n\nz\n`;
    const ms = await split(big, 64, 200);
    expect(ms.map((m) => [m.oversized, m.offset, m.length, m.bytes.length])).toEqual([
      [true, 0, 536, 0],
      [false, 536, 37, 3],
    ]);
  });

  it('resumes from a given offset and line', async () => {
    const ms = await split(MBOX.slice(73), 4, 1 << 20, 73, 8);
    expect(ms.map((m) => [m.offset, m.line])).toEqual([[73, 8]]);
  });

  it('tiles the input for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('From x@y Thu Feb  4 10:00:00 2021\n', 'From the port\n', 'a\n', 'From', ' ', '\n', '>From y\n', 'q'), { maxLength: 20 }), fc.integer({ min: 1, max: 9 }), async (parts, chunk) => {
        const text = parts.join('');
        const ms = await split(text, chunk);
        const total = ms.reduce((n, m) => n + m.length, 0);
        const contiguous = ms.every((m, i) => i === 0 || m.offset === ms[i - 1]!.offset + ms[i - 1]!.length);
        const lines = ms.every((m, i) => i === 0 || m.line === ms[i - 1]!.line + ms[i - 1]!.lines);
        return total === Buffer.byteLength(text) && contiguous && lines;
      }),
      { numRuns: 200 },
    );
  });
});

describe('unescapeMboxrd', () => {
  it('strips one > from >+From lines only', () => {
    const b = Buffer.from('>From a\n>>From b\nx >From c\n> From d\n>Fromage\n');
    expect(unescapeMboxrd(b).toString()).toBe('From a\n>From b\nx >From c\n> From d\n>Fromage\n');
    const plain = Buffer.from('nothing here\n');
    expect(unescapeMboxrd(plain)).toBe(plain);
  });
});
