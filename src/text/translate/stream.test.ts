import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeText, encodeText, normaliseSpans, type Span } from './stream.js';

// Characters the stream format reserves, or the pipeline treats specially, and other troublemakers.
const PIECES = ['\\', '[', ']', '^', '$', '/', '@', '<', '>', '{', '}', '~', '*', '#', '|', '+', '\0', '\n', '\r', '\t', '\u0001', '\u007f', ' ', 'Ђ', 'ž', '😀', '[clewp0]', '[clewi1]', 'kum'];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(''));
const withSpans = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.array(fc.record({ start: fc.integer({ min: -2, max: t.length + 2 }), end: fc.integer({ min: -2, max: t.length + 2 }) }), { maxLength: 4 })),
);

describe('Apertium stream encoding', () => {
  it('merges, sorts and clips spans', () => {
    expect(normaliseSpans([{ start: 5, end: 9 }, { start: -1, end: 2 }, { start: 8, end: 12 }, { start: 3, end: 3 }], 10)).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 10 },
    ]);
  });

  it('keeps protected spans and reserved characters out of the text, as placeholders', () => {
    const e = encodeText('a/b [PLAVI] ~x\u0001', 4, [{ start: 4, end: 11 }]);
    expect(e.stream).toBe('[clewi4]a[clewp0]b [clewp1] [clewp2]x[clewp3][clewe]');
    expect(e.kept).toEqual(['/', '[PLAVI]', '~', '\u0001']);
  });

  it('decodes what it encoded (an identity pipeline gives the text back), for any text and spans', () => {
    fc.assert(
      fc.property(withSpans, fc.nat(50), ([t, spans], index) => {
        const e = encodeText(t, index, spans as Span[]);
        expect(e.stream).not.toContain('\0');
        const d = decodeText(e.stream, index, e.kept);
        // NUL separates texts: it becomes a space, except inside a protected span (kept verbatim).
        let expected = '';
        let at = 0;
        for (const sp of normaliseSpans(spans, t.length)) {
          expected += t.slice(at, sp.start).replaceAll('\0', ' ') + t.slice(sp.start, sp.end);
          at = sp.end;
        }
        expected += t.slice(at).replaceAll('\0', ' ');
        expect(d).toEqual({ ok: true, text: expected });
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses output that belongs to another text, is cut short, or lost a protected span', () => {
    const e = encodeText('kum stiže', 2, [{ start: 0, end: 3 }]);
    expect(decodeText(e.stream, 3, e.kept)).toMatchObject({ ok: false });
    expect(decodeText(e.stream.replace('[clewe]', ''), 2, e.kept)).toMatchObject({ ok: false });
    expect(decodeText(e.stream.replace('[clewp0]', ''), 2, e.kept)).toMatchObject({ ok: false });
    expect(decodeText(e.stream.replace('[clewp0]', '[clewp0][clewp0]'), 2, e.kept)).toMatchObject({ ok: false });
    expect(decodeText(`${e.stream}[clewp1]`, 2, e.kept)).toMatchObject({ ok: false });
  });

  it('applies the transform to translatable text only', () => {
    const e = encodeText('ab AB ab', 0, [{ start: 3, end: 5 }], (s) => s.toUpperCase());
    expect(decodeText(e.stream, 0, e.kept)).toEqual({ ok: true, text: 'AB AB AB' });
    const f = encodeText('ab ab ab', 0, [{ start: 3, end: 5 }], (s) => s.toUpperCase());
    expect(decodeText(f.stream, 0, f.kept)).toEqual({ ok: true, text: 'AB ab AB' });
  });
});
