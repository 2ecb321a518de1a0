import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseItem, SourceInput } from '../parser.js';
import { canonicalParser, jsonDepth, mayNestDeeper } from './canonical.js';

function input(text: string | Buffer, timeZone?: string): SourceInput {
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    path: '/x.jsonl',
    name: 'x.jsonl',
    size: buf.length,
    sha256: '0'.repeat(64),
    options: { timeZone, maxLineBytes: 4096, maxAttachmentBytes: 1024 },
    open: (start = 0) => Readable.from([buf.subarray(start)]),
  };
}

async function all(inp: SourceInput, resume?: { offset: number; line: number }): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const i of canonicalParser.parse(inp, resume)) out.push(i);
  return out;
}

describe('canonical parser', () => {
  it('sniffs canonical lines and declines other text', () => {
    expect(canonicalParser.sniff(Buffer.from('{"type":"message","from":"a:b"}\n'), 'x').ok).toBe(true);
    expect(canonicalParser.sniff(Buffer.from('\uFEFF{"type":"call"}\n'), 'x').ok).toBe(true);
    expect(canonicalParser.sniff(Buffer.from('from,to,ts\n'), 'x.csv').ok).toBe(false);
    expect(canonicalParser.sniff(Buffer.from('{"name":"telegram export"}'), 'result.json').ok).toBe(false);
  });

  it("reads an attachment's capture time in the form clew stores it, and quarantines any other form", async () => {
    const line = (t: string) => `{"type":"attachment","id":"a","filename":"IMG.jpg","taken_at":${JSON.stringify(t)}}`;
    const items = await all(input([line('2022-06-30T21:05:10+02:00'), line('2022-06-30T21:05:10'), line('2022-06-30 21:05'), line('<b>x</b>')].join('\n') + '\n'));
    expect(items.map((i) => (i.kind === 'record' && i.record.type === 'attachment' ? i.record.takenAt : i.kind))).toEqual(['2022-06-30T21:05:10+02:00', '2022-06-30T21:05:10', 'reject', 'reject']);
  });

  it('reports byte offsets and resumes from any of them with the same records', async () => {
    const lines = [
      '{"type":"message","from":"skyecc:A","to":["skyecc:B"],"ts":"2021-01-01T00:00:00Z","body":"één"}',
      '',
      '{"type":"call","from":"phone:+1","to":"phone:+2","ts":1609459200,"duration":3}',
      '{"type":"message","from":"skyecc:B","to":["skyecc:A"],"ts":"2021-01-01T00:00:01+01:00","body":"два"}',
    ];
    const text = lines.join('\r\n') + '\r\n';
    const items = await all(input(text));
    expect(items.map((i) => i.kind)).toEqual(['record', 'record', 'record']);
    expect(items.map((i) => i.locator.line)).toEqual([1, 3, 4]);
    const second = items[1]!;
    expect(Buffer.from(text).subarray(second.locator.offset!, second.locator.offset! + second.locator.length!).toString()).toBe(lines[2] + '\r\n');
    const resumed = await all(input(text), items[1]!.resume);
    expect(resumed).toEqual(items.slice(2));
  });

  it('round-trips any message body and any account handle', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: 'grapheme' }), fc.stringMatching(/^[A-Za-z0-9+._@-]{1,20}$/), async (body, handle) => {
        const rec = { type: 'message', from: `skyecc:${handle}`, to: ['phone:+381600000000'], ts: '2021-05-05T05:05:05.123Z', body };
        const items = await all(input(JSON.stringify(rec) + '\n'));
        expect(items).toHaveLength(1);
        const r = items[0]!;
        expect(r.kind).toBe('record');
        if (r.kind === 'record' && r.record.type === 'message') {
          expect(r.record.body).toBe(body);
          expect(r.record.from).toBe(`skyecc:${handle}`);
          expect(r.record.ts).toBe(Date.UTC(2021, 4, 5, 5, 5, 5, 123));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes: every line is a record or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const items = await all(input(Buffer.from(bytes)));
        for (const i of items) expect(['record', 'reject']).toContain(i.kind);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nesting pre-check', () => {
  it('never lets through a line nested deeper than the limit', () => {
    const piece = fc.constantFrom('{', '[', '}', ']', '"', '\\', 'a', ':', ',', '{"a":[');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 0, max: 12 }), (parts, max) => {
        const s = parts.join('');
        if (jsonDepth(s) > max) expect(mayNestDeeper(s, max)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(mayNestDeeper('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(mayNestDeeper('[[[[', 3)).toBe(true);
  });
});
