/**
 * Search query syntax (docs/search.md):
 *   words            kafa kontejner        (both must occur: AND is implicit)
 *   phrases          "novi broj"
 *   operators        kafa OR kokain, kafa AND NOT test, -test, ( … )   (operators in capitals)
 *   prefix           kontej*
 *   filters          from:REF|handle|name  to:…  after:2021-03-01  before:2021-04-01
 *                    person:ID|name   (sent by any account of a person of identity resolution)
 *                    channel:chat|sms|email  lang:sr  entity:iban[=VALUE]
 *                    place:Antwerp   (any spelling, language or script of a gazetteer place or country:
 *                                     an entity filter on its id, place=be-antwerp or country=BE)
 *                    tag:suspect  note:brother   (annotations: a tag's name, any case; a word of a note)
 *   quoting          from:"Kum Beograd"  entity:"vehicle=Audi \"Q7\""   (\" and \\ inside quotes; quote.ts writes them)
 * Precedence: NOT binds tighter than AND, AND tighter than OR. Everything the user types is
 * data: the store quotes every token, so no full-text operator can be smuggled in.
 */
import { ClewError } from '../../model/errors.js';
import { normaliseTag } from '../../model/annotations.js';
import { type Channel, CHANNELS } from '../../model/records.js';
import { normalise, normaliseExact } from '../normalise/normalise.js';
import { resolvePlace } from '../extract/places.js';
import { bcmsLatinVariants, crossScriptVariants } from '../normalise/cross-script.js';
import { STEMMER_LANGUAGES, hasStemmer, stemToken, stemTokensFor, stemmerTag } from '../stem/stem.js';
import type { SearchMode, SearchQuery, TextNode } from './ast.js';

export const MAX_QUERY_CHARS = 2000;
const MAX_TERMS = 64;
const FILTER_KEYS = new Set(['from', 'to', 'after', 'before', 'channel', 'lang', 'entity', 'person', 'place', 'tag', 'note', 'ocr']);
const FILTER_LIST = [...FILTER_KEYS].map((k) => `${k}:`).join(' ');
/** `scheme:rest` words that are text, not a mistyped filter (links). */
const WORD_SCHEMES = new Set(['http', 'https', 'ftp', 'mailto', 'www']);

type Tok =
  | { t: 'word'; v: string; pos: number }
  | { t: 'phrase'; v: string; pos: number }
  | { t: 'filter'; k: string; v: string; pos: number }
  | { t: 'and' | 'or' | 'not' | 'minus' | 'lp' | 'rp'; pos: number };

function syntax(message: string, pos: number): ClewError {
  return new ClewError('QUERY_SYNTAX', `${message} (at character ${pos + 1})`, { position: pos + 1 });
}

function lex(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  // inside quotes \" is a quote and \\ a backslash (any other backslash stays): see quote.ts
  const readQuoted = (start: number): { v: string; end: number } => {
    let v = '';
    for (let j = start + 1; j < q.length; j++) {
      const c = q[j]!;
      if (c === '"') return { v, end: j + 1 };
      if (c === '\\' && (q[j + 1] === '"' || q[j + 1] === '\\')) v += q[++j];
      else v += c;
    }
    throw syntax('unterminated quote', start);
  };
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lp', pos: i++ });
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rp', pos: i++ });
      continue;
    }
    if (c === '"') {
      const { v, end } = readQuoted(i);
      out.push({ t: 'phrase', v, pos: i });
      i = end;
      continue;
    }
    if (c === '-' && i + 1 < q.length && !/[\s)]/u.test(q[i + 1]!)) {
      const prev = i === 0 ? ' ' : q[i - 1]!;
      if (/[\s(]/u.test(prev)) {
        out.push({ t: 'minus', pos: i++ });
        continue;
      }
    }
    const start = i;
    while (i < q.length && !/[\s()"]/u.test(q[i]!)) i++;
    const word = q.slice(start, i);
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && FILTER_KEYS.has(key)) {
      let v = word.slice(colon + 1);
      if (v === '' && q[i] === '"') {
        const r = readQuoted(i);
        v = r.v;
        i = r.end;
      }
      if (v === '') throw syntax(`${key}: needs a value`, start);
      out.push({ t: 'filter', k: key, v, pos: start });
    } else if (colon > 0 && /^[a-z]+$/.test(key) && !WORD_SCHEMES.has(key) && (colon + 1 < word.length || q[i] === '"')) {
      // `foo:bar` looks like a filter: say so instead of quietly searching for the words foo and bar
      const hint = /^[a-z][a-z0-9_-]*$/.test(key) && colon + 1 < word.length ? ` (an account? from:${word}; ` : ' (';
      throw new ClewError(
        'QUERY_SYNTAX',
        `unknown filter "${key.slice(0, 40)}:" at character ${start + 1}: the filters are ${FILTER_LIST}${hint}to search for the text itself, put it in quotes: "${word.slice(0, 60)}")`,
        { position: start + 1, filter: key.slice(0, 40), filters: FILTER_LIST },
      );
    } else if (word === 'AND') out.push({ t: 'and', pos: start });
    else if (word === 'OR') out.push({ t: 'or', pos: start });
    else if (word === 'NOT') out.push({ t: 'not', pos: start });
    else out.push({ t: 'word', v: word, pos: start });
  }
  return out;
}

export interface IndexTokenOptions {
  /**
   * The text's language (the message's detected language). In folded mode with a language that has a
   * stemmer, every stemmable word is replaced by its stem token (stem.ts: reserved namespace, e.g. "kafu" →
   * "\uE000shkaf"), in place, so phrases keep their positions. Absent, null or a language without a stemmer:
   * the folded words (what every caller got before).
   */
  lang?: string | null;
}

/**
 * Tokens as the full-text index sees them: runs of letters, marks and digits of the folded text; in folded
 * mode with `options.lang`, stemmable words replaced by their stem tokens (which no word can equal).
 */
export function indexTokens(text: string, mode: SearchMode = 'folded', options?: IndexTokenOptions): string[] {
  const folded = mode === 'folded' ? normalise(text) : normaliseExact(text);
  const words: string[] = folded.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const lang = options?.lang;
  if (mode !== 'folded' || !hasStemmer(lang)) return words;
  for (let i = 0; i < words.length; i++) words[i] = stemToken(words[i]!, lang) ?? words[i]!;
  return words;
}

/**
 * The text a full-text index with a word tokenizer (SQLite FTS5 unicode61) is given for a message:
 * `indexTokens(text, 'folded', { lang })` joined by spaces.
 */
export function indexText(text: string, lang: string | null | undefined): string {
  return indexTokens(text, 'folded', { lang }).join(' ');
}

/**
 * The index tokens a folded query word also matches in the case's languages `langs`: its stem token in each
 * (a message of that language holds its words as stem tokens). The word itself matches messages with no
 * stemmed language. For a prefix (`prefix` true), the word and its stem under each namespace, as prefixes.
 */
export function stemAlternatives(word: string, langs: readonly string[], prefix = false): string[] {
  const out = stemTokensFor(word, langs);
  if (!prefix) return out;
  const all: string[] = [];
  for (const t of out) {
    const ns = t.slice(0, 3) + word;
    if (!all.includes(ns)) all.push(ns);
    if (!all.includes(t)) all.push(t);
  }
  return all;
}

const ARABIC_SCRIPT_LANGS = new Set(['ar', 'fa', 'ur', 'ps', 'ku']);
const BCMS_LANGS = new Set(['sr', 'hr', 'bs', 'me', 'mk', 'sh']);

/**
 * Spellings of a folded query word in the other script the case holds: Arabic spellings of a Latin word when
 * the case holds an Arabic-script language, Latin spellings of an Arabic word when it holds another one.
 */
function crossScriptFor(word: string, langs: readonly string[]): string[] {
  const arabic = langs.some((l) => ARABIC_SCRIPT_LANGS.has(l));
  const other = langs.some((l) => !ARABIC_SCRIPT_LANGS.has(l));
  const latinWord = /^[a-z]+$/.test(word);
  const out = latinWord && langs.some((l) => BCMS_LANGS.has(l)) ? bcmsLatinVariants(word) : [];
  if ((latinWord && !arabic) || (!latinWord && !other)) return out;
  for (const v of crossScriptVariants(word)) if (!out.includes(v)) out.push(v);
  return out;
}

function parseDate(v: string, pos: number, key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (!m) throw syntax(`${key}: needs a date like 2021-03-01 or 2021-03-01T14:00Z`, pos);
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? 'Z'}`);
  const check = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(t) || check.getUTCDate() !== Number(m[3]) || check.getUTCMonth() !== Number(m[2]) - 1)
    throw syntax(`${key}: ${v} is not a real date`, pos);
  return t;
}

/**
 * A query word's alternatives (its stem tokens in the case's languages, its other-script spellings and their
 * stem tokens), remembered by word, prefix and languages: working them out runs every stemmer the case holds
 * on the word and on each of its other-script spellings (30–40 stemmer calls for a Latin word in a case with
 * Arabic: more than the index's own work for the query), and the same query is parsed again for every page,
 * its highlights and its code-word plan. Bounded: forgotten all at once when full.
 */
const MAX_REMEMBERED = 4096;
const remembered = new Map<string, readonly string[]>();
const rememberedPhrases = new Map<string, readonly (readonly string[])[]>();

function remember<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** Forget the remembered query expansions (benchmarks measure a query never parsed before with it). */
export function forgetQueryExpansions(): void {
  remembered.clear();
  rememberedPhrases.clear();
}

function wordAlternatives(token: string, prefix: boolean, caseLangs: readonly string[], allLangs: readonly string[]): readonly string[] {
  if (caseLangs.length === 0 && (prefix || allLangs.length === 0)) return [];
  return remember(remembered, `${prefix ? '*' : '='}${caseLangs.join(',')}|${prefix ? '' : allLangs.join(',')}|${token}`, () => {
    const alternatives = caseLangs.length > 0 ? stemAlternatives(token, caseLangs, prefix) : [];
    if (!prefix && allLangs.length > 0) {
      for (const v of crossScriptFor(token, allLangs)) {
        if (!alternatives.includes(v)) alternatives.push(v);
        for (const st of stemTokensFor(v, caseLangs)) if (!alternatives.includes(st)) alternatives.push(st);
      }
    }
    return alternatives;
  });
}

/**
 * A phrase's other forms: its folded tokens (`folded`, as indexTokens gives them in folded mode) as a message of each of
 * `caseLangs` holds them (indexTokens(raw, 'folded', { lang })), distinct and unlike `folded`. The text is
 * folded once and each stemmer runs once (sr, hr, bs share one).
 */
function phraseAlternatives(raw: string, folded: readonly string[], caseLangs: readonly string[]): readonly (readonly string[])[] {
  if (caseLangs.length === 0) return [];
  return remember(rememberedPhrases, `${caseLangs.join(',')}|${raw}`, () => {
    const out: string[][] = [];
    const seen = new Set<string>([folded.join(' ')]);
    const tags = new Set<string>();
    for (const l of caseLangs) {
      const tag = stemmerTag(l);
      if (tag === null || tags.has(tag)) continue;
      tags.add(tag);
      const alt = folded.map((w) => stemToken(w, l) ?? w);
      const key = alt.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(alt);
    }
    return out;
  });
}

export interface ParseOptions {
  /**
   * The languages the case holds (ISO 639-1): in folded mode a word also matches its inflected forms in each
   * of them (a term's `alternatives`, a phrase's `stemPhrases`), and its spellings in another script the
   * case holds. Absent: the stem forms of every stemmer (no other-script spellings); empty: no stemming.
   */
  langs?: readonly string[];
}

export function parseQuery(input: string, mode: SearchMode = 'folded', options?: ParseOptions): SearchQuery {
  // without the case's languages, every stemmer's: a stem token matches only messages of its language,
  // so this finds what the case's languages find (with more index look-ups), and a caller that does not
  // know the case's languages still finds the words of stemmed messages
  const stemLangs = options?.langs ? options.langs.filter(hasStemmer) : STEMMER_LANGUAGES;
  const allLangs = mode === 'folded' ? (options?.langs ?? []) : [];
  const caseLangs = mode === 'folded' ? stemLangs : [];
  if (input.length > MAX_QUERY_CHARS) throw new ClewError('QUERY_SYNTAX', `query longer than ${MAX_QUERY_CHARS} characters`);
  const toks = lex(input);
  const query: SearchQuery = { text: null, from: [], to: [], channels: [], langs: [], entities: [], mode };
  if (stemLangs.length > 0) query.stemLangs = [...stemLangs];
  const textToks: Tok[] = [];
  for (const t of toks) {
    if (t.t !== 'filter') {
      textToks.push(t);
      continue;
    }
    switch (t.k) {
      case 'from':
        query.from.push(t.v);
        break;
      case 'to':
        query.to.push(t.v);
        break;
      case 'person':
        (query.persons ??= []).push(t.v);
        break;
      case 'after':
        query.after = parseDate(t.v, t.pos, 'after');
        break;
      case 'before':
        query.before = parseDate(t.v, t.pos, 'before');
        break;
      case 'channel': {
        const c = t.v.toLowerCase() as Channel;
        if (!CHANNELS.includes(c)) throw syntax(`channel: must be one of ${CHANNELS.join(', ')}`, t.pos);
        query.channels.push(c);
        break;
      }
      case 'lang':
        if (!/^[a-z]{2,3}$/i.test(t.v)) throw syntax('lang: needs a language code like sr or nl', t.pos);
        query.langs.push(t.v.toLowerCase());
        break;
      case 'place': {
        // the gazetteer id: every spelling the extractor saw (Antwerpen, Anvers, Антверпен …) carries it;
        // a name it does not know is looked up as written (mentions are matched by value or raw text)
        const r = resolvePlace(t.v);
        query.entities.push(r ? { type: r.kind, value: r.id } : { type: 'place', value: t.v });
        break;
      }
      case 'tag': {
        let key: string;
        try {
          key = normaliseTag(t.v).key;
        } catch (e) {
          throw syntax(`tag: ${(e as Error).message}`, t.pos);
        }
        (query.tags ??= []).push(key);
        break;
      }
      case 'note': {
        const words = indexTokens(t.v, 'folded');
        if (words.length === 0) throw syntax('note: needs a word to look for in the notes', t.pos);
        (query.noteWords ??= []).push(...words);
        break;
      }
      case 'ocr': {
        const words = indexTokens(t.v, 'folded');
        if (words.length === 0) throw syntax('ocr: needs a word to look for in the text recognised in images', t.pos);
        (query.ocrWords ??= []).push(...words);
        break;
      }
      case 'entity': {
        const eq = t.v.indexOf('=');
        const type = (eq === -1 ? t.v : t.v.slice(0, eq)).toLowerCase();
        if (!/^[a-z_]{2,32}$/.test(type)) throw syntax('entity: needs a type like iban or entity:iban=VALUE', t.pos);
        query.entities.push(eq === -1 ? { type } : { type, value: t.v.slice(eq + 1) });
        break;
      }
    }
  }
  if (query.after !== undefined && query.before !== undefined && query.after >= query.before)
    throw new ClewError('QUERY_SYNTAX', 'after: must be earlier than before:');

  let p = 0;
  let terms = 0;
  const peek = () => textToks[p];
  const leaf = (tok: Tok): TextNode | null => {
    if (tok.t === 'word') {
      const prefix = tok.v.endsWith('*');
      const raw = prefix ? tok.v.replace(/\*+$/, '') : tok.v;
      const tokens = indexTokens(raw, mode);
      if (tokens.length === 0) return null; // punctuation only: nothing to search for
      if (++terms > MAX_TERMS) throw syntax(`more than ${MAX_TERMS} search terms`, tok.pos);
      if (tokens.length !== 1) return phraseNode(raw, tokens);
      const term: TextNode = { kind: 'term', raw, tokens, prefix };
      const alternatives = wordAlternatives(tokens[0]!, prefix, caseLangs, allLangs);
      if (alternatives.length > 0) term.alternatives = [...alternatives];
      return term;
    }
    if (tok.t === 'phrase') {
      const tokens = indexTokens(tok.v, mode);
      if (tokens.length === 0) throw syntax('empty phrase', tok.pos);
      if (++terms > MAX_TERMS) throw syntax(`more than ${MAX_TERMS} search terms`, tok.pos);
      return phraseNode(tok.v, tokens);
    }
    return null;
  };
  const phraseNode = (raw: string, tokens: string[]): TextNode => {
    const node: TextNode = { kind: 'phrase', raw, tokens };
    const stemPhrases = phraseAlternatives(raw, tokens, caseLangs); // caseLangs is empty in exact mode
    if (stemPhrases.length > 0) node.stemPhrases = stemPhrases.map((p) => [...p]);
    return node;
  };

  const parseOr = (): TextNode | null => {
    const items: TextNode[] = [];
    const first = parseAnd();
    if (first) items.push(first);
    while (peek()?.t === 'or') {
      const op = textToks[p++]!;
      const next = parseAnd();
      if (!next || items.length === 0) throw syntax('OR needs a term on both sides', op.pos);
      items.push(next);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'or', children: items };
  };
  const parseAnd = (): TextNode | null => {
    const items: TextNode[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.t === 'or' || t.t === 'rp') break;
      if (t.t === 'and') {
        p++;
        const n = peek();
        if (items.length === 0 || !n || n.t === 'or' || n.t === 'rp' || n.t === 'and') throw syntax('AND needs a term on both sides', t.pos);
        continue;
      }
      const u = parseUnary();
      if (u) items.push(u);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'and', children: items };
  };
  const parseUnary = (): TextNode | null => {
    const t = textToks[p++]!;
    if (t.t === 'not' || t.t === 'minus') {
      const n = peek();
      if (!n || n.t === 'or' || n.t === 'rp' || n.t === 'and') throw syntax('NOT needs a term after it', t.pos);
      const child = parseUnary();
      return child ? { kind: 'not', child } : null;
    }
    if (t.t === 'lp') {
      const inner = parseOr();
      const close = textToks[p++];
      if (!close || close.t !== 'rp') throw syntax('unbalanced parenthesis', t.pos);
      return inner;
    }
    if (t.t === 'rp') throw syntax('unbalanced parenthesis', t.pos);
    return leaf(t);
  };

  const text = parseOr();
  if (p < textToks.length) throw syntax('unbalanced parenthesis', textToks[p]!.pos);
  if (text && onlyNegative(text)) throw new ClewError('QUERY_SYNTAX', 'a query cannot only exclude words: add a word to look for, or a filter');
  query.text = text;
  if (!text && query.from.length + query.to.length + (query.persons?.length ?? 0) + query.channels.length + query.langs.length + query.entities.length + (query.tags?.length ?? 0) + (query.noteWords?.length ?? 0) + (query.ocrWords?.length ?? 0) === 0 && query.after === undefined && query.before === undefined)
    throw new ClewError('QUERY_SYNTAX', 'the query is empty');
  return query;
}

/** True when a node can match only by exclusion (NOT x, or an OR with a negative branch). */
function onlyNegative(n: TextNode): boolean {
  switch (n.kind) {
    case 'not':
      return true;
    case 'and':
      return n.children.every(onlyNegative);
    case 'or':
      return n.children.some(onlyNegative);
    default:
      return false;
  }
}
