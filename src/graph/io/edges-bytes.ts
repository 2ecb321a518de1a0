/**
 * Fast path of the edge-list CSV reader (edges-csv.ts): the same result as `parseEdgeCsv` for the
 * plain files that make up nearly every large edge list, read straight from the bytes. No string
 * per line or per cell: fields are found by scanning bytes, labels are interned by hashing their
 * bytes (a string is decoded once per distinct label), small whole-number weights are parsed from
 * the digits, and edges go into typed arrays.
 *
 * It declines (returns null) whenever the file needs anything it does not do itself, and the caller
 * then reads the file with csv-parse as before, so results and errors (codes, lines) stay exactly
 * those of the csv-parse reader: any `"` in the file (quoting), a UTF-16 byte-order mark, a file
 * whose first line ends in a bare `\r`, a bare `\n` in a file whose first line ends in `\r\n`
 * (csv-parse fixes the record delimiter on the first line ending and reads other line-end bytes as
 * text), a row of other than 2 or 3 cells, an empty or oversized label, a weight that is not a
 * finite number, or more edges than the cap.
 */
import type { EdgeCsvOptions, LabelledEdges } from './edges-csv.js';
import { EdgeBuffer } from './labels.js';

const NL = 10;
const CR = 13;
const QUOTE = 34;

/** ASCII bytes that String.prototype.trim removes (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/**
 * Byte-keyed label interning: open addressing on an FNV-1a hash of the (ASCII-trimmed) bytes. A slot
 * holds [hash, node id + 1, length, start in `arena`], `arena` being a compact copy of each distinct
 * key's bytes: a lookup touches one slot and one short run of the arena, which matters when 100k+
 * distinct labels no longer fit the cache. Several byte keys may name one label, e.g. `a\u00a0` and
 * `a` (both trimmed to `a`).
 */
class ByteInterner {
  private slots: Int32Array;
  private mask: number;
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private keys = 0;
  readonly labels: string[] = [];
  private readonly byLabel = new Map<string, number>();

  constructor(private readonly buf: Uint8Array) {
    this.slots = new Int32Array(4 << 16);
    this.mask = (1 << 16) - 1;
  }

  /** The node id of bytes [a, b), or -1 when the label is empty or longer than `max` after trimming. */
  id(a: number, b: number, max: number): number {
    const buf = this.buf;
    const slots = this.slots;
    const arena = this.arena;
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const len = b - a;
    let s = (h ^ (h >>> 16)) & this.mask;
    for (;;) {
      const t = s << 2;
      const id1 = slots[t + 1] as number;
      if (id1 === 0) break;
      if (slots[t] === h && slots[t + 2] === len) {
        const st = slots[t + 3] as number;
        let i = 0;
        while (i < len && arena[st + i] === buf[a + i]) i++;
        if (i === len) return id1 - 1;
      }
      s = (s + 1) & this.mask;
    }
    // a new byte key: the label is the decoded, fully (Unicode) trimmed text, as csv-parse + trim() give
    const label = Buffer.from(buf.buffer, buf.byteOffset + a, len).toString('utf8').trim();
    if (label === '' || label.length > max) return -1;
    let id = this.byLabel.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(label);
      this.byLabel.set(label, id);
    }
    this.add(s, a, len, h, id);
    return id;
  }

  private add(slot: number, a: number, len: number, h: number, id: number): void {
    if (this.arenaUsed + len > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arena.set(this.buf.subarray(a, a + len), this.arenaUsed);
    const t = slot << 2;
    this.slots[t] = h;
    this.slots[t + 1] = id + 1;
    this.slots[t + 2] = len;
    this.slots[t + 3] = this.arenaUsed;
    this.arenaUsed += len;
    if (++this.keys * 2 > this.mask) this.rehash();
  }

  private rehash(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(4 * size);
    this.mask = size - 1;
    for (let t = 0; t < old.length; t += 4) {
      if (old[t + 1] === 0) continue;
      const h = old[t] as number;
      let s = (h ^ (h >>> 16)) & this.mask;
      while (slots[(s << 2) + 1] !== 0) s = (s + 1) & this.mask;
      slots.set(old.subarray(t, t + 4), s << 2);
    }
    this.slots = slots;
  }
}

/**
 * The edge list of `bytes` (a whole CSV file) or null when the file needs the csv-parse reader.
 * `isHeader` is the reader's own header test, applied to the first row's raw cells.
 */
export function scanEdgeCsv(bytes: Uint8Array, opts: EdgeCsvOptions, isHeader: (cells: string[]) => boolean): LabelledEdges | null {
  const delimiter = opts.delimiter ?? ',';
  if (delimiter.length !== 1) return null;
  const DELIM = delimiter.charCodeAt(0);
  if (DELIM >= 128 || DELIM === QUOTE || DELIM === NL || DELIM === CR) return null;
  const maxEdges = opts.maxEdges ?? 50_000_000;
  const maxLabel = opts.maxLabelLength ?? 1000;
  const end = bytes.length;
  let pos = 0;
  if (end >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
  if (bytes.indexOf(QUOTE, pos) >= 0) return null;
  // the record delimiter: the first line ending (csv-parse's auto-discovery)
  const firstNl = bytes.indexOf(NL, pos);
  const firstCr = bytes.indexOf(CR, pos);
  let crlf = false;
  if (firstCr >= 0 && (firstNl < 0 || firstCr < firstNl)) {
    if (firstNl !== firstCr + 1) return null; // a bare \r ends the first line (classic Mac): not here
    crlf = true;
  }

  const interner = new ByteInterner(bytes);
  const buf = new EdgeBuffer();
  let first = true;
  while (pos < end) {
    // one line: cells [s0, e0), [s1, e1), [s2, e2); the next line starts at `next`
    let cells = 0;
    const s0 = pos;
    let e0 = pos, s1 = pos, e1 = pos, s2 = pos;
    let i = pos;
    let c = -1;
    while (i < end) {
      c = bytes[i] as number;
      if (c === NL) break;
      if (c === DELIM) {
        if (cells === 0) { e0 = i; s1 = i + 1; } else if (cells === 1) { e1 = i; s2 = i + 1; } else return null; // a fourth cell
        cells++;
      }
      i++;
    }
    let lineEnd = i;
    const next = i < end ? i + 1 : end;
    if (crlf && i < end) {
      if (lineEnd === pos || bytes[lineEnd - 1] !== CR) return null; // a bare \n in a \r\n file
      lineEnd--;
    }
    if (lineEnd === pos) {
      pos = next; // empty line: skipped
      continue;
    }
    if (cells === 0) e0 = lineEnd;
    else if (cells === 1) e1 = lineEnd;
    cells++;
    if (first) {
      first = false;
      const h = opts.header ?? 'auto';
      const text = (a: number, b: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + a, b - a).toString('utf8');
      const raw = cells === 1 ? [text(s0, lineEnd)] : cells === 2 ? [text(s0, e0), text(s1, lineEnd)] : [text(s0, e0), text(s1, e1), text(s2, lineEnd)];
      if (h === true || (h === 'auto' && isHeader(raw))) {
        if (cells < 2) return null;
        pos = next;
        continue;
      }
    }
    if (cells < 2) return null;
    const s = labelId(interner, bytes, s0, e0, maxLabel);
    const d = labelId(interner, bytes, s1, e1, maxLabel);
    if (s < 0 || d < 0) return null;
    let w = 1;
    if (cells === 3) {
      w = weightOf(bytes, s2, lineEnd);
      if (!Number.isFinite(w)) return null;
    }
    if (buf.length >= maxEdges) return null;
    buf.push(s, d, w);
    pos = next;
  }
  return { labels: interner.labels, edges: buf.finish(interner.labels.length) };
}

function labelId(interner: ByteInterner, bytes: Uint8Array, a: number, b: number, max: number): number {
  while (a < b && isAsciiSpace(bytes[a] as number)) a++;
  while (b > a && isAsciiSpace(bytes[b - 1] as number)) b--;
  if (a === b) return -1;
  return interner.id(a, b, max);
}

/** The weight cell [a, b): absent/blank = 1, else Number() of the trimmed text (NaN when not a finite number). */
function weightOf(bytes: Uint8Array, a: number, b: number): number {
  while (a < b && isAsciiSpace(bytes[a] as number)) a++;
  while (b > a && isAsciiSpace(bytes[b - 1] as number)) b--;
  if (a === b) return 1;
  if (b - a <= 15) {
    let v = 0;
    let i = a;
    for (; i < b; i++) {
      const c = (bytes[i] as number) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === b) return v;
  }
  const t = Buffer.from(bytes.buffer, bytes.byteOffset + a, b - a).toString('utf8').trim();
  if (t === '') return 1;
  const w = Number(t);
  return Number.isFinite(w) ? w : NaN;
}
