import { describe, expect, it } from 'vitest';
import { CODE_WORDS, PLACES, place, placeName } from './vocab.js';

describe('vocabulary', () => {
  it('writes places in each language and Serbian case', () => {
    const antwerp = place('Antwerp');
    expect(placeName(antwerp, 'nl')).toBe('Antwerpen');
    expect(placeName(antwerp, 'fr')).toBe('Anvers');
    expect(placeName(antwerp, 'sr')).toBe('Antverpen');
    expect(placeName(antwerp, 'sr', 'loc')).toBe('Antverpenu');
    expect(placeName(antwerp, 'sr-Cyrl', 'gen')).toBe('Антверпена');
    expect(placeName(antwerp, 'sr', 'acc')).toBe('Antverpen');
    expect(placeName(place('Cartagena'), 'sr', 'acc')).toBe('Kartagenu');
    expect(placeName(place('Belgrade'), 'sr-Cyrl')).toBe('Београд');
    expect(placeName(place('Novi Sad'), 'en', 'loc')).toBe('Novi Sad');
  });

  it('every place has coordinates and a time zone; every code word has forms', () => {
    for (const p of PLACES) {
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
      expect(p.zone).toMatch(/^[A-Z][a-z]+\//);
      expect(p.srCases.gen.length).toBeGreaterThan(0);
    }
    for (const c of CODE_WORDS) expect(c.forms.length).toBeGreaterThan(0);
    expect(CODE_WORDS.some((c) => c.word === 'кафа' && c.meaning === 'cocaine')).toBe(true);
  });

  it('rejects unknown places', () => {
    expect(() => place('Atlantis')).toThrow(RangeError);
  });
});
