/**
 * Explicit bidirectional controls in untrusted text, made visible instead of applied.
 *
 * A contact saved as "Kum" + U+202E + "gnp.exe" displays as "Kumexe.png" wherever the override
 * is honoured, and a message with an override shows its words reversed. Embeddings, overrides
 * and isolates (U+202A–202E, U+2066–2069) are therefore never passed to a display: each is
 * replaced by a marker naming it, so text is shown in its logical order. Implicit marks (LRM,
 * RLM, ALM) are left alone: they cannot reverse a run, and Arabic and Hebrew text uses them.
 * Shared by the CLI (plain markers) and the web workspace (markers as styled elements).
 */

export const BIDI_CONTROL_NAMES: Readonly<Record<string, { short: string; name: string }>> = {
  '\u202a': { short: 'LRE', name: 'LEFT-TO-RIGHT EMBEDDING' },
  '\u202b': { short: 'RLE', name: 'RIGHT-TO-LEFT EMBEDDING' },
  '\u202c': { short: 'PDF', name: 'POP DIRECTIONAL FORMATTING' },
  '\u202d': { short: 'LRO', name: 'LEFT-TO-RIGHT OVERRIDE' },
  '\u202e': { short: 'RLO', name: 'RIGHT-TO-LEFT OVERRIDE' },
  '\u2066': { short: 'LRI', name: 'LEFT-TO-RIGHT ISOLATE' },
  '\u2067': { short: 'RLI', name: 'RIGHT-TO-LEFT ISOLATE' },
  '\u2068': { short: 'FSI', name: 'FIRST STRONG ISOLATE' },
  '\u2069': { short: 'PDI', name: 'POP DIRECTIONAL ISOLATE' },
};

const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

export function hasBidiControl(s: string): boolean {
  return HAS_BIDI_CONTROL.test(s);
}

/** The marker shown for one control character, e.g. "⟨RLO⟩". */
export function bidiMarker(c: string): string {
  return `⟨${BIDI_CONTROL_NAMES[c]?.short ?? `U+${c.charCodeAt(0).toString(16).toUpperCase()}`}⟩`;
}

/** The text with every explicit direction control replaced by its visible marker. */
export function revealBidi(s: string): string {
  return hasBidiControl(s) ? s.replace(BIDI_CONTROL, bidiMarker) : s;
}

export type BidiPiece = { text: string; control?: undefined } | { text: string; control: { char: string; short: string; name: string; codePoint: string } };

/** The text as plain runs and controls, in logical order; the runs and controls rebuild the text. */
export function splitBidi(s: string): BidiPiece[] {
  if (!hasBidiControl(s)) return [{ text: s }];
  const out: BidiPiece[] = [];
  let at = 0;
  for (const m of s.matchAll(BIDI_CONTROL)) {
    const i = m.index;
    if (i > at) out.push({ text: s.slice(at, i) });
    const c = m[0];
    const n = BIDI_CONTROL_NAMES[c]!;
    out.push({ text: c, control: { char: c, short: n.short, name: n.name, codePoint: `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` } });
    at = i + c.length;
  }
  if (at < s.length) out.push({ text: s.slice(at) });
  return out;
}
