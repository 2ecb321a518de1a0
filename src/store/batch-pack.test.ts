import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchItem } from './types.js';
import { packBatch, unpackBatch } from './batch-pack.js';

const text = fc.string({ maxLength: 40, unit: 'grapheme' });
const locator = fc.record(
  {
    line: fc.nat(),
    endLine: fc.nat(),
    offset: fc.nat({ max: 2 ** 40 }),
    length: fc.nat(),
    path: text,
    entry: text,
  },
  { requiredKeys: [] },
);
const message = fc.record(
  {
    type: fc.constant('message' as const),
    from: text,
    to: fc.array(text, { maxLength: 4 }),
    channel: fc.constantFrom('chat' as const, 'sms' as const, 'email' as const),
    body: fc.string({ maxLength: 200, unit: 'binary' }),
    ts: fc.integer({ min: 0, max: 2 ** 42 }),
    tzOffset: fc.option(fc.integer({ min: -840, max: 840 }), { nil: null }),
    nativeId: text,
    conversation: text,
    tsLocal: text,
    subject: text,
    replyTo: text,
    forwardedFrom: text,
    edited: fc.boolean(),
    deleted: fc.boolean(),
    attachments: fc.array(text, { maxLength: 3 }),
  },
  { requiredKeys: ['type', 'from', 'to', 'channel', 'body', 'ts', 'tzOffset'] },
);
const analysis = fc.record({
  lang: fc.option(fc.constantFrom('sr', 'nl', 'ar'), { nil: null }),
  langConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
  mentions: fc.array(
    fc.record(
      { type: fc.constantFrom('phone', 'codeword'), start: fc.nat(200), end: fc.nat(200), raw: text, value: text, confidence: fc.double({ min: 0, max: 1, noNaN: true }), attrs: fc.dictionary(text, text) },
      { requiredKeys: ['type', 'start', 'end', 'raw', 'value', 'confidence'] },
    ),
    { maxLength: 3 },
  ),
});
const item: fc.Arbitrary<BatchItem> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), record: message, locator }),
  // a message with the analysis the pipeline's analyse stage attached
  fc.record({ kind: fc.constant('record' as const), record: message, locator, analysis }),
  fc.record({
    kind: fc.constant('record' as const),
    record: fc.record({ type: fc.constant('account' as const), ref: text, displayName: text }, { requiredKeys: ['type', 'ref'] }),
    locator,
  }),
  fc.record({ kind: fc.constant('reject' as const), locator, code: fc.constant('SCHEMA' as const), message: text, excerpt: text }, { requiredKeys: ['kind', 'locator', 'code', 'message'] }),
);

describe('packBatch / unpackBatch', () => {
  it('gives back every item, field for field, after a structured clone', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const packed = packBatch(items);
        expect(unpackBatch(structuredClone(packed))).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });

  it('puts messages in the columns and clones only the other items', () => {
    const items: BatchItem[] = [
      { kind: 'record', record: { type: 'message', from: 'pin:A', to: ['pin:B'], channel: 'chat', body: 'x', ts: 1, tzOffset: 0 }, locator: { line: 1, offset: 0, length: 10 } },
      { kind: 'reject', locator: { line: 2 }, code: 'SCHEMA', message: 'bad' },
    ];
    const p = packBatch(items);
    expect(Array.from(p.kinds)).toEqual([1, 0]);
    expect(p.others).toEqual([items[1]]);
    expect(p.strs).toEqual(['pin:A', 'chat', 'x', 'pin:B']);
  });
});
