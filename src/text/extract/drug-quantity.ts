/**
 * Drug quantities: a number (number-scan.ts locale rules) followed by a unit, or "pola kila" (half a kilo).
 *
 * Units (folded): mass — kg (kg, kila, kile, kilo, kilograma, quilos, كيلو …), g (g, gr, grama, gramos …),
 * t (tona, tons, toneladas …), lb, oz; count — key/keys, brick (cigle, cigli, blokovi, blokova, bricks,
 * blocks, ladrillos, tijolos, briques …), package (paketa, pakete, paketi, packages, paquetes, pacotes,
 * pakketten …), piece ("1750 komada", confidence 0.6: pieces of anything, kept because traffickers count
 * bricks that way).
 *
 * attrs {amount, unit, grams}: `grams` only for mass units. Bricks, packages and keys are counted as
 * units: a brick is conventionally ~1 kg in the cocaine trade, but that is a convention for the analyst
 * to apply, not something this extractor assumes. Value: `<amount> <unit>` ("50 kg", "3 brick").
 *
 * Precision: a unit "g" written upper-case ("5G", "4G") is not grams; a number glued to letters before it
 * ("X5") is not a number.
 */
import type { Mention } from '../../model/entities.js';
import { fold, foldTerm } from './fold.js';
import { formatAmount, scanAllNumbers } from './number-scan.js';
import { toOriginal } from './trie-matcher.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

export type QuantityUnit = 'kg' | 'g' | 't' | 'lb' | 'oz' | 'key' | 'brick' | 'package' | 'piece';

const GRAMS: Partial<Record<QuantityUnit, number>> = { kg: 1000, g: 1, t: 1e6, lb: 453.59237, oz: 28.349523125 };

const UNIT_WORDS: [QuantityUnit, string[]][] = [
  [
    'kg',
    [
      'kg', 'kgs', 'kilo', 'kilos', 'kila', 'kile', 'kilu', 'kilogram', 'kilograma', 'kilogrami', 'kilograms', 'kilogramos',
      'kilogramas', 'kilogramme', 'kilogrammes', 'kilogramë', 'kilogramet', 'quilo', 'quilos', 'quilograma', 'quilogramas',
      'кг', 'кила', 'كيلو', 'كغ', 'كلغ', 'كيلوغرام', 'كيلوجرام', 'kilogramo', 'kiloya', 'kilosu',
    ],
  ],
  ['g', ['g', 'gr', 'grs', 'gram', 'grama', 'grami', 'grams', 'gramos', 'gramas', 'gramme', 'grammes', 'gramë', 'гр', 'غرام', 'جرام']],
  ['t', ['tona', 'tone', 'ton', 'tons', 'tonne', 'tonnes', 'tonelada', 'toneladas', 'tonë', 'طن', 'أطنان']],
  ['lb', ['lb', 'lbs']],
  ['oz', ['oz']],
  ['key', ['key', 'keys']],
  [
    'brick',
    ['cigla', 'cigle', 'cigli', 'ciglu', 'ciglica', 'ciglice', 'blok', 'bloka', 'blokova', 'blokovi', 'brick', 'bricks', 'ladrillo',
      'ladrillos', 'tijolo', 'tijolos', 'brique', 'briques', 'tulla', 'tulle', 'block', 'blocks', 'blokken', 'blokje', 'blokjes'],
  ],
  [
    'package',
    ['paket', 'paketa', 'pakete', 'paketi', 'package', 'packages', 'pakket', 'pakketten', 'paquet', 'paquets', 'paquete', 'paquetes',
      'pacote', 'pacotes', 'pako', 'pakoja', 'paketler', 'paketlik'],
  ],
  ['piece', ['komada', 'komadi', 'комада']],
];

const UNITS = new Map<string, QuantityUnit>();
for (const [unit, words] of UNIT_WORDS) for (const w of words) UNITS.set(foldTerm(w), unit);

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/** After the number: optional space, a unit word, not followed by a letter or digit. Sticky. */
const UNIT_RE = new RegExp(`[ ]?(${alternation(UNITS.keys())})(?![\\p{L}\\p{N}])`, 'uy');
/** "pola kila", "half a kilo", "medio kilo", "meio quilo", "gjysmë kile". */
const HALF_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${alternation(['pola', 'pol', 'half a', 'medio', 'meio', 'demi', 'gjysme', 'yarim'].map(foldTerm))}) (kila|kile|kilo|kilograma|quilo|kilogramme|kg)(?![\\p{L}\\p{N}])`,
  'gu',
);

function mention(text: string, folded: ReturnType<typeof fold>, fStart: number, fEnd: number, amount: number, unit: QuantityUnit, confidence: number): Mention {
  const [start, end] = toOriginal(folded, text, fStart, fEnd);
  const a = formatAmount(amount);
  const attrs: Record<string, string | number> = { amount: Number(a), unit };
  const g = GRAMS[unit];
  if (g !== undefined) attrs.grams = Number(formatAmount(amount * g));
  return { type: 'drug_quantity', start, end, raw: text.slice(start, end), value: `${a} ${unit}`, confidence, attrs };
}

/** Drug-quantity mentions in `text`. */
export function extractDrugQuantities(text: string): Mention[] {
  if (text.length === 0) return [];
  const folded = fold(text);
  const f = folded.text;
  const out: Mention[] = [];
  for (const n of scanAllNumbers(f)) {
    if (out.length >= MAX_MENTIONS) break;
    UNIT_RE.lastIndex = n.end;
    const m = UNIT_RE.exec(f);
    if (!m) continue;
    const word = m[1] as string;
    const unit = UNITS.get(word);
    if (!unit) continue;
    const fEnd = m.index + m[0].length;
    if (unit === 'g' && word === 'g') {
      const orig = text[folded.map[fEnd - 1] ?? 0];
      if (orig === 'G') continue;
    }
    if (n.value <= 0) continue;
    const conf = unit === 'piece' ? 0.6 : unit === 'brick' || unit === 'package' || unit === 'key' ? 0.75 : 0.9;
    out.push(mention(text, folded, n.start, fEnd, n.value, unit, conf));
  }
  HALF_RE.lastIndex = 0;
  const half = f.includes(' kil') || f.includes(' quilo') || f.includes(' kg');
  for (let m = half ? HALF_RE.exec(f) : null; m !== null && out.length < MAX_MENTIONS; m = HALF_RE.exec(f)) {
    out.push(mention(text, folded, m.index, m.index + m[0].length, 0.5, 'kg', 0.85));
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

export const drugQuantityExtractor: Extractor = {
  name: 'drug-quantity',
  extract(text: string, _ctx: ExtractContext): Mention[] {
    try {
      return extractDrugQuantities(text);
    } catch {
      return [];
    }
  },
};
