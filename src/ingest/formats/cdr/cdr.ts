/**
 * Operator call detail records in a known layout (presets.ts). Optional antenna file via
 * `--map antennas=/path/antennas.csv`: calls whose CELL_ID is in it get lat/lon and a
 * LocationRecord (kind 'antenna') for the A party. Seekable like any CSV.
 */
import { ClewError } from '../../../model/errors.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { parseMappedCsv, readHeader } from '../csv/csv.js';
import { firstLine, sniffDelimiter } from '../csv/delimiter.js';
import { looksBinary } from '../../lines.js';
import { presetByName, presetForHeader, presetMapping, CDR_PRESETS } from './presets.js';

function headerCells(head: Uint8Array): string[] {
  const line = firstLine(head);
  const d = sniffDelimiter(line);
  return d ? line.split(d).map((c) => c.trim().replace(/^"(.*)"$/, '$1')) : [];
}

export function sniffCdr(head: Uint8Array, _name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary content, not a CDR export' };
  const p = presetForHeader(headerCells(head));
  if (!p) return { ok: false, reason: `the header matches no CDR preset (${CDR_PRESETS.map((x) => x.name).join(', ')})` };
  return { ok: true, confidence: 0.9 };
}

export const cdrParser: FormatParser = {
  name: 'cdr',
  description: `Operator call detail records (presets: ${CDR_PRESETS.map((p) => p.name).join(', ')}); --map antennas=FILE locates calls`,
  seekable: true,
  sniff: sniffCdr,
  async *parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem> {
    const overrides = input.options.csvMapping ?? {};
    let preset = overrides.preset ? presetByName(overrides.preset) : undefined;
    if (overrides.preset && !preset)
      throw new ClewError('CSV_MAPPING', `unknown CDR preset "${overrides.preset.slice(0, 40)}" (known: ${CDR_PRESETS.map((p) => p.name).join(', ')})`);
    const h = await readHeader(input, preset ? presetMapping(preset).delimiter : undefined);
    preset ??= presetForHeader(h.header);
    if (!preset) throw new ClewError('FORMAT_UNKNOWN', `the header matches no CDR preset: ${h.header.join(', ').slice(0, 200)}`);
    yield* parseMappedCsv(input, { mapping: presetMapping(preset, overrides) }, resume, h);
  },
};
