/**
 * The case store contract. The SQLite implementation (src/store/sqlite) is the embedded
 * default, one case = one file; the PostgreSQL implementation (src/store/postgres) holds many
 * cases in one database for team servers. Both run the same conformance suite
 * (src/store/conformance).
 */
import type { MessageAnalysis } from '../text/analyse.js';
import type { Mention } from '../model/entities.js';
import type { ErrorCode } from '../model/errors.js';
import type { Channel, ClewRecord, LocationKind, Locator } from '../model/records.js';
import type { SearchMode, SearchQuery } from '../text/query/ast.js';

export interface SourceMeta {
  path: string;
  name: string;
  size: number;
  sha256: string;
  format: string;
  /** Parse options that shape the records (time zone, mapping), stored for provenance. */
  options: Record<string, unknown>;
}

export interface SourceRow extends SourceMeta {
  id: number;
  status: 'partial' | 'complete';
  startedAt: number;
  finishedAt: number | null;
  resumeOffset: number | null;
  resumeLine: number | null;
  itemsDone: number;
  records: number;
  rejected: number;
  duplicates: number;
}

export type BatchItem =
  /**
   * `analysis`: a message's language and mentions as the ingest pipeline's analyse stage found
   * them (src/ingest/analyse.ts); the writer stores them (for a first copy) as they are.
   */
  | { kind: 'record'; record: ClewRecord; locator: Locator; analysis?: MessageAnalysis }
  | { kind: 'reject'; locator: Locator; code: ErrorCode; message: string; excerpt?: string };

export interface BatchResult {
  records: number;
  rejected: number;
  duplicates: number;
}

export interface BatchPosition {
  offset: number | null;
  line: number | null;
  itemsDone: number;
}

export interface SourceWriter {
  /**
   * Write a batch atomically together with the position after its last item. After a crash,
   * the source row holds exactly the position of the last committed batch. Batches are written
   * in the order they are given; a caller may hand over the next batch before this one resolves.
   */
  writeBatch(items: BatchItem[], position: BatchPosition): Promise<BatchResult>;
  /** Mark the source complete (after every batch has been written). */
  finish(): Promise<SourceRow>;
  /** Release resources without completing (after an error or cancellation). */
  abort(): Promise<void>;
  /**
   * Items per batch this writer works best with, when the caller has no batch size of its own
   * (each batch is one transaction: a server backend pays its round trips per batch).
   */
  readonly batchSize?: number;
}

export interface AccountView {
  id: number;
  ref: string;
  platform: string;
  handle: string;
  kind: string | null;
  displayName: string | null;
  /**
   * The best name, set by the APIs that label accounts (src/identity/resolve-ref.ts bestName): the
   * display name, else the name most phones saved it under, else the handle. Stores leave it unset.
   */
  label?: string;
}

export interface ProvenanceView {
  sourceId: number;
  path: string;
  sha256: string;
  format: string;
  locator: Locator;
}

export interface MessageView {
  id: number;
  ts: number;
  tzOffset: number | null;
  tsLocal: string | null;
  channel: Channel;
  sender: AccountView;
  recipients: AccountView[];
  conversationId: number | null;
  conversationTitle: string | null;
  body: string;
  subject: string | null;
  flags: { edited: boolean; deleted: boolean };
  duplicateOf: number | null;
  duplicates: number[];
  /** ISO 639-1 language detected (or taken from the conversation), null when unknown. */
  lang: string | null;
  /** Each with its EXIF capture time as GalleryItem.takenAt. */
  attachments: { filename: string; mime: string | null; size: number | null; sha256: string | null; takenAt: string | null }[];
  provenance: ProvenanceView;
}

/** A call as the case holds it (a call record), with where it came from. */
export interface CallView {
  id: number;
  ts: number;
  tzOffset: number | null;
  tsLocal: string | null;
  channel: Channel;
  /** Who called, and who was called (the call's direction). */
  caller: AccountView;
  callee: AccountView;
  /** Seconds; 0 for unanswered. */
  duration: number;
  /** The antenna's or device's position when recorded. */
  lat: number | null;
  lon: number | null;
  /** The first copy of the same call from another source, when this is a copy. */
  duplicateOf: number | null;
  provenance: ProvenanceView;
}

/** A call or a message, placed in time: the order of a call's context (ts, then calls before messages, then id). */
export interface CommunicationKey {
  kind: 'call' | 'message';
  id: number;
  ts: number;
}

export interface SearchHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  /** The conversation's title, when it has one. */
  conversationTitle?: string | null;
  body: string;
  /** The message's detected language (its words were indexed with this language's stemmer), null when unknown. */
  lang: string | null;
  /** A search with translations (SearchQuery.translated): the words matched the message's stored translation, not its original. */
  viaTranslation?: boolean;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass back as `cursor` for the next page; null when there are no more. */
  nextCursor: number | null;
  /** Notes for the user (e.g. a from: filter that matched no account). */
  notes: string[];
  /** How many messages match, counted up to the cap asked for (`SearchOptions.count`); first page, folded mode only. */
  total?: { count: number; capped: boolean };
}

export interface SearchOptions {
  limit: number;
  cursor?: number;
  /** Count the matches up to this many (first page only). */
  count?: number;
}

export interface CaseStats {
  sources: { total: number; complete: number; partial: number };
  messages: number;
  duplicates: number;
  calls: number;
  accounts: number;
  conversations: number;
  attachments: number;
  events: number;
  locations: number;
  edges: number;
  firstTs: number | null;
  lastTs: number | null;
  /** `contacts`: distinct counterpart accounts, both directions, any channel (what "contacts" means everywhere). */
  topTalkers: { account: AccountView; sent: number; received: number; contacts: number }[];
  quarantine: { code: string; count: number }[];
}

export interface QuarantineRow {
  sourcePath: string;
  locator: Locator;
  code: string;
  message: string;
  excerpt: string | null;
}

export interface EdgeRow {
  src: number;
  dst: number;
  channel: Channel;
  count: number;
  first: number;
  last: number;
}

export interface EdgeFilter {
  channels?: Channel[];
  minCount?: number;
  /** Only communication at or after / before these instants (UTC ms): counted from the records. */
  after?: number;
  before?: number;
}

export interface EntityListOptions {
  type?: string;
  limit: number;
  /** Rows to skip (paging: the order is stable). */
  offset?: number;
  /** How many mentioning accounts to list per entity (default 5). */
  accounts?: number;
}

export interface EntityRow {
  type: string;
  value: string;
  /** The most frequent spellings as written. */
  raw: string[];
  mentions: number;
  messages: number;
  first: number;
  last: number;
  accounts: { account: AccountView; mentions: number }[];
}

/** Rows of one table, as moved between cases (clew case copy): columns named as in the schema. */
export interface TableChunk {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** Where a copy's rows land (TransferPort.restoreRows): an empty case, written in one transaction. */
export interface RowSink {
  add(chunk: TableChunk): Promise<void>;
  /** Rebuild what is derived (full-text index, read indexes, statistics), commit, release the case. */
  finish(): Promise<void>;
  /** Roll back (the case stays as empty as it was) and release it. */
  abort(): Promise<void>;
}

export interface LexiconEntry {
  term: string;
  means: string;
  type: string | null;
  addedAt: number;
}

/** What a dossier reads: caps on the ranked lists (defaults in src/store/sqlite/dossier.ts). */
export interface DossierOptions {
  contacts?: number;
  conversations?: number;
  /** Entities listed per type. */
  entitiesPerType?: number;
  names?: number;
  places?: number;
}

/** Everything the case holds about a set of accounts (one account now, a person's accounts later). */
export interface DossierData {
  accounts: AccountView[];
  /** Names other phones saved for these accounts in their contact lists, most owners first. */
  savedAs: { name: string; owners: number; by: AccountView[] }[];
  /**
   * Device identifiers seen for the accounts (IMEI, phone number, …), one row per identifier:
   * spellings of the same value (separators, a label, an IMEI's check digit; src/model/device-ids.ts)
   * and the same value recorded by several sources or for several of the accounts are one row.
   * `value` the normalised form; `account` the first of `accounts` it was recorded for;
   * `sources` how many sources recorded it (a source repeating a spelling already stored for the account
   * adds no row, so is not counted); `spellings` how they wrote it when that differs from `value`.
   */
  devices: { account: AccountView; accounts: AccountView[]; key: string; value: string; sources: number; spellings: string[] }[];
  activity: {
    sent: number;
    received: number;
    callsMade: number;
    callsReceived: number;
    /** Messages sent and received per channel. */
    channels: { channel: string; sent: number; received: number }[];
    first: number | null;
    last: number | null;
  };
  /** Contacts ranked by messages and calls both ways (from the communication edges). */
  contacts: { account: AccountView; sent: number; received: number; calls: number; total: number; first: number; last: number }[];
  contactsTotal: number;
  /** `lastMessage`: the newest message the accounts sent there (to open the conversation at), null when they only are members. */
  conversations: { id: number; ref: string; title: string | null; members: number; sent: number; first: number | null; last: number | null; lastMessage: number | null }[];
  conversationsTotal: number;
  /** Entities in the messages the accounts sent, per type, most mentioned first. */
  entities: { type: string; total: number; rows: { value: string; mentions: number; messages: number; first: number; last: number }[] }[];
  /** Recorded positions (cell, GPS, EXIF) attributed to the accounts, grouped by label and kind. */
  places: { kind: string; label: string | null; lat: number; lon: number; count: number; first: number | null; last: number | null }[];
}

/** Activity over time (see sqlite/activity.ts): messages and calls counted per UTC hour or day. */
export interface ActivityQuery {
  /** One hour (3,600,000) or one day (86,400,000). */
  bucketMs: number;
  /** [after, before) in UTC ms. */
  after?: number;
  before?: number;
  /** Only what these accounts (store ids) sent or received, each message or call once. */
  accounts?: number[];
  /** Only messages of this conversation (store id); there are no calls then. */
  conversation?: number;
}

export interface ActivityCounts {
  /** [bucket index since the epoch (ts / bucketMs), count], ascending, empty buckets left out; duplicates never counted. */
  messages: [number, number][];
  calls: [number, number][];
}

/** One row per message recipient and per call (duplicates left out). */
export interface CommunicationRow {
  src: number;
  dst: number;
  channel: Channel;
  ts: number;
}

/**
 * The case store, cut into the ports each domain uses. Every method is async: the SQLite
 * backend answers from its file, the PostgreSQL backend over the network. Streams of rows are
 * async iterables of row chunks (each chunk a few thousand rows), so neither backend pays a
 * promise per row. Domain code takes the narrowest port it needs (e.g. `SearchPort`), never the
 * backend class; `openCase(locator)` (src/store/open.ts) is the one place that picks a backend.
 */

/** Writing sources (ingest). */
export interface SourcePort {
  findSource(sha256: string): Promise<SourceRow | null>;
  beginSource(meta: SourceMeta): Promise<SourceWriter>;
  resumeSource(source: SourceRow): Promise<SourceWriter>;
  /** Forget a partial source that committed nothing (so it can start again with other options). */
  forgetEmptySource(id: number): Promise<boolean>;
  sources(): Promise<SourceRow[]>;
  quarantine(opts: { limit: number; sourceId?: number }): Promise<QuarantineRow[]>;
}

/** Reading messages, their threads and what was found in them. */
export interface MessagePort {
  message(id: number): Promise<MessageView>;
  thread(id: number, opts: { before: number; after: number }): Promise<MessageView[]>;
  /** The thread pages of many messages at once (one per id, in order, each as `thread` reads it); NOT_FOUND names the first id the case does not hold. */
  threads(ids: readonly number[], opts: { before: number; after: number }): Promise<MessageView[][]>;
  mentions(messageId: number): Promise<Mention[]>;
  stats(opts?: { top?: number }): Promise<CaseStats>;
}

/** Reading calls, and what passed between two accounts around one (a call's context in a report). */
export interface CallPort {
  /** The calls of these ids, in the order asked; NOT_FOUND names the first the case does not hold. */
  calls(ids: readonly number[]): Promise<CallView[]>;
  /**
   * The calls and messages between two accounts, either way (first copies only; a message when one
   * sent it and the other is among its recipients), the `limit` nearest to `at` strictly before it
   * (newest first) or strictly after it (oldest first), in the order of CommunicationKey.
   */
  between(a: number, b: number, at: CommunicationKey, side: 'before' | 'after', limit: number): Promise<CommunicationKey[]>;
  /** The calls (first copies) these accounts made or received, with one of `with` on the other end when given: oldest first, at most `limit`. */
  callsOf(accounts: readonly number[], opts: { with?: readonly number[]; limit: number }): Promise<CallView[]>;
}

/** Full-text search with filters, and the account names filters take. */
/** How many messages (first copies) of the case are in one detected language (null: none detected). */
export interface LanguageCount {
  lang: string | null;
  messages: number;
}

export interface SearchPort {
  search(query: SearchQuery, opts: SearchOptions): Promise<SearchPage>;
  /**
   * The languages the case's messages are in, with their counts (first copies), most messages first
   * (then by code, unknown last). Read once per change of the case's sources (a cheap check), so a
   * search can take the case's languages at every query.
   */
  languages(): Promise<LanguageCount[]>;
  /** Accounts named by a term: exact reference, else handle, else display name (case-insensitive). */
  resolveAccounts(term: string): Promise<AccountView[]>;
}

/** The contact network. */
export interface NetworkPort {
  edges(filter?: EdgeFilter): AsyncIterable<EdgeRow[]>;
  /** Every communication (one row per message recipient and per call, duplicates left out), oldest first. */
  communications(filter?: EdgeFilter): AsyncIterable<CommunicationRow[]>;
  accounts(): AsyncIterable<AccountView[]>;
  accountsByIds(ids: readonly number[]): Promise<Map<number, AccountView>>;
}

/** Entities found in the text, and the analyst's code words. */
export interface EntityPort {
  entities(opts: EntityListOptions): Promise<EntityRow[]>;
  lexicon(): Promise<LexiconEntry[]>;
  addLexiconEntry(entry: { term: string; means: string; type?: string }): Promise<{ mentions: number; messages: number }>;
  removeLexiconEntry(term: string): Promise<boolean>;
}

/** Activity over time (timeline). */
export interface ActivityPort {
  activity(q: ActivityQuery): Promise<ActivityCounts>;
}

/** Everything about a set of accounts. */
export interface DossierPort {
  /** The dossier of a set of accounts (NOT_FOUND when none of the ids exists). */
  dossier(accountIds: number[], opts?: DossierOptions): Promise<DossierData>;
}

/** Places, coordinates and location records for the map. */
export interface GeoPort {
  geo(): GeoReader;
}

/** Where an exported record came from: its source (SourceRow id) and its place in it (null when the store keeps none, e.g. conversations). */
export interface ExportProvenance {
  sourceId: number;
  locator: Locator | null;
}

/** One record of the case as clew's canonical record, with its provenance (null for accounts: they belong to no one source). */
export interface ExportItem {
  record: ClewRecord;
  provenance: ExportProvenance | null;
}

export interface ExportOptions {
  /**
   * Only these messages (store ids), with the accounts, conversations and attachments they
   * reference. NOT_FOUND names the ids the case does not hold.
   */
  messageIds?: readonly number[];
}

/** Reading a case back out as records (clew export). */
export interface ExportPort {
  /**
   * The case as canonical records, in chunks, in a stable order: accounts, conversations (with
   * members), messages (oldest first, each followed by its attachments), then calls, contacts,
   * devices, locations, events and the attachments of no exported message. Without `messageIds`
   * everything; messages keep their duplicates (an import links them again).
   */
  exportRecords(opts?: ExportOptions): AsyncIterable<ExportItem[]>;
}

/** Watchlists (selector lists checked against the case) and saved searches that run after every ingest (sqlite/watch.ts). */
export interface WatchPort {
  /**
   * For each query, the messages (first copies only) that mention one of its entity values or
   * that one of its accounts sent or received: how many, the first `ids` of them (oldest first)
   * and the time of the first and last. One answer per query, in order.
   */
  watchMessages(queries: readonly WatchMessageQuery[], opts: { ids: number }): Promise<WatchMessageRow[]>;
  watchlists(): Promise<WatchlistSummary[]>;
  /** A stored watchlist with its selectors, null when there is none of that name. */
  watchlist(name: string): Promise<{ summary: WatchlistSummary; selectors: StoredSelector[] } | null>;
  /** Store a watchlist under its name (replacing one of the same name). */
  putWatchlist(name: string, selectors: readonly StoredSelector[], by: string): Promise<WatchlistSummary>;
  removeWatchlist(name: string): Promise<boolean>;
  savedSearches(): Promise<SavedSearchRow[]>;
  /** Save a search under its name; a changed query, mode or scope starts its runs afresh. */
  putSavedSearch(s: SavedSearchInput): Promise<SavedSearchRow>;
  removeSavedSearch(name: string): Promise<boolean>;
  /**
   * Record a run: its hits (message ids) or why it could not run. The hits no earlier run had
   * are the run's new hits; the first run is the baseline and has none. NOT_FOUND for no such search.
   */
  recordSavedSearchRun(name: string, run: SavedSearchRun): Promise<SavedSearchRow>;
  /** Message ids a saved search has hit, newest first: all, or only the new hits of its last run. */
  savedSearchHits(name: string, opts: { onlyNew: boolean; limit: number }): Promise<number[]>;
}

/** Identity resolution: what the resolver reads, and the analyst's decisions. */
export interface IdentityPort {
  identity(): IdentityStore;
}

/**
 * Moving a case whole (clew case copy, src/store/copy.ts): every stored row of every table with
 * its ids, out of one case and into an empty one. What is derived from the rows (the full-text
 * index, planner statistics) is not moved but rebuilt where the rows land.
 */
export interface TransferPort {
  /** Rows per stored table (what a copy moves: for its progress). */
  transferCounts(): Promise<Record<string, number>>;
  /** Every stored row, table by table, in chunks of up to `rows` rows, from one snapshot of the case. */
  dumpRows(opts?: { rows?: number }): AsyncIterable<TableChunk>;
  /** Take the case's write lock and open one transaction for a copy's rows: CASE_NOT_EMPTY unless the case holds nothing. */
  restoreRows(): Promise<RowSink>;
}

export type Backend = 'sqlite' | 'postgres';

/** How to open a case (src/store/open.ts openCase). */
/**
 * The case's change counter (issue 17 part 5): a number stored in the case itself that every
 * writer increases in the transaction of its change (each ingest batch and completed source,
 * a lexicon edit, an identity decision), whatever process it runs in. A reader that keeps
 * answers computed from the case compares it with the value it computed them at: cheap (one
 * row) and exact across processes.
 */
export interface ChangePort {
  /** 0 for a case nothing has been written to since it was created (or an older case never changed since). */
  generation(): Promise<number>;
}

/** One other case that holds a selector: its name and its owners (cross-case discovery: postgres/discovery.ts). No count, no content. */
export interface DiscoveryRow {
  /** The selector's key, `type:value`. */
  selector: string;
  case: string;
  owners: { name: string; agency: string | null }[];
}

/**
 * Cross-case discovery (team mode only): present on a case the team server opened as a user.
 * `discover` answers, per key, the cases that user may not read that hold it, and notifies their
 * owners; null when the store is not a team user's (the CLI, clew serve).
 */
export interface DiscoveryPort {
  discover?(keys: readonly string[]): Promise<DiscoveryRow[] | null>;
}

export interface OpenOptions {
  /** Create the case when it does not exist. */
  create?: boolean;
  readonly?: boolean;
  /** SQLite: write ingest batches in a worker thread (default: when the compiled worker is present). */
  threadedWriter?: boolean;
}

export interface CaseStore
  extends SourcePort,
    MessagePort,
    CallPort,
    SearchPort,
    NetworkPort,
    EntityPort,
    ActivityPort,
    DossierPort,
    GeoPort,
    IdentityPort,
    TransferPort,
    ExportPort,
    WatchPort,
    AnnotationPort,
    TranslationPort,
    OcrPort,
    GalleryPort,
    ChangePort,
    DiscoveryPort {
  readonly backend: Backend;
  /** The locator the case was opened with, safe to print (a PostgreSQL password is replaced by ***). */
  readonly locator: string;
  readonly readonly: boolean;
  /**
   * Team mode (a case opened as a user): the ids of the case's legal filters that hide messages
   * from that user when the case was opened (store/postgres/team/legal.ts), [] when none. What the
   * server computes from the store is shared only between stores with the same list. Absent when
   * nothing is hidden by design (a SQLite case, the admin).
   */
  readonly hiddenFilters?: readonly number[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------- identity resolution (sqlite/identity.ts)

/** What identity resolution reads (structurally the resolver's ResolveInput, src/identity/types.ts). */
export interface IdentityData {
  handles: { id: number; ref: string; handle: string; displayName: string | null; first: number | null; last: number | null; messages: number; hours: number[]; meanLength: number }[];
  contacts: { owner: number; contact: number; name: string }[];
  links: { a: number; b: number; count: number }[];
  identifiers: { account: number; type: string; value: string; messageId: number | null }[];
  statements: { id: number; sender: number; recipients: number[]; ts: number; body: string }[];
  members: { account: number; person: number }[];
  rejected: [number, number][];
}

export interface IdentityDecisionInput {
  /** Who decided (free text, e.g. the OS user). */
  by: string;
  why?: string;
  /** UTC ms (default now). */
  at?: number;
  /** The suggestion's score and evidence when the decision followed a suggestion. */
  score?: number;
  evidence?: unknown;
}

export interface IdentityDecision {
  id: number;
  action: 'merge' | 'split' | 'reject' | 'unreject';
  accounts: number[];
  person: number | null;
  by: string;
  at: number;
  why: string | null;
  score: number | null;
}

export interface PersonView {
  id: number;
  name: string;
  createdAt: number;
  createdBy: string;
  accounts: AccountView[];
}

/**
 * What names the accounts (the one name resolver, src/identity/resolve-ref.ts, reads it): every
 * account, each name contact lists saved an account under with how many phones (distinct owners)
 * saved it so, and the phone numbers recorded for the accounts' devices (key msisdn or phone).
 * Lists are in key order (account id, then name or value) on both backends.
 */
export interface NameDirectory {
  accounts: AccountView[];
  saved: { contact: number; name: string; owners: number }[];
  phones: { account: number; value: string }[];
}

export interface IdentityStore {
  /** Every account with its saved names and device phone numbers (see NameDirectory). */
  names(): Promise<NameDirectory>;
  /** Load everything the resolver reads; `statementPhrases` prefilter statement messages (folded phrases). */
  data(statementPhrases: readonly string[]): Promise<IdentityData>;
  /** The handles, saved names and links of a few accounts only (≤ 100; for the review of a pair): fast on a big case. */
  dataFor(accountIds: readonly number[]): Promise<IdentityData>;
  /**
   * The names phones saved these accounts under, each with how many distinct phones (owners) saved
   * it: NameDirectory's `saved` for these accounts only (one indexed read; for labelling a page).
   * Ordered by contact, then name in code-point (UTF-8 byte) order; unknown ids give nothing.
   */
  savedNamesOf(accountIds: readonly number[]): Promise<NameDirectory['saved']>;
  persons(): Promise<PersonView[]>;
  person(id: number): Promise<PersonView>;
  /** Account id → person id and name, for every account that belongs to a person. */
  members(): Promise<Map<number, { person: number; name: string }>>;
  decisions(limit: number): Promise<IdentityDecision[]>;
  merge(a: number, b: number, d: IdentityDecisionInput & { name?: string }): Promise<PersonView>;
  split(account: number, d: IdentityDecisionInput): Promise<{ person: number; remaining: number }>;
  reject(a: number, b: number, d: IdentityDecisionInput): Promise<number>;
  unreject(a: number, b: number, d: IdentityDecisionInput): Promise<boolean>;
}

// ---------------------------------------------------------------- places on the map (sqlite/places.ts)

/** What a map point is: a gazetteer place or coordinate found in message text, or a location record. */
export type GeoKind = 'place' | 'coordinate' | LocationKind;

export interface GeoFilter {
  /** Only what this account sent or received (mentions), or what is located for it (location records). */
  account?: string;
  /** UTC ms, inclusive / exclusive. */
  after?: number;
  before?: number;
  kinds?: GeoKind[];
}

/** One record behind a point: a message, or a location record by its source locator. */
export interface GeoEvidence {
  /** The message (for a location record: the message or attachment's message it belongs to, when known). */
  messageId: number | null;
  ts: number | null;
  /** The sender, or the account a location record is attributed to. */
  account: AccountView | null;
  sourceId: number;
  locator: Locator;
}

export interface GeoPointRow {
  /** `place:<gazetteer id>`, `coordinate:<lat,lon>` or `<location kind>:<lat,lon>[:label]`. */
  key: string;
  kind: GeoKind;
  label: string;
  lat: number;
  lon: number;
  /** Mentions in text, or location records. */
  count: number;
  /** Distinct messages behind the count (location records linked to a message count too). */
  messages: number;
  first: number | null;
  last: number | null;
  /** The newest records behind the count, up to the requested cap. */
  evidence: GeoEvidence[];
}

/** A gazetteer place mentioned in a message, with the thread the message belongs to. */
export interface GeoPlaceMention {
  messageId: number;
  ts: number;
  /** `c<conversation id>`, or `p<a>-<b>` for a one-to-one message outside a conversation. */
  thread: string;
  placeId: string;
  name: string;
  lat: number;
  lon: number;
  /** The gazetteer marks the place as a seaport. */
  port: boolean;
}

export interface GeoReader {
  /** Points matching the filter, most counted first, each with up to `evidence` records. */
  points(filter: GeoFilter, opts: { limit: number; evidence: number; key?: string }): Promise<GeoPointRow[]>;
  /** Every gazetteer place mention (duplicates left out) with its thread, in time order, then by position in the body. */
  placeMentions(filter: GeoFilter): AsyncIterable<GeoPlaceMention[]>;
}

// ---------------------------------------------------------------- watchlists and saved searches (sqlite/watch.ts)

export interface WatchMessageQuery {
  /** Entity values as the mentions table holds them (type, canonical value). */
  mentions: { type: string; value: string }[];
  /** Accounts (store ids) whose sent and received messages count. */
  accounts: number[];
}

export interface WatchMessageRow {
  messages: number;
  /** The first message ids, oldest first. */
  ids: number[];
  first: number | null;
  last: number | null;
}

/** A selector as a watchlist stores it (src/text/watch/selector-list.ts ListedSelector). */
export interface StoredSelector {
  line: number;
  raw: string;
  type: string;
  value: string;
  note?: string;
}

export interface WatchlistSummary {
  name: string;
  selectors: number;
  addedAt: number;
  addedBy: string;
}

export interface SavedSearchInput {
  name: string;
  /** The query as typed, filters included (from:, after:, lang:, …). */
  query: string;
  mode: SearchMode;
  /** Where it applies, as the analyst wrote it (kept verbatim; today always this case). */
  scope: string | null;
  by: string;
  /** UTC ms (default now). */
  at?: number;
}

export interface SavedSearchRow {
  name: string;
  query: string;
  mode: SearchMode;
  scope: string | null;
  createdAt: number;
  createdBy: string;
  /** Successful runs so far (the first is the baseline). */
  runs: number;
  lastRunAt: number | null;
  /** Why the last run failed (e.g. QUERY_SYNTAX after a syntax change); null when it ran. */
  error: { code: string; message: string } | null;
  /** Hits of the last successful run that no run before it had. */
  newHits: number;
  /** Every hit recorded so far. */
  hits: number;
}

export type SavedSearchRun = { at: number; hits: readonly number[] } | { at: number; error: { code: string; message: string } };

// ---------------------------------------------------------------- annotations: tags, notes, stars (sqlite/annotations.ts)

/** What an annotation can be put on. */
export type AnnotatedType = 'message' | 'call' | 'account' | 'person' | 'conversation' | 'place' | 'entity';

/**
 * An annotated item as stored: its type and its key in the case: the store id (decimal) of a
 * message, call, account, person or conversation; a place's gazetteer id or label; an entity's
 * `TYPE=VALUE` as the mentions table holds it.
 */
export interface ItemKey {
  type: AnnotatedType;
  key: string;
}

export type AnnotationKind = 'tag' | 'note' | 'star';

/** One entry of the append-only annotation log: the current annotations are its fold. */
export interface AnnotationEvent {
  id: number;
  item: ItemKey;
  kind: AnnotationKind;
  action: 'add' | 'remove';
  /** A tag: its folded name; a note: its id (the id of the event that first added it); a star: ''. */
  key: string;
  /** A tag: its name as written; a note: its text; a star: ''. */
  value: string;
  by: string;
  at: number;
  /** The event this one undoes (a compensating event), null for an analyst's own change. */
  undoes: number | null;
}

/** An annotation in force (the fold of the log). */
export interface Annotation {
  item: ItemKey;
  kind: AnnotationKind;
  key: string;
  value: string;
  by: string;
  at: number;
  /** The event that made it what it is. */
  eventId: number;
}

export interface AnnotationChange {
  item: ItemKey;
  kind: AnnotationKind;
  action: 'add' | 'remove';
  /** A tag: its folded name; a note: '' to add a new one, its id to remove it; a star: ''. */
  key: string;
  value: string;
  /** A note's words as the search index folds them, space-separated (note: filters match them); '' otherwise. */
  words?: string;
  by: string;
  /** UTC ms (default now). */
  at?: number;
}

/** Tags, notes and stars on items of the case (issue 20). They never change a source record. */
export interface AnnotationPort {
  /**
   * Append an event and apply it, in one transaction that also moves the change counter. NOT_FOUND
   * when the item is not in the case (or a removed note does not exist). Null when it would change
   * nothing (the tag or star is already there, or not there to remove): no event is written.
   */
  annotate(change: AnnotationChange): Promise<AnnotationEvent | null>;
  /**
   * Undo an event with its compensating event (the opposite action on the same annotation, `undoes`
   * set); undoing that one redoes. NOT_FOUND for no such event; INVALID_ARGUMENT when it was undone already.
   */
  undoAnnotation(eventId: number, by: string, at?: number): Promise<AnnotationEvent>;
  /** The annotations in force on these items, by item, then kind, then time. */
  annotationsOf(items: readonly ItemKey[]): Promise<Annotation[]>;
  /** The log, newest first: all, or one item's; `before` an event id (paging). */
  annotationEvents(opts: { limit: number; before?: number; item?: ItemKey }): Promise<AnnotationEvent[]>;
  /** The items of one type carrying a tag (folded name), oldest tagging first. */
  taggedItems(tag: string, type?: AnnotatedType): Promise<ItemKey[]>;
  /** The tags in force, with how many items carry each, by name. */
  tags(): Promise<{ tag: string; name: string; items: number }[]>;
}

// ---------------------------------------------------------------- machine translations (sqlite/translations.ts)

/**
 * A machine translation of a message as cached in the case (issue 23): what made it (engine, the
 * pair and its data version, the engine's own version), so a report cites it reproducibly.
 */
export interface StoredTranslation {
  messageId: number;
  /** Target language, clew code ('en'). */
  target: string;
  /** 'apertium'. */
  engine: string;
  /** The engine's pair ('hbs-eng'). */
  pair: string;
  /** The pair's data version ('0.5.1-2'). */
  version: string;
  engineVersion: string;
  /** The language the message was translated from, clew code ('sr'). */
  sourceLang: string;
  /** The translation ('' when it failed). */
  text: string;
  /** Why it failed: a stable code ('too-long', 'timeout', …) and a reason for people; null when translated. */
  failure: string | null;
  failed: string | null;
  /** UTC ms when it was made. */
  at: number;
  /**
   * The lexicon's code words found in the message and kept untranslated (sorted, distinct): the translation
   * depends on them, so they are part of its cache key (api/translate.ts). Null when not recorded (made
   * before schema 7): such a translation is made again.
   */
  lexicon: string[] | null;
}

// ---------------------------------------------------------------- text recognised in images (sqlite/ocr.ts)

/** An image attachment waiting for text recognition (OcrPort.ocrCandidates). */
export interface OcrCandidate {
  attachmentId: number;
  filename: string;
  mime: string | null;
  sha256: string;
  size: number;
  /** The message it belongs to (a first copy), null when the case holds none. */
  messageId: number | null;
  /** The detected language of that message, null when unknown or there is none. */
  lang: string | null;
}

/** Text recognised in an image attachment as stored in the case (issue 23 part 3), with what made it. */
export interface StoredOcr {
  attachmentId: number;
  /** 'tesseract'. */
  engine: string;
  engineVersion: string;
  /** Tesseract languages used, in order ('srp_latn', 'eng'). */
  languages: string[];
  /** Version of each language's data package. */
  dataVersions: Record<string, string>;
  /** The text ('' for an image without text, and when failed). */
  text: string;
  /** Mean word confidence 0–100, null when no word was recognised. */
  confidence: number | null;
  /** The EXIF orientation (2–8) turned upright before recognition, null when there was none to apply. */
  orientation: number | null;
  /** Why there is no text: a stable code and a reason for people; null when recognised. */
  failure: string | null;
  failed: string | null;
  /** UTC ms when it was made. */
  at: number;
}

/** Text recognised in image attachments (clew ocr). It never changes a source record. */
export interface OcrPort {
  /**
   * Image attachments (an image MIME type or file name) whose bytes the case holds, by attachment id, after
   * `after`: those without a stored result, or with `again` every one (up to `limit`).
   */
  ocrCandidates(opts: { limit: number; after?: number; again?: boolean }): Promise<OcrCandidate[]>;
  /** How many image attachments with bytes the case holds, and how many of them have a stored result. */
  ocrCounts(): Promise<{ images: number; done: number }>;
  /** An attachment's bytes by SHA-256, null when the case does not hold them. */
  blob(sha256: string): Promise<Uint8Array | null>;
  /**
   * Store results (one replaces the attachment's earlier one) with the entities found in their text, as
   * mentions of the attachment's message (`messageId`) whose spans are offsets into the recognised text and
   * whose attrs name the photo (`{"ocr": attachment id, …}`): the entity's provenance. The attachment's
   * earlier mentions are replaced. One transaction that moves the change counter. NOT_FOUND, storing
   * nothing, for an attachment or message not in the case.
   */
  saveOcr(rows: readonly { ocr: StoredOcr; messageId: number | null; mentions: readonly Mention[] }[]): Promise<void>;
  /** The stored results of these attachments, in the order asked. */
  ocrOf(attachmentIds: readonly number[]): Promise<StoredOcr[]>;
  /** The stored results of the image attachments of these messages (first copies' own attachments), by message. */
  ocrOfMessages(messageIds: readonly number[]): Promise<{ messageId: number; filename: string; ocr: StoredOcr }[]>;
}

// ---------------------------------------------------------------- the attachment gallery (sqlite/gallery.ts)

/** Whose attachments the gallery lists. */
export type GalleryScope =
  | { kind: 'case' }
  /** Attachments of the messages these accounts sent or received (a dossier: one account or a person's accounts). */
  | { kind: 'accounts'; accountIds: readonly number[] }
  /** Attachments of the messages of one message's conversation (or, without one, of its direct exchange: the same parties, as Thread pages it). */
  | { kind: 'thread'; messageId: number };

/** One attachment as the gallery shows it (GalleryPort). File names and types come from seized phones: text only. */
export interface GalleryItem {
  /** The attachment's id (attachments.id). */
  id: number;
  filename: string;
  /** The type ingest sniffed from the bytes (or the source claimed): never trusted to serve the bytes. */
  mime: string | null;
  size: number | null;
  sha256: string | null;
  /** Whether the case holds the bytes (a source may name a file it does not carry). */
  held: boolean;
  /** The message it belongs to (its first copy), null when the case holds none. */
  message: { id: number; conversationId: number | null; ts: number; sender: AccountView } | null;
  /**
   * When the photo was taken by its EXIF: the camera's wall clock as ISO 8601, with the camera's offset when
   * it recorded one (`2021-02-03T10:15:00+01:00`), else without (zone not recorded); null when unknown.
   */
  takenAt: string | null;
  /** Where (and, by the case's time zone, when) the photo was taken by its EXIF (a location of kind 'exif' recorded at ingest), null when unknown. */
  exif: { lat: number; lon: number; ts: number | null } | null;
}

export interface GalleryPage {
  items: GalleryItem[];
  /** Give as `after` for the next page; null when this is the last. */
  nextAfter: number | null;
}

/** The case's attachments as a gallery (issue 20 part 4). Reads only. */
export interface GalleryPort {
  /**
   * Attachments of a scope, by attachment id (ingest order), after `after`, up to `limit`; with `imagesOnly`
   * those with an image type or an image file name. NOT_FOUND for a thread scope whose message the case does not hold.
   */
  gallery(scope: GalleryScope, opts: { limit: number; after?: number; imagesOnly?: boolean }): Promise<GalleryPage>;
  /** One attachment as the gallery lists it, null when the case holds no attachment of that id. */
  galleryItem(id: number): Promise<GalleryItem | null>;
}

/** Machine translations cached in the case. They never change a source record. */
export interface TranslationPort {
  /** The cached translations of these messages into `target`, by message (in the order asked), then newest first. */
  translationsOf(messageIds: readonly number[], target: string): Promise<StoredTranslation[]>;
  /**
   * Store translations (one replaces another of the same message, target, engine, pair and version),
   * in one transaction that also moves the change counter. NOT_FOUND, storing nothing, when a message
   * is not in the case.
   */
  saveTranslations(rows: readonly StoredTranslation[]): Promise<void>;
}
