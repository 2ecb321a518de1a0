/** Full-text search over a case: the typed API the CLI and the server call. */
import type { SearchMode, SearchQuery } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import type { AccountView, SearchPort } from '../store/types.js';
import { makeSnippet, type Snippet } from './snippet.js';

export interface SearchRequest {
  query: string;
  mode?: SearchMode;
  limit?: number;
  cursor?: number;
  /** Count the matches up to this many (first page, folded mode); see SearchResult.total. */
  count?: number;
}

export interface SearchResultHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  conversationTitle: string | null;
  snippet: Snippet;
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

export async function search(store: SearchPort, req: SearchRequest): Promise<SearchResult> {
  const t0 = performance.now();
  const query = parseQuery(req.query, req.mode ?? 'folded');
  const limit = Math.min(Math.max(1, req.limit ?? 20), MAX_PAGE);
  const page = await store.search(query, { limit, cursor: req.cursor, count: req.count === undefined ? undefined : Math.min(Math.max(1, req.count), MAX_COUNT) });
  // highlights come from the folded form whatever the mode (exact mode only narrows the hits)
  const highlightQuery = query.mode === 'folded' ? query.text : parseQuery(req.query, 'folded').text;
  return {
    query,
    hits: page.hits.map((h) => ({
      id: h.id,
      ts: h.ts,
      sender: h.sender,
      conversationId: h.conversationId,
      conversationTitle: h.conversationTitle ?? null,
      snippet: makeSnippet(h.body, highlightQuery),
    })),
    nextCursor: page.nextCursor,
    notes: page.notes,
    ...(page.total ? { total: page.total } : {}),
    elapsedMs: performance.now() - t0,
  };
}
