/**
 * The case store interface. The SQLite implementation (src/store/sqlite) is the embedded
 * default; a PostgreSQL implementation for team servers implements the same interface and
 * runs the same conformance suite.
 */
import type { Mention } from '../model/entities.js';
import type { ErrorCode } from '../model/errors.js';
import type { Channel, ClewRecord, Locator } from '../model/records.js';
import type { SearchQuery } from '../text/query/ast.js';

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
  | { kind: 'record'; record: ClewRecord; locator: Locator }
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
}

export interface AccountView {
  id: number;
  ref: string;
  platform: string;
  handle: string;
  kind: string | null;
  displayName: string | null;
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
  attachments: { filename: string; mime: string | null; size: number | null; sha256: string | null }[];
  provenance: ProvenanceView;
}

export interface SearchHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  body: string;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass back as `cursor` for the next page; null when there are no more. */
  nextCursor: number | null;
  /** Notes for the user (e.g. a from: filter that matched no account). */
  notes: string[];
}

export interface SearchOptions {
  limit: number;
  cursor?: number;
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

export interface LexiconEntry {
  term: string;
  means: string;
  type: string | null;
  addedAt: number;
}

export interface WriteOptions {
  /** Detect languages and extract entities while writing (default true). */
  analyse?: boolean;
}

export interface CaseStore {
  readonly path: string;
  close(): void;

  // ingest
  findSource(sha256: string): SourceRow | null;
  beginSource(meta: SourceMeta, opts?: WriteOptions): SourceWriter;
  resumeSource(source: SourceRow, opts?: WriteOptions): SourceWriter;
  /** Forget a partial source that committed nothing (so it can start again with other options). */
  forgetEmptySource(id: number): boolean;
  sources(): SourceRow[];

  // reading
  stats(opts?: { top?: number }): CaseStats;
  search(query: SearchQuery, opts: SearchOptions): SearchPage;
  message(id: number): MessageView;
  thread(id: number, opts: { before: number; after: number }): MessageView[];
  resolveAccounts(term: string): AccountView[];
  quarantine(opts: { limit: number; sourceId?: number }): QuarantineRow[];
  edges(filter?: EdgeFilter): Iterable<EdgeRow>;
  /** Every communication (one row per message recipient and per call, duplicates left out), oldest first. */
  communications(filter?: EdgeFilter): Iterable<{ src: number; dst: number; channel: Channel; ts: number }>;
  entities(opts: EntityListOptions): EntityRow[];
  mentions(messageId: number): Mention[];
  lexicon(): LexiconEntry[];
  addLexiconEntry(entry: { term: string; means: string; type?: string }): { mentions: number; messages: number };
  removeLexiconEntry(term: string): boolean;
  accounts(): Iterable<AccountView>;
}
