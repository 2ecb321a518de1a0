/**
 * Serbian Cyrillic → Serbian Latin (Gaj's alphabet), keeping case and diacritics: `Ђорђевић` → `Đorđević`,
 * `ЉУБИША` → `LJUBIŠA`, `Љубиша` → `Ljubiša`. Apertium's Serbo-Croatian analyser reads Latin only, so Cyrillic
 * text is transliterated before translation. (The normaliser's fold is not usable here: it lowercases and
 * drops diacritics, which the analyser needs.) Characters outside the Serbian Cyrillic alphabet are kept.
 */

const SINGLE: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Ђ: 'Đ', Е: 'E', Ж: 'Ž', З: 'Z', И: 'I', Ј: 'J', К: 'K', Л: 'L',
  М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'Ć', У: 'U', Ф: 'F', Х: 'H', Ц: 'C', Ч: 'Č', Ш: 'Š',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č', ш: 'š',
  љ: 'lj', њ: 'nj', џ: 'dž',
};
/** Capital digraph letters: title case (Lj) before a lowercase letter, upper case (LJ) otherwise. */
const DIGRAPH: Readonly<Record<string, readonly [string, string]>> = {
  Љ: ['Lj', 'LJ'],
  Њ: ['Nj', 'NJ'],
  Џ: ['Dž', 'DŽ'],
};

const isLower = (c: string | undefined): boolean => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();

/** Serbian Cyrillic letters to Latin; everything else unchanged. */
export function serbianCyrillicToLatin(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const dg = DIGRAPH[c];
    if (dg) {
      const next = s[i + 1];
      // Title case when the next letter is lowercase, or when the capital ends a one-letter word (Љ).
      out += isLower(next) || (next !== undefined && !/\p{L}/u.test(next) && !isUpperWordBefore(s, i)) ? dg[0] : dg[1];
      continue;
    }
    out += SINGLE[c] ?? c;
  }
  return out;
}

/** True when the letter before position i is an upper-case letter (the word is written in capitals). */
function isUpperWordBefore(s: string, i: number): boolean {
  const prev = s[i - 1];
  return prev !== undefined && /\p{Lu}/u.test(prev);
}
