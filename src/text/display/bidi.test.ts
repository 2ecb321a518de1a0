import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasBidiControl, revealBidi, splitBidi } from './bidi.js';

describe('bidi controls in untrusted text', () => {
  it('replaces each explicit control by a marker naming it', () => {
    expect(revealBidi('Kum\u202egnp.exe')).toBe('Kum⟨RLO⟩gnp.exe');
    expect(revealBidi('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe('⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩⟨RLO⟩⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩');
  });
  it('leaves right-to-left scripts and implicit marks as they are', () => {
    for (const s of ['مرحبا بك', 'שלום', 'abc\u200fdef\u200e', 'Ђорђе']) expect(revealBidi(s)).toBe(s);
  });
  it('splits into runs and controls that rebuild the text, with no control left in a run', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('\u202e', '\u2066', '\u2069', '\u202a', 'ع'))).map((a) => a.join('')), (s) => {
        const parts = splitBidi(s);
        expect(parts.map((p) => p.text).join('')).toBe(s);
        for (const p of parts) if (!p.control) expect(hasBidiControl(p.text)).toBe(false);
        expect(hasBidiControl(revealBidi(s))).toBe(false);
      }),
    );
  });
});
