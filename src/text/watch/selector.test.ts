import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifySelector, MAX_SELECTOR_CHARS, nameKey, SELECTOR_TYPES } from './selector.js';

const ok = (s: string, region?: string) => {
  const r = classifySelector(s, { defaultRegion: region });
  if (!r.ok) throw new Error(`${s}: ${r.reason}`);
  return [r.type, r.value];
};

describe('watchlist selectors', () => {
  it('recognise each type and give the value the case stores', () => {
    expect(ok('+381 64 123 4567')).toEqual(['phone', '+381641234567']);
    expect(ok('00381641234567')).toEqual(['phone', '+381641234567']);
    expect(ok('(064) 123-4567', 'RS')).toEqual(['phone', '+381641234567']);
    expect(ok('Marko.J@Example.COM')).toEqual(['email', 'marko.j@example.com']);
    expect(ok('nl91 abna 0417 1643 00')).toEqual(['iban', 'NL91ABNA0417164300']);
    expect(ok('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toEqual(['crypto', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2']);
    expect(ok('MSCU 123456-6')[0]).toBe('container');
    expect(ok('IMO 9074729')).toEqual(['imo', 'IMO9074729']);
    expect(ok('imo:9074729')).toEqual(['imo', 'IMO9074729']);
    expect(ok('MV Ocean Star')).toEqual(['vessel', 'OCEAN STAR']);
    expect(ok('vessel: sveti  nikola')).toEqual(['vessel', 'SVETI NIKOLA']);
    expect(ok('7K9P2X')).toEqual(['handle', '7k9p2x']);
    expect(ok('@Bigboss')).toEqual(['handle', 'bigboss']);
    expect(ok('pin:123456')).toEqual(['handle', '123456']);
    expect(ok('48213377')).toEqual(['handle', '48213377']);
    expect(ok('848980')).toEqual(['handle', '848980']);
    expect(ok('Marko Jovanović')).toEqual(['name', 'jovanovic marko']);
  });

  it('match names across scripts, diacritics and word order', () => {
    expect(nameKey('Јовановић Марко')).toBe(nameKey('marko jovanovic'));
    expect(nameKey('أحمد')).toBe(nameKey('Ahmed'));
    expect(ok('name:Јовановић')).toEqual(['name', 'jovanovic']);
  });

  it('refuse what would match everything, and malformed typed selectors, with the reason', () => {
    for (const s of ['+3', 'a', '12', 'ab', '*', 'marko*', 'name:a b', 'phone:123']) {
      const r = classifySelector(s);
      expect(r.ok, s).toBe(false);
      if (!r.ok) {
        expect(r.code, s).toBe('too_broad');
        expect(r.reason).toMatch(/^too broad/);
      }
    }
    const bad = classifySelector('iban:NL91ABNA0417164301');
    expect(bad).toMatchObject({ ok: false, code: 'malformed' });
    expect(classifySelector('x'.repeat(MAX_SELECTOR_CHARS + 1))).toMatchObject({ ok: false, code: 'too_long' });
    expect(classifySelector('   ')).toMatchObject({ ok: false, code: 'empty' });
    expect(classifySelector('foo@')).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('never throw, and give a known type with a non-empty value or a reason (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const r = classifySelector(s);
        if (r.ok) {
          expect(SELECTOR_TYPES).toContain(r.type);
          expect(r.value.length).toBeGreaterThan(0);
        } else expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('give one value for every spelling of a phone number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 9_999_999 }), fc.constantFrom(' ', '-', '.', ''), fc.constantFrom('+381 64', '00381 64', '+38164'), (n, sep, cc) => {
        const d = String(n);
        const a = classifySelector(`${cc}${sep || ' '}${d.slice(0, 3)}${sep}${d.slice(3)}`);
        const b = classifySelector(`+38164${d}`);
        expect(a).toEqual(b);
      }),
    );
  });

  it('normalise idempotently: a value classified again with its type prefix stays the same (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (s) => {
        const r = classifySelector(s);
        if (!r.ok || r.type === 'phone' || r.type === 'container' || r.type === 'imo') return;
        const again = classifySelector(`${r.type}:${r.value}`);
        expect(again).toEqual(r);
      }),
    );
  });
});
