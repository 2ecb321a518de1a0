/**
 * Money amounts: a number (see number-scan.ts for the locale rules) with a currency before or after it,
 * optionally scaled by a multiplier ("50k", "1.5m", "2 miliona", "2,5 mil.", "50 hiljada"), or a
 * number word with a currency ("pola miliona evra", "milion dolara", "hiljadu eura").
 *
 * Precision rules:
 *  - without a currency, only a number with a thousand/million multiplier counts ("22k", "7 grand",
 *    "10 hiljada", "2 miliona."): currency EUR is assumed (the working currency of these cases),
 *    attrs.currencyAssumed = 1, confidence 0.6; a spelled-out multiplier followed by a word
 *    ("10 hiljada ljudi") is money only with a money word within 40 characters (cena, plati, unapred,
 *    price, pay, precio …); "1.5m" alone is not (metres); "papira" (papir = €1 000, Balkan slang) is;
 *  - "mil" means 1 000 in Spanish/Portuguese ("50 mil euros") and 1 000 000 in Serbian/Croatian
 *    ("5 mil evra"): it is resolved from the currency word's language, else from `ctx.lang`, else the
 *    amount is not emitted;
 *  - the Bosnian "KM" is not read (it collides with kilometres); "pounds" without £/GBP is not money.
 *
 * Runs on folded text (normaliser): case, diacritics, Cyrillic ("евра" → "evra") and Arabic-Indic digits
 * are already folded. Value: `EUR 50000`; attrs {amount, currency}.
 */
import type { Mention } from '../../model/entities.js';
import { fold, foldTerm } from './fold.js';
import { formatAmount, scanAllNumbers } from './number-scan.js';
import { toOriginal } from './trie-matcher.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

type Lang = 'slavic' | 'iberian' | 'neutral';

/** Currency words and symbols, folded; each with its ISO 4217 code and the language family it implies. */
const CURRENCY_WORDS: [string, string, Lang][] = [
  // euro
  ['€', 'EUR', 'neutral'], ['eur', 'EUR', 'neutral'], ['euro', 'EUR', 'neutral'], ['euros', 'EUR', 'iberian'],
  ['eura', 'EUR', 'slavic'], ['evra', 'EUR', 'slavic'], ['evro', 'EUR', 'slavic'], ['evri', 'EUR', 'slavic'],
  ['eure', 'EUR', 'slavic'], ['euri', 'EUR', 'slavic'], ['eurot', 'EUR', 'neutral'], ['euroja', 'EUR', 'neutral'],
  ['avro', 'EUR', 'neutral'], ['يورو', 'EUR', 'neutral'], ['e', 'EUR', 'neutral'],
  // dollar
  ['$', 'USD', 'neutral'], ['us$', 'USD', 'neutral'], ['usd', 'USD', 'neutral'], ['dollar', 'USD', 'neutral'],
  ['dollars', 'USD', 'neutral'], ['dolar', 'USD', 'neutral'], ['dolara', 'USD', 'slavic'], ['dolari', 'USD', 'slavic'],
  ['dolares', 'USD', 'iberian'], ['dollari', 'USD', 'neutral'], ['dollare', 'USD', 'neutral'], ['dolarov', 'USD', 'slavic'],
  ['دولار', 'USD', 'neutral'], ['دولارات', 'USD', 'neutral'],
  // dinar (Serbian)
  ['rsd', 'RSD', 'neutral'], ['dinara', 'RSD', 'slavic'], ['dinar', 'RSD', 'slavic'], ['dinari', 'RSD', 'slavic'],
  ['din', 'RSD', 'slavic'],
  // others
  ['£', 'GBP', 'neutral'], ['gbp', 'GBP', 'neutral'], ['chf', 'CHF', 'neutral'], ['sfr', 'CHF', 'neutral'],
  ['franaka', 'CHF', 'slavic'], ['hrk', 'HRK', 'neutral'], ['kuna', 'HRK', 'slavic'], ['kune', 'HRK', 'slavic'],
  ['bam', 'BAM', 'neutral'], ['maraka', 'BAM', 'slavic'], ['aed', 'AED', 'neutral'], ['dirham', 'AED', 'neutral'],
  ['dirhama', 'AED', 'slavic'], ['dirhams', 'AED', 'neutral'], ['درهم', 'AED', 'neutral'], ['r$', 'BRL', 'iberian'],
  ['brl', 'BRL', 'neutral'], ['reais', 'BRL', 'iberian'], ['lek', 'ALL', 'neutral'], ['leke', 'ALL', 'neutral'],
  ['tl', 'TRY', 'neutral'], ['lira', 'TRY', 'neutral'], ['usdt', 'USDT', 'neutral'], ['tether', 'USDT', 'neutral'],
];
// 'e' as in "50e" is only accepted glued to the number; see below.

/** Multipliers, folded. `mil` is resolved separately. */
const MULTIPLIERS: [string, number][] = [
  ['k', 1e3], ['hiljada', 1e3], ['hiljade', 1e3], ['hiljadu', 1e3], ['hilj', 1e3], ['tisuca', 1e3], ['tisuce', 1e3],
  ['tisucu', 1e3], ['tis', 1e3], ['thousand', 1e3], ['duizend', 1e3], ['mille', 1e3], ['bin', 1e3], ['mije', 1e3],
  ['الف', 1e3], ['grand', 1e3], ['soma', 1e3], ['papira', 1e3], ['papir', 1e3], ['papiri', 1e3],
  ['m', 1e6], ['mln', 1e6], ['mio', 1e6], ['milion', 1e6], ['miliona', 1e6], ['milioni', 1e6], ['million', 1e6],
  ['millions', 1e6], ['miljoen', 1e6], ['millones', 1e6], ['millon', 1e6], ['milhoes', 1e6], ['milhao', 1e6],
  ['milyon', 1e6], ['مليون', 1e6], ['mil', NaN],
  ['milijarda', 1e9], ['milijardi', 1e9], ['milijarde', 1e9], ['billion', 1e9], ['mlrd', 1e9], ['mrd', 1e9],
  ['miljard', 1e9], ['milliard', 1e9], ['milliards', 1e9],
];

/** Multipliers that make a bare number money even without a currency ("22k", "10 hiljada", "7 grand"). */
const BARE_MULT = new Set(
  ['k', 'grand', 'soma', 'hiljada', 'hiljade', 'hiljadu', 'hilj', 'tisuca', 'tisuce', 'tisucu', 'thousand', 'duizend', 'mille', 'mije',
    'bin', 'papira', 'papir', 'papiri', 'milion', 'miliona', 'milioni', 'million', 'millions', 'miljoen', 'millones', 'milhoes', 'mln', 'mio', 'milyon'].map((w) => foldTerm(w)),
);
/** Multipliers that are money on their own ("22k", "7 grand", "270 papira": papir = €1 000 in Balkan slang). */
const ALWAYS_MONEY = new Set(['k', 'grand', 'papira', 'papir', 'papiri']);
/** A following word ("10 hiljada ljudi"): then a bare spelled-out multiplier is money only in money context. */
const NEXT_WORD_RE = /^ \p{L}/u;
/** Money context within 40 characters (folded): price, pay, cash, debt, advance … in the case languages. */
const MONEY_CONTEXT_RE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'cena', 'cene', 'cijena', 'cijene', 'plati', 'platio', 'platiti', 'placeno', 'uplati', 'uplata', 'uplatio', 'pare', 'para', 'kes',
    'lova', 'love', 'novac', 'novca', 'unapred', 'unaprijed', 'avans', 'dug', 'duguje', 'kirija', 'fali', 'ostalo', 'kosta', 'kostalo',
    'price', 'pay', 'paid', 'cash', 'owe', 'owes', 'debt', 'upfront', 'rent', 'cost', 'costs', 'prix', 'payer', 'paye', 'precio', 'pagar',
    'pago', 'pagou', 'preco', 'dinheiro', 'dinero', 'betaal', 'betalen', 'betaald', 'prijs', 'geld', 'cmimi', 'paguaj', 'leke', 'fiyat',
    'odeme', 'usdt', 'btc',
  ].join('|')})(?![\\p{L}])`,
  'u',
);

const CUR = new Map<string, [string, Lang]>(CURRENCY_WORDS.map(([w, c, l]) => [foldTerm(w), [c, l]]));
const MULT = new Map<string, number>(MULTIPLIERS.map(([w, v]) => [foldTerm(w), v]));

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

const SYMBOLS = [...CUR.keys()].filter((w) => !/^[\p{L}]+$/u.test(w));
const WORDS = [...CUR.keys()].filter((w) => /^[\p{L}]+$/u.test(w) && w !== 'e');
const NB = '(?![\\p{L}\\p{N}])';
/** After the number: [space] [multiplier] [.] [space] [currency]. Sticky. */
const SUFFIX_RE = new RegExp(
  `(?:[ ]?(${alternation(MULT.keys())})(?:\\.(?= ))?${NB}(?: de(?= ))?)?(?:[ ]?(?:(${alternation(WORDS)})${NB}|(${alternation(SYMBOLS)}))|(e)${NB})?`,
  'uy',
);
/** Before the number: currency symbol or code, optional space, at the end of the slice. */
const PREFIX_RE = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${alternation([...SYMBOLS, 'eur', 'usd', 'chf', 'gbp', 'rsd', 'aed', 'brl', 'hrk', 'bam'])})[ ]?$`, 'u');
/** Number words with a currency: "pola miliona evra", "milion dolara". */
const HALF = ['pola', 'pol', 'half a', 'medio', 'meio', 'demi', 'gjysme', 'yarim', 'nusf', 'نصف'];
const WORD_AMOUNT_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${alternation(HALF.map(foldTerm))}) )?(milion|miliona|million|millon|milhao|miljoen|milyon|hiljadu|tisucu|مليون)(?: |(?=[€$£]))(?:(${alternation(WORDS)})${NB}|(${alternation(SYMBOLS)}))`,
  'gu',
);

/** A WORD_AMOUNT_RE match contains one of these (milion, million, millon, milhao, miljoen, milyon contain 'mil'). */
const WORD_AMOUNT_HINTS = ['mil', 'hiljadu', 'tisucu', 'مليون'];

const WORD_VALUES: Record<string, number> = {
  milion: 1e6, miliona: 1e6, million: 1e6, millon: 1e6, milhao: 1e6, miljoen: 1e6, milyon: 1e6, مليون: 1e6,
  hiljadu: 1e3, tisucu: 1e3,
};

function milValue(curLang: Lang | undefined, ctxLang: string | undefined): number | undefined {
  if (curLang === 'iberian') return 1e3;
  if (curLang === 'slavic') return 1e6;
  if (ctxLang && ['es', 'pt', 'ca', 'gl'].includes(ctxLang)) return 1e3;
  if (ctxLang && ['sr', 'hr', 'bs', 'me', 'sl', 'mk'].includes(ctxLang)) return 1e6;
  return undefined;
}

function mention(text: string, folded: ReturnType<typeof fold>, fStart: number, fEnd: number, amount: number, currency: string, confidence: number): Mention {
  const [start, end] = toOriginal(folded, text, fStart, fEnd);
  const a = formatAmount(amount);
  return {
    type: 'money',
    start,
    end,
    raw: text.slice(start, end),
    value: `${currency} ${a}`,
    confidence,
    attrs: { amount: Number(a), currency },
  };
}

/** Money mentions in `text`. */
export function extractMoney(text: string, ctx: ExtractContext = {}): Mention[] {
  if (text.length === 0) return [];
  const folded = fold(text);
  const f = folded.text;
  const out: Mention[] = [];
  let lastEnd = 0;
  for (const n of scanAllNumbers(f)) {
    if (out.length >= MAX_MENTIONS) break;
    if (n.start < lastEnd) continue;
    SUFFIX_RE.lastIndex = n.end;
    const sm = SUFFIX_RE.exec(f);
    const multWord = sm?.[1];
    let curWord = sm?.[2] ?? sm?.[3] ?? sm?.[4];
    let sEnd = sm ? sm.index + sm[0].length : n.end;
    // "50e" / "50 e": only glued ("50e") counts as euro.
    if (curWord === 'e' && (sm?.[0] ?? '').startsWith(' ')) {
      curWord = undefined;
      sEnd = n.end;
    }
    let fStart = n.start;
    let cur = curWord !== undefined ? CUR.get(curWord) : undefined;
    if (!cur) {
      const pm = PREFIX_RE.exec(f.slice(Math.max(0, n.start - 6), n.start));
      if (pm) {
        cur = CUR.get(pm[1] as string);
        fStart = n.start - (pm[1] as string).length - (pm[0].endsWith(' ') ? 1 : 0);
        // Keep the multiplier after a prefixed currency ("€50k"), nothing else.
        sEnd = multWord !== undefined && sm ? n.end + sm[0].indexOf(multWord) + multWord.length : n.end;
      }
    }
    let confidence = 0.9;
    let assumed = false;
    if (!cur && multWord !== undefined && BARE_MULT.has(multWord) && /^\d/.test(n.text) && sm) {
      // "22k", "10 hiljada": money without a currency (EUR assumed, the case's working currency).
      const mEnd = n.end + sm[0].indexOf(multWord) + multWord.length;
      if (ALWAYS_MONEY.has(multWord) || !NEXT_WORD_RE.test(f.slice(mEnd, mEnd + 3)) || MONEY_CONTEXT_RE.test(f.slice(Math.max(0, n.start - 40), mEnd + 40))) {
        cur = ['EUR', 'neutral'];
        fStart = n.start;
        sEnd = mEnd;
        confidence = 0.6;
        assumed = true;
      }
    }
    if (!cur) continue;
    let amount = n.value;
    if (multWord !== undefined) {
      let mult = MULT.get(multWord);
      if (mult !== undefined && Number.isNaN(mult)) mult = milValue(cur[1], ctx.lang);
      if (mult === undefined) continue;
      amount *= mult;
    }
    if (amount <= 0) continue;
    const m = mention(text, folded, fStart, sEnd, amount, cur[0], confidence);
    if (assumed && m.attrs) m.attrs.currencyAssumed = 1;
    out.push(m);
    lastEnd = sEnd;
  }
  // Number words with a currency.
  WORD_AMOUNT_RE.lastIndex = 0;
  const wordAmounts = WORD_AMOUNT_HINTS.some((w) => f.includes(w));
  for (let m = wordAmounts ? WORD_AMOUNT_RE.exec(f) : null; m !== null && out.length < MAX_MENTIONS; m = WORD_AMOUNT_RE.exec(f)) {
    const s = m.index;
    const e = s + m[0].length;
    if (out.some((o) => o.start <= (folded.map[s] ?? 0) && (folded.map[s] ?? 0) < o.end)) continue;
    const base = WORD_VALUES[m[2] as string] ?? 0;
    const cur = CUR.get((m[3] ?? m[4]) as string);
    if (!cur || base === 0) continue;
    out.push(mention(text, folded, s, e, m[1] ? base / 2 : base, cur[0], 0.85));
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

export const moneyExtractor: Extractor = {
  name: 'money',
  extract(text: string, ctx: ExtractContext): Mention[] {
    try {
      return extractMoney(text, ctx);
    } catch {
      return [];
    }
  },
};
