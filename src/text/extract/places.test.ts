import { describe, expect, it } from 'vitest';
import { checkLinear } from './test-support/adversarial.js';
import { extractPlaces, placeCoverage } from './places.js';

function pl(s: string): [string, string, string][] {
  return extractPlaces(s).map((m) => [m.type, m.raw, m.value]);
}

describe('extractPlaces', () => {
  it('has countries in many languages and the curated gazetteer', () => {
    const c = placeCoverage();
    expect(c.places).toBeGreaterThan(150);
    expect(c.countryNames).toBeGreaterThan(2500);
  });

  it('finds cities and ports across scripts, languages and case endings', () => {
    expect(pl('Brod ide iz Antverpena za Roterdam')).toEqual([
      ['place', 'Antverpena', 'be-antwerp'],
      ['place', 'Roterdam', 'nl-rotterdam'],
    ]);
    expect(pl('Стигао у Београд')).toEqual([['place', 'Београд', 'rs-belgrade']]);
    expect(pl('le conteneur arrive à Anvers')).toEqual([['place', 'Anvers', 'be-antwerp']]);
    expect(pl('sale de Guayaquil hacia Algeciras')).toEqual([
      ['place', 'Guayaquil', 'ec-guayaquil'],
      ['place', 'Algeciras', 'es-algeciras'],
    ]);
    expect(pl('u Novom Sadu')).toEqual([['place', 'Novom Sadu', 'rs-novi-sad']]);
    const [m] = extractPlaces('Lomé');
    expect(m?.attrs).toMatchObject({ country: 'TG', port: 1 });
    expect(Number(m?.attrs?.lat)).toBeCloseTo(6.13, 1);
  });

  it('finds countries as ISO codes', () => {
    expect(pl('roba iz Kolumbije preko Ekvadora u Holandiju')).toEqual([
      ['country', 'Kolumbije', 'CO'],
      ['country', 'Ekvadora', 'EC'],
      ['country', 'Holandiju', 'NL'],
    ]);
    expect(pl('Србија и Crna Gora')).toEqual([
      ['country', 'Србија', 'RS'],
      ['country', 'Crna Gora', 'ME'],
    ]);
    expect(pl('shipment to Côte d’Ivoire and Brazil')).toEqual([
      ['country', 'Côte d’Ivoire', 'CI'],
      ['country', 'Brazil', 'BR'],
    ]);
    expect(pl('idem u SAD')).toEqual([['country', 'SAD', 'US']]);
    expect(pl('sad cu doci')).toEqual([]);
  });

  it('applies the context rule to ambiguous names', () => {
    expect(pl('Split the money')).toEqual([]);
    expect(pl('split u pola')).toEqual([]);
    expect(pl('brod stiže u Split')).toEqual([['place', 'Split', 'hr-split']]);
    expect(pl('idemo u bar na piće')).toEqual([]);
    expect(pl('kontejner u luci Bar')).toEqual([['place', 'Bar', 'me-bar']]);
    expect(pl('Turbo dizel motor')).toEqual([]);
    expect(pl('carga sale de Turbo')).toEqual([['place', 'Turbo', 'co-turbo']]);
    expect(pl('Santos je rekao')).toEqual([]);
    expect(pl('Santos - Antwerpen')).toEqual([
      ['place', 'Santos', 'br-santos'],
      ['place', 'Antwerpen', 'be-antwerp'],
    ]);
    expect(pl('Nice work')).toEqual([]);
    expect(pl('Milan je rekao da je mali problem')).toEqual([]);
    expect(pl("Bar'a gidiyor")).toEqual([['place', 'Bar', 'me-bar']]);
    expect(pl('Nisu još stigli')).toEqual([]);
    expect(pl('Viu o jogo do Santos?')).toEqual([]);
    expect(pl('Ja sam u Nišu')).toEqual([['place', 'Nišu', 'rs-nis']]);
  });

  it('requires a capital for short inflected forms and uses proper-noun endings only', () => {
    expect(pl('el barco viene de Cartagena')).toEqual([['place', 'Cartagena', 'co-cartagena']]);
    expect(pl('le navire quitte Conakry')).toEqual([['place', 'Conakry', 'gn-conakry']]);
    expect(pl('u beogradu')).toEqual([['place', 'beogradu', 'rs-belgrade']]);
    expect(pl('u Gentu, ne u gentu')).toEqual([['place', 'Gentu', 'be-gent']]);
  });

  it('scales linearly on 1 MB adversarial inputs (repeated digits, separators, mixed scripts)', () => {
    expect(checkLinear((s) => extractPlaces(s), {}, ['u Split Bar Beograd ', 'Ба', 'a ', 'Santos - ', 'Nišu ', undefined])).toEqual([]);
  });
});
