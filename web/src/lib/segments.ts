/**
 * Split text into plain and highlighted runs from [start, end) offsets. The result is rendered
 * as text nodes and <mark> elements: message text is hostile and never becomes markup.
 * Offsets out of range, overlapping or unsorted are clamped and merged, never trusted.
 */
export interface Segment {
  text: string;
  mark: boolean;
}

export function segments(text: string, highlights: readonly (readonly [number, number])[]): Segment[] {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(text.length, Math.floor(s))), Math.max(0, Math.min(text.length, Math.floor(e)))] as const)
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    const last = out[out.length - 1];
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    else if (last?.mark) {
      last.text += text.slice(start, e); // touching ranges make one mark
      at = e;
      continue;
    }
    out.push({ text: text.slice(start, e), mark: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}

export interface Labelled<T> {
  text: string;
  /** The range this run belongs to, or null for plain text. */
  item: T | null;
}

/**
 * Split text by labelled ranges (entity mentions). Overlapping ranges keep the earlier-starting
 * (then longer) one; out-of-range offsets are clamped; the runs always rebuild the text.
 */
export function labelledSegments<T extends { start: number; end: number }>(text: string, items: readonly T[]): Labelled<T>[] {
  const sorted = items
    .filter((m) => Number.isFinite(m.start) && Number.isFinite(m.end))
    .map((m) => ({ m, s: Math.max(0, Math.min(text.length, Math.floor(m.start))), e: Math.max(0, Math.min(text.length, Math.floor(m.end))) }))
    .filter((x) => x.e > x.s)
    .sort((a, b) => a.s - b.s || b.e - a.e);
  const out: Labelled<T>[] = [];
  let at = 0;
  for (const { m, s, e } of sorted) {
    if (s < at) continue;
    if (s > at) out.push({ text: text.slice(at, s), item: null });
    out.push({ text: text.slice(s, e), item: m });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), item: null });
  return out;
}
