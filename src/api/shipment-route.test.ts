import { describe, expect, it } from 'vitest';
import { extractAll } from '../text/extract/pipeline.js';
import { routeStatement } from './shipment-route.js';

const stops = (body: string) => routeStatement(body, extractAll(body))?.stops.map((s) => s.placeId) ?? null;
const GLA = ['ec-guayaquil', 'tg-lome', 'be-antwerp'];

describe('routeStatement: when a message states where a shipment goes', () => {
  it('reads origin → transit → port from the direction words of each language', () => {
    expect(stops('Kontejner MSCU1234566 ide iz Gvajakila preko Lomea do Antverpena')).toEqual(GLA); // sr, inflected
    expect(stops('Контејнер иде из Гвајакила преко Ломеа до Антверпена')).toEqual(GLA); // sr Cyrillic
    expect(stops('De container gaat van Guayaquil via Lomé naar Antwerpen')).toEqual(GLA); // nl
    expect(stops('Le conteneur part de Guayaquil via Lomé vers Anvers')).toEqual(GLA); // fr
    expect(stops('El contenedor sale de Guayaquil vía Lomé hacia Amberes')).toEqual(GLA); // es
    expect(stops('The load goes from Guayaquil via Lomé to Antwerp')).toEqual(GLA); // en
  });

  it('puts the "from" place first and the "to" place last, whatever the order written', () => {
    expect(stops('Box goes to Antwerp from Guayaquil')).toEqual(['ec-guayaquil', 'be-antwerp']);
    expect(stops('Naar Antwerpen, van Guayaquil, 200 kg')).toEqual(['ec-guayaquil', 'be-antwerp']);
  });

  it('takes a shipment cue (vessel, container, quantity, shipment word) with places in the order written', () => {
    expect(stops('MSCU1234566 Guayaquil Antwerpen')).toEqual(['ec-guayaquil', 'be-antwerp']);
    expect(stops('Brod je u Lomeu, sledeće Antverpen')).toEqual(['tg-lome', 'be-antwerp']);
    const s = routeStatement('200 kg Guayaquil - Antwerpen', extractAll('200 kg Guayaquil - Antwerpen'))!;
    expect(s.cues).toContain('200 kg');
    expect(s.directionsOnly).toBe(false);
  });

  it('is not a route: two places chatted about, one place, or one direction word without any cue', () => {
    expect(stops('Good, Guayaquil people are ready? I am still in Belgrade')).toBeNull();
    expect(stops('meet me in Belgrade, then Antwerp')).toBeNull();
    expect(stops('The container is in Antwerp')).toBeNull(); // one place
    expect(stops('I fly to Antwerp, my wife stays in Belgrade')).toBeNull(); // "to" once, "in" is no direction word
    expect(stops('Antwerp and Antwerpen, container')).toBeNull(); // one place named twice
  });

  it('counts two directed places as a route even without a cue, and says so', () => {
    const s = routeStatement('Ide iz Gvajakila do Antverpena', extractAll('Ide iz Gvajakila do Antverpena'))!;
    expect(s.stops.map((x) => x.placeId)).toEqual(['ec-guayaquil', 'be-antwerp']);
    expect(s.directionsOnly).toBe(true);
  });
});

describe('routeStatement: money is not cargo', () => {
  it('drops a place named in a clause about money', () => {
    expect(stops('Šef hoće 20 cigli do Antverpena, pare idu preko Beograda')).toBeNull();
    expect(stops('Шеф хоће 20 цигли до Антверпена, паре иду преко Београда')).toBeNull();
    expect(stops('El patrón quiere 20 ladrillos para Amberes, el dinero va por Belgrado')).toBeNull();
    expect(stops('El contenedor sale de Guayaquil para Amberes')).toEqual(['ec-guayaquil', 'be-antwerp']); // "para" is a direction here
  });
});
