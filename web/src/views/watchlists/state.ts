/**
 * The Watchlists view's state, kept in the URL: the watchlist shown (`list`) and whether
 * selectors that match nothing are listed too (`all`).
 */
import { href } from '../../lib/router';

export interface WatchState {
  list: string | null;
  all: boolean;
}

export function readState(params: URLSearchParams): WatchState {
  const list = params.get('list');
  return { list: list && list.length <= 200 ? list : null, all: params.get('all') === '1' };
}

export function stateHref(s: WatchState): string {
  return href('/watchlists', { list: s.list, all: s.all ? '1' : undefined });
}

/** A watchlist name from an uploaded file's name (the extension dropped). */
export function nameFromFile(file: string): string {
  return file.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 200) || 'watchlist';
}
