/**
 * Texts to and from Apertium's stream format, for `apertium -f none -z`: clew is its own deformatter.
 *
 * - Protected spans (code words, names: whatever the caller says must not be translated) are replaced by a
 *   superblank holding a placeholder, `[clewp3]`: text inside `[…]` is format, never translated, and passes
 *   through unchanged; the decoder puts the original text back, byte for byte.
 * - Characters the stream format reserves (`\ [ ] ^ $ / @ < > { }`), `~` (the post-generator's mark, dropped
 *   even when escaped) and control characters are protected the same way, never escaped: Debian's
 *   lrx-proc (apertium-lex-tools 0.4.2) misreads an escaped `\^` in a blank as the start of a word and
 *   stalls the pipeline, and one placeholder scheme is simpler than two.
 * - Each text starts with `[clewi<index>]`, so the decoder checks that output N belongs to input N, and ends
 *   with `[clewe]`: without a blank after it, the pipeline drops a text's last punctuation mark.
 * - Texts are separated by NUL (null-flush mode); a NUL inside a text becomes a space.
 */

export interface Span {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}

export interface Encoded {
  /** Stream-format input for one text (without its NUL terminator). */
  stream: string;
  /** The protected texts, by placeholder number. */
  kept: string[];
}

/** Characters that never go to Apertium as text (see the module doc). */
const FORMAT = /[\\[\]^$/@<>{}~\x01-\x08\x0b\x0c\x0e-\x1f\x7f]+/g;

/** Sorted, merged, clipped spans (empty and out-of-range spans dropped). */
export function normaliseSpans(spans: readonly Span[], length: number): Span[] {
  const s = spans
    .map((x) => ({ start: Math.max(0, Math.floor(x.start)), end: Math.min(length, Math.floor(x.end)) }))
    .filter((x) => Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

/**
 * Encode one text. `transform` is applied to the translatable parts only (e.g. Cyrillic → Latin before a
 * Latin-only analyser); protected spans are never transformed.
 */
export function encodeText(text: string, index: number, protect: readonly Span[], transform?: (s: string) => string): Encoded {
  const spans = normaliseSpans(protect, text.length);
  const kept: string[] = [];
  let stream = `[clewi${index}]`;
  let at = 0;
  const free = (raw: string): string => {
    const s = (transform ? transform(raw) : raw).replaceAll('\0', ' ');
    return s.replace(FORMAT, (run) => {
      kept.push(run);
      return `[clewp${kept.length - 1}]`;
    });
  };
  for (const sp of spans) {
    if (sp.start > at) stream += free(text.slice(at, sp.start));
    stream += `[clewp${kept.length}]`;
    kept.push(text.slice(sp.start, sp.end));
    at = sp.end;
  }
  if (at < text.length) stream += free(text.slice(at));
  return { stream: `${stream}[clewe]`, kept };
}

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Decode one output chunk: unescape, drop our markers, restore protected spans. Fails (rather than return a
 * wrong translation) when the chunk belongs to another text or a protected span is missing or repeated.
 */
export function decodeText(chunk: string, index: number, kept: readonly string[]): Decoded {
  let text = '';
  let sawIndex = false;
  let sawEnd = false;
  const used = new Array<number>(kept.length).fill(0);
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i] as string;
    if (c === '\\') {
      text += chunk[i + 1] ?? '';
      i += 2;
    } else if (c === '[') {
      let content = '';
      let j = i + 1;
      while (j < chunk.length && chunk[j] !== ']') {
        if (chunk[j] === '\\') {
          content += chunk[j + 1] ?? '';
          j += 2;
        } else content += chunk[j++];
      }
      i = j + 1;
      const m = /^clew([ip])(\d+)$/.exec(content);
      if (content === 'clewe') sawEnd = true;
      else if (!m) text += content;
      else if (m[1] === 'i') {
        if (Number(m[2]) !== index) return { ok: false, reason: `output out of step: text ${index} received the output of text ${m[2]}` };
        sawIndex = true;
      } else {
        const k = Number(m[2]);
        if (k >= kept.length) return { ok: false, reason: `output names a protected span ${k} that text ${index} does not have` };
        used[k] = (used[k] as number) + 1;
        text += kept[k];
      }
    } else {
      text += c;
      i++;
    }
  }
  if (!sawIndex) return { ok: false, reason: `output out of step: the marker of text ${index} is missing` };
  if (!sawEnd) return { ok: false, reason: `output cut short: the end marker of text ${index} is missing` };
  const lost = used.findIndex((n) => n !== 1);
  if (lost >= 0) return { ok: false, reason: `protected span ${lost} came out ${used[lost]} times instead of once` };
  return { ok: true, text };
}
