/**
 * Antenna (cell) positions: a small CSV with columns antenna_id, latitude, longitude (bandicoot
 * layout; `cell_id`/`lat`/`lon` also accepted), read whole at parse start under a size cap.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ClewError } from '../../../model/errors.js';
import { firstLine, sniffDelimiter } from './delimiter.js';
import { readCsvRows } from './rows.js';

export interface Antenna {
  lat: number;
  lon: number;
}

export const MAX_ANTENNA_FILE_BYTES = 64 * 1024 * 1024;

const ID_COLS = ['antenna_id', 'cell_id', 'cell', 'id', 'place_id'];
const LAT_COLS = ['latitude', 'lat'];
const LON_COLS = ['longitude', 'lon', 'lng'];

/** A decimal coordinate, with `.` or `,` as decimal separator; null when not a number in range. */
export function parseCoordinate(text: string, max: number): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^[+-]?\d{1,3}(\.\d{1,12})?$/.test(t)) return null;
  const n = Number(t);
  return Math.abs(n) <= max ? n : null;
}

export async function loadAntennas(path: string, maxBytes = MAX_ANTENNA_FILE_BYTES): Promise<Map<string, Antenna>> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ClewError('SOURCE_NOT_FOUND', `antenna file not found: ${path}`, { path });
  }
  if (size > maxBytes) throw new ClewError('TOO_LARGE', `antenna file is ${size} bytes (limit ${maxBytes})`, { path, size });
  const head = await new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    createReadStream(path, { start: 0, end: 65535 })
      .on('data', (c) => parts.push(c as Buffer))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
  const delimiter = sniffDelimiter(firstLine(head)) ?? ',';
  const out = new Map<string, Antenna>();
  let idx: { id: number; lat: number; lon: number } | undefined;
  for await (const row of readCsvRows((start) => createReadStream(path, { start }), { delimiter, encoding: 'utf8', maxRecordBytes: 65536 })) {
    if (row.kind !== 'row') continue;
    if (!idx) {
      const h = row.fields.map((f) => f.trim().toLowerCase());
      const find = (names: string[]): number => names.map((n) => h.indexOf(n)).find((i) => i !== -1) ?? -1;
      idx = { id: find(ID_COLS), lat: find(LAT_COLS), lon: find(LON_COLS) };
      if (idx.id === -1 || idx.lat === -1 || idx.lon === -1)
        throw new ClewError('CSV_MAPPING', `antenna file needs columns antenna_id, latitude, longitude; it has: ${h.join(', ').slice(0, 200)}`, { path });
      continue;
    }
    const id = row.fields[idx.id]?.trim();
    const lat = parseCoordinate(row.fields[idx.lat] ?? '', 90);
    const lon = parseCoordinate(row.fields[idx.lon] ?? '', 180);
    if (id && lat !== null && lon !== null) out.set(id, { lat, lon });
  }
  return out;
}
