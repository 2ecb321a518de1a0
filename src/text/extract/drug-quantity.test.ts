import { describe, expect, it } from 'vitest';
import { checkLinear } from './test-support/adversarial.js';
import { extractDrugQuantities } from './drug-quantity.js';

function q(s: string): [string, string, number | string | undefined][] {
  return extractDrugQuantities(s).map((m) => [m.raw, m.value, m.attrs?.grams]);
}

describe('extractDrugQuantities', () => {
  it('reads mass units in the case languages and scripts', () => {
    expect(q('stiglo 50 kila')).toEqual([['50 kila', '50 kg', 50000]]);
    expect(q('1.500 kg koke')).toEqual([['1.500 kg', '1500 kg', 1500000]]);
    expect(q('2,5kg')).toEqual([['2,5kg', '2.5 kg', 2500]]);
    expect(q('500 гр и 3 кила')).toEqual([
      ['500 гр', '500 g', 500],
      ['3 кила', '3 kg', 3000],
    ]);
    expect(q('2 tone')).toEqual([['2 tone', '2 t', 2000000]]);
    expect(q('200 kilos de cocaína, 5 toneladas')).toEqual([
      ['200 kilos', '200 kg', 200000],
      ['5 toneladas', '5 t', 5000000],
    ]);
    expect(q('10 كيلو')).toEqual([['10 كيلو', '10 kg', 10000]]);
    expect(q('pola kila')).toEqual([['pola kila', '0.5 kg', 500]]);
  });

  it('reads number words before a unit', () => {
    expect(q('imam dve cigle i sto kila')).toEqual([
      ['dve cigle', '2 brick', undefined],
      ['sto kila', '100 kg', 100000],
    ]);
    expect(q('son doce kilos, two keys')).toEqual([
      ['doce kilos', '12 kg', 12000],
      ['two keys', '2 key', undefined],
    ]);
    expect(q('dve devojke i tri druga')).toEqual([]);
  });

  it('counts bricks, packages and keys as units without grams', () => {
    expect(q('300 cigli i 20 paketa, 5 keys')).toEqual([
      ['300 cigli', '300 brick', undefined],
      ['20 paketa', '20 package', undefined],
      ['5 keys', '5 key', undefined],
    ]);
    expect(extractDrugQuantities('40 blokova')[0]?.attrs).toEqual({ amount: 40, unit: 'brick' });
  });

  it('ignores look-alikes', () => {
    expect(q('4G mreža, 5G')).toEqual([]);
    expect(q('BMW X5 kg')).toEqual([]);
    expect(q('50kgb 12.05.2024 kg')).toEqual([]);
    expect(q('50 kilometara')).toEqual([]);
  });

  it('scales linearly on 1 MB adversarial inputs (repeated digits, separators, mixed scripts)', () => {
    expect(checkLinear((s) => extractDrugQuantities(s), {}, ['1', '1 kg ', '1,', 'кила 1 ', 'pola kila ', 'dve cigle ', undefined])).toEqual([]);
  });
});
