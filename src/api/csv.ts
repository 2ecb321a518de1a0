/**
 * Tables as CSV for a spreadsheet (the workspace's "CSV" buttons): RFC 4180 quoting and CRLF
 * line ends, UTF-8 with a byte-order mark (Excel then reads Cyrillic and Arabic), and safe
 * against formula injection (OWASP "CSV injection"): a text cell that begins with = + - @ TAB or
 * CR (or their full-width forms) gets a leading apostrophe, so a spreadsheet shows it as text
 * and never runs it. Numbers are written as numbers. C0 control characters other than TAB, LF
 * and CR are dropped (they break readers and mean nothing in a table).
 *
 * The writing itself is csv-stringify's (the sibling of the csv-parse that reads CSV at ingest).
 * The graph exports (src/graph/export/csv-cell.ts) keep their own cell writer: Gephi's and i2's
 * layouts have their own rules (phone numbers left as they are for i2 identities).
 */
import { stringify } from 'csv-stringify/sync';

/** A cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvCell;
}

/** The byte-order mark the first chunk starts with. */
export const CSV_BOM = '\ufeff';

/** Cells that begin with one of these are formulas to a spreadsheet (OWASP), and are prefixed with '. */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function clean(c: CsvCell): string | number | null {
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  return c.replace(CONTROLS, '');
}

/** Rows of cells as CSV text (no BOM, no header); every line ends with CRLF. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((r) => r.map(clean)),
    // quoted_match: a lone CR or LF is quoted too (csv-stringify quotes only the record delimiter itself)
    { escape_formulas: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

/**
 * A table's CSV in chunks: the BOM and header row first, then the rows in pages as they come
 * (for a streamed answer). An empty table is the BOM and the header.
 */
export async function* csvChunks<T>(columns: readonly CsvColumn<T>[], pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>): AsyncGenerator<string> {
  yield CSV_BOM + csvLines([columns.map((c) => c.header)]);
  for await (const page of pages) {
    const text = csvLines(page.map((row) => columns.map((c) => c.value(row))));
    if (text !== '') yield text;
  }
}

/** A whole table's CSV text, BOM and header included. */
export function csvTable<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return CSV_BOM + csvLines([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))]);
}

/** UTC ms as ISO 8601 (what a spreadsheet and a reader both understand), empty when unknown. */
export function csvTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}
