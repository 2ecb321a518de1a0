/**
 * Column layouts of operator call detail records, as mappings for the generic CSV engine.
 * Documented in docs/formats/cdr.md. A preset is recognised by its header: every column it
 * names must be present (case-insensitive).
 */
import { parseMapping, type CsvMapping } from '../csv/mapping.js';

export interface CdrPreset {
  name: string;
  description: string;
  /** The mapping, in the --map syntax. */
  spec: Record<string, string>;
}

export const CDR_PRESETS: readonly CdrPreset[] = [
  {
    name: 'operator-a',
    description: 'Generic operator export: MSISDN_A, MSISDN_B, START_TIME (yyyy-MM-dd HH:mm:ss, local), DURATION (s), CELL_ID, CALL_TYPE',
    spec: {
      from: 'MSISDN_A',
      to: 'MSISDN_B',
      ts: 'START_TIME',
      duration: 'DURATION',
      cell: 'CELL_ID',
      channel: 'CALL_TYPE',
      ts_format: 'yyyy-MM-dd HH:mm:ss',
      delimiter: ',',
      numbers: 'international',
      type: 'call',
    },
  },
  {
    name: 'benelux',
    description:
      'Dutch/Belgian retention layout: semicolons, A_NUMMER;B_NUMMER;DATUM (dd-MM-yyyy);TIJD (HH:mm:ss);DUUR (HH:mm:ss);SOORT;CELL_ID',
    spec: {
      from: 'A_NUMMER',
      to: 'B_NUMMER',
      date: 'DATUM',
      time: 'TIJD',
      duration: 'DUUR',
      channel: 'SOORT',
      cell: 'CELL_ID',
      ts_format: 'dd-MM-yyyy HH:mm:ss',
      delimiter: ';',
      numbers: 'international',
      type: 'call',
    },
  },
];

export function presetByName(name: string): CdrPreset | undefined {
  return CDR_PRESETS.find((p) => p.name === name);
}

const FIELD_KEYS = new Set(['from', 'to', 'ts', 'date', 'time', 'duration', 'cell', 'channel', 'lat', 'lon', 'id']);

/** The preset whose columns all appear in the header, or undefined. */
export function presetForHeader(header: readonly string[]): CdrPreset | undefined {
  const cols = new Set(header.map((h) => h.trim().toUpperCase()));
  return CDR_PRESETS.find((p) => Object.entries(p.spec).every(([k, v]) => !FIELD_KEYS.has(k) || cols.has(v.toUpperCase())));
}

/** The preset's mapping with overrides (antennas, region, numbers, …) from --map. */
export function presetMapping(p: CdrPreset, overrides: Record<string, string> = {}): CsvMapping {
  const rest = Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'preset'));
  return parseMapping({ ...p.spec, ...rest });
}
