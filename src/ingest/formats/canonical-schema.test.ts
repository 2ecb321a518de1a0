import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isClewError } from '../../model/errors.js';
import { canonicalJsonSchema, fastMessage, MAX_BODY_CHARS, parseCanonicalRecord, parseWithSchema } from './canonical-schema.js';

describe('canonical JSON Schema', () => {
  it('is generated from the zod schema and committed up to date (npm run build && node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/formats/canonical.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(canonicalJsonSchema());
  });
});

describe('fast message path', () => {
  // mostly valid values, so that both sides accept often; now and then a wrong type or a limit
  const ref = fc.oneof(
    { arbitrary: fc.constantFrom('skyecc:A7BFD2', 'phone:+32498343802', 'email:a@b.c', 'x:y'), weight: 8 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.constantFrom('Skyecc:A', 'sky:', 'sky: x', 'a:b\nc', `a:${'x'.repeat(300)}`), weight: 1 },
  );
  const text = (max: number) =>
    fc.oneof({ arbitrary: fc.string({ maxLength: 8 }), weight: 8 }, { arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1)), weight: 2 });
  const anyJson = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 4 }), fc.array(fc.integer(), { maxLength: 2 }));
  const value = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 19 }, { arbitrary: anyJson, weight: 1 });
  const required = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: value(a), weight: 30 }, { arbitrary: fc.constant(undefined), weight: 1 });
  const optional = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: value(a), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 3 });
  const message = fc.record({
    type: fc.constant('message'),
    id: optional(text(512)),
    from: required(ref),
    to: optional(fc.array(ref, { maxLength: 3 })),
    conversation: optional(text(512)),
    ts: required(
      fc.oneof(
        { arbitrary: fc.constantFrom('2020-02-29T19:07:17-05:00', '2020-02-29T19:07:17.5Z', '2021-03-01T10:00:00'), weight: 8 },
        { arbitrary: fc.constantFrom('2020-02-30T10:00:00Z', 'nope', `2020-02-29T19:07:17Z${' '.repeat(50)}`), weight: 1 },
        { arbitrary: fc.integer({ min: -1, max: 2e12 }), weight: 1 },
      ),
    ),
    ts_local: optional(text(64)),
    body: required(fc.oneof({ arbitrary: fc.string({ maxLength: 20 }), weight: 9 }, { arbitrary: fc.constant('x'.repeat(MAX_BODY_CHARS + 1)), weight: 1 })),
    channel: optional(fc.constantFrom('chat', 'sms', 'email', 'call', 'Chat')),
    subject: optional(text(2048)),
    reply_to: optional(text(512)),
    forwarded_from: optional(text(512)),
    edited: optional(fc.boolean()),
    deleted: optional(fc.boolean()),
    attachments: optional(fc.array(text(512), { maxLength: 3 })),
    extra: optional(fc.string()),
  });
  const outcome = (f: () => unknown) => {
    try {
      return { ok: f() };
    } catch (e) {
      if (!isClewError(e)) throw e;
      return { code: e.code, message: e.message };
    }
  };

  it('accepts, rejects and builds exactly what the zod schema does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(message, fc.constantFrom(undefined, 'Europe/Brussels'), (v, tz) => {
        const fast = outcome(() => parseCanonicalRecord(v, tz));
        const slow = outcome(() => parseWithSchema(v, tz));
        expect(fast).toEqual(slow);
        if ('ok' in slow) accepted++;
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(150); // the generator reaches the fast path often
  });

  it('takes the fast path for an ordinary message, leaving out absent fields', () => {
    const v = { type: 'message', id: 'm-1', from: 'skyecc:A7BFD2', to: ['skyecc:DDDCF9'], ts: '2020-02-29T19:07:17-05:00', body: 'Los niños' };
    const r = fastMessage(v, undefined);
    expect(r).toStrictEqual({ type: 'message', nativeId: 'm-1', from: 'skyecc:A7BFD2', to: ['skyecc:DDDCF9'], channel: 'chat', body: 'Los niños', ts: Date.UTC(2020, 2, 1, 0, 7, 17), tzOffset: -300 });
    expect(fastMessage({ ...v, to: [], conversation: undefined }, undefined)).toBeNull();
  });
});
