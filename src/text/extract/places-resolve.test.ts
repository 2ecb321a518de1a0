import { describe, expect, it } from 'vitest';
import { parseQuery } from '../query/parse.js';
import { extractPlaces, resolvePlace } from './places.js';

describe('places by any name', () => {
  it('resolves exonyms, spellings, scripts and case forms to one gazetteer place', () => {
    for (const n of ['Antwerpen', 'Antwerp', 'Anvers', 'Antverpen', 'Антверпен', 'antverpenu', 'Amberes', 'أنتويرب']) {
      expect(resolvePlace(n), n).toMatchObject({ kind: 'place', id: 'be-antwerp', country: 'BE' });
    }
    for (const n of ['Guayaquil', 'Gvajakil', 'Гвајакил', 'Gvajakilu']) expect(resolvePlace(n)?.id, n).toBe('ec-guayaquil');
    for (const n of ['Lomé', 'Lome', 'Ломе']) expect(resolvePlace(n)?.id, n).toBe('tg-lome');
    expect(resolvePlace('Holandija')).toMatchObject({ kind: 'country', id: 'NL' });
    expect(resolvePlace('Beograd')?.id).toBe(resolvePlace('Београд')?.id);
  });
  it('gives null for what is not a whole place name', () => {
    expect(resolvePlace('kafa')).toBeNull();
    expect(resolvePlace('Antwerpen kafa')).toBeNull();
    expect(resolvePlace('')).toBeNull();
    expect(resolvePlace('A'.repeat(100_000))).toBeNull();
  });
  it('gives the extractor and the search the same id', () => {
    const ids = ['Roba stiže u Antverpen', 'Le bateau arrive à Anvers', 'Брод је у Антверпену'].map((t) => extractPlaces(t).find((m) => m.type === 'place')?.value);
    expect(new Set(ids)).toEqual(new Set(['be-antwerp']));
    expect(parseQuery('place:Antwerp kafa').entities).toEqual([{ type: 'place', value: 'be-antwerp' }]);
    expect(parseQuery('place:"Антверпен"').entities).toEqual([{ type: 'place', value: 'be-antwerp' }]);
    expect(parseQuery('place:Holland').entities).toEqual([{ type: 'country', value: 'NL' }]);
    expect(parseQuery('place:Nowhereville').entities).toEqual([{ type: 'place', value: 'Nowhereville' }]);
  });
});
