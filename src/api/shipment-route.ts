/**
 * The route rule of the map (issue 17 part 4; docs/map.md): when does one message state where
 * a shipment goes? Pure: it reads a message's body and the mentions extraction found in it.
 *
 * A message states a route when it names two or more distinct gazetteer places and either
 *   (a) it carries shipment evidence: a vessel name, an IMO number, a container number or a
 *       drug quantity found by extraction, or a shipment word (ship, container, load, brod,
 *       kontejner, roba, schip, lading, bateau, conteneur, barco, contenedor, …); or
 *   (b) two of its places are each introduced by a direction word ("from X to Y"), in the
 *       case's languages: from/to/via (en), iz/od, do/za, preko (sr/hr, Latin and Cyrillic; "u" is
 *       "in" as often as "into", so it says nothing of the order),
 *       van/uit/naar/via (nl), de/depuis/à/vers/via/par (fr), de/desde/a/hacia/para/vía/por (es).
 * Two places named together without either (a chat about Belgrade and Antwerp) are not a route.
 * A place in a clause about money ("…, pare idu preko Beograda": the money goes via Belgrade;
 * clauses end at , ; . ! ?) is not a stop: money words are pare/novac/keš, geld, argent, dinero,
 * money, cash.
 *
 * The stops are the places in this order: those introduced by a "from" word, then the rest in
 * the order written ("via" places and unmarked ones), then those introduced by a "to" word; a
 * place named twice is one stop. "Box goes to Antwerp from Guayaquil" is Guayaquil → Antwerp.
 */
import type { Mention } from '../model/entities.js';

export type Direction = 'from' | 'via' | 'to';

/** The direction words, folded (lower case, no diacritics), by what they say of the place after them. */
const CONNECTORS: Record<Direction, readonly string[]> = {
  from: ['from', 'iz', 'из', 'van', 'uit', 'de', 'depuis', 'desde', 'od', 'од'],
  via: ['via', 'preko', 'преко', 'through', 'par', 'por', 'over', 'kroz', 'кроз'],
  to: ['to', 'into', 'do', 'до', 'za', 'за', 'naar', 'a', 'vers', 'hacia', 'para', 'till', 'until'],
};

/** Shipment words, folded; a word counts when it starts with one of these (inflected forms: brodom, kontejnera, contenedores). */
const SHIPMENT_WORDS: readonly string[] = [
  // en
  'ship', 'vessel', 'boat', 'container', 'cargo', 'load', 'box', 'goods', 'consignment',
  // sr/hr (Latin and Cyrillic)
  'brod', 'kontejner', 'roba', 'robu', 'tura', 'turu', 'posiljk', 'teret', 'брод', 'контејнер', 'роба', 'робу', 'тура', 'туру', 'пошиљк', 'терет',
  // nl
  'schip', 'boot', 'lading', 'zending', 'vracht', 'partij',
  // fr
  'bateau', 'navire', 'conteneur', 'cargaison', 'marchandise', 'livraison',
  // es / pt
  'barco', 'buque', 'contenedor', 'carga', 'cargamento', 'mercancia', 'envio', 'navio', 'contentor',
];

/** Money words, folded (prefixes): a clause with one is about payment, not the cargo's way. */
const MONEY_WORDS: readonly string[] = ['pare', 'novac', 'novc', 'kes', 'паре', 'новац', 'новц', 'кеш', 'geld', 'argent', 'dinero', 'money', 'cash', 'plata'];

/** Mention types that are shipment evidence by themselves. */
const EVIDENCE_TYPES = new Set(['vessel', 'imo', 'container', 'drug_quantity']);

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const DIRECTION_OF = new Map<string, Direction>();
for (const d of ['from', 'via', 'to'] as const) for (const w of CONNECTORS[d]) DIRECTION_OF.set(fold(w), d);

export interface StatedStop {
  /** The gazetteer place id (the mention's value). */
  placeId: string;
  /** The direction word before it, if any. */
  direction: Direction | null;
  /** Where it is first named in the body. */
  start: number;
}

export interface RouteStatement {
  stops: StatedStop[];
  /** What made it a shipment: the vessels, IMO numbers, containers and quantities named, and shipment words. */
  cues: string[];
  /** It counted through rule (b) only: two places introduced by direction words, no other evidence. */
  directionsOnly: boolean;
}

/** The word right before `start` (skipping spaces and an apostrophe: "d'Anvers"), folded; '' if none. */
function wordBefore(body: string, start: number): string {
  const before = body.slice(Math.max(0, start - 24), start);
  const m = /([\p{L}]+)['’]?\s*$/u.exec(before);
  return m ? fold(m[1]!) : '';
}

/** The route `body` states, given its mentions (any order), or null when it states none (see the rule above). */
export function routeStatement(body: string, mentions: readonly Mention[]): RouteStatement | null {
  const moneyClause = (at: number): boolean => {
    const from = Math.max(...[',', ';', '.', '!', '?'].map((c) => body.lastIndexOf(c, at - 1))) + 1;
    const ends = [',', ';', '.', '!', '?'].map((c) => body.indexOf(c, at)).filter((i) => i >= 0);
    const clause = fold(body.slice(from, ends.length > 0 ? Math.min(...ends) : body.length));
    return clause.split(/[^\p{L}]+/u).some((w) => MONEY_WORDS.some((m) => w === m || (m.length >= 4 && w.startsWith(m))));
  };
  const places = mentions.filter((m) => m.type === 'place' && !moneyClause(m.start)).sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  const stops: StatedStop[] = [];
  for (const p of places) {
    if (seen.has(p.value)) continue;
    seen.add(p.value);
    const w = wordBefore(body, p.start);
    // "d'" is the French "de" before a vowel
    const direction = DIRECTION_OF.get(w) ?? (w === 'd' ? 'from' : null);
    stops.push({ placeId: p.value, direction, start: p.start });
  }
  if (stops.length < 2) return null;

  const cues: string[] = [];
  for (const m of mentions) if (EVIDENCE_TYPES.has(m.type) && !cues.includes(m.raw)) cues.push(m.raw);
  for (const word of fold(body).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length >= 3 && SHIPMENT_WORDS.some((s) => word.startsWith(s)) && !cues.includes(word)) cues.push(word);
  }
  const directed = stops.filter((s) => s.direction !== null).length;
  if (cues.length === 0 && directed < 2) return null;

  const rank = (s: StatedStop) => (s.direction === 'from' ? 0 : s.direction === 'to' ? 2 : 1);
  const ordered = stops.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
  return { stops: ordered, cues: cues.slice(0, 8), directionsOnly: cues.length === 0 };
}
