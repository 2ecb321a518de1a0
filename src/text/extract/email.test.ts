import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractEmail } from './email.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractEmail(s, {});

describe('email', () => {
  it('finds addresses with exact spans and lower-cases the value', () => {
    const s = 'piši na Marko.P+x@Gmail.com. ili (boss_1@sub.example.co.uk)';
    const m = ex(s);
    expect(m.map((x) => x.value)).toEqual(['marko.p+x@gmail.com', 'boss_1@sub.example.co.uk']);
    for (const x of m) expect(s.slice(x.start, x.end)).toBe(x.raw);
    expect(m[0]!.raw).toBe('Marko.P+x@Gmail.com');
  });

  it('rejects non-addresses', () => {
    expect(ex('@marko')).toEqual([]);
    expect(ex('a@b')).toEqual([]);
    expect(ex('x@host.c0m')).toEqual([]);
    expect(ex('x@-bad.com')).toEqual([]);
    expect(ex('a..b@x.com')).toEqual([]);
    expect(ex('5@10.00')).toEqual([]);
    expect(ex('@@@')).toEqual([]);
  });

  it('never throws; spans match raw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => ex(s).every((m) => s.slice(m.start, m.end) === m.raw)));
  });

  it('scales linearly', () => {
    expect(checkLinear(extractEmail, {}, [undefined, '@', 'a@b.', 'aaaa', 'a.', '@a', 'a'.repeat(70) + '@' + 'b.'.repeat(130)])).toEqual([]);
  });
});
