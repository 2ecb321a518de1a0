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
