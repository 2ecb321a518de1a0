import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serbianCyrillicToLatin } from './cyrillic.js';

describe('serbianCyrillicToLatin', () => {
  it('transliterates with case and diacritics', () => {
    expect(serbianCyrillicToLatin('Ђорђевић')).toBe('Đorđević');
    expect(serbianCyrillicToLatin('Контејнер стиже у петак')).toBe('Kontejner stiže u petak');
    expect(serbianCyrillicToLatin('Љубиша и Његош, Џамија')).toBe('Ljubiša i Njegoš, Džamija');
    expect(serbianCyrillicToLatin('ЉУБИША ЊЕГОШ ЏАМИЈА')).toBe('LJUBIŠA NJEGOŠ DŽAMIJA');
    expect(serbianCyrillicToLatin('љуљашка, чачак, ћуприја, шуме, жаба, ђак')).toBe('ljuljaška, čačak, ćuprija, šume, žaba, đak');
  });

  it('keeps Latin, digits, punctuation and other scripts', () => {
    expect(serbianCyrillicToLatin('MSCU1234565 @kum 5kg + €')).toBe('MSCU1234565 @kum 5kg + €');
    expect(serbianCyrillicToLatin('ѓ ќ ѕ ы مرحبا')).toBe('ѓ ќ ѕ ы مرحبا');
  });

  it('leaves no Serbian Cyrillic letter and changes nothing else', () => {
    const serbian = 'АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш';
    const text = fc.array(fc.oneof(fc.constantFrom(...serbian), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        const out = serbianCyrillicToLatin(s);
        for (const c of out) expect(serbian.includes(c)).toBe(false);
        const kept = [...s].filter((c) => !serbian.includes(c)).join('');
        const keptOut = [...out].filter((c) => !/[A-Za-zĐđŽžĆćČčŠš]/.test(c)).join('');
        expect(keptOut).toBe(kept.replace(/[A-Za-zĐđŽžĆćČčŠš]/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});
