/**
 * Lexicon-driven tags: drugs, weapons, explosives, luxury watches, vehicles.
 *
 * Terms come from src/text/lexicons (per language, with markers, see lexicons/types.ts) and are matched
 * on folded text with the token trie, so "КОКАИН", "kokain", "kokaina" and "Kokainom" all match `kokain`.
 *
 * Precision rules:
 *  - slang (`~`) terms count only in drug context: within CONTEXT_WINDOW tokens of a number, a quantity
 *    unit (kg, kila, cigle, paketa, …), a "how much" word, or an unambiguous drug term; and not right after
 *    a comparison word ("bela kao sneg");
 *  - strict (`=`) terms must appear unfolded in the original (so `gun` does not match Turkish "gün");
 *  - capitalised (`^`) terms must start with an upper-case letter in the original (Mercedes, Tesla, Omega).
 */
import type { EntityType, Mention } from '../../model/entities.js';
import { DRUGS } from '../lexicons/drugs.js';
import { EXPLOSIVES } from '../lexicons/explosives.js';
import type { LexGroup, LexLang } from '../lexicons/types.js';
import { VEHICLES } from '../lexicons/vehicles.js';
import { WATCHES } from '../lexicons/watches.js';
import { WEAPONS } from '../lexicons/weapons.js';
import { fold, foldTerm } from './fold.js';
import { TokenTrie, type Token, type TrieHit } from './trie-matcher.js';
import { MAX_MENTIONS, type ExtractContext, type Extractor } from './types.js';

export type LexiconType = Extract<EntityType, 'drug' | 'weapon' | 'explosive' | 'watch' | 'vehicle'>;

export const LEXICONS: Readonly<Record<LexiconType, LexGroup[]>> = {
  drug: DRUGS,
  weapon: WEAPONS,
  explosive: EXPLOSIVES,
  watch: WATCHES,
  vehicle: VEHICLES,
};

export interface ParsedTerm {
  surface: string;
  slang: boolean;
  strict: boolean;
  capitalised: boolean;
  inflect: boolean;
}

/** Parse the markers of a lexicon term (see lexicons/types.ts). */
export function parseTerm(raw: string): ParsedTerm {
  let s = raw;
  let slang = false;
  let strict = false;
  let capitalised = false;
  for (;;) {
    if (s.startsWith('~')) slang = true;
    else if (s.startsWith('=')) strict = true;
    else if (s.startsWith('^')) capitalised = true;
    else break;
    s = s.slice(1);
  }
  const inflect = !s.endsWith('!');
  if (!inflect) s = s.slice(0, -1);
  return { surface: s, slang, strict, capitalised, inflect };
}

interface LexData {
  type: LexiconType;
  canonical: string;
  attrs?: Record<string, string>;
  term: ParsedTerm;
  lang: LexLang;
}

const CONTEXT_WINDOW = 5;
/** Folded words that introduce a comparison ("kao sneg", "as snow"): slang after them is not a drug. */
const COMPARISON = new Set(['kao', 'ko', 'as', 'like', 'como', 'comme', 'als', 'zoals', 'si', 'gibi', 'mint']);

/** Folded tokens that put slang in drug context (units and "how much" words). */
const CONTEXT_TOKENS = new Set(
  [
    'kg', 'kgs', 'kila', 'kile', 'kilo', 'kilos', 'kilogram', 'kilograma', 'kilograms', 'kilogramos', 'quilos', 'gr', 'grama',
    'grams', 'gramos', 'gramas', 'cigle', 'cigli', 'ciglu', 'blokova', 'paketa', 'paketi', 'pakete', 'bricks', 'keys', 'tona',
    'ton', 'tons', 'toneladas', 'koliko', 'kolko', 'hoeveel', 'combien', 'cuanto', 'cuanta', 'quanto', 'quanta', 'kac', 'sa',
    'gram', 'gramm', 'kilogrami', 'kilogramet',
  ].map((t) => foldTerm(t)),
);

function buildTrie(): { trie: TokenTrie<LexData>; drugTokens: Set<string>; terms: number } {
  const trie = new TokenTrie<LexData>();
  const drugTokens = new Set<string>();
  let terms = 0;
  for (const [type, groups] of Object.entries(LEXICONS) as [LexiconType, LexGroup[]][]) {
    for (const g of groups) {
      for (const [lang, list] of Object.entries(g.terms) as [LexLang, string[]][]) {
        for (const raw of list) {
          const term = parseTerm(raw);
          const folded = foldTerm(term.surface);
          const data: LexData = { type, canonical: g.canonical, term, lang };
          if (g.attrs) data.attrs = g.attrs;
          if (trie.add(folded, data, { inflect: term.inflect })) terms++;
          if (type === 'drug' && !term.slang && !folded.includes(' ')) drugTokens.add(folded);
        }
      }
    }
  }
  return { trie, drugTokens, terms };
}

let compiled: ReturnType<typeof buildTrie> | undefined;
function lexicon(): ReturnType<typeof buildTrie> {
  compiled ??= buildTrie();
  return compiled;
}

/** Number of surface terms compiled into the matcher (for coverage reports). */
export function lexiconSize(): number {
  return lexicon().terms;
}

function hasCaseLetter(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

function inDrugContext(tokens: Token[], hit: TrieHit<LexData>, drugTokens: Set<string>): boolean {
  const lo = Math.max(0, hit.tokenStart - CONTEXT_WINDOW);
  const hi = Math.min(tokens.length, hit.tokenEnd + CONTEXT_WINDOW);
  for (let i = lo; i < hi; i++) {
    if (i >= hit.tokenStart && i < hit.tokenEnd) continue;
    const t = (tokens[i] as Token).text;
    if (/^\d/.test(t) || CONTEXT_TOKENS.has(t) || drugTokens.has(t)) return true;
  }
  return false;
}

function acceptFor(original: string, drugTokens: Set<string>) {
  return (hit: TrieHit<LexData>, tokens: Token[]): boolean => {
    const { term } = hit.data;
    const raw = original.slice(hit.start, hit.end);
    if (term.capitalised) {
      const c = raw[0] ?? '';
      if (!hasCaseLetter(c) || c !== c.toUpperCase()) return false;
    }
    if (term.strict) {
      const s = term.surface;
      const r = raw.normalize('NFC');
      const ok = s !== s.toLowerCase() ? r.startsWith(s) : r.toLowerCase().startsWith(s.toLowerCase());
      if (!ok) return false;
    }
    if (term.slang) {
      if (!inDrugContext(tokens, hit, drugTokens)) return false;
      // a comparison is not a drug: "bela kao sneg", "white as snow"
      const prev = tokens[hit.tokenStart - 1];
      if (prev && COMPARISON.has(prev.text)) return false;
    }
    return true;
  };
}

/** Drug, weapon, explosive, watch and vehicle mentions in `text` (spans into the original). */
export function extractLexiconTags(text: string, types?: readonly LexiconType[]): Mention[] {
  if (text.length === 0) return [];
  const { trie, drugTokens } = lexicon();
  const folded = fold(text);
  const hits = trie.match(folded, text, acceptFor(text, drugTokens), folded.tokens, MAX_MENTIONS);
  const out: Mention[] = [];
  for (const h of hits) {
    if (types && !types.includes(h.data.type)) continue;
    const d = h.data;
    const attrs: Record<string, string | number> = { ...(d.attrs ?? {}), lang: d.lang };
    if (d.term.slang) attrs.slang = 1;
    out.push({
      type: d.type,
      start: h.start,
      end: h.end,
      raw: text.slice(h.start, h.end),
      value: d.canonical,
      confidence: d.term.slang ? 0.6 : h.exact ? 0.9 : 0.85,
      attrs,
    });
  }
  return out;
}

export const lexiconTagsExtractor: Extractor = {
  name: 'lexicon-tags',
  extract(text: string, _ctx: ExtractContext): Mention[] {
    try {
      return extractLexiconTags(text);
    } catch {
      return [];
    }
  },
};
