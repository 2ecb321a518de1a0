/** Read a `--map` argument that names a mapping JSON file (at most 64 KiB). */
import { readFile, stat } from 'node:fs/promises';
import { ClewError } from '../../../model/errors.js';
import { mappingRecord } from './mapping.js';

export const MAX_MAPPING_FILE_BYTES = 64 * 1024;

/** `--map` value to ParseOptions.csvMapping: a path to a .json file, or the inline key=value list / JSON. */
export async function loadMappingArgument(arg: string): Promise<Record<string, string>> {
  const t = arg.trim();
  if (/\.json$/i.test(t) && !t.includes('=')) {
    let size: number;
    try {
      size = (await stat(t)).size;
    } catch {
      throw new ClewError('CSV_MAPPING', `mapping file not found: ${t.slice(0, 200)}`, { path: t.slice(0, 200) });
    }
    if (size > MAX_MAPPING_FILE_BYTES) throw new ClewError('CSV_MAPPING', `mapping file is larger than ${MAX_MAPPING_FILE_BYTES} bytes`);
    return mappingRecord(await readFile(t, 'utf8'));
  }
  return mappingRecord(t);
}
