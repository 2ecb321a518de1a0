/**
 * Guess the field delimiter of a CSV file from its header line: the candidate (`,` `;` tab `|`)
 * that occurs most often outside quotes. Ties go to the order , ; tab |. Null when none occurs.
 */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

export function sniffDelimiter(headerLine: string): string | null {
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  let bestN = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const n = counts.get(d)!;
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

/** The first line of a file head as text (BOM stripped, CR dropped), at most 64 KiB. */
export function firstLine(head: Uint8Array): string {
  const buf = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 65536));
  const nl = buf.indexOf(10);
  let s = buf.subarray(0, nl === -1 ? buf.length : nl).toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
