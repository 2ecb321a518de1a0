/** Full-text search over a case: the typed API the CLI and the server call. */
import type { SearchMode, SearchQuery } from '../text/query/ast.js';
import { parseQuery } from '../text/query/parse.js';
import type { AccountView, CaseStore } from '../store/types.js';
import { makeSnippet, type Snippet } from './snippet.js';

export interface SearchRequest {
  query: string;
  mode?: SearchMode;
  limit?: number;
  cursor?: number;
}

export interface SearchResultHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  snippet: Snippet;
}

export interface SearchResult {
  query: SearchQuery;
  hits: SearchResultHit[];
  nextCursor: number | null;
  notes: string[];
  elapsedMs: number;
}

export const MAX_PAGE = 500;

export function search(store: CaseStore, req: SearchRequest): SearchResult {
  const t0 = performance.now();
  const query = parseQuery(req.query, req.mode ?? 'folded');
  const limit = Math.min(Math.max(1, req.limit ?? 20), MAX_PAGE);
  const page = store.search(query, { limit, cursor: req.cursor });
  // highlights come from the folded form whatever the mode (exact mode only narrows the hits)
  const highlightQuery = query.mode === 'folded' ? query.text : parseQuery(req.query, 'folded').text;
  return {
    query,
    hits: page.hits.map((h) => ({ id: h.id, ts: h.ts, sender: h.sender, conversationId: h.conversationId, snippet: makeSnippet(h.body, highlightQuery) })),
    nextCursor: page.nextCursor,
    notes: page.notes,
    elapsedMs: performance.now() - t0,
  };
}
