/**
 * Dominant writing system of a text, by counting letters per script (ISO 15924 codes).
 */
export type Script = 'Latn' | 'Cyrl' | 'Arab' | 'Grek' | 'Hebr' | 'Other';

export interface ScriptStats {
  /** The script with the most letters, null when there are none. */
  script: Script | null;
  /** Letters counted (first 2000 chars; Latin, Cyrillic, Arabic, Greek, Hebrew and other scripts). */
  letters: number;
}

/** The script with the most letters, or null when the text has no letters. */
export function detectScript(text: string): Script | null {
  return scriptStats(text).script;
}

/** Dominant script and number of letters, in one pass. */
export function scriptStats(text: string): ScriptStats {
  let latn = 0;
  let cyrl = 0;
  let arab = 0;
  let grek = 0;
  let hebr = 0;
  let other = 0;
  const n = Math.min(text.length, 2000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latn++;
    } else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) latn++;
    else if (c >= 0x400 && c <= 0x52f) cyrl++;
    else if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) {
      // letters only: skip digits, punctuation, harakat
      if (!((c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9) || (c >= 0x64b && c <= 0x65f) || c === 0x60c || c === 0x61f || c === 0x61b || c === 0x640)) arab++;
    } else if (c >= 0x370 && c <= 0x3ff) grek++;
    else if (c >= 0x5d0 && c <= 0x5ea) hebr++;
    else if (c >= 0x2e80 || (c >= 0x900 && c <= 0x1cff) || (c >= 0x530 && c <= 0x58f) || (c >= 0x10a0 && c <= 0x10ff)) {
      if (!(c >= 0xd800 && c <= 0xdfff) && !(c >= 0xfe00 && c <= 0xfe0f)) other++;
    }
  }
  const best = Math.max(latn, cyrl, arab, grek, hebr, other);
  const letters = latn + cyrl + arab + grek + hebr + other;
  let script: Script | null = 'Other';
  if (best === 0) script = null;
  else if (best === latn) script = 'Latn';
  else if (best === cyrl) script = 'Cyrl';
  else if (best === arab) script = 'Arab';
  else if (best === grek) script = 'Grek';
  else if (best === hebr) script = 'Hebr';
  return { script, letters };
}
