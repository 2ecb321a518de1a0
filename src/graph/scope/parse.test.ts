import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScope, parseWindowBound } from './parse.js';

const DAY = 86_400_000;

describe('parseScope', () => {
  it('reads every form', () => {
    expect(parseScope('persons')).toEqual({ kind: 'persons' });
    expect(parseScope('community:Kum')).toEqual({ kind: 'community', ref: 'Kum' });
    expect(parseScope('community:skyecc:4F2A9C')).toEqual({ kind: 'community', ref: 'skyecc:4F2A9C' });
    expect(parseScope('ego:Tata')).toEqual({ kind: 'ego', refs: ['Tata'], hops: 1 });
    expect(parseScope('ego:Tata:2')).toEqual({ kind: 'ego', refs: ['Tata'], hops: 2 });
    expect(parseScope('ego:skyecc:123456')).toEqual({ kind: 'ego', refs: ['skyecc:123456'], hops: 1 });
    expect(parseScope('ego:skyecc:123456:3')).toEqual({ kind: 'ego', refs: ['skyecc:123456'], hops: 3 });
    expect(parseScope('ego:Kum, phone:+381641234567 ,Kum:2')).toEqual({ kind: 'ego', refs: ['Kum', 'phone:+381641234567'], hops: 2 });
    expect(parseScope('tag:suppliers')).toEqual({ kind: 'tag', name: 'suppliers' });
    expect(parseScope('tag:port insiders')).toEqual({ kind: 'tag', name: 'port insiders' });
  });

  it('reads windows: a day as TO includes that day; times and offsets are exact; ends may be open', () => {
    expect(parseScope('window:2020-06-01..2020-06-30')).toEqual({ kind: 'window', from: Date.UTC(2020, 5, 1), to: Date.UTC(2020, 6, 1) });
    expect(parseScope('window:2020-06-01T08:00..2020-06-01T20:30:15Z')).toEqual({ kind: 'window', from: Date.UTC(2020, 5, 1, 8), to: Date.UTC(2020, 5, 1, 20, 30, 15) });
    expect(parseScope('window:2020-06-01T08:00+02:00..')).toEqual({ kind: 'window', from: Date.UTC(2020, 5, 1, 6), to: null });
    expect(parseScope('window:..2021-03-08')).toEqual({ kind: 'window', from: null, to: Date.UTC(2021, 2, 9) });
    expect(parseScope('window:2020-06-01..2020-06-01')).toEqual({ kind: 'window', from: Date.UTC(2020, 5, 1), to: Date.UTC(2020, 5, 2) });
  });

  it.each([
    '', 'everything', 'foo:bar', 'community:', 'ego:', 'ego:,Kum', 'ego:Kum,', 'tag:', 'window:', 'window:..', 'window:2020-06-01',
    'window:2020-02-30..2020-03-01', 'window:2020-06-02..2020-06-01', 'window:2020-06-01T25:00..', 'window:yesterday..today',
    'window:2020-01-01..2020-02-01..2020-03-01', 'window:2020-06-01T08:00+15:00..', 'x'.repeat(5000),
  ])('rejects %j with INVALID_ARGUMENT naming the forms', (spec) => {
    expect(() => parseScope(spec)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('community:REF') }));
  });

  it('never throws anything but INVALID_ARGUMENT, and what it accepts is well-formed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('ego:', 'window:', 'community:', 'tag:').chain((p) => fc.string().map((s) => p + s))), (spec) => {
        let r;
        try {
          r = parseScope(spec);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('INVALID_ARGUMENT');
          return;
        }
        if (r.kind === 'ego') {
          expect(r.refs.length).toBeGreaterThan(0);
          expect(r.hops).toBeGreaterThanOrEqual(0);
          expect(r.hops).toBeLessThanOrEqual(9);
        }
        if (r.kind === 'window' && r.from !== null && r.to !== null) expect(r.from).toBeLessThan(r.to);
      }),
    );
  });

  it('a window bound round-trips any instant written as ISO 8601', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (t) => {
        expect(parseWindowBound(new Date(t).toISOString(), false)).toBe(t);
        const day = new Date(t).toISOString().slice(0, 10);
        expect(parseWindowBound(day, true) - parseWindowBound(day, false)).toBe(DAY);
      }),
    );
  });
});
