import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractVessel } from './vessel.js';
import { checkLinear } from './test-support/adversarial.js';

const ex = (s: string) => extractVessel(s, {});
const vals = (s: string) => ex(s).map((m) => m.value);

describe('vessel', () => {
  it('finds names after keywords in several languages', () => {
    expect(vals('MV MSC GAYANE IMO 9074729 stiže')).toEqual(['MSC GAYANE']);
    expect(vals('M/V "Sveti Nikola" u Baru')).toEqual(['SVETI NIKOLA']);
    expect(vals('roba je na brodu Marija, stiže sutra')).toEqual(['MARIJA']);
    expect(vals('het schip Noordster komt morgen')).toEqual(['NOORDSTER']);
    expect(vals('le navire Belle Île arrive')).toEqual(['BELLE ÎLE']);
    expect(vals('el buque Nuevo Sol 2 llega')).toEqual(['NUEVO SOL 2']);
    expect(vals('vessel Ocean Star at anchor')).toEqual(['OCEAN STAR']);
    expect(vals('MS «Nordlicht» fährt')).toEqual(['NORDLICHT']);
  });

  it('gives exact spans of the name', () => {
    const s = 'brod "Sveti Nikola" je tu';
    const m = ex(s)[0]!;
    expect(s.slice(m.start, m.end)).toBe('Sveti Nikola');
    const t = 'MV MSC GAYANE';
    const n = ex(t)[0]!;
    expect(t.slice(n.start, n.end)).toBe('MSC GAYANE');
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
