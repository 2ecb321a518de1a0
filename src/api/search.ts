/** Full-text search over a case: the typed API the CLI and the server call. */
import type { SearchMode, SearchQuery, TextNode } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import { planCodewords } from '../text/query/codewords.js';
import type { AccountView, AnnotationPort, EntityPort, IdentityPort, LanguageCount, OcrPort, SearchPort, StoredTranslation, TranslationPort } from '../store/types.js';
import { annotationsOf, type ItemAnnotations } from './annotations.js';
import { KEPT, kept } from './kept.js';
import { expectOne } from '../identity/resolve-ref.js';
import { refIndex, resolveSubjects } from './resolve.js';
import { withLabels } from './thread.js';
import { highlightRanges, makeSnippet, type Snippet } from './snippet.js';
import { ClewError } from '../model/errors.js';

/** What a machine translation is shown as, everywhere (api/translate.ts says the same). */
export function translationLabel(t: { pair: string; version: string }): string {
  return `machine translation (Apertium ${t.pair}, ${t.version})`;
}

export interface SearchRequest {
  query: string;
  mode?: SearchMode;
  limit?: number;
  cursor?: number;
  /** Count the matches up to this many (first page, folded mode); see SearchResult.total. */
  count?: number;
  /** Give each hit its whole body (exports); the snippet alone otherwise. */
  withBody?: boolean;
  /**
   * Also search the messages' stored machine translations (issue 23 part 2; folded mode): `cocaine` finds
   * the Serbian message whose translation says cocaine. Each hit then carries its translation beside the
   * original (SearchResultHit.translation). Default false: the originals only.
   */
  translated?: boolean;
}

/** The language translations are searched and shown in. */
export const SEARCH_TRANSLATION_TARGET = 'en';

export interface SearchResultHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  conversationTitle: string | null;
  snippet: Snippet;
  /** The whole body, when asked for (SearchRequest.withBody). */
  body?: string;
  /**
   * Why the hit matched besides the words typed: the lexicon code words it holds whose meaning the query
   * asked for (`cocaine` finds "kafa" once kafa means cocaine). Absent when none.
   */
  via?: { codeword: string; means: string }[];
  /** The analyst's tags, notes and star on the message (api/annotations.ts); absent when it has none. */
  annotations?: ItemAnnotations;
  /**
   * A search with translations: the words matched the message's stored machine translation, not its original
   * (the original is still what `snippet` shows; the translation is beside it). Absent otherwise.
   */
  viaTranslation?: true;
  /**
   * A search with translations: the message's newest stored translation into English, as a snippet with the
   * words highlighted, labelled `machine translation (Apertium PAIR, VERSION)`. Absent when it has none.
   */
  translation?: { snippet: Snippet; label: string; pair: string; version: string; at: number };
  /**
   * The text recognised in the message's images (clew ocr), each as a snippet with the query's words (and
   * the ocr: filter's) highlighted, with the image's attachment id and file name. Absent when none was read.
   */
  images?: { attachmentId: number; filename: string; snippet: Snippet; confidence: number | null }[];
}

export interface SearchResult {
  query: SearchQuery;
  hits: SearchResultHit[];
  nextCursor: number | null;
  notes: string[];
  /** Matches counted up to the cap asked for; absent when not asked, on later pages and in exact mode. */
  total?: { count: number; capped: boolean };
  elapsedMs: number;
}

export const MAX_PAGE = 500;
/** The most matches a search counts before it says "more than". */
export const MAX_COUNT = 10_000;

/**
 * The `from:`, `to:` and `person:` terms through the one name resolver (src/api/resolve.ts): each
 * becomes the references of the accounts it names (a person: all its accounts). A term naming
 * several accounts or persons is AMBIGUOUS_REF with the candidates (never searched as their sum);
 * a term naming nothing stays as written, and the store notes that it matches no account.
 */
export async function resolveFilters(store: IdentityPort, query: SearchQuery): Promise<SearchQuery> {
  if (query.from.length === 0 && query.to.length === 0 && !query.persons?.length) return query;
  const index = await refIndex(store);
  const refs = async (terms: string[], person: boolean): Promise<{ refs: string[]; missing: string[] }> => {
    const out: string[] = [];
    const missing: string[] = [];
    for (const t of terms) {
      const found = await resolveSubjects(store, person ? `person:${t.replace(/^person:/, '')}` : t, index);
      if (found.length === 0) missing.push(t);
      else {
        const one = expectOne(t, found);
        out.push(...(one.kind === 'person' ? one.person.accounts : [one.account]).map((a) => a.ref));
      }
    }
    return { refs: out, missing };
  };
  const from = await refs(query.from, false);
  const to = await refs(query.to, false);
  const persons = await refs(query.persons ?? [], true);
  return {
    ...query,
    from: [...from.refs, ...persons.refs, ...from.missing],
    to: [...to.refs, ...to.missing],
    ...(query.persons ? { persons: persons.missing } : {}),
  };
}

/** What a search reads: the store's search, its languages, the analyst's lexicon (code words by meaning) and the names (from:, to:, person:). */
export type SearchStore = SearchPort &
  Pick<EntityPort, 'lexicon'> &
  IdentityPort &
  Pick<AnnotationPort, 'annotationsOf'> &
  Partial<Pick<TranslationPort, 'translationsOf'>> &
  Partial<Pick<OcrPort, 'ocrOfMessages'>>;

export async function search(store: SearchStore, req: SearchRequest): Promise<SearchResult> {
  const t0 = performance.now();
  // the case's languages: a word also matches its inflected forms in each (parse.ts, stem.ts);
  // they and the lexicon change with the case only: a server keeps them between requests (kept.ts)
  const caseLangs = caseLanguages(await kept(store, KEPT.languages, () => store.languages()));
  const translated = req.translated === true;
  if (translated && !store.translationsOf) throw new ClewError('INTERNAL', 'this store holds no translations');
  // with translations: a word also matches its English inflections (the translations are indexed by their stems)
  const langs = translated && !caseLangs.includes(SEARCH_TRANSLATION_TARGET) ? [...caseLangs, SEARCH_TRANSLATION_TARGET] : caseLangs;
  const mode = req.mode ?? 'folded';
  const lexicon = await kept(store, KEPT.lexicon, () => store.lexicon());
  const planned = planCodewords(parseQuery(req.query, mode, { langs }), lexicon, langs);
  const query = translated ? { ...planned.query, translated: true } : planned.query;
  const limit = Math.min(Math.max(1, req.limit ?? 20), MAX_PAGE);
  const page = await store.search(await resolveFilters(store, query), { limit, cursor: req.cursor, count: req.count === undefined ? undefined : Math.min(Math.max(1, req.count), MAX_COUNT) });
  // highlights come from the folded form whatever the mode (exact mode only narrows the hits)
  const folded = mode === 'folded' ? planned : planCodewords(parseQuery(req.query, 'folded', { langs }), lexicon, langs);
  const highlightQuery = folded.query.text;
  const expansions = folded.expansions;
  // senders carry their best name (display name, else the name most phones saved, else the handle)
  const senders = await withLabels(store, page.hits.map((h) => h.sender));
  const notes = await annotationsOf(store, page.hits.map((h) => ({ type: 'message' as const, key: String(h.id) })));
  const translations = new Map<number, StoredTranslation>();
  if (translated && page.hits.length > 0)
    for (const t of await store.translationsOf!(page.hits.map((h) => h.id), SEARCH_TRANSLATION_TARGET))
      if (t.failure === null && t.text !== '' && !translations.has(t.messageId)) translations.set(t.messageId, t); // newest first
  // the text read in the hits' images, its words highlighted (the query's, and those of its ocr: filters)
  const images = new Map<number, NonNullable<SearchResultHit['images']>>();
  if (store.ocrOfMessages && page.hits.length > 0) {
    const ocrWords: TextNode[] = (query.ocrWords ?? []).map((w) => ({ kind: 'term', raw: w, tokens: [w], prefix: false }));
    const lit: TextNode | null = ocrWords.length === 0 ? highlightQuery : { kind: 'or', children: [...(highlightQuery ? [highlightQuery] : []), ...ocrWords] };
    for (const r of await store.ocrOfMessages(page.hits.map((h) => h.id))) {
      if (r.ocr.failure !== null || r.ocr.text.trim() === '') continue;
      const list = images.get(r.messageId) ?? [];
      list.push({ attachmentId: r.ocr.attachmentId, filename: r.filename, snippet: makeSnippet(r.ocr.text, lit, 200, langs), confidence: r.ocr.confidence });
      images.set(r.messageId, list);
    }
  }
  const shown = (t: StoredTranslation): SearchResultHit['translation'] => ({
    snippet: makeSnippet(t.text, highlightQuery, 200, [SEARCH_TRANSLATION_TARGET]),
    label: translationLabel(t),
    pair: t.pair,
    version: t.version,
    at: t.at,
  });
  return {
    query,
    hits: page.hits.map((h, i) => {
      // the body's words stemmed in the message's own language, as the index stemmed them (not in all of the case's)
      const own = h.lang ? [h.lang] : [];
      const via = expansions.filter((x) => highlightRanges(h.body, x.node, own).length > 0).map((x) => ({ codeword: x.codeword, means: x.means }));
      return {
        id: h.id,
        ts: h.ts,
        sender: senders[i]!,
        conversationId: h.conversationId,
        conversationTitle: h.conversationTitle ?? null,
        snippet: makeSnippet(h.body, highlightQuery, 200, own),
        ...(req.withBody ? { body: h.body } : {}),
        ...(via.length > 0 ? { via } : {}),
        ...(notes.has(`message:${h.id}`) ? { annotations: notes.get(`message:${h.id}`)! } : {}),
        ...(h.viaTranslation ? { viaTranslation: true as const } : {}),
        ...(translations.has(h.id) ? { translation: shown(translations.get(h.id)!) } : {}),
        ...(images.has(h.id) ? { images: images.get(h.id)! } : {}),
      };
    }),
    nextCursor: page.nextCursor,
    notes: page.notes,
    ...(page.total ? { total: page.total } : {}),
    elapsedMs: performance.now() - t0,
  };
}

/** The detected languages of a case's messages (unknown left out). */
export function caseLanguages(counts: readonly LanguageCount[]): string[] {
  return counts.flatMap((c) => (c.lang === null ? [] : [c.lang]));
}
