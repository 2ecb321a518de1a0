/**
 * i2 Analyst's Notebook link table: one CSV row per link, the layout ANB's Import Data wizard
 * maps onto a two-entities-and-a-link chart.
 *
 * Columns:
 *   Entity1 ID, Entity1 Label, Entity1 Type, Entity2 ID, Entity2 Label, Entity2 Type,
 *   Link Type, Link Direction, Weight, First Date, First Time, Last Date, Last Time
 * Dates are yyyy-MM-dd and times HH:mm:ss, in UTC; empty when unknown.
 * Link Direction is "Arrow on Head" (directed: Entity1 -> Entity2) or "Without Arrows".
 *
 * Import specification to create in ANB (Import > Import Data, then save it for reuse):
 *   1. File: this CSV; delimiter comma; "First row contains column headings" ticked;
 *      encoding UTF-8.
 *   2. Design: choose the "Link" (entity–link–entity) import design.
 *   3. Entity 1: Identity <- "Entity1 ID"; Label <- "Entity1 Label"; Type <- from column
 *      "Entity1 Type" (map the values Person / Phone / Account to your chart's entity types).
 *      Entity 2: the same with the Entity2 columns.
 *   4. Link: Type <- "Link Type"; Label <- "Weight" (or a fixed label); Direction <- column
 *      "Link Direction"; Date & Time <- "First Date" with format yyyy-MM-dd and "First Time"
 *      with format HH:mm:ss (time zone UTC). Put "Last Date"/"Last Time" and "Weight" in
 *      link attributes (type: date / number) so they can be used for conditional formatting.
 *   5. Merge entities with the same Identity (default), so each account appears once.
 * Labels are formula-guarded for spreadsheet safety (a leading = + - @ gets an apostrophe).
 */
import { csvNumber, csvRow, csvText } from './csv-cell.js';
import { checkExport, type NetworkExport } from './types.js';
import { ClewError } from '../../model/errors.js';

export const I2_COLUMNS = [
  'Entity1 ID', 'Entity1 Label', 'Entity1 Type', 'Entity2 ID', 'Entity2 Label', 'Entity2 Type',
  'Link Type', 'Link Direction', 'Weight', 'First Date', 'First Time', 'Last Date', 'Last Time',
] as const;

export interface I2Options {
  /** Entity type, one for all or one per node (default "Phone"). */
  entityType?: string | readonly string[];
  /** Default "Communication". */
  linkType?: string | readonly string[];
  /** First/last contact per edge, ms since epoch (NaN = unknown). */
  first?: ArrayLike<number>;
  last?: ArrayLike<number>;
  /** Entity identities (default: the labels when unique, else "label [node id]"). */
  ids?: readonly string[];
}

function dateTime(ms: number | undefined): [string, string] {
  if (ms === undefined || !Number.isFinite(ms)) return ['', ''];
  const iso = new Date(ms).toISOString(); // 2020-03-02T10:00:00.000Z
  return [iso.slice(0, 10), iso.slice(11, 19)];
}

function pick(v: string | readonly string[] | undefined, i: number, dflt: string): string {
  if (v === undefined) return dflt;
  return typeof v === 'string' ? v : v[i]!;
}

export function toI2Csv(x: NetworkExport, opts: I2Options = {}): string {
  checkExport(x);
  const n = x.edges.n;
  const m = x.edges.src.length;
  for (const [name, arr, len] of [
    ['entityType', opts.entityType, n],
    ['linkType', opts.linkType, m],
    ['first', opts.first, m],
    ['last', opts.last, m],
    ['ids', opts.ids, n],
  ] as const) {
    if (arr !== undefined && typeof arr !== 'string' && arr.length !== len) throw new ClewError('INVALID_ARGUMENT', `${name} length is wrong`, { name, length: arr.length, expected: len });
  }
  let ids = opts.ids;
  if (!ids) ids = new Set(x.labels).size === n ? x.labels : x.labels.map((l, i) => `${l} [${i}]`);
  const dir = x.directed ? 'Arrow on Head' : 'Without Arrows';
  const rows: string[] = [csvRow([...I2_COLUMNS])];
  const { src, dst, weight } = x.edges;
  for (let i = 0; i < m; i++) {
    const a = src[i]!;
    const b = dst[i]!;
    const [fd, ft] = dateTime(opts.first?.[i]);
    const [ld, lt] = dateTime(opts.last?.[i]);
    rows.push(
      csvRow([
        csvText(ids[a]!), csvText(x.labels[a]!), csvText(pick(opts.entityType, a, 'Phone')),
        csvText(ids[b]!), csvText(x.labels[b]!), csvText(pick(opts.entityType, b, 'Phone')),
        csvText(pick(opts.linkType, i, 'Communication')), dir, csvNumber(weight[i]!), fd, ft, ld, lt,
      ]),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
