/**
 * Names across scripts for search: the Arabic-script spellings a Latin word may have, and the Latin
 * spellings of an Arabic-script word (Ahmed = أحمد, Youssef = يوسف, Mohammed = محمد). Serbian/Macedonian/
 * Russian Cyrillic needs nothing here: the normaliser already folds it to the same Latin (Јовановић =
 * Jovanović = jovanovic).
 *
 * Latin → Arabic is generated: each Latin letter or digraph has its usual Arabic letters (h → ح ه, s → س ص,
 * t → ت ط, kh → خ, ou → و …), short vowels are mostly not written (a → nothing or ا, i → ي or nothing),
 * an initial vowel is ا or ع, a final a is ا or ة, a doubled consonant is one letter (shadda is not
 * written); with and without the article ال. The cheapest spellings (fewest second choices) are kept
 * (at most MAX_VARIANTS), all in the normaliser's folded form (أ → ا, ة → ه).
 * Arabic → Latin has no such rule (the vowels are not written): a table of common names gives their usual
 * romanisations, and a Latin word in that table also gets its Arabic spelling.
 * Words of fewer than 3 or more than 24 letters get no variants.
 */
import { normalise } from './normalise.js';

export const MAX_VARIANTS = 16;
const MAX_WORD = 24;
const BEAM = 96;

/** Options per Latin unit, most likely first. Vowel rules depend on the position (see vowel()). */
const CONSONANTS: Readonly<Record<string, readonly string[]>> = {
  kh: ['خ'], gh: ['غ'], sh: ['ش'], ch: ['ش', 'خ', 'ح'], th: ['ث', 'ت'], dh: ['ذ', 'ض'], dj: ['ج'], ph: ['ف'],
  b: ['ب'], t: ['ت', 'ط'], j: ['ج'], h: ['ح', 'ه'], d: ['د', 'ض'], r: ['ر'], z: ['ز', 'ظ'], s: ['س', 'ص'],
  f: ['ف'], q: ['ق'], k: ['ك', 'ق'], l: ['ل'], m: ['م'], n: ['ن'], w: ['و'], y: ['ي'], g: ['ج', 'غ'], p: ['ب'],
  v: ['ف'], c: ['ك'], x: ['كس'],
};
const DIGRAPHS = ['kh', 'gh', 'sh', 'ch', 'th', 'dh', 'dj', 'ph'];
const LONG_VOWELS: Readonly<Record<string, readonly string[]>> = {
  ou: ['و'], oo: ['و'], ee: ['ي'], ei: ['ي'], ie: ['ي'], ai: ['ي', 'اي'], aa: ['ا'], ae: ['ا', ''], ay: ['اي', 'ي'],
};

function vowel(v: string, initial: boolean, final: boolean): readonly string[] {
  if (initial) {
    if (v === 'ou' || v === 'oo' || v === 'u' || v === 'o') return ['ا', 'ع', 'او'];
    if (v === 'i' || v === 'ee' || v === 'ie') return ['ا', 'اي', 'ع'];
    return ['ا', 'ع'];
  }
  const long = LONG_VOWELS[v];
  if (long) return long;
  if (final) {
    if (v === 'a') return ['ا', 'ه', 'ي'];
    if (v === 'e') return ['', 'ه', 'ي'];
    if (v === 'i' || v === 'y') return ['ي'];
    return ['و', ''];
  }
  if (v === 'i') return ['ي', ''];
  if (v === 'u') return ['', 'و'];
  if (v === 'o') return ['', 'و'];
  if (v === 'e') return ['', 'ي'];
  return ['', 'ا', 'ع']; // a
}

const VOWEL = /[aeiouy]/;

/** Split a folded Latin word into units: digraphs, long vowels, single letters (doubles merged). */
function units(word: string): { u: string; vowel: boolean }[] {
  const out: { u: string; vowel: boolean }[] = [];
  let i = 0;
  while (i < word.length) {
    const two = word.slice(i, i + 2);
    if (DIGRAPHS.includes(two)) {
      out.push({ u: two, vowel: false });
      i += 2;
      continue;
    }
    const c = word[i]!;
    const isV = VOWEL.test(c) && !(c === 'y' && (i === 0 || VOWEL.test(word[i + 1] ?? '')));
    if (isV && LONG_VOWELS[two] !== undefined) {
      out.push({ u: two, vowel: true });
      i += 2;
      continue;
    }
    const prev = out[out.length - 1];
    if (!isV && prev && prev.u === c) {
      i++; // doubled consonant: one letter
      continue;
    }
    out.push({ u: c, vowel: isV });
    i++;
  }
  return out;
}

/** Arabic-script spellings (folded) of a folded Latin word, cheapest first. */
export function latinToArabic(word: string): string[] {
  if (!/^[a-z]+$/.test(word) || word.length < 3 || word.length > MAX_WORD) return [];
  let article = false;
  let w = word;
  if ((w.startsWith('al') || w.startsWith('el')) && w.length >= 6 && !VOWEL.test(w[2]!)) {
    article = true;
    w = w.slice(2);
  }
  const us = units(w);
  let beam: { s: string; cost: number }[] = [{ s: '', cost: 0 }];
  us.forEach((unit, k) => {
    const opts = unit.vowel ? vowel(unit.u, k === 0, k === us.length - 1) : (CONSONANTS[unit.u] ?? []);
    if (opts.length === 0) return;
    const next: { s: string; cost: number }[] = [];
    for (const b of beam) opts.forEach((o, j) => next.push({ s: b.s + o, cost: b.cost + j }));
    next.sort((a, b) => a.cost - b.cost);
    beam = next.slice(0, BEAM);
  });
  const out: string[] = [];
  const add = (s: string) => {
    const f = normalise(s);
    if (f.length >= 2 && !out.includes(f)) out.push(f);
  };
  for (const b of beam) {
    if (out.length >= MAX_VARIANTS) break;
    add(article ? `ال${b.s}` : b.s);
    // surnames are often written with the article in Arabic (Tamimi = التميمي) and without it in Latin
    if (!article && out.length < MAX_VARIANTS && b.cost <= 1) add(`ال${b.s}`);
  }
  return out;
}

/** Common Arabic names (folded) and their usual Latin spellings (folded). */
const NAMES: Readonly<Record<string, readonly string[]>> = {
  محمد: ['mohammed', 'muhammad', 'mohamed', 'mohamad', 'muhammed', 'mohammad', 'mehmed', 'mohamet'],
  احمد: ['ahmed', 'ahmad', 'achmed', 'ahmet'],
  محمود: ['mahmoud', 'mahmud', 'mahmood'],
  مصطفي: ['mustafa', 'moustafa', 'mostafa', 'mustapha'],
  علي: ['ali', 'aly'],
  حسن: ['hassan', 'hasan', 'hassane'],
  حسين: ['hussein', 'hussain', 'husein', 'hossein', 'houssein'],
  عمر: ['omar', 'umar', 'omer'],
  خالد: ['khaled', 'khalid', 'khaleed', 'halid'],
  يوسف: ['youssef', 'yusuf', 'yousef', 'youssouf', 'yousif', 'jusuf'],
  ابراهيم: ['ibrahim', 'ebrahim', 'brahim', 'ibrahima'],
  اسماعيل: ['ismail', 'ismael', 'smail'],
  عبدالله: ['abdullah', 'abdallah', 'abdulla', 'abdellah'],
  كريم: ['karim', 'kareem', 'kerim'],
  سعيد: ['said', 'saeed', 'saied', 'saied'],
  رشيد: ['rachid', 'rashid', 'rasheed'],
  رضوان: ['ridouan', 'redouane', 'ridwan', 'radwan', 'redwan'],
  فاطمه: ['fatima', 'fatma', 'fatimah', 'fatema'],
  مريم: ['mariam', 'maryam', 'meryem', 'mariem'],
  عايشه: ['aisha', 'aicha', 'ayesha', 'aysha'],
  خديجه: ['khadija', 'khadidja', 'hatice'],
  زينب: ['zainab', 'zaynab', 'zineb', 'zeynep'],
  امين: ['amine', 'amin', 'ameen'],
  نبيل: ['nabil', 'nabeel'],
  جمال: ['jamal', 'djamel', 'gamal', 'cemal'],
  سمير: ['samir', 'sameer'],
  طارق: ['tarik', 'tariq', 'tarek'],
  ياسين: ['yassine', 'yasin', 'yacine', 'yassin'],
  بلال: ['bilal', 'belal'],
  حمزه: ['hamza', 'hamzah'],
  عثمان: ['othman', 'osman', 'uthman', 'otman'],
  ادريس: ['idris', 'driss', 'idriss'],
  موسي: ['musa', 'moussa', 'mousa'],
  عيسي: ['issa', 'isa', 'eisa'],
  سليمان: ['suleiman', 'soliman', 'sulayman', 'slimane'],
  هشام: ['hicham', 'hisham', 'hesham'],
  وليد: ['walid', 'waleed', 'oualid'],
  عادل: ['adil', 'adel'],
  منصور: ['mansour', 'mansur', 'mansoor'],
  ناصر: ['nasser', 'nasir', 'naser'],
  صالح: ['salah', 'saleh', 'salih'],
  عزيز: ['aziz', 'azziz'],
  نور: ['nour', 'noor', 'nur'],
  ليلي: ['leila', 'layla', 'laila'],
  ساره: ['sara', 'sarah'],
  بوعزه: ['bouazza', 'bouaza'],
  تاغي: ['taghi'],
  التاغي: ['taghi', 'ettaghi'],
};
const LATIN_TO_NAME = new Map<string, string[]>();
for (const [ar, latins] of Object.entries(NAMES)) {
  for (const l of latins) {
    const list = LATIN_TO_NAME.get(l) ?? [];
    if (!list.includes(ar)) list.push(ar);
    LATIN_TO_NAME.set(l, list);
  }
}

const ARABIC_WORD = /^[\u0621-\u064a\u066e-\u06d3]+$/;

/**
 * Other-script spellings of one folded token (an `indexTokens` token): Arabic spellings of a Latin word,
 * Latin spellings of an Arabic-script word (common names only). Empty when none.
 */
export function crossScriptVariants(token: string): string[] {
  if (typeof token !== 'string' || token.length > MAX_WORD * 2) return [];
  if (/^[a-z]+$/.test(token)) {
    const out = [...(LATIN_TO_NAME.get(token) ?? [])];
    for (const v of latinToArabic(token)) if (!out.includes(v) && out.length < MAX_VARIANTS) out.push(v);
    return out;
  }
  if (ARABIC_WORD.test(token)) {
    const bare = token.startsWith('ال') && token.length > 4 ? token.slice(2) : token;
    return [...new Set([...(NAMES[token] ?? []), ...(NAMES[bare] ?? [])])];
  }
  return [];
}

const BCMS_ENDING = /(?:ic|ich|itch|icz)$/;

/**
 * Other Latin spellings of a Serbian/Croatian name (folded), as foreign papers and phones write them:
 * -ić as -ic, -ich, -itch; sh, zh, ch for š, ž, č; y for j; đ written d ("Đorđević" → dordevic).
 * Only words of 4–24 letters; at most MAX_VARIANTS.
 */
export function bcmsLatinVariants(word: string): string[] {
  if (!/^[a-z]+$/.test(word) || word.length < 4 || word.length > MAX_WORD) return [];
  const base = new Set<string>([word]);
  // English-style digraphs and y → the folded BCMS form
  const plain = word.replace(/(?<!^)tch$/, 'c').replace(/sh/g, 's').replace(/zh/g, 'z').replace(/ch/g, 'c').replace(/([aeiou])y/g, '$1j');
  base.add(plain);
  if (word.includes('dj')) base.add(word.replace(/dj/g, 'd'));
  if (plain.includes('dj')) base.add(plain.replace(/dj/g, 'd'));
  const out = new Set<string>();
  for (const b of base) {
    out.add(b);
    const m = BCMS_ENDING.exec(b);
    if (m && b.length - m[0].length >= 3) {
      const stem = b.slice(0, b.length - m[0].length);
      for (const e of ['ic', 'ich', 'itch']) out.add(stem + e);
    }
  }
  out.delete(word);
  return [...out].slice(0, MAX_VARIANTS);
}

/** The usual Latin spelling (folded) of a common Arabic name (folded, with or without ال), or null. */
export function arabicNameLatin(token: string): string | null {
  if (typeof token !== 'string') return null;
  const bare = token.startsWith('ال') && token.length > 4 ? token.slice(2) : token;
  return NAMES[token]?.[0] ?? NAMES[bare]?.[0] ?? null;
}
