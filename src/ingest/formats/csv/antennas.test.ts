import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAntennas, parseCoordinate } from './antennas.js';

describe('antennas', () => {
  it('parses coordinates with either decimal separator and checks ranges', () => {
    expect(parseCoordinate('50,8503', 90)).toBe(50.8503);
    expect(parseCoordinate(' -4.35 ', 180)).toBe(-4.35);
    expect(parseCoordinate('91', 90)).toBeNull();
    expect(parseCoordinate('1e3', 180)).toBeNull();
    expect(parseCoordinate('', 90)).toBeNull();
  });

  it('loads a bandicoot antenna file, skipping unusable rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-ant-'));
    const p = join(dir, 'antennas.csv');
    writeFileSync(p, 'antenna_id,latitude,longitude\nA1,44.8125,20.4612\nA2,abc,1\nA3,51.2194,4.4025\n');
    expect([...(await loadAntennas(p))]).toEqual([
      ['A1', { lat: 44.8125, lon: 20.4612 }],
      ['A3', { lat: 51.2194, lon: 4.4025 }],
    ]);
    await expect(loadAntennas(p, 10)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(loadAntennas(join(dir, 'none.csv'))).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    writeFileSync(p, 'x;y\n1;2\n');
    await expect(loadAntennas(p)).rejects.toMatchObject({ code: 'CSV_MAPPING' });
  });
});
