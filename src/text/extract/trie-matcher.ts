/**
 * Token-trie matcher over normalised (folded) text.
 *
 * Terms and text are compared as sequences of tokens (maximal runs of letters, digits and
 * combining marks) in the folded form produced by the normaliser, so case, diacritics and
 * script (Serbian Cyrillic → Latin) do not matter. Hits are mapped back to UTF-16 offsets of
 * the original text through the normaliser's offset map.
 *
 * Inflection: an entry added with `inflect` also matches a token that is the entry token's
 * stem (the token, minus one final vowel) followed by one of the common inflectional endings
 * of the case languages (Serbian/Croatian cases, Albanian and Turkish suffixes, plural -s/-es/-en).
 * "kokain" matches "kokaina", "kokainom"; "Beograd" matches "Beogradu"; "Rijeka" matches "Rijeku".
 * Stems shorter than `minStem` (default 4) are never inflected, to keep precision.
 *
 * Matching is leftmost-longest and non-overlapping; every token is examined once per start and
 * entries are at most MAX_TOKENS tokens long, so the cost is linear in the text length.
 */

import { toOriginalSpan, type NormalisedText } from '../normalise/normalise.js';

/** Folded text and, for each folded UTF-16 unit, the offset of the original cluster it came from. */
export type FoldedText = NormalisedText;

export interface Token {
  /** Folded-text offsets [start, end). */
  start: number;
  end: number;
  text: string;
}

export interface TrieHit<T> {
  /** Original-text offsets [start, end). */
  start: number;
  end: number;
  /** Token indices [tokenStart, tokenEnd) in the folded token list. */
  tokenStart: number;
  tokenEnd: number;
  data: T;
  /** True when every token matched exactly (no inflection). */
  exact: boolean;
}

export interface AddOptions {
  inflect?: boolean;
  minStem?: number;
}

const SLAVIC = [
  // Serbian / Croatian / Bosnian / Montenegrin noun and adjective case endings
  'a', 'e', 'i', 'u', 'o', 'om', 'em', 'im', 'ih', 'og', 'oj', 'ju', 'ji', 'ama', 'ima',
  'ov', 'ova', 'ove', 'ovi', 'ovu', 'ovima', 'ovom', 'evi', 'eva', 'eve', 'evima', 'ovo',
];
// Albanian (after folding ë → e)
const ALBANIAN = ['es', 'en', 'in', 'it', 'ut', 'un', 'ja', 'ne', 've', 'se', 'ise'];
// Turkish (after folding ı → i, ü → u); proper nouns take them after an apostrophe instead
const TURKISH = ['ler', 'lar', 'leri', 'lari', 'de', 'da', 'den', 'dan', 'te', 'ta', 'ye', 'ya', 'yi', 'yu', 'le', 'la'];

/** Endings (folded form) accepted after a stem, for common nouns: all case languages plus plural -s. */
export const ENDINGS: ReadonlySet<string> = new Set([...SLAVIC, ...ALBANIAN, ...TURKISH, 's']);
/** Endings for proper nouns (places): Slavic and Albanian cases only. */
export const PROPER_NOUN_ENDINGS: ReadonlySet<string> = new Set([...SLAVIC, ...ALBANIAN]);
const MAX_ENDING = 5;
/** Arabic proclitics tried when an Arabic token does not match as written (folded forms). */
const AR_PREFIXES = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ب', 'ل', 'ف'];
export const MAX_TOKENS = 8;

const TOKEN_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
/** Allowed gap between consecutive tokens of one multi-token entry (folded text). */
const GAP_RE = /^[\s\-_'’]{1,3}$/u;

/** 1 for BMP code units that are letters, digits or combining marks (\p{L}\p{N}\p{M}); built on first use. */
let WORD_CHAR: Uint8Array | undefined;
function wordCharTable(): Uint8Array {
  if (WORD_CHAR) return WORD_CHAR;
  const t = new Uint8Array(0x10000);
  const re = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 128) t[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
    else if (re.test(String.fromCharCode(c))) t[c] = 1;
  }
  WORD_CHAR = t;
  return t;
}

/** Word tokens: maximal runs of letters, digits and marks (astral letters count as word characters). */
export function tokenize(folded: string): Token[] {
  const table = wordCharTable();
  const out: Token[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (!isWordUnit(table, folded, c, i)) {
      i++;
      continue;
    }
    const start = i;
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    while (i < n) {
      const d = folded.charCodeAt(i);
      if (!isWordUnit(table, folded, d, i)) break;
      i += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
    }
    if (i > n) i = n;
    out.push({ start, end: i, text: folded.slice(start, i) });
  }
  return out;
}

function isWordUnit(table: Uint8Array, s: string, c: number, i: number): boolean {
  if (c < 0xd800 || c > 0xdfff) return table[c] === 1;
  if (c > 0xdbff) return false; // lone low surrogate
  const cp = s.codePointAt(i) as number;
  return cp > 0xffff && TOKEN_CHAR_RE.test(String.fromCodePoint(cp));
}

interface Node<T> {
  /** Exact token edges, and stem edges under the key `~stem`. */
  next: Map<string, Node<T>>;
  data: T[];
  hasStems: boolean;
}

/** One edge taken by a token: the node reached, and 1 when the token matched exactly. */
interface Step<T> {
  node: Node<T>;
  exact: number;
}
const NO_STEPS: readonly Step<never>[] = Object.freeze([]);
/** Token forms memoised per trie (cleared when full, and when an entry is added). */
const ROOT_CACHE_SIZE = 50_000;

function newNode<T>(): Node<T> {
  return { next: new Map(), data: [], hasStems: false };
}

function stemOf(token: string): string {
  return /[aeiou]$/.test(token) ? token.slice(0, -1) : token;
}

/** Map a folded span back to the original text. */
export function toOriginal(folded: FoldedText, original: string, fStart: number, fEnd: number): [number, number] {
  return toOriginalSpan(original, folded.map, fStart, fEnd);
}

export class TokenTrie<T> {
  private readonly root: Node<T> = newNode<T>();
  private readonly rootCache = new Map<string, readonly Step<T>[]>();
  private size = 0;
  private readonly endings: ReadonlySet<string>;

  constructor(opts: { endings?: ReadonlySet<string> } = {}) {
    this.endings = opts.endings ?? ENDINGS;
  }

  get entries(): number {
    return this.size;
  }

  /**
   * Add a term, given as folded text (pass it through the same normaliser as the text).
   * Returns false when the term has no tokens or too many.
   */
  add(foldedTerm: string, data: T, opts: AddOptions = {}): boolean {
    const tokens = tokenize(foldedTerm).map((t) => t.text);
    if (tokens.length === 0 || tokens.length > MAX_TOKENS) return false;
    const minStem = opts.minStem ?? 4;
    this.rootCache.clear();
    // Exact path.
    let node = this.root;
    for (const tok of tokens) node = child(node, tok);
    node.data.push(data);
    // Inflected path: every token long enough is a stem edge.
    if (opts.inflect) {
      let inode = this.root;
      let any = false;
      for (const tok of tokens) {
        const stem = stemOf(tok);
        if (stem.length >= minStem) {
          inode = child(inode, `~${stem}`);
          any = true;
        } else {
          inode = child(inode, tok);
        }
      }
      if (any) inode.data.push(data);
    }
    this.size++;
    return true;
  }

  /**
   * All leftmost-longest, non-overlapping hits (at most `limit`). `accept` may veto a candidate (context
   * rules); the next-best candidate at the same start is then tried.
   */
  match(
    folded: FoldedText,
    original: string,
    accept?: (hit: TrieHit<T>, tokens: Token[]) => boolean,
    tokens: Token[] = tokenize(folded.text),
    limit = Infinity,
  ): TrieHit<T>[] {
    const out: TrieHit<T>[] = [];
    const text = folded.text;
    const cands: { end: number; exact: number; data: T[] }[] = [];
    let i = 0;
    while (i < tokens.length && out.length < limit) {
      cands.length = 0;
      this.walk(this.root, tokens, text, i, i, 0, cands);
      let taken = -1;
      if (cands.length > 0) {
        cands.sort((a, b) => b.end - a.end || b.exact - a.exact);
        outer: for (const c of cands) {
          for (const data of c.data) {
            const first = tokens[i] as Token;
            const last = tokens[c.end - 1] as Token;
            const [start, end] = toOriginal(folded, original, first.start, last.end);
            const hit: TrieHit<T> = {
              start,
              end,
              tokenStart: i,
              tokenEnd: c.end,
              data,
              exact: c.exact === c.end - i,
            };
            if (!accept || accept(hit, tokens)) {
              out.push(hit);
              taken = c.end;
              break outer;
            }
          }
        }
      }
      i = taken > i ? taken : i + 1;
    }
    return out;
  }

  private walk(
    node: Node<T>,
    tokens: Token[],
    text: string,
    start: number,
    at: number,
    exact: number,
    cands: { end: number; exact: number; data: T[] }[],
  ): void {
    if (at >= tokens.length || at - start >= MAX_TOKENS) return;
    const tok = tokens[at] as Token;
    if (at > start) {
      const prev = tokens[at - 1] as Token;
      if (!GAP_RE.test(text.slice(prev.end, tok.start))) return;
    }
    const steps = node === this.root ? this.rootSteps(tok.text) : this.steps(node, tok.text);
    for (const st of steps) this.visit(st.node, tokens, text, start, at, exact + st.exact, cands);
  }

  /** `steps` from the root, memoised per token (most tokens of a text lead nowhere; the trie is consulted once per word form). */
  private rootSteps(t: string): readonly Step<T>[] {
    let st = this.rootCache.get(t);
    if (st === undefined) {
      st = this.steps(this.root, t);
      if (this.rootCache.size >= ROOT_CACHE_SIZE) this.rootCache.clear();
      this.rootCache.set(t, st);
    }
    return st;
  }

  /** Children of `node` that token `t` leads to, in matching order: exact edge, inflected stems, Arabic proclitics. */
  private steps(node: Node<T>, t: string): readonly Step<T>[] {
    let out: Step<T>[] | undefined;
    const ex = node.next.get(t);
    if (ex) (out ??= []).push({ node: ex, exact: 1 });
    if (node.hasStems) {
      const maxK = Math.min(MAX_ENDING, t.length - 1);
      for (let k = 1; k <= maxK; k++) {
        if (!this.endings.has(t.slice(t.length - k))) continue;
        const st = node.next.get(`~${t.slice(0, t.length - k)}`);
        if (st) (out ??= []).push({ node: st, exact: 0 });
      }
    }
    // Arabic proclitics (article, conjunctions, prepositions) written joined to the word.
    const c0 = t.charCodeAt(0);
    if (c0 >= 0x0600 && c0 <= 0x06ff) {
      for (const p of AR_PREFIXES) {
        if (t.length - p.length < 2 || !t.startsWith(p)) continue;
        const n = node.next.get(t.slice(p.length));
        if (n) (out ??= []).push({ node: n, exact: 0 });
      }
    }
    return out ?? NO_STEPS;
  }

  private visit(
    node: Node<T>,
    tokens: Token[],
    text: string,
    start: number,
    at: number,
    exact: number,
    cands: { end: number; exact: number; data: T[] }[],
  ): void {
    if (node.data.length > 0) cands.push({ end: at + 1, exact, data: node.data });
    if (node.next.size > 0) this.walk(node, tokens, text, start, at + 1, exact, cands);
  }
}

function child<T>(node: Node<T>, key: string): Node<T> {
  let n = node.next.get(key);
  if (!n) {
    n = newNode<T>();
    node.next.set(key, n);
    if (key.startsWith('~')) node.hasStems = true;
  }
  return n;
}
