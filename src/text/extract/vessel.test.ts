import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractVessel } from './vessel.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractVessel(s, {});
const vals = (s: string) => ex(s).map((m) => m.value);

describe('vessel', () => {
  it('finds names after keywords in several languages', () => {
    expect(vals('MV MSC GAYANE IMO 9074729 stiže')).toEqual(['MSC GAYANE']);
    expect(ex('MV MSC GAYANE IMO 9074729 stiže')[0]!.raw).toBe('MV MSC GAYANE');
    expect(vals('M/V "Sveti Nikola" u Baru')).toEqual(['SVETI NIKOLA']);
    expect(vals('roba je na brodu Marija, stiže sutra')).toEqual(['MARIJA']);
    expect(vals('het schip Noordster komt morgen')).toEqual(['NOORDSTER']);
    expect(vals('le navire Belle Île arrive')).toEqual(['BELLE ÎLE']);
    expect(vals('el buque Nuevo Sol 2 llega')).toEqual(['NUEVO SOL 2']);
    expect(vals('vessel Ocean Star at anchor')).toEqual(['OCEAN STAR']);
    expect(vals('MS «Nordlicht» fährt')).toEqual(['NORDLICHT']);
    expect(vals('Брод „Свети Никола“ стиже у Бар')).toEqual(['СВЕТИ НИКОЛА']);
    expect(vals('le navire Étoile du Sud est à quai')).toEqual(['ÉTOILE DU SUD']);
    expect(vals('o navio Estrela do Mar atracou')).toEqual(['ESTRELA DO MAR']);
    expect(vals('navire Étoile du port')).toEqual(['ÉTOILE']);
  });

  it('finds container-line names without a keyword', () => {
    expect(vals('De Maersk Tiber vertrekt volgende week')).toEqual(['MAERSK TIBER']);
    expect(vals('booked on CMA CGM Nordic Spirit (IMO: 9673707)')).toEqual(['CMA CGM NORDIC SPIRIT']);
    expect(vals('Cosco Pacific Star leaves Guayaquil')).toEqual(['COSCO PACIFIC STAR']);
    expect(vals('brod MSC Arina kasni')).toEqual(['MSC ARINA']);
    expect(vals('Брод CMA CGM Nordic Spirit је прошао Ломе')).toEqual(['CMA CGM NORDIC SPIRIT']);
    expect(vals('Maersk Line javlja kašnjenje, MSC Shipping isto')).toEqual([]);
    expect(vals('MSC je javio')).toEqual([]);
  });

  it('keeps the ship prefix in the span, not in the value', () => {
    const s = 'De MV Valeria heeft vertraging, IMO 9772711';
    const m = ex(s);
    expect(m.map((x) => [x.raw, x.value, x.attrs?.prefix])).toEqual([['MV Valeria', 'VALERIA', 'MV']]);
  });

  it('gives exact spans of the name', () => {
    const s = 'brod "Sveti Nikola" je tu';
    const m = ex(s)[0]!;
    expect(s.slice(m.start, m.end)).toBe('Sveti Nikola');
    const t = 'MV MSC GAYANE';
    const n = ex(t)[0]!;
    expect(t.slice(n.start, n.end)).toBe('MV MSC GAYANE');
    expect(n.value).toBe('MSC GAYANE');
    expect(n.confidence).toBeGreaterThan(ex('ship Aurora')[0]!.confidence);
  });

  it('does not take lower-case continuations or software', () => {
    expect(vals('ship it tomorrow')).toEqual([]);
    expect(vals('brod je stigao')).toEqual([]);
    expect(vals('open it in MS Word')).toEqual([]);
    expect(vals('relationship Aurora')).toEqual([]);
  });

  it('never throws; spans match raw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (s) => ex(s).every((m) => s.slice(m.start, m.end) === m.raw)));
    fc.assert(fc.property(fc.stringMatching(/^(?:(?:MV|brod|ship) |[A-Z][a-z]{0,3} |"|\d ){0,12}$/), (s) => ex(s).every((m) => s.slice(m.start, m.end) === m.raw)));
  });

  it('scales linearly', () => {
    expect(checkLinear(extractVessel, {}, [undefined, 'MV ', 'Brod ', 'Aa ', 'MV Aa ', 'brod "', 'MV A-', 'ship Ab 1 '])).toEqual([]);
  });
});
