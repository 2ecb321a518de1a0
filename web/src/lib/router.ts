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

/**
 * Team mode: the case the workspace shows is in the URL, `/cases/CASE/…` before every app path
 * (a link can be shared, a reload stays on the case). Views keep writing `/search`; the router
 * adds and strips the prefix. Empty for `clew serve` (one case).
 */
let base = '';

export function setBasePath(b: string): void {
  base = b;
}

/** The app path `to` as the browser's address: under the current case's prefix. */
export function withBase(to: string): string {
  if (base === '' || !to.startsWith('/') || to === base || to.startsWith(`${base}/`) || to.startsWith(`${base}?`)) return to;
  return base + to;
}

/** The case a team-mode address names (`/cases/CASE/…`), or null. */
export function caseInPath(pathname: string): string | null {
  const m = /^\/cases\/([^/]+)(?:\/|$)/.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const u = new URL(href, window.location.origin);
  const path = base !== '' && (u.pathname === base || u.pathname.startsWith(`${base}/`)) ? u.pathname.slice(base.length) || '/' : u.pathname;
  return { path, params: u.searchParams };
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const to = withBase(path);
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
