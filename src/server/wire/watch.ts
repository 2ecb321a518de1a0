// Wire types of the watchlist and saved-search endpoints (see ../wire.ts). Selectors, notes and
// account names come from other cases and seized phones: render them as text only.
import type { SavedSearchReport, SavedSearchRefresh } from '../../api/saved-search.js';
import type { AddWatchlistResult, WatchRow, WatchScope } from '../../api/watch.js';
import type { WatchlistSummary } from '../../api/types.js';

export type { SavedSearchReport as WireSavedSearch, SavedSearchRefresh as WireSavedSearchRefresh, WatchRow as WireWatchRow, WatchlistSummary as WireWatchlist };

/** GET /api/watch : the stored watchlists and the saved searches with the new hits of their last run. */
export interface WatchOverviewResponse {
  watchlists: WatchlistSummary[];
  savedSearches: SavedSearchReport[];
  /** New hits over every saved search (the workspace's badge). */
  newHits: number;
  /** Where watchlists run: this case (team mode does not exist yet). */
  scope: WatchScope;
}

/** POST /api/watch/lists?name= (the list file as the body): stored, with the lines it refused. */
export type WatchlistAddResponse = AddWatchlistResult;

/** GET /api/watch/lists/<name>/run?all=1 : the matches, one row per selector (matching ones only unless all). */
export interface WatchRunResponse {
  watchlist: WatchlistSummary;
  scope: WatchScope;
  rows: WatchRow[];
  /** Rows left out (beyond the cap, or matching nothing when `all` was not asked). */
  omitted: number;
  matched: number;
  selectors: number;
  elapsedMs: number;
}

/** GET /api/watch/lists/<name>/csv : the whole result as CSV text (one line per selector; api/csv.ts rules, byte-order mark first). */
export interface WatchCsvResponse {
  filename: string;
  csv: string;
}

/** POST /api/watch/searches {name, query, mode?, scope?}: saved and run once (the baseline). */
export type SavedSearchSaveResponse = SavedSearchReport;

/** DELETE /api/watch/lists/<name>, /api/watch/searches/<name>. */
export interface WatchRemoveResponse {
  removed: string;
}
