/** Tag names and notes: what an analyst may write, how a tag is matched, and what is refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClewError } from './errors.js';
import { MAX_NOTE_CHARS, MAX_TAG_CHARS, normaliseNote, normaliseTag } from './annotations.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (!(e instanceof ClewError)) throw e;
    return e.code;
  }
}

describe('normaliseTag', () => {
  it('keeps the name as typed (NFC, trimmed, one space inside) and matches it in any case', () => {
    expect(normaliseTag('  Port\u00a0\t insiders ')).toEqual({ name: 'Port insiders', key: 'port insiders' });
    expect(normaliseTag('Kum'.normalize('NFD')).key).toBe(normaliseTag('KUM').key);
    expect(normaliseTag('Cafe\u0301').name).toBe('Café');
    expect(normaliseTag('КУМ').key).toBe(normaliseTag('кум').key);
    // markup is a name like any other: kept as text
    expect(normaliseTag('<img src=x onerror=alert(1)>').name).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses an empty name, a name past 64 characters, control and invisible formatting characters', () => {
    expect(codeOf(() => normaliseTag(' \t\n'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => normaliseTag('y'.repeat(MAX_TAG_CHARS + 1)))).toBe('INVALID_ARGUMENT');
    expect(normaliseTag('😀'.repeat(MAX_TAG_CHARS)).name).toHaveLength(MAX_TAG_CHARS * 2); // characters, not UTF-16 units
    for (const bad of ['a\u202eb', 'a\u200bb', 'a\u0000b', 'a\u0007b', 'a\ud800b']) expect(codeOf(() => normaliseTag(bad)), JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
  });

  it('is idempotent and case-blind for whatever it accepts, and refuses the rest with INVALID_ARGUMENT only', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'grapheme' }), (s) => {
        let t: { name: string; key: string };
        try {
          t = normaliseTag(s);
        } catch (e) {
          expect(e instanceof ClewError && e.code).toBe('INVALID_ARGUMENT');
          return;
        }
        expect(normaliseTag(t.name)).toEqual(t);
        expect(normaliseTag(t.key).key).toBe(t.key);
        expect([...t.name].length).toBeLessThanOrEqual(MAX_TAG_CHARS);
        expect(t.name).toBe(t.name.trim());
      }),
    );
  });
});

describe('normaliseNote', () => {
  it('keeps the text as written (NFC, trimmed), markup included', () => {
    expect(normaliseNote('  brat <script>alert(1)</script>\n')).toBe('brat <script>alert(1)</script>');
    expect(normaliseNote('brate\u0301')).toBe('braté');
  });

  it('refuses an empty note (INVALID_ARGUMENT) and one past 10,000 characters (TOO_LARGE), a 10 MB one without reading it', () => {
    expect(codeOf(() => normaliseNote('   '))).toBe('INVALID_ARGUMENT');
    expect(normaliseNote('x'.repeat(MAX_NOTE_CHARS))).toHaveLength(MAX_NOTE_CHARS);
    expect(codeOf(() => normaliseNote('x'.repeat(MAX_NOTE_CHARS + 1)))).toBe('TOO_LARGE');
    expect(normaliseNote('😀'.repeat(MAX_NOTE_CHARS))).toHaveLength(MAX_NOTE_CHARS * 2);
    expect(codeOf(() => normaliseNote('😀'.repeat(MAX_NOTE_CHARS + 1)))).toBe('TOO_LARGE');
    expect(codeOf(() => normaliseNote('x'.repeat(10 * 1024 * 1024)))).toBe('TOO_LARGE');
  });
});
