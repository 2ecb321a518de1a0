/**
 * A tiny history router: view state lives in the URL (shareable, back/forward work), never in
 * the data. `useRoute()` re-renders on navigation; `navigate()` pushes or replaces.
 */
import { useSyncExternalStore } from 'react';

const EVENT = 'clew:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const u = new URL(href, window.location.origin);
  return { path: u.pathname, params: u.searchParams };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

/** Build `path?k=v` leaving out empty values. */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  return qs.size ? `${path}?${qs}` : path;
}

/**
 * A search filter term (`from:REF`, `entity:TYPE=VALUE`) for a value from the data, quoted and
 * escaped so the query parser reads back exactly that value (the parser's own formatter).
 */
export { filterTerm } from '../../../src/text/query/quote.js';

/** The Search view for a query (folded matching). */
export function searchHref(q: string): string {
  return href('/search', { q });
}
