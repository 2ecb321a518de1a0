/**
 * Adjacency-matrix CSV with a header row. Two layouts are accepted:
 *   ,A,B,C        (corner cell, then column labels; each row starts with its label)
 *   A,B,C         (labels only in the header; rows are bare numbers in the same order)
 * The row labels, when present, must equal the header labels in order. Cell (i, j) != 0 is an
 * edge i -> j with that weight; empty cells are 0. For an undirected reading pass
 * `symmetric: true`: only the upper triangle (i <= j) is read and the matrix must be symmetric
 * (else INVALID_ARGUMENT with the line). Errors carry 1-based line numbers.
 */
import { parse } from 'csv-parse/sync';
import { ClewError } from '../../model/errors.js';
import { byteLength, checkLabel, csvError, type LabelledEdges } from './edges-csv.js';
import { EdgeBuffer } from './labels.js';

export interface MatrixCsvOptions {
  delimiter?: string;
  symmetric?: boolean;
  /** Default 20 000 nodes. */
  maxNodes?: number;
  /** Default 512 MiB. */
  maxBytes?: number;
  maxLabelLength?: number;
}

export function parseMatrixCsv(input: string | Uint8Array, opts: MatrixCsvOptions = {}): LabelledEdges {
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const maxNodes = opts.maxNodes ?? 20_000;
  const maxLabel = opts.maxLabelLength ?? 1000;
  const bytes = byteLength(input);
  if (bytes > maxBytes) throw new ClewError('TOO_LARGE', 'matrix CSV larger than the limit', { bytes, maxBytes });
  let labels: string[] = [];
  let corner = false;
  let row = 0;
  const buf = new EdgeBuffer();
  // upper-triangle non-zeros (i*n+j -> w), to check symmetry without an n^2 array
  const upper = new Map<number, number>();
  const symmetric = opts.symmetric ?? false;
  try {
    parse(input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : input, {
      bom: true,
      delimiter: opts.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (rec: unknown, ctx: { lines: number }) => {
        const record = rec as string[];
        const line = ctx.lines;
        if (labels.length === 0) {
          corner = record[0]!.trim() === '';
          const names = corner ? record.slice(1) : record;
          if (names.length === 0) throw new ClewError('CSV_COLUMNS', 'header row has no labels', { line });
          if (names.length > maxNodes) throw new ClewError('TOO_LARGE', 'more nodes than the limit', { line, nodes: names.length, maxNodes });
          labels = names.map((x) => checkLabel(x, line, maxLabel, 'header'));
          if (new Set(labels).size !== labels.length) throw new ClewError('INVALID_ARGUMENT', 'duplicate label in the header', { line });
          return undefined;
        }
        const n = labels.length;
        if (row >= n) throw new ClewError('CSV_COLUMNS', 'more rows than header labels', { line, n });
        const expected = corner ? n + 1 : n;
        if (record.length !== expected) throw new ClewError('CSV_COLUMNS', 'matrix row has the wrong number of cells', { line, columns: record.length, expected });
        if (corner && record[0]!.trim() !== labels[row]) {
          throw new ClewError('INVALID_ARGUMENT', 'row label differs from the header label in the same position', { line, expected: labels[row]!.slice(0, 80) });
        }
        const cells = corner ? record.slice(1) : record;
        for (let j = 0; j < n; j++) {
          const c = cells[j]!.trim();
          const w = c === '' ? 0 : Number(c);
          if (!Number.isFinite(w)) throw new ClewError('INVALID_ARGUMENT', 'matrix cell is not a finite number', { line, column: j + (corner ? 2 : 1) });
          if (symmetric) {
            if (j < row) {
              if ((upper.get(j * n + row) ?? 0) !== w) throw new ClewError('INVALID_ARGUMENT', 'matrix is not symmetric', { line, row: row + 1, column: j + 1 });
              continue;
            }
          }
          if (w !== 0) {
            buf.push(row, j, w);
            if (symmetric && j > row) upper.set(row * n + j, w);
          }
        }
        row++;
        return undefined;
      },
    });
  } catch (e) {
    csvError(e);
  }
  if (labels.length === 0) throw new ClewError('EMPTY_FILE', 'the matrix CSV is empty');
  if (row !== labels.length) throw new ClewError('CSV_COLUMNS', 'fewer rows than header labels', { rows: row, n: labels.length });
  return { labels, edges: buf.finish(labels.length) };
}
