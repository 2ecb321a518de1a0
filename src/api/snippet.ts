/**
 * Snippets with highlight ranges mapped back to the original text. Highlights are offsets, never
 * markup: callers render them as text (message bodies are hostile).
 */
import { normaliseWithMap, toOriginalSpan } from '../text/normalise/normalise.js';
import type { TextNode } from '../text/query/ast.js';
import { isStemToken, stemmerTag, stemTokenTag, stemTokensFor } from '../text/stem/stem.js';

export interface Snippet {
  text: string;
  /** [start, end) offsets into `text`. */
  highlights: [number, number][];
  /** Whether text was cut at the start or the end. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * A positive leaf of the query: the token sequences any of which it matches (the last token a prefix when
 * `prefix`). `words`: when every sequence is one token and not a prefix (a word with its stems and
 * other-script spellings: 30 and more in a case of many languages), those tokens as a set, looked up once
 * per word of the body instead of compared one by one; `stemmed`: whether one of them is a stem token.
 */
interface Wanted {
  seqs: string[][];
  prefix: boolean;
  words: Set<string> | null;
  stemmed: boolean;
}

function terms(node: TextNode | null): Omit<Wanted, 'words' | 'stemmed'>[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
      return [{ seqs: [node.tokens, ...(node.alternatives ?? []).map((a) => [a])], prefix: node.prefix }];
    case 'phrase':
      return [{ seqs: [node.tokens, ...(node.stemPhrases ?? [])], prefix: false }];
    case 'and':
    case 'or':
      return node.children.flatMap(terms);
    case 'not':
      return [];
  }
}

/** A query as the highlighter reads it: its positive leaves, and the stemmer tags of its stem tokens. */
interface Compiled {
  wanted: Wanted[];
  /** The namespaces of the query's stem tokens: a body's words are stemmed in these languages only. */
  tags: Set<string>;
}

/**
 * Compiled queries by node: a search highlights every hit of its page (and the hits' translations and
 * images) with the same query object. The parsed query is not changed once made (parse.ts, codewords.ts).
 */
const compiledQueries = new WeakMap<TextNode, Compiled>();

function compile(query: TextNode): Compiled {
  let c = compiledQueries.get(query);
  if (c === undefined) {
    const tags = new Set<string>();
    const wanted = terms(query).map((w): Wanted => {
      let stemmed = false;
      for (const seq of w.seqs)
        for (const t of seq)
          if (isStemToken(t)) {
            stemmed = true;
            tags.add(stemTokenTag(t));
          }
      const single = !w.prefix && w.seqs.every((seq) => seq.length === 1);
      return { ...w, words: single ? new Set(w.seqs.map((seq) => seq[0]!)) : null, stemmed };
    });
    c = { wanted, tags };
    compiledQueries.set(query, c);
  }
  return c;
}

/**
 * The stem tokens of a body's word in `langs`, remembered across snippets: the pages of a search repeat their
 * words, and stemming a word in each language the query asks for costs more than the page's index work.
 * Bounded: forgotten wholesale when full.
 */
const MAX_REMEMBERED_STEMS = 50_000;
const rememberedStems = new Map<string, Map<string, string[]>>();
let rememberedCount = 0;
function bodyWordStems(word: string, langs: readonly string[], langsKey: string): string[] {
  let byWord = rememberedStems.get(langsKey);
  if (byWord === undefined) rememberedStems.set(langsKey, (byWord = new Map()));
  let st = byWord.get(word);
  if (st === undefined) {
    st = stemTokensFor(word, langs);
    if (rememberedCount >= MAX_REMEMBERED_STEMS) {
      for (const m of rememberedStems.values()) m.clear();
      rememberedCount = 0;
    }
    byWord.set(word, st);
    rememberedCount++;
  }
  return st;
}

/** Words of a body looked at for their stems (beyond: their folded form only): bounded work on a huge body. */
const MAX_STEMMED_WORDS = 20_000;

/**
 * Highlight ranges in `body` (original offsets) for the positive terms of a folded query. `langs`: the
 * languages whose stem tokens a term's alternatives may hold for this body (the message's own language:
 * kafa highlights kafu in a Serbian message). A body's words are stemmed only in those of `langs` whose
 * stemmer made one of the query's stem tokens.
 */
export function highlightRanges(body: string, query: TextNode | null, langs: readonly string[] = []): [number, number][] {
  if (!query) return [];
  const { wanted, tags } = compile(query);
  if (wanted.length === 0) return [];
  const stemLangs = tags.size === 0 ? [] : langs.filter((l) => tags.has(stemmerTag(l) ?? ''));
  const { text, map } = normaliseWithMap(body);
  const toks: { t: string; s: number; e: number; stems?: string[] }[] = [];
  const langsKey = stemLangs.join(',');
  const re = /[\p{L}\p{M}\p{N}]+/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) toks.push({ t: m[0], s: m.index, e: m.index + m[0].length });
  const stems = (i: number): string[] => {
    const k = toks[i]!;
    if (k.stems === undefined) k.stems = stemLangs.length > 0 && i < MAX_STEMMED_WORDS ? bodyWordStems(k.t, stemLangs, langsKey) : [];
    return k.stems;
  };
  const out: [number, number][] = [];
  for (let i = 0; i < toks.length; i++) {
    for (const w of wanted) {
      if (w.words !== null) {
        // one token per alternative: the word itself, or one of its stems (a body's word is never a stem token)
        if (w.words.has(toks[i]!.t) || (w.stemmed && stems(i).some((s) => w.words!.has(s)))) out.push(toOriginalSpan(body, map, toks[i]!.s, toks[i]!.e));
        continue;
      }
      for (const seq of w.seqs) {
        const n = seq.length;
        if (n === 0 || i + n > toks.length) continue;
        let ok = true;
        for (let j = 0; j < n && ok; j++) {
          const tok = toks[i + j]!.t;
          const want = seq[j]!;
          ok = w.prefix && j === n - 1
            ? tok.startsWith(want) || (isStemToken(want) && stems(i + j).some((s) => s.startsWith(want)))
            : tok === want || (isStemToken(want) && stems(i + j).includes(want));
        }
        if (ok) {
          out.push(toOriginalSpan(body, map, toks[i]!.s, toks[i + n - 1]!.e));
          break;
        }
      }
    }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export function makeSnippet(body: string, query: TextNode | null, width = 200, langs: readonly string[] = []): Snippet {
  const all = highlightRanges(body, query, langs);
  if (body.length <= width) return { text: body, highlights: all, clippedStart: false, clippedEnd: false };
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  // do not cut a surrogate pair
  if (start > 0 && /[\uDC00-\uDFFF]/.test(body[start]!)) start--;
  let end = Math.min(body.length, start + width);
  if (end < body.length && /[\uD800-\uDBFF]/.test(body[end - 1]!)) end--;
  const highlights = all
    .filter(([s, e]) => s < end && e > start)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return { text: body.slice(start, end), highlights, clippedStart: start > 0, clippedEnd: end < body.length };
}
