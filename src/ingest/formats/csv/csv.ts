/**
 * Generic mapped CSV: call records or simple message tables, with a column mapping
 * (see mapping.ts and docs/formats/csv.md). Seekable: resumes at a row boundary.
 */
import { ClewError } from '../../../model/errors.js';
import type { AccountRef } from '../../../model/records.js';
import { binaryReason, excerpt, looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { loadAntennas, type Antenna } from './antennas.js';
import { firstLine, sniffDelimiter } from './delimiter.js';
import { mapRow, type RowResult } from './map-row.js';
import { parseMapping, resolveColumns, type CsvMapping } from './mapping.js';
import { readCsvRows } from './rows.js';
import { readHead } from '../../head.js';

export interface HeaderInfo {
  header: string[];
  delimiter: string;
  /** Position of the first data row. */
  dataStart: ResumePoint;
}

/** Read the header row (and decide the delimiter). */
export async function readHeader(input: SourceInput, delimiter?: string, encoding: CsvMapping['encoding'] = 'utf8'): Promise<HeaderInfo> {
  if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
  const head = await readHead(input, 65536);
  if (isUtf16(head))
    throw new ClewError('INVALID_UTF8', 'the file is UTF-16 text (e.g. Excel "Unicode Text"): convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8', { path: input.name });
  const binary = binaryReason(head);
  if (binary) throw new ClewError('BINARY_FILE', `${input.name} is not a text file: ${binary}`, { path: input.name, reason: binary });
  const d = delimiter ?? sniffDelimiter(firstLine(head)) ?? ',';
  for await (const row of readCsvRows((start) => input.open(start), { delimiter: d, encoding, maxRecordBytes: input.options.maxLineBytes })) {
    if (row.kind === 'bad') throw new ClewError('CSV_COLUMNS', `unreadable header row: ${row.message}`, { line: row.line });
    return { header: row.fields.map((f) => f.trim()), delimiter: d, dataStart: { offset: row.offset + row.length, line: row.endLine + 1 } };
  }
  throw new ClewError('EMPTY_FILE', 'the CSV has no header row', { path: input.name });
}

export interface MappedCsvOptions {
  mapping: CsvMapping;
  cells?: Map<string, Antenna>;
  locatedAccount?: AccountRef;
}

/** The shared engine: rows under a mapping to parse items (used by csv and cdr presets). */
export async function* parseMappedCsv(input: SourceInput, opts: MappedCsvOptions, resume?: ResumePoint, known?: HeaderInfo): AsyncGenerator<ParseItem> {
  const { mapping } = opts;
  const h = known ?? (await readHeader(input, mapping.delimiter, mapping.encoding));
  const index = resolveColumns(mapping, h.header);
  let cells = opts.cells;
  if (!cells && mapping.antennas && mapping.columns.cell) cells = await loadAntennas(mapping.antennas);
  const ctx = {
    mapping,
    index,
    timeZone: input.options.timeZone,
    defaultRegion: input.options.defaultRegion,
    cells,
    locatedAccount: opts.locatedAccount,
  };
  yield* parseCsvRows(input, h, mapping.encoding, (fields) => mapRow(fields, ctx), resume);
}

/**
 * Drive the rows of a CSV with a known header through a row mapper: column-count check,
 * locators, rejections with excerpts, resume points (only the last record of a row moves the
 * resume point past the row: a batch cut between a call and its location re-reads the row,
 * and record ids make that idempotent).
 */
export async function* parseCsvRows(
  input: SourceInput,
  h: HeaderInfo,
  encoding: CsvMapping['encoding'],
  mapFields: (fields: string[]) => RowResult,
  resume?: ResumePoint,
): AsyncGenerator<ParseItem> {
  const start = resume && resume.offset > h.dataStart.offset ? resume : h.dataStart;
  for await (const row of readCsvRows((at) => input.open(at), {
    delimiter: h.delimiter,
    encoding,
    maxRecordBytes: input.options.maxLineBytes,
    startOffset: start.offset,
    startLine: start.line,
  })) {
    const locator = { line: row.line, offset: row.offset, length: row.length, ...(row.endLine > row.line ? { endLine: row.endLine } : {}) };
    const after: ResumePoint = { offset: row.offset + row.length, line: row.endLine + 1 };
    if (row.kind === 'bad') {
      yield { kind: 'reject', locator, code: row.code, message: `line ${row.line}: ${row.message}`, excerpt: excerpt(row.raw), resume: after };
      continue;
    }
    const shown = excerpt(row.fields.join(h.delimiter));
    if (row.fields.length !== h.header.length) {
      const message = `line ${row.line}: expected ${h.header.length} columns, got ${row.fields.length}`;
      yield { kind: 'reject', locator, code: 'CSV_COLUMNS', message, excerpt: shown, resume: after };
      continue;
    }
    const res = mapFields(row.fields);
    if (!res.ok) {
      yield { kind: 'reject', locator, code: res.code, message: `line ${row.line}: ${res.message}`, excerpt: shown, resume: after };
      continue;
    }
    const before: ResumePoint = { offset: row.offset, line: row.line };
    for (let i = 0; i < res.records.length; i++) {
      yield { kind: 'record', record: res.records[i]!, locator, resume: i === res.records.length - 1 ? after : before };
    }
  }
}

/** A mapping for headers that already use the canonical names (from,to,ts,duration|body,…). */
export function identityMapping(header: string[]): CsvMapping | null {
  const lower = header.map((c) => c.trim().toLowerCase());
  const has = (c: string): boolean => lower.includes(c);
  if (!has('from') || !has('ts') || (!has('body') && !has('duration')) || (has('body') && has('duration'))) return null;
  const spec: Record<string, string> = {};
  for (const f of ['from', 'to', 'ts', 'duration', 'lat', 'lon', 'channel', 'body', 'conversation', 'id', 'subject', 'cell']) if (has(f)) spec[f] = f;
  try {
    return parseMapping(spec);
  } catch {
    return null;
  }
}

/** Count the fields of the record starting at `start` (quoted fields may span lines). */
function fieldsOfRecord(text: string, start: number, d: string): { fields: number; complete: boolean } {
  let fields = 1;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === d) fields++;
    else if (!quoted && c === '\n') return { fields, complete: true };
  }
  return { fields, complete: text.length > start && !quoted };
}

/** A UTF-16 byte-order mark. */
export function isUtf16(head: Uint8Array): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

export function sniffCsv(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (isUtf16(head)) return { ok: false, reason: 'UTF-16 text: convert to UTF-8 first' };
  if (looksBinary(head)) return { ok: false, reason: 'binary content, not delimited text' };
  const line = firstLine(head);
  if (line.trimStart().startsWith('{') || line.trimStart().startsWith('[')) return { ok: false, reason: 'looks like JSON, not CSV' };
  if (line.startsWith('From ') || /^[A-Za-z-]+: /.test(line)) return { ok: false, reason: 'looks like e-mail, not CSV' };
  const d = sniffDelimiter(line);
  if (!d) return { ok: false, reason: 'no , ; tab or | delimiter in the first line' };
  // a table: the first record after the header has as many fields as the header
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  const nl = text.indexOf('\n');
  const want = fieldsOfRecord(line, 0, d).fields;
  const rec = nl === -1 ? null : fieldsOfRecord(text, nl + 1, d);
  if (rec && rec.complete && rec.fields > 1 && rec.fields !== want) return { ok: false, reason: `the second record does not have the header's ${want} fields` };
  if (rec && rec.complete && rec.fields === 1 && want > 1) return { ok: false, reason: 'the second line is not delimited like the header' };
  const ext = /\.(csv|tsv|txt)$/i.test(name);
  return { ok: true, confidence: ext ? 0.3 : 0.15 };
}

export const csvParser: FormatParser = {
  name: 'csv',
  description: 'Delimited text (CSV/TSV) of calls or messages with a column mapping (--map)',
  seekable: true,
  sniff: sniffCsv,
  async *parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem> {
    let mapping: CsvMapping;
    let known: HeaderInfo | undefined;
    if (input.options.csvMapping && Object.keys(input.options.csvMapping).length > 0) {
      mapping = parseMapping(input.options.csvMapping);
    } else {
      known = await readHeader(input);
      const m = identityMapping(known.header);
      if (!m)
        throw new ClewError('CSV_MAPPING', `no column mapping given (--map); the header has: ${known.header.join(', ').slice(0, 300)}`, {
          path: input.name,
        });
      mapping = m;
    }
    yield* parseMappedCsv(input, { mapping }, resume, known);
  },
};
