/**
 * Vocabulary the templates draw on: places along the routes (with their spellings per
 * language), vessels, watches, cars, weapons, code words. Serbian Cyrillic forms are derived
 * from the Serbian Latin ones.
 */
import { latinToCyrillic } from './translit.js';

export type Lang = 'sr' | 'sr-Cyrl' | 'nl' | 'fr' | 'es' | 'pt' | 'ar' | 'en';

export const LANGS: readonly Lang[] = ['sr', 'sr-Cyrl', 'nl', 'fr', 'es', 'pt', 'ar', 'en'];

export type PlaceRole = 'origin' | 'transit' | 'port' | 'home' | 'hub';

export interface Place {
  /** Canonical English name (the planted value). */
  name: string;
  country: string;
  role: PlaceRole;
  lat: number;
  lon: number;
  zone: string;
  /** Spelling per language (Serbian Cyrillic is derived from `sr` when absent). */
  names: Partial<Record<Lang, string>> & { sr: string };
  /** Serbian case forms (genitive after iz/do/preko, locative after u/na for places; accusative when it differs from the nominative). */
  srCases: { gen: string; loc: string; acc?: string };
}

export type SerbianCase = 'gen' | 'loc' | 'acc';

export const PLACES: readonly Place[] = [
  { name: 'Guayaquil', country: 'EC', role: 'origin', lat: -2.2838, lon: -79.9042, zone: 'America/Guayaquil', srCases: { gen: 'Gvajakila', loc: 'Gvajakilu' }, names: { sr: 'Gvajakil', es: 'Guayaquil', en: 'Guayaquil', ar: 'غواياكيل' } },
  { name: 'Santos', country: 'BR', role: 'origin', lat: -23.9535, lon: -46.3336, zone: 'America/Sao_Paulo', srCases: { gen: 'Santosa', loc: 'Santosu' }, names: { sr: 'Santos', ar: 'سانتوس' } },
  { name: 'Turbo', country: 'CO', role: 'origin', lat: 8.0926, lon: -76.7282, zone: 'America/Bogota', srCases: { gen: 'Turba', loc: 'Turbu' }, names: { sr: 'Turbo' } },
  { name: 'Cartagena', country: 'CO', role: 'origin', lat: 10.3997, lon: -75.5144, zone: 'America/Bogota', srCases: { gen: 'Kartagene', loc: 'Kartageni', acc: 'Kartagenu' }, names: { sr: 'Kartagena', ar: 'قرطاجنة' } },
  { name: 'Buenaventura', country: 'CO', role: 'origin', lat: 3.8801, lon: -77.0312, zone: 'America/Bogota', srCases: { gen: 'Buenaventure', loc: 'Buenaventuri', acc: 'Buenaventuru' }, names: { sr: 'Buenaventura' } },
  { name: 'Lomé', country: 'TG', role: 'transit', lat: 6.1375, lon: 1.2123, zone: 'Africa/Lome', srCases: { gen: 'Lomea', loc: 'Lomeu' }, names: { sr: 'Lome', fr: 'Lomé', en: 'Lomé', pt: 'Lomé', es: 'Lomé', nl: 'Lomé', ar: 'لومي' } },
  { name: 'Abidjan', country: 'CI', role: 'transit', lat: 5.2913, lon: -4.0087, zone: 'Africa/Abidjan', srCases: { gen: 'Abidžana', loc: 'Abidžanu' }, names: { sr: 'Abidžan', ar: 'أبيدجان' } },
  { name: 'Bissau', country: 'GW', role: 'transit', lat: 11.8636, lon: -15.5977, zone: 'Africa/Bissau', srCases: { gen: 'Bisaoa', loc: 'Bisaou' }, names: { sr: 'Bisao', ar: 'بيساو' } },
  { name: 'Antwerp', country: 'BE', role: 'port', lat: 51.2637, lon: 4.3986, zone: 'Europe/Brussels', srCases: { gen: 'Antverpena', loc: 'Antverpenu' }, names: { sr: 'Antverpen', nl: 'Antwerpen', fr: 'Anvers', es: 'Amberes', pt: 'Antuérpia', en: 'Antwerp', ar: 'أنتويرب' } },
  { name: 'Rotterdam', country: 'NL', role: 'port', lat: 51.9533, lon: 4.0506, zone: 'Europe/Amsterdam', srCases: { gen: 'Roterdama', loc: 'Roterdamu' }, names: { sr: 'Roterdam', nl: 'Rotterdam', fr: 'Rotterdam', es: 'Róterdam', pt: 'Roterdão', en: 'Rotterdam', ar: 'روتردام' } },
  { name: 'Hamburg', country: 'DE', role: 'port', lat: 53.5403, lon: 9.9687, zone: 'Europe/Berlin', srCases: { gen: 'Hamburga', loc: 'Hamburgu' }, names: { sr: 'Hamburg', fr: 'Hambourg', es: 'Hamburgo', pt: 'Hamburgo', ar: 'هامبورغ' } },
  { name: 'Belgrade', country: 'RS', role: 'home', lat: 44.8125, lon: 20.4612, zone: 'Europe/Belgrade', srCases: { gen: 'Beograda', loc: 'Beogradu' }, names: { sr: 'Beograd', en: 'Belgrade', nl: 'Belgrado', fr: 'Belgrade', es: 'Belgrado', pt: 'Belgrado', ar: 'بلغراد' } },
  { name: 'Novi Sad', country: 'RS', role: 'home', lat: 45.2671, lon: 19.8335, zone: 'Europe/Belgrade', srCases: { gen: 'Novog Sada', loc: 'Novom Sadu' }, names: { sr: 'Novi Sad' } },
  { name: 'Kotor', country: 'ME', role: 'home', lat: 42.4247, lon: 18.7712, zone: 'Europe/Podgorica', srCases: { gen: 'Kotora', loc: 'Kotoru' }, names: { sr: 'Kotor' } },
  { name: 'Budva', country: 'ME', role: 'home', lat: 42.2911, lon: 18.8403, zone: 'Europe/Podgorica', srCases: { gen: 'Budve', loc: 'Budvi', acc: 'Budvu' }, names: { sr: 'Budva' } },
  { name: 'Zagreb', country: 'HR', role: 'home', lat: 45.815, lon: 15.9819, zone: 'Europe/Zagreb', srCases: { gen: 'Zagreba', loc: 'Zagrebu' }, names: { sr: 'Zagreb' } },
  { name: 'Split', country: 'HR', role: 'home', lat: 43.5081, lon: 16.4402, zone: 'Europe/Zagreb', srCases: { gen: 'Splita', loc: 'Splitu' }, names: { sr: 'Split' } },
  { name: 'Dubai', country: 'AE', role: 'hub', lat: 25.2048, lon: 55.2708, zone: 'Asia/Dubai', srCases: { gen: 'Dubaija', loc: 'Dubaiju' }, names: { sr: 'Dubai', nl: 'Dubai', en: 'Dubai', ar: 'دبي', es: 'Dubái' } },
  { name: 'Amsterdam', country: 'NL', role: 'hub', lat: 52.3676, lon: 4.9041, zone: 'Europe/Amsterdam', srCases: { gen: 'Amsterdama', loc: 'Amsterdamu' }, names: { sr: 'Amsterdam', ar: 'أمستردام' } },
  { name: 'Madrid', country: 'ES', role: 'hub', lat: 40.4168, lon: -3.7038, zone: 'Europe/Madrid', srCases: { gen: 'Madrida', loc: 'Madridu' }, names: { sr: 'Madrid', ar: 'مدريد' } },
];

const CYRILLIC_CACHE = new Map<string, string>();

function cyrillic(s: string): string {
  let c = CYRILLIC_CACHE.get(s);
  if (c === undefined) {
    c = latinToCyrillic(s);
    CYRILLIC_CACHE.set(s, c);
  }
  return c;
}

/** The place as written in `lang`; for Serbian, in the grammatical case the template needs. */
export function placeName(p: Place, lang: Lang, grammaticalCase?: SerbianCase): string {
  if (lang === 'sr' || lang === 'sr-Cyrl') {
    const form = grammaticalCase === undefined ? p.names.sr : grammaticalCase === 'acc' ? (p.srCases.acc ?? p.names.sr) : p.srCases[grammaticalCase];
    return lang === 'sr' ? form : cyrillic(form);
  }
  return p.names[lang] ?? p.name;
}

export const PLACE_BY_NAME: ReadonlyMap<string, Place> = new Map(PLACES.map((p) => [p.name, p]));

export function place(name: string): Place {
  const p = PLACE_BY_NAME.get(name);
  if (!p) throw new RangeError(`unknown place ${name}`);
  return p;
}

export const COUNTRY_NAMES: Record<string, Partial<Record<Lang, string>> & { en: string }> = {
  CO: { en: 'Colombia', sr: 'Kolumbija', nl: 'Colombia', fr: 'Colombie', es: 'Colombia', pt: 'Colômbia', ar: 'كولومبيا' },
  EC: { en: 'Ecuador', sr: 'Ekvador', nl: 'Ecuador', fr: 'Équateur', es: 'Ecuador', pt: 'Equador', ar: 'الإكوادور' },
  BR: { en: 'Brazil', sr: 'Brazil', nl: 'Brazilië', fr: 'Brésil', es: 'Brasil', pt: 'Brasil', ar: 'البرازيل' },
  TG: { en: 'Togo', sr: 'Togo', fr: 'Togo', ar: 'توغو' },
  NL: { en: 'Netherlands', sr: 'Holandija', nl: 'Nederland', fr: 'Pays-Bas', es: 'Holanda', pt: 'Holanda', ar: 'هولندا' },
  BE: { en: 'Belgium', sr: 'Belgija', nl: 'België', fr: 'Belgique', es: 'Bélgica', pt: 'Bélgica', ar: 'بلجيكا' },
};

export function countryName(code: string, lang: Lang): string {
  const c = COUNTRY_NAMES[code];
  if (!c) return code;
  if (lang === 'sr-Cyrl') return latinToCyrillic(c.sr ?? c.en);
  return c[lang] ?? c.en;
}

export const VESSEL_PREFIXES = ['MSC', 'Maersk', 'CMA CGM', 'Hapag', 'Cosco', 'Ever', 'MV', 'Seaboard'];
export const VESSEL_NAMES = ['Aurora', 'Valeria', 'Leticia', 'Orinoco', 'Kalmar', 'Tiber', 'Cassiopeia', 'Esmeralda', 'Paloma', 'Sirius', 'Magdalena', 'Andes', 'Pacific Star', 'Santa Rosa', 'Nordic Spirit', 'Atlantic Dawn', 'Lucia B', 'Caribe Express', 'Guayas', 'Cape Palmas'];
export const CONTAINER_OWNERS = ['MSCU', 'MSKU', 'MAEU', 'CMAU', 'HLXU', 'CSNU', 'TGHU', 'SEGU', 'TCLU', 'GESU', 'SUDU', 'TRIU'];

export const WATCHES = ['Rolex Daytona', 'Rolex Submariner', 'Rolex GMT-Master II', 'Patek Philippe Nautilus', 'Audemars Piguet Royal Oak', 'Richard Mille RM 011', 'Hublot Big Bang', 'AP Offshore'];
export const CARS = ['Audi RS6', 'Mercedes G63', 'BMW X6 M', 'Range Rover Sport', 'Porsche Cayenne', 'Lamborghini Urus', 'VW Golf 7', 'Škoda Octavia', 'Mercedes Sprinter'];
export const WEAPONS: Partial<Record<Lang, readonly string[]>> & { en: readonly string[] } = {
  en: ['AK-47', 'Glock 17', 'Zastava M70', 'Škorpion', 'MP5', 'CZ 99', 'sniper rifle'],
  sr: ['kalaš', 'Zastava M70', 'Glock 17', 'škorpion', 'pištolj', 'snajper', 'AK-47', 'CZ 99'],
  nl: ['AK-47', 'Glock', 'Škorpion', 'pistool', 'MP5'],
  fr: ['kalach', 'Glock 17', 'AK-47', 'pistolet'],
  es: ['AK-47', 'Glock', 'fusil', 'pistola'],
  pt: ['AK-47', 'fuzil', 'pistola Glock'],
  ar: ['كلاشنكوف', 'AK-47', 'Glock 17'],
};
export const EXPLOSIVES: Partial<Record<Lang, readonly string[]>> & { en: readonly string[] } = {
  en: ['C4', 'TNT', 'grenades'],
  sr: ['C4', 'eksploziv', 'bombe', 'kašikare', 'TNT'],
  nl: ['C4', 'handgranaten', 'explosieven'],
  fr: ['C4', 'grenades', 'explosifs'],
};

export interface CodeWord {
  word: string;
  lang: Lang;
  meaning: 'cocaine' | 'kilos' | 'kilo bricks' | 'money' | 'money (thousand EUR)' | 'weapons' | 'shipment';
  /** Forms used in text (inflections). */
  forms: readonly string[];
}

const CODE_WORDS_BASE: readonly CodeWord[] = [
  { word: 'kafa', lang: 'sr', meaning: 'cocaine', forms: ['kafa', 'kafe', 'kafu'] },
  { word: 'bela', lang: 'sr', meaning: 'cocaine', forms: ['bela', 'belu', 'bele'] },
  { word: 'majice', lang: 'sr', meaning: 'kilos', forms: ['majica', 'majice'] },
  { word: 'cigle', lang: 'sr', meaning: 'kilo bricks', forms: ['cigli', 'cigle'] },
  { word: 'papiri', lang: 'sr', meaning: 'money (thousand EUR)', forms: ['papira', 'papiri'] },
  { word: 'igračke', lang: 'sr', meaning: 'weapons', forms: ['igračke', 'igračaka'] },
  { word: 'wit', lang: 'nl', meaning: 'cocaine', forms: ['wit', 'witte'] },
  { word: 'stenen', lang: 'nl', meaning: 'kilo bricks', forms: ['stenen', 'stenen'] },
  { word: 'papier', lang: 'nl', meaning: 'money (thousand EUR)', forms: ['papier', 'papiertjes'] },
  { word: 'bananen', lang: 'nl', meaning: 'shipment', forms: ['bananen', 'bananendoos'] },
  { word: 'speelgoed', lang: 'nl', meaning: 'weapons', forms: ['speelgoed'] },
  { word: 'perico', lang: 'es', meaning: 'cocaine', forms: ['perico'] },
  { word: 'camisetas', lang: 'es', meaning: 'kilos', forms: ['camisetas'] },
  { word: 'papeles', lang: 'es', meaning: 'money (thousand EUR)', forms: ['papeles'] },
  { word: 'frutas', lang: 'es', meaning: 'shipment', forms: ['frutas', 'fruta'] },
  { word: 'farinha', lang: 'pt', meaning: 'cocaine', forms: ['farinha'] },
  { word: 'tijolos', lang: 'pt', meaning: 'kilo bricks', forms: ['tijolos'] },
  { word: 'papel', lang: 'pt', meaning: 'money (thousand EUR)', forms: ['papel'] },
  { word: 'la blanche', lang: 'fr', meaning: 'cocaine', forms: ['la blanche'] },
  { word: 'briques', lang: 'fr', meaning: 'kilo bricks', forms: ['briques'] },
  { word: 'papiers', lang: 'fr', meaning: 'money (thousand EUR)', forms: ['papiers'] },
  { word: 'jouets', lang: 'fr', meaning: 'weapons', forms: ['jouets'] },
  { word: 'snow', lang: 'en', meaning: 'cocaine', forms: ['snow'] },
  { word: 'keys', lang: 'en', meaning: 'kilos', forms: ['keys'] },
  { word: 'paper', lang: 'en', meaning: 'money (thousand EUR)', forms: ['paper'] },
  { word: 'toys', lang: 'en', meaning: 'weapons', forms: ['toys'] },
  { word: 'سكر', lang: 'ar', meaning: 'cocaine', forms: ['سكر', 'السكر'] },
  { word: 'ورق', lang: 'ar', meaning: 'money (thousand EUR)', forms: ['ورق', 'الورق'] },
];

/** All code words, Serbian ones also in Cyrillic. */
export const CODE_WORDS: readonly CodeWord[] = [
  ...CODE_WORDS_BASE,
  ...CODE_WORDS_BASE.filter((c) => c.lang === 'sr').map((c) => ({
    word: latinToCyrillic(c.word),
    lang: 'sr-Cyrl' as const,
    meaning: c.meaning,
    forms: c.forms.map(latinToCyrillic),
  })),
];

export function codeWords(lang: Lang, meaning: CodeWord['meaning']): readonly CodeWord[] {
  return CODE_WORDS.filter((c) => c.lang === lang && c.meaning === meaning);
}

/** Plain (non-coded) drug words. */
export const DRUG_WORDS: Record<Lang, readonly string[]> = {
  sr: ['kokain', 'koks', 'robu'],
  'sr-Cyrl': ['кокаин', 'кокс', 'робу'],
  nl: ['coke', 'cocaïne', 'spul'],
  fr: ['coke', 'cocaïne', 'came'],
  es: ['cocaína', 'coca', 'merca'],
  pt: ['cocaína', 'pó', 'mercadoria'],
  ar: ['كوكايين', 'البضاعة'],
  en: ['coke', 'cocaine', 'product'],
};
