/**
 * Spelling variants of Serbian/Montenegrin/Croatian names as they appear in seized phones:
 * Cyrillic (`Ђорђевић`), Latin with diacritics (`Đorđević`), "dj" ASCII (`Djordjevic`) and
 * bare ASCII (`Dordevic`).
 */

const DIGRAPHS: ReadonlyArray<[string, string]> = [
  ['Lj', 'Љ'], ['LJ', 'Љ'], ['lj', 'љ'],
  ['Nj', 'Њ'], ['NJ', 'Њ'], ['nj', 'њ'],
  ['Dž', 'Џ'], ['DŽ', 'Џ'], ['dž', 'џ'],
];

const SINGLE: Record<string, string> = {
  A: 'А', B: 'Б', V: 'В', G: 'Г', D: 'Д', Đ: 'Ђ', E: 'Е', Ž: 'Ж', Z: 'З', I: 'И', J: 'Ј', K: 'К', L: 'Л',
  M: 'М', N: 'Н', O: 'О', P: 'П', R: 'Р', S: 'С', T: 'Т', Ć: 'Ћ', U: 'У', F: 'Ф', H: 'Х', C: 'Ц', Č: 'Ч', Š: 'Ш',
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', đ: 'ђ', e: 'е', ž: 'ж', z: 'з', i: 'и', j: 'ј', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', ć: 'ћ', u: 'у', f: 'ф', h: 'х', c: 'ц', č: 'ч', š: 'ш',
};

/** Serbian Latin (Gaj) to Serbian Cyrillic. Characters outside the alphabet are kept. */
export function latinToCyrillic(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const two = s.slice(i, i + 2);
    const dg = DIGRAPHS.find(([l]) => l === two);
    if (dg) {
      out += dg[1];
      i++;
      continue;
    }
    const ch = s[i] as string;
    out += SINGLE[ch] ?? ch;
  }
  return out;
}

/** ASCII with `Đ`→`Dj` (the usual way Serbs type without diacritics). */
export function asciiDj(s: string): string {
  return s
    .replace(/Đ/g, 'Dj')
    .replace(/đ/g, 'dj')
    .replace(/[ČĆ]/g, 'C')
    .replace(/[čć]/g, 'c')
    .replace(/Š/g, 'S')
    .replace(/š/g, 's')
    .replace(/Ž/g, 'Z')
    .replace(/ž/g, 'z');
}

/** Bare ASCII: diacritics dropped (`Đ`→`D`), as passport machine-readable zones and careless typists do. */
export function asciiBare(s: string): string {
  return s
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Distinct spellings of a Serbian Latin name (Latin, Cyrillic, dj-ASCII, bare ASCII). */
export function serbianVariants(latin: string): string[] {
  return [...new Set([latin, latinToCyrillic(latin), asciiDj(latin), asciiBare(latin)])];
}
