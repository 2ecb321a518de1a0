// Wire types of the watchlist and saved-search endpoints, derived from the contract (contract/views.ts).
// Selectors, notes and account names come from other cases and seized phones: render them as text only.
import type { z } from 'zod';
import type { SavedSearchRefresh } from '../../api/saved-search.js';
import type { ResponseOf } from '../endpoint.js';
import type { savedSearchRemove, savedSearchSave, watchlistRemove, watchCsv, watchlistAdd, watchOverview, watchRun, wireSavedSearch, wireWatchlist, wireWatchRow } from '../contract/views.js';

export type { SavedSearchRefresh as WireSavedSearchRefresh };
export type WireSavedSearch = z.output<typeof wireSavedSearch>;
export type WireWatchRow = z.output<typeof wireWatchRow>;
export type WireWatchlist = z.output<typeof wireWatchlist>;
export type WatchOverviewResponse = ResponseOf<typeof watchOverview>;
export type WatchlistAddResponse = ResponseOf<typeof watchlistAdd>;
export type WatchRunResponse = ResponseOf<typeof watchRun>;
export type WatchCsvResponse = ResponseOf<typeof watchCsv>;
export type SavedSearchSaveResponse = ResponseOf<typeof savedSearchSave>;
export type WatchRemoveResponse = ResponseOf<typeof watchlistRemove | typeof savedSearchRemove>;
