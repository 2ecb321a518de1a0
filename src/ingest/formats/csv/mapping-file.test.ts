import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappingArgument } from './mapping-file.js';
import { parseMapping } from './mapping.js';

describe('loadMappingArgument', () => {
  it('reads inline specs and JSON files into the same record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-map-'));
    const p = join(dir, 'map.json');
    writeFileSync(p, JSON.stringify({ from: 'caller', to: 'callee', ts: 'start', duration: 'secs' }));
    const inline = await loadMappingArgument('from=caller,to=callee,ts=start,duration=secs');
    expect(await loadMappingArgument(p)).toEqual(inline);
    expect(parseMapping(inline).type).toBe('call');
    await expect(loadMappingArgument(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'CSV_MAPPING' });
    writeFileSync(p, '{broken');
    await expect(loadMappingArgument(p)).rejects.toMatchObject({ code: 'CSV_MAPPING' });
  });
});
