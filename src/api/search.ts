/** Full-text search over a case: the typed API the CLI and the server call. */
import type { SearchMode, SearchQuery } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import { planCodewords } from '../text/query/codewords.js';
import type { AccountView, AnnotationPort, EntityPort, IdentityPort, LanguageCount, SearchPort } from '../store/types.js';
import { annotationsOf, type ItemAnnotations } from './annotations.js';
import { expectOne } from '../identity/resolve-ref.js';
import { refIndex, resolveSubjects } from './resolve.js';
import { withLabels } from './thread.js';
import { highlightRanges, makeSnippet, type Snippet } from './snippet.js';

export interface SearchRequest {
  query: string;
  mode?: SearchMode;
  limit?: number;
  cursor?: number;
  /** Count the matches up to this many (first page, folded mode); see SearchResult.total. */
  count?: number;
  /** Give each hit its whole body (exports); the snippet alone otherwise. */
  withBody?: boolean;
}

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
export type SearchStore = SearchPort & Pick<EntityPort, 'lexicon'> & IdentityPort & Pick<AnnotationPort, 'annotationsOf'>;

export async function search(store: SearchStore, req: SearchRequest): Promise<SearchResult> {
  const t0 = performance.now();
  // the case's languages: a word also matches its inflected forms in each (parse.ts, stem.ts)
  const langs = caseLanguages(await store.languages());
  const mode = req.mode ?? 'folded';
  const lexicon = await store.lexicon();
  const planned = planCodewords(parseQuery(req.query, mode, { langs }), lexicon, langs);
  const query = planned.query;
  const limit = Math.min(Math.max(1, req.limit ?? 20), MAX_PAGE);
  const page = await store.search(await resolveFilters(store, query), { limit, cursor: req.cursor, count: req.count === undefined ? undefined : Math.min(Math.max(1, req.count), MAX_COUNT) });
  // highlights come from the folded form whatever the mode (exact mode only narrows the hits)
  const folded = mode === 'folded' ? planned : planCodewords(parseQuery(req.query, 'folded', { langs }), lexicon, langs);
  const highlightQuery = folded.query.text;
  const expansions = folded.expansions;
  // senders carry their best name (display name, else the name most phones saved, else the handle)
  const senders = await withLabels(store, page.hits.map((h) => h.sender));
  const notes = await annotationsOf(store, page.hits.map((h) => ({ type: 'message' as const, key: String(h.id) })));
  return {
    query,
    hits: page.hits.map((h, i) => {
      const via = expansions.filter((x) => highlightRanges(h.body, x.node, langs).length > 0).map((x) => ({ codeword: x.codeword, means: x.means }));
      return {
        id: h.id,
        ts: h.ts,
        sender: senders[i]!,
        conversationId: h.conversationId,
        conversationTitle: h.conversationTitle ?? null,
        snippet: makeSnippet(h.body, highlightQuery, 200, langs),
        ...(req.withBody ? { body: h.body } : {}),
        ...(via.length > 0 ? { via } : {}),
        ...(notes.has(`message:${h.id}`) ? { annotations: notes.get(`message:${h.id}`)! } : {}),
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
