import { describe, expect, it } from 'vitest';
import { asciiBare, asciiDj, latinToCyrillic, serbianVariants } from './translit.js';

describe('Serbian transliteration', () => {
  it('converts Latin to Cyrillic incl. digraphs', () => {
    expect(latinToCyrillic('Đorđević')).toBe('Ђорђевић');
    expect(latinToCyrillic('Ljubomir Njegoš')).toBe('Љубомир Његош');
    expect(latinToCyrillic('Džajić')).toBe('Џајић');
    expect(latinToCyrillic('Kum 2')).toBe('Кум 2');
  });

  it('folds to ASCII both ways', () => {
    expect(asciiDj('Đorđević')).toBe('Djordjevic');
    expect(asciiBare('Đorđević')).toBe('Dordevic');
    expect(asciiBare('Šarić Žarko')).toBe('Saric Zarko');
  });

  it('lists the distinct variants', () => {
    expect(serbianVariants('Đorđević')).toEqual(['Đorđević', 'Ђорђевић', 'Djordjevic', 'Dordevic']);
    expect(serbianVariants('Marko')).toEqual(['Marko', 'Марко']);
  });
});
