/** The view types of the typed API (re-exported so entry points need not reach into the store). */
export type {
  AccountView,
  AnnotationEvent,
  ItemKey,
  CaseStats,
  CaseStore,
  EntityRow,
  MessageView,
  ProvenanceView,
  QuarantineRow,
  SourceRow,
  SavedSearchRow,
  StoredSelector,
  WatchlistSummary,
} from '../store/types.js';
export type { SearchMode, SearchQuery, TextNode } from '../text/query/ast.js';
