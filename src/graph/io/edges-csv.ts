/**
 * Edge-list CSV: `source,target[,weight]`, one edge per row. Labels are arbitrary strings
 * (trimmed of surrounding spaces), interned to node ids 0..n-1 in order of first appearance.
 * Header: `header: true|false`, or 'auto' (default): the first row is a header when its third
 * cell is present and not a number, or its first two cells are a known column-name pair
 * (source/target, src/dst, from/to, caller/callee, sender/recipient, ...).
 * Weight: absent or empty cell = 1; otherwise a finite number (else INVALID_ARGUMENT).
 * Errors carry the 1-based line: CSV_COLUMNS for a row that is not 2 or 3 cells or malformed
 * CSV; INVALID_ARGUMENT for an empty/oversized label or bad weight; TOO_LARGE past the caps.
 * Plain files (no quotes, one kind of line ending, every row valid) are read by the byte scanner of
 * edges-bytes.ts, which gives the same result several times faster; anything else goes to csv-parse.
 */
import { parse } from 'csv-parse/sync';
import type { EdgeList } from '../csr.js';
import { ClewError } from '../../model/errors.js';
import { EdgeBuffer, LabelIndex } from './labels.js';
import { scanEdgeCsv } from './edges-bytes.js';

export interface LabelledEdges {
  labels: string[];
  edges: EdgeList;
}

export interface EdgeCsvOptions {
  header?: boolean | 'auto';
  delimiter?: string;
  /** Default 512 MiB. */
  maxBytes?: number;
  /** Default 50 000 000. */
  maxEdges?: number;
  /** Longest label in UTF-16 code units (default 1000). */
  maxLabelLength?: number;
  /**
   * Read with csv-parse even when the byte scanner (edges-bytes.ts) could: the scanner gives the
   * same result and falls back to csv-parse by itself; this is for tests and benchmarks.
   */
  csvParse?: boolean;
}

const NAME_PAIRS = new Set([
  'source|target', 'src|dst', 'from|to', 'sender|recipient', 'sender|receiver', 'caller|callee',
  'source|destination', 'node1|node2', 'id1|id2', 'from|destination', 'entity1|entity2',
]);

/** The `header: 'auto'` test on the first row's raw cells. */
export function isHeader(cells: string[]): boolean {
  const a = (cells[0] ?? '').trim().toLowerCase();
  const b = (cells[1] ?? '').trim().toLowerCase();
  if (NAME_PAIRS.has(`${a}|${b}`)) return true;
  const w = cells[2]?.trim();
  return w !== undefined && w !== '' && !Number.isFinite(Number(w));
}

export function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

/** Wraps csv-parse's own errors (unclosed quote, …) as CSV_COLUMNS with the line. */
export function csvError(e: unknown): never {
  if (e instanceof ClewError) throw e;
  const err = e as { code?: string; lines?: number; message?: string };
  throw new ClewError('CSV_COLUMNS', `malformed CSV: ${err.code ?? 'parse error'}`, { line: err.lines ?? null, csvCode: err.code ?? null }, { cause: e });
}

export function checkLabel(label: string, line: number, max: number, column: string): string {
  const t = label.trim();
  if (t === '') throw new ClewError('INVALID_ARGUMENT', `empty ${column} label`, { line, column });
  if (t.length > max) throw new ClewError('INVALID_ARGUMENT', `${column} label longer than the limit`, { line, column, length: t.length, max });
  return t;
}

export function parseEdgeCsv(input: string | Uint8Array, opts: EdgeCsvOptions = {}): LabelledEdges {
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const maxEdges = opts.maxEdges ?? 50_000_000;
  const maxLabel = opts.maxLabelLength ?? 1000;
  const bytes = byteLength(input);
  if (bytes > maxBytes) throw new ClewError('TOO_LARGE', 'edge CSV larger than the limit', { bytes, maxBytes });
  if (opts.csvParse !== true) {
    const fast = scanEdgeCsv(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, opts, isHeader);
    if (fast) return fast;
  }
  const index = new LabelIndex();
  const buf = new EdgeBuffer();
  let first = true;
  try {
    parse(input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : input, {
      bom: true,
      delimiter: opts.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (rec: unknown, ctx: { lines: number }) => {
        const record = rec as string[];
        const line = ctx.lines;
        if (first) {
          first = false;
          const h = opts.header ?? 'auto';
          if (h === true || (h === 'auto' && isHeader(record))) {
            if (record.length < 2 || record.length > 3) throw new ClewError('CSV_COLUMNS', 'header must have 2 or 3 columns', { line, columns: record.length });
            return undefined;
          }
        }
        if (record.length < 2 || record.length > 3) {
          throw new ClewError('CSV_COLUMNS', 'an edge row needs source,target[,weight]', { line, columns: record.length });
        }
        const s = checkLabel(record[0]!, line, maxLabel, 'source');
        const d = checkLabel(record[1]!, line, maxLabel, 'target');
        let w = 1;
        const cell = record[2]?.trim();
        if (cell !== undefined && cell !== '') {
          w = Number(cell);
          if (!Number.isFinite(w)) throw new ClewError('INVALID_ARGUMENT', 'weight is not a finite number', { line, weight: cell.slice(0, 40) });
        }
        if (buf.length >= maxEdges) throw new ClewError('TOO_LARGE', 'more edges than the limit', { line, maxEdges });
        buf.push(index.id(s), index.id(d), w);
        return undefined;
      },
    });
  } catch (e) {
    csvError(e);
  }
  return { labels: index.labels, edges: buf.finish(index.size) };
}
