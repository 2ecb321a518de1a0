import { describe, expect, it } from 'vitest';
import { CDR_PRESETS, presetByName, presetForHeader, presetMapping } from './presets.js';

describe('CDR presets', () => {
  it('every preset is a valid call mapping', () => {
    for (const p of CDR_PRESETS) expect(presetMapping(p).type).toBe('call');
  });

  it('recognises headers in any case and with extra columns', () => {
    expect(presetForHeader(['msisdn_a', 'MSISDN_B', 'START_TIME', 'DURATION', 'CELL_ID', 'CALL_TYPE', 'IMEI'])?.name).toBe('operator-a');
    expect(presetForHeader(['A_NUMMER', 'B_NUMMER', 'DATUM', 'TIJD', 'DUUR', 'SOORT', 'CELL_ID'])?.name).toBe('benelux');
    expect(presetForHeader(['A_NUMMER', 'B_NUMMER', 'DATUM'])).toBeUndefined();
  });

  it('lets --map override preset options but not break them', () => {
    const p = presetByName('operator-a')!;
    expect(presetMapping(p, { preset: 'operator-a', antennas: '/x.csv', region: 'rs' })).toMatchObject({ antennas: '/x.csv', region: 'RS' });
    expect(() => presetMapping(p, { colour: 'red' })).toThrow(/unknown mapping key/);
  });
});
