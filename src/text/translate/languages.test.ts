import { describe, expect, it } from 'vitest';
import { apertiumCode, parseModeName, targetVariant } from './languages.js';

describe('Apertium language codes', () => {
  it('maps clew codes to ISO 639-3', () => {
    for (const c of ['sr', 'hr', 'bs', 'sh', 'me']) expect(apertiumCode(c)).toBe('hbs');
    expect(apertiumCode('mk')).toBe('mkd');
    expect(apertiumCode('es')).toBe('spa');
    expect(apertiumCode('EN')).toBe('eng');
    expect(apertiumCode('nld')).toBe('nld');
    expect(apertiumCode('x1')).toBeNull();
    expect(apertiumCode('sr-Cyrl')).toBe('hbs');
    expect(apertiumCode('en-US')).toBe('eng');
  });

  it('parses mode names, old 639-1 ones too, and skips what is not a pair', () => {
    expect(parseModeName('hbs-eng')).toEqual({ mode: 'hbs-eng', from: 'hbs', to: 'eng', variant: null });
    expect(parseModeName('eng-hbs_SR')).toEqual({ mode: 'eng-hbs_SR', from: 'eng', to: 'hbs', variant: 'SR' });
    expect(parseModeName('fr-es')).toEqual({ mode: 'fr-es', from: 'fra', to: 'spa', variant: null });
    expect(parseModeName('Cyrl-Latn')).toBeNull();
    expect(parseModeName('hbs-eng-tagger')).toBeNull();
  });

  it('knows the target standards of Serbo-Croatian', () => {
    expect(targetVariant('sr')).toBe('SR');
    expect(targetVariant('hr')).toBe('HR');
    expect(targetVariant('sr-Latn')).toBe('SR');
    expect(targetVariant('en')).toBeNull();
  });
});
