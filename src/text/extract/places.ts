/**
 * Places: countries (ISO 3166-1 names in the case languages, from i18n-iso-countries, plus colloquial
 * aliases) and cities/ports (src/text/gazetteer/gazetteer.json, built by scripts/build-gazetteer.mjs),
 * matched on folded text with the token trie (so Cyrillic, missing diacritics and Serbian/Croatian case
 * endings match: "Београд", "Beogradu", "iz Antverpena").
 *
 * Mentions: type 'country' (value = ISO alpha-2 code, attrs {country, name}) and type 'place'
 * (value = gazetteer id such as "be-antwerp", attrs {name, country, lat, lon, port}).
 *
 * Context rule for ambiguous names (documented; keeps precision on words such as bar, split, turbo,
 * santos, nice, tema, lagos, porto, mali, sad, jordan, Milan the first name …). An ambiguous name counts
 * only when BOTH
 *   1. it is capitalised in the original (first letter upper-case; scripts without case, e.g. Arabic,
 *      skip this test), and
 *   2. its context says "place":
 *      - the token before it is a locative/directional preposition (u, iz, do, za, kod, preko, na, in, from,
 *        to, via, naar, van, uit, à, de, vers, en, desde, para, em, no, nga, në, drejt, في, من, إلى …), or
 *      - a port/transport word is within 3 tokens (luka, port, haven, puerto, porto, liman, ميناء, brod,
 *        ship, kontejner, container, grad, city …), or
 *      - another, unambiguous place or country name is within 3 tokens (routes: "Santos - Antwerpen"), or
 *      - it carries a Turkish case suffix after an apostrophe ("Bar'a", "Santos'tan");
 *   and no sports word is within 3 tokens ("jogo do Santos", "Hajduk Split": clubs, not places).
 * Inflected forms of 7 characters or fewer (any name) must also be capitalised: "viene" is not a case of
 * "Viena", nor "quitte" of "Quito". Place names inflect with Slavic and Albanian endings only.
 * A few aliases are case-strict instead: SAD (Serbian for USA; "sad" = now), US, UK, UAE, USA, EAU, EUA,
 * BiH must be written in capitals exactly.
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Mention } from '../../model/entities.js';
import gazetteerJson from '../gazetteer/gazetteer.json' with { type: 'json' };
import { fold, foldTerm } from './fold.js';
import { PROPER_NOUN_ENDINGS, TokenTrie, type Token, type TrieHit } from './trie-matcher.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

const require = createRequire(import.meta.url);

export const COUNTRY_LOCALES = ['en', 'sr', 'hr', 'bs', 'nl', 'fr', 'es', 'pt', 'ar', 'sq', 'tr', 'de', 'it'] as const;

export interface GazetteerPlace {
  id: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
  aliases: string[];
  ambiguousAliases?: string[];
  port?: boolean;
  ambiguous?: boolean;
}

interface PlaceData {
  kind: 'place' | 'country';
  /** Gazetteer id or ISO code. */
  id: string;
  ambiguous: boolean;
  /** Exact spelling required (case-sensitive), for acronyms. */
  exactCase?: string;
  place?: GazetteerPlace;
  countryName?: string;
}

/** Extra country names: colloquial, acronyms, and inflected forms the stemmer cannot reach. */
const EXTRA_COUNTRY_NAMES: Record<string, string[]> = {
  NL: ['Holandija', 'Holandiji', 'Holandiju', 'Holandije', 'Holland', 'Holanda', 'Hollanda', 'Holande', 'Nizozemska', 'Nizozemskoj', 'Nizozemsku', 'هولندا'],
  US: ['=SAD', '=USA', '=US', '=U.S.', 'Amerika', 'Americi', 'Ameriku', 'Amerike', 'Amerikë', 'America', '=EUA', '=EE.UU.', '=EEUU', 'أمريكا', 'امريكا'],
  GB: ['=UK', 'Engleska', 'Engleskoj', 'Englesku', 'Engleske', 'England', 'Inglaterra', 'Angleterre', 'Engeland', 'Anglia', 'Britanija', 'Britaniji', 'İngiltere'],
  AE: ['=UAE', '=UAE.', '=EAU', '=EAD', 'Emirati', 'Emiratima', 'Emirate', 'Emirates', 'Emiratos', 'Emirados', 'BAE', 'الإمارات', 'الامارات'],
  ME: ['Crna Gora', 'Crnoj Gori', 'Crnu Goru', 'Crne Gore', 'Montenegro', 'Monténégro', 'Mali i Zi', 'Karadağ', 'Црна Гора'],
  BA: ['=BiH', 'Bosna', 'Bosni', 'Bosnu', 'Bosne', 'Bosna i Hercegovina', 'Bosni i Hercegovini', 'Bosnia', 'Bosnië', 'Bosnie', 'Bosnja'],
  PE: ['Perua', 'Peruu', 'Perum'],
  TG: ['Toga', 'Togu', 'Togom'],
  XK: ['Kosovo', 'Kosovu', 'Kosova', 'Kosovë', 'Косово', 'كوسوفو'],
  MK: ['Makedonija', 'Makedoniji', 'Makedoniju', 'Macedonia', 'Maqedoni', 'Sjeverna Makedonija', 'Severna Makedonija'],
  CI: ['Obala Slonovače', 'Obali Slonovače', 'Ivory Coast', 'Côte d’Ivoire', "Côte d'Ivoire", 'Costa de Marfil', 'Costa do Marfim', 'Ivoorkust', 'Fildişi Sahili', 'Bregu i Fildishtë'],
  CO: ['Kolumbija', 'Kolumbiji', 'Kolumbiju', 'Kolumbije', 'Kolombiya', 'Kolumbi', 'Colômbia'],
  EC: ['Ekvador', 'Ekvadoru', 'Ekvadora', 'Ekuador'],
  BR: ['Brazil', 'Brazilu', 'Brazila', 'Brasil', 'Brezilya', 'Brazili'],
  TR: ['Turska', 'Turskoj', 'Tursku', 'Turske', 'Türkiye', 'Turkiye', 'Turqi', 'Turquía', 'Turquie'],
  RS: ['Srbija', 'Srbiji', 'Srbiju', 'Srbije', 'Serbia', 'Serbie', 'Servië', 'Sırbistan', 'Serbi'],
  HR: ['Hrvatska', 'Hrvatskoj', 'Hrvatsku', 'Hrvatske', 'Croatia', 'Kroacia', 'Hırvatistan'],
  AL: ['Albanija', 'Albaniji', 'Albaniju', 'Albanije', 'Shqipëri', 'Shqipëria', 'Shqiperi', 'Arnavutluk'],
  ES: ['Španija', 'Španiji', 'Španiju', 'Španije', 'Španjolska', 'Španjolskoj', 'Spanja', 'Spanjë', 'España', 'Espanha'],
  DE: ['Nemačka', 'Nemačkoj', 'Nemačku', 'Njemačka', 'Njemačkoj', 'Germany', 'Gjermani', 'Almanya'],
  BE: ['Belgija', 'Belgiji', 'Belgiju', 'Belgije', 'België', 'Belgique', 'Bélgica', 'Belçika', 'Belgjikë'],
};

/** Folded aliases that are everyday words somewhere in the case languages: context rule applies. */
const AMBIGUOUS_COUNTRY_ALIASES = new Set(
  [
    'mali', 'cad', 'chad', 'tchad', 'jordan', 'jordania', 'georgia', 'turkey', 'peru', 'gana', 'niger', 'oman', 'togo', 'jersey',
    'reunion', 'monaco', 'chile', 'bermuda', 'granada', 'grenada', 'misir', 'cin', 'man', 'guernsey', 'cook', 'christmas', 'norfolk',
    'wallis', 'heard', 'dominica', 'samoa', 'tonga', 'fas', 'guinea', 'malta', 'kina', 'hind', 'china', 'india', 'benin', 'congo',
    'panama', 'cuba', 'kuba', 'iran', 'irak', 'sudan', 'liban', 'libya', 'gabon', 'brunei', 'nauru', 'palau', 'tuvalu', 'aruba',
    'island', 'jamaica', 'martinique', 'mayotte', 'guam', 'georgie', 'gruzija', 'chypre', 'kipar', 'suriname', 'niue', 'israel',
    'مالي', 'عمان', 'الاردن', 'تشاد', 'جورجيا', 'الكونغو', 'بنين', 'توغو', 'غانا', 'النيجر', 'مصر', 'اليمن', 'الهند', 'الصين',
    'madagaskar', 'sveta lucija', 'saint lucia', 'polska', 'kanada', 'kenya', 'kenija', 'mozambik', 'nepal', 'sirija', 'syria',
    'toga', 'togu', 'togom', 'perua', 'peruu', 'perum', 'angola', 'laos', 'qatar', 'katar', 'bahrain', 'bahrein', 'kuwait', 'kuvajt', 'kuveyt',
  ].map((a) => foldTerm(a)),
);

/** Tokens (folded) that announce a place right before it. */
const PREPOSITIONS = new Set(
  [
    // sr/hr/bs/me
    'u', 'iz', 'za', 'do', 'kod', 'na', 'preko', 'kroz', 'ka', 'prema', 'od', 'oko', 'blizu', 'po',
    // en
    'in', 'from', 'to', 'via', 'at', 'into', 'near', 'through', 'towards', 'toward', 'off', 'outside', 'for',
    // nl
    'naar', 'van', 'uit', 'te', 'bij',
    // fr
    'a', 'au', 'de', 'vers', 'depuis', 'en', 'par', 'pour', 'du', 'd',
    // es / pt
    'desde', 'hacia', 'para', 'por', 'hasta', 'del', 'al', 'em', 'no', 'da', 'ate', 'ao', 'pelo', 'pela', 'rumo',
    // sq
    'ne', 'nga', 'per', 'drejt', 'ke',
    // ar (folded)
    'في', 'من', 'الي', 'الى', 'عبر', 'نحو', 'ل', 'ب',
  ].map((t) => foldTerm(t)),
);

/** Port / transport / settlement words that make a neighbouring name a place. */
const PORT_WORDS = new Set(
  [
    'luka', 'luke', 'luku', 'luci', 'lukom', 'lucka', 'port', 'ports', 'porta', 'portu', 'haven', 'havens', 'havenstad', 'puerto',
    'porto', 'porti', 'liman', 'limani', 'limanı', 'ميناء', 'مرفا', 'harbour', 'harbor', 'terminal', 'terminalu', 'container',
    'containers', 'kontejner', 'kontejnera', 'kontejneru', 'konteyner', 'contenedor', 'contentor', 'conteneur', 'brod', 'broda',
    'brodom', 'brodu', 'ship', 'schip', 'barco', 'navio', 'nave', 'navire', 'anija', 'gemi', 'vessel', 'grad', 'gradu', 'grada',
    'city', 'ciudad', 'cidade', 'ville', 'stad', 'sehir', 'qytet', 'qyteti', 'aerodrom', 'aerodromu', 'airport', 'aeropuerto',
    'aeroporto', 'aeroport', 'luchthaven', 'havalimani', 'مطار', 'route', 'ruta', 'rota', 'ruti', 'rutu', 'stiglo', 'stize',
    'stigao', 'stigla', 'isplovio', 'isplovljava', 'krece', 'arrive', 'arrives', 'arrived', 'llega', 'chega', 'aankomst', 'vertrek',
    'left', 'leaves', 'leaving', 'departed', 'sailed', 'docked', 'landing', 'landed', 'land', 'sletim', 'sletanje', 'aterrizo', 'sale', 'salio', 'sai', 'saiu', 'quitte',
  ].map((t) => foldTerm(t)),
);

/** Sports words: an ambiguous name next to them is a club or a player ("jogo do Santos", "Hajduk Split"). */
const SPORTS_WORDS = new Set(
  [
    'jogo', 'jogos', 'time', 'clube', 'futebol', 'partida', 'campeonato', 'gol', 'golo', 'match', 'game', 'club', 'fc', 'fk', 'nk',
    'utakmica', 'utakmicu', 'utakmice', 'fudbal', 'nogomet', 'igrac', 'partido', 'equipo', 'liga', 'derby', 'derbi', 'wedstrijd',
    'voetbal', 'ploeg', 'mac', 'takim', 'hajduk', 'stadion', 'stadium', 'estadio',
  ].map((t) => foldTerm(t)),
);

const TR_SUFFIXES = new Set(['a', 'e', 'ya', 'ye', 'da', 'de', 'ta', 'te', 'dan', 'den', 'tan', 'ten', 'in', 'un', 'nin', 'nun', 'i', 'yi', 'u', 'yu', 'ya']);

const CONTEXT_WINDOW = 3;
/** Inflected matches up to this many characters need a capital letter. */
const SHORT_INFLECTED = 7;

interface Compiled {
  trie: TokenTrie<PlaceData>;
  /** Unambiguous one-word names (for the route rule). */
  anchorTokens: Set<string>;
  places: number;
  countryNames: number;
}

function loadGazetteer(): GazetteerPlace[] {
  return (gazetteerJson as { places: GazetteerPlace[] }).places;
}

let registered = false;
function registerLocales(): void {
  if (registered) return;
  for (const l of COUNTRY_LOCALES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`) as Parameters<typeof countries.registerLocale>[0]);
  }
  registered = true;
}

function compile(): Compiled {
  registerLocales();
  const trie = new TokenTrie<PlaceData>({ endings: PROPER_NOUN_ENDINGS });
  const anchorTokens = new Set<string>();
  const seen = new Map<string, string>(); // folded alias → id, first wins
  let countryNames = 0;
  const addName = (name: string, data: PlaceData): void => {
    const folded = foldTerm(name);
    if (folded.length < 2) return;
    const prev = seen.get(folded);
    if (prev !== undefined && prev !== data.id) return; // collision between two entities: first wins
    seen.set(folded, data.id);
    const ambiguous = data.ambiguous || AMBIGUOUS_COUNTRY_ALIASES.has(folded) || (data.kind === 'country' && folded.length <= 3);
    const d: PlaceData = { ...data, ambiguous };
    trie.add(folded, d, { inflect: !data.exactCase });
    if (!ambiguous && !data.exactCase && !folded.includes(' ') && folded.length >= 4) anchorTokens.add(folded);
  };
  // Countries first: a name that is both a country and a city (Panama, Kuwait) is the country.
  const english = countries.getNames('en');
  for (const [code, names] of Object.entries(EXTRA_COUNTRY_NAMES)) {
    for (const n of names) {
      const exact = n.startsWith('=') ? n.slice(1) : undefined;
      const d: PlaceData = { kind: 'country', id: code, ambiguous: false, countryName: english[code] ?? n };
      if (exact) d.exactCase = exact;
      addName(exact ?? n, d);
      countryNames++;
    }
  }
  for (const l of COUNTRY_LOCALES) {
    const names = countries.getNames(l, { select: 'all' }) as Record<string, string[]>;
    for (const [code, list] of Object.entries(names)) {
      for (const n of list) {
        // Acronyms from the locale data ("ABD", "A.B.D.") are case-strict.
        const isAcronym = /^[\p{Lu}.]+$/u.test(n) && n.replace(/\./g, '').length <= 4;
        const d: PlaceData = { kind: 'country', id: code, ambiguous: false, countryName: english[code] ?? n };
        if (isAcronym) d.exactCase = n;
        addName(n, d);
        countryNames++;
      }
    }
  }
  const gazetteer = loadGazetteer();
  for (const p of gazetteer) {
    const base: PlaceData = { kind: 'place', id: p.id, ambiguous: Boolean(p.ambiguous), place: p };
    addName(p.name, base);
    for (const a of p.aliases) addName(a, base);
    for (const a of p.ambiguousAliases ?? []) addName(a, { ...base, ambiguous: true });
  }
  return { trie, anchorTokens, places: gazetteer.length, countryNames };
}

let compiled: Compiled | undefined;
function gazetteer(): Compiled {
  compiled ??= compile();
  return compiled;
}

/** Sizes of the compiled gazetteer (coverage reports). */
export function placeCoverage(): { places: number; countryNames: number } {
  const c = gazetteer();
  return { places: c.places, countryNames: c.countryNames };
}

function isCapitalised(raw: string): boolean {
  const c = raw[0] ?? '';
  if (c.toLowerCase() === c.toUpperCase()) return true; // caseless script
  return c === c.toUpperCase();
}

function caseless(raw: string): boolean {
  const c = raw[0] ?? '';
  return c.toLowerCase() === c.toUpperCase();
}

/** The context rule for ambiguous names (see module doc). */
export function placeContext(tokens: Token[], folded: string, tokenStart: number, tokenEnd: number, anchors: Set<string>): boolean {
  const lo0 = Math.max(0, tokenStart - CONTEXT_WINDOW);
  const hi0 = Math.min(tokens.length, tokenEnd + CONTEXT_WINDOW);
  for (let i = lo0; i < hi0; i++) if (SPORTS_WORDS.has((tokens[i] as Token).text)) return false;
  const prev = tokens[tokenStart - 1];
  if (prev && PREPOSITIONS.has(prev.text) && /^[\s'’]{0,2}$/u.test(folded.slice(prev.end, (tokens[tokenStart] as Token).start))) return true;
  const next = tokens[tokenEnd];
  if (next && TR_SUFFIXES.has(next.text) && /^['’]$/u.test(folded.slice((tokens[tokenEnd - 1] as Token).end, next.start))) return true;
  const lo = Math.max(0, tokenStart - CONTEXT_WINDOW);
  const hi = Math.min(tokens.length, tokenEnd + CONTEXT_WINDOW);
  for (let i = lo; i < hi; i++) {
    if (i >= tokenStart && i < tokenEnd) continue;
    const t = (tokens[i] as Token).text;
    if (PORT_WORDS.has(t) || anchors.has(t)) return true;
  }
  return false;
}

function acceptFor(text: string, foldedText: string, anchors: Set<string>) {
  return (hit: TrieHit<PlaceData>, tokens: Token[]): boolean => {
    const d = hit.data;
    const raw = text.slice(hit.start, hit.end);
    if (d.exactCase !== undefined) return raw === d.exactCase;
    // A short inflected form must be capitalised ("viene" is not Viena, "quitte" is not Quito).
    if (!hit.exact && raw.length <= SHORT_INFLECTED && !isCapitalised(raw)) return false;
    if (!d.ambiguous) return true;
    if (!caseless(raw) && !isCapitalised(raw)) return false;
    return placeContext(tokens, foldedText, hit.tokenStart, hit.tokenEnd, anchors);
  };
}

/** Country and city/port mentions in `text`. */
export function extractPlaces(text: string): Mention[] {
  if (text.length === 0) return [];
  const g = gazetteer();
  const folded = fold(text);
  const hits = g.trie.match(folded, text, acceptFor(text, folded.text, g.anchorTokens), folded.tokens, MAX_MENTIONS);
  const out: Mention[] = [];
  for (const h of hits) {
    const d = h.data;
    const raw = text.slice(h.start, h.end);
    const confidence = d.ambiguous ? 0.7 : h.exact ? 0.9 : 0.85;
    if (d.kind === 'country') {
      out.push({ type: 'country', start: h.start, end: h.end, raw, value: d.id, confidence, attrs: { country: d.id, name: d.countryName ?? d.id } });
    } else if (d.place) {
      const p = d.place;
      const attrs: Record<string, string | number> = { name: p.name, country: p.country, lat: p.lat, lon: p.lon };
      if (p.port) attrs.port = 1;
      out.push({ type: 'place', start: h.start, end: h.end, raw, value: p.id, confidence, attrs });
    }
  }
  return out;
}

export const placesExtractor: Extractor = {
  name: 'places',
  extract(text: string, _ctx: ExtractContext): Mention[] {
    try {
      return extractPlaces(text);
    } catch {
      return [];
    }
  },
};

/** What a place name (as a user types it in a search) resolves to. */
export interface ResolvedPlace {
  /** 'place': a gazetteer city/port (id like "be-antwerp"); 'country': an ISO 3166-1 alpha-2 code. */
  kind: 'place' | 'country';
  id: string;
  /** The English name. */
  name: string;
  country: string;
}

/**
 * The gazetteer place or country a name means, in any of its spellings, languages and scripts, inflected
 * or not (Antwerpen, Antwerp, Anvers, Antverpen, Антверпен, "Antverpenu" → be-antwerp; Гвајакил →
 * ec-guayaquil; Lome → tg-lome; Holandija → NL), or null. The whole name must match (no context rule: the
 * user asked for a place). Names are cut at 200 characters.
 */
export function resolvePlace(name: string): ResolvedPlace | null {
  if (typeof name !== 'string') return null;
  const text = name.slice(0, 200).trim();
  if (text.length < 2) return null;
  const g = gazetteer();
  const folded = fold(text);
  const n = folded.tokens.length;
  if (n === 0) return null;
  const hits = g.trie.match(folded, text, (hit) => hit.data.exactCase === undefined || text.slice(hit.start, hit.end) === hit.data.exactCase, folded.tokens, 8);
  const whole = hits.find((h) => h.tokenStart === 0 && h.tokenEnd === n);
  if (!whole) return null;
  const d = whole.data;
  if (d.kind === 'country') return { kind: 'country', id: d.id, name: d.countryName ?? d.id, country: d.id };
  return d.place ? { kind: 'place', id: d.place.id, name: d.place.name, country: d.place.country } : null;
}
