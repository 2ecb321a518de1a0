/**
 * The PostgreSQL case store: one case of a database that holds many (see schema.ts). Writing
 * sources is here and in writer.ts; each reading port lives in a module of its own
 * (read-*.ts), each a set of functions taking the case (PgCase) first.
 */
import type { Mention } from '../../model/entities.js';
import { ClewError } from '../../model/errors.js';
import type { SearchQuery } from '../../text/query/ast.js';
import type {
  AccountView,
  ActivityCounts,
  ActivityQuery,
  Backend,
  CaseStats,
  CaseStore,
  CommunicationRow,
  DossierData,
  DossierOptions,
  EdgeFilter,
  EdgeRow,
  EntityListOptions,
  EntityRow,
  GeoReader,
  IdentityStore,
  LanguageCount,
  LexiconEntry,
  MessageView,
  QuarantineRow,
  SearchOptions,
  SearchPage,
  SourceMeta,
  SourceRow,
  SourceWriter,
  RowSink,
  TableChunk,
  SavedSearchInput,
  SavedSearchRow,
  SavedSearchRun,
  StoredSelector,
  WatchlistSummary,
  WatchMessageQuery,
  WatchMessageRow, GalleryItem, GalleryPage, GalleryScope} from '../types.js';
import type { ExportItem, ExportOptions } from '../types.js';
import { pgExportRecords } from './read-export.js';
import { type PgCase, one, rows } from './db.js';
import { type SourceDbRow, parseLoc, toAccount, type AccountDbRow, toSource } from './rows.js';
import { PgSourceWriter, beginPgSource, lockCase, resumePgSource } from './writer.js';
import { ThreadedPgSourceWriter, pgWriterThreadAvailable } from './threaded-writer.js';
import type { PostgresLocator } from './locator.js';
import { readGeneration } from './generation.js';
import { PgIdentityStore } from './identity.js';
import { activity as readActivity } from './read-activity.js';
import { readDossier } from '../dossier.js';
import { dossierQueries } from './read-dossier.js';
import * as readEntities from './read-entities.js';
import { PgGeoReader } from './read-geo.js';
import * as readCalls from './read-calls.js';
import * as readMessages from './read-messages.js';
import * as readNetwork from './read-network.js';
import * as readSearch from './read-search.js';
import * as transfer from './transfer.js';
import * as watch from './watch.js';
import * as annotations from './annotations.js';
import * as translations from './translations.js';
import * as ocr from './ocr.js';
import * as galleryRead from './gallery.js';
import { discover } from './discovery.js';
import type { CallView, CommunicationKey, DiscoveryRow, OcrCandidate, StoredOcr, StoredTranslation } from '../types.js';
import type { AnnotatedType, Annotation, AnnotationChange, AnnotationEvent, ItemKey } from '../types.js';

export class PostgresCaseStore implements CaseStore {
  readonly backend: Backend = 'postgres';
  private closed = false;

  constructor(
    readonly db: PgCase,
    readonly locator: string,
    readonly readonly: boolean,
    /**
     * Set when the team server opened the case as a signed-in user (team/directory.ts openCaseAs; its pool names the
     * user in every transaction): the legal filters hiding messages from them.
     */
    readonly hiddenFilters?: readonly number[],
    /**
     * The case's locator (with its password), when ingests may write through a writer thread of
     * their own (threaded-writer.ts): a store opened from a locator. A team user's store (its
     * pool scopes every transaction to the user) writes in its own thread.
     */
    private readonly writerThread?: PostgresLocator,
  ) {}

  /** Cross-case discovery as the store's user (discovery.ts); null when the store is not a team user's. */
  async discover(keys: readonly string[]): Promise<DiscoveryRow[] | null> {
    if (this.hiddenFilters === undefined) return null;
    return discover(this.db.pool, keys, this.db.caseName);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.pool.end();
  }

  private assertWritable(): void {
    if (this.readonly) throw new ClewError('CASE_READ_ONLY', `${this.locator} is open read-only`);
  }

  // ---------------------------------------------------------------- sources (ingest)

  async findSource(sha256: string): Promise<SourceRow | null> {
    const r = await one<SourceDbRow>(this.db, 'SELECT * FROM sources WHERE case_id = $1 AND sha256 = $2', [this.db.caseId, sha256]);
    return r ? toSource(r) : null;
  }

  async beginSource(meta: SourceMeta): Promise<SourceWriter> {
    this.assertWritable();
    if (this.writerThread && pgWriterThreadAvailable()) return ThreadedPgSourceWriter.begin(this.writerThread, this.db, meta);
    return beginPgSource(this.db, this.locator, meta);
  }

  async resumeSource(source: SourceRow): Promise<SourceWriter> {
    this.assertWritable();
    if (this.writerThread && pgWriterThreadAvailable()) return ThreadedPgSourceWriter.resume(this.writerThread, this.db, source);
    return resumePgSource(this.db, this.locator, source);
  }

  async generation(): Promise<number> {
    return readGeneration(this.db.pool, this.db.caseId);
  }

  async forgetEmptySource(id: number): Promise<boolean> {
    this.assertWritable();
    const c = await lockCase(this.db, this.locator);
    try {
      const r = await c.query(`DELETE FROM sources WHERE case_id = $1 AND id = $2 AND status = 'partial' AND items_done = 0`, [this.db.caseId, id]);
      return (r.rowCount ?? 0) > 0;
    } finally {
      await PgSourceWriter.unlock(c, this.db.caseId);
    }
  }

  // ---------------------------------------------------------------- moving a case (clew case copy: transfer.ts)

  async transferCounts(): Promise<Record<string, number>> {
    return transfer.transferCounts(this.db);
  }

  dumpRows(opts: { rows?: number } = {}): AsyncIterable<TableChunk> {
    return transfer.dumpRows(this.db, opts.rows);
  }

  async restoreRows(): Promise<RowSink> {
    this.assertWritable();
    const c = await lockCase(this.db, this.locator);
    return transfer.PgRowSink.open(this.db, c, this.locator);
  }

  async sources(): Promise<SourceRow[]> {
    return (await rows<SourceDbRow>(this.db, 'SELECT * FROM sources WHERE case_id = $1 ORDER BY id', [this.db.caseId])).map(toSource);
  }

  async quarantine(opts: { limit: number; sourceId?: number }): Promise<QuarantineRow[]> {
    const params: unknown[] = [this.db.caseId, opts.limit];
    if (opts.sourceId !== undefined) params.push(opts.sourceId);
    const r = await rows<{ path: string; loc: string; code: string; message: string; excerpt: string | null }>(
      this.db,
      `SELECT s.path, q.loc, q.code, q.message, q.excerpt FROM quarantine q JOIN sources s ON s.case_id = q.case_id AND s.id = q.source_id
       WHERE q.case_id = $1 ${opts.sourceId !== undefined ? 'AND q.source_id = $3' : ''} ORDER BY q.source_id, q.id LIMIT $2`,
      params,
    );
    return r.map((x) => ({ sourcePath: x.path, locator: parseLoc(x.loc), code: x.code, message: x.message, excerpt: x.excerpt }));
  }

  // ---------------------------------------------------------------- stats

  async stats(opts: { top?: number } = {}): Promise<CaseStats> {
    const c = this.db.caseId;
    const count = async (table: string, where = '') =>
      (await one<{ n: number }>(this.db, `SELECT count(*) AS n FROM ${table} WHERE case_id = $1 ${where}`, [c]))!.n;
    const src = (await one<{ total: number; complete: number }>(
      this.db,
      `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'complete') AS complete FROM sources WHERE case_id = $1`,
      [c],
    ))!;
    // messages: the first and last by id (time-ordered), calls by time
    const span = (await one<{ fm: number | null; lm: number | null; fc: number | null; lc: number | null }>(
      this.db,
      `SELECT (SELECT ts FROM messages WHERE case_id = $1 ORDER BY id LIMIT 1) AS fm,
              (SELECT ts FROM messages WHERE case_id = $1 ORDER BY id DESC LIMIT 1) AS lm,
              (SELECT min(ts) FROM calls WHERE case_id = $1) AS fc, (SELECT max(ts) FROM calls WHERE case_id = $1) AS lc`,
      [c],
    ))!;
    const mins = [span.fm, span.fc].filter((x): x is number => x !== null);
    const maxs = [span.lm, span.lc].filter((x): x is number => x !== null);
    const top = await rows<{ a: number; sent: number; received: number; contacts: number }>(
      this.db,
      // contacts: distinct counterpart accounts, both directions, any channel (as SQLite counts them)
      `WITH e AS MATERIALIZED ${readNetwork.edgesSql('$1')},
            s AS (SELECT src AS a, sum(count) AS sent, 0 AS received FROM e GROUP BY src
                  UNION ALL SELECT dst, 0, sum(count) FROM e GROUP BY dst),
            t AS (SELECT a, sum(sent) AS sent, sum(received) AS received FROM s GROUP BY a ORDER BY sum(sent) + sum(received) DESC, a LIMIT $2)
       SELECT a, sent, received,
              (SELECT count(*) FROM (SELECT dst FROM e WHERE src = t.a AND dst <> t.a
                                     UNION SELECT src FROM e WHERE dst = t.a AND src <> t.a) u)::int AS contacts
       FROM t ORDER BY sent + received DESC, a`,
      [c, opts.top ?? 10],
    );
    const accounts = await this.accountsById(top.map((t) => t.a));
    return {
      sources: { total: src.total, complete: src.complete, partial: src.total - src.complete },
      messages: await count('messages'),
      duplicates: (await count('messages', 'AND dup_of IS NOT NULL')) + (await count('calls', 'AND dup_of IS NOT NULL')),
      calls: await count('calls'),
      accounts: await count('accounts'),
      conversations: await count('conversations'),
      attachments: await count('attachments'),
      events: await count('events'),
      locations: await count('locations'),
      edges: (await one<{ n: number }>(this.db, `SELECT count(*) AS n FROM ${readNetwork.edgesSql('$1')} e`, [c]))!.n,
      firstTs: mins.length ? Math.min(...mins) : null,
      lastTs: maxs.length ? Math.max(...maxs) : null,
      topTalkers: top.map((t) => ({ account: accounts.get(t.a)!, sent: t.sent, received: t.received, contacts: t.contacts })),
      quarantine: await rows<{ code: string; count: number }>(
        this.db,
        'SELECT code, count(*) AS count FROM quarantine WHERE case_id = $1 GROUP BY code ORDER BY count(*) DESC, code',
        [c],
      ),
    };
  }

  private async accountsById(ids: readonly number[]): Promise<Map<number, AccountView>> {
    const out = new Map<number, AccountView>();
    if (ids.length === 0) return out;
    for (const r of await rows<AccountDbRow>(this.db, 'SELECT * FROM accounts WHERE case_id = $1 AND id = ANY($2::bigint[])', [this.db.caseId, [...ids]]))
      out.set(r.id, toAccount(r));
    return out;
  }

  // ---------------------------------------------------------------- reading (read-*.ts)

  message(id: number): Promise<MessageView> {
    return readMessages.message(this.db, id);
  }
  thread(id: number, opts: { before: number; after: number }): Promise<MessageView[]> {
    return readMessages.thread(this.db, id, opts);
  }
  threads(ids: readonly number[], opts: { before: number; after: number }): Promise<MessageView[][]> {
    return readMessages.threads(this.db, ids, opts);
  }
  mentions(messageId: number): Promise<Mention[]> {
    return readMessages.mentions(this.db, messageId);
  }
  calls(ids: readonly number[]): Promise<CallView[]> {
    return readCalls.calls(this.db, ids);
  }
  callsOf(accounts: readonly number[], opts: { with?: readonly number[]; limit: number }): Promise<CallView[]> {
    return readCalls.callsOf(this.db, accounts, opts);
  }
  between(a: number, b: number, at: CommunicationKey, side: 'before' | 'after', limit: number): Promise<CommunicationKey[]> {
    return readCalls.between(this.db, a, b, at, side, limit);
  }
  async search(query: SearchQuery, opts: SearchOptions): Promise<SearchPage> {
    return readSearch.search(this.db, query, opts);
  }
  resolveAccounts(term: string): Promise<AccountView[]> {
    return readSearch.resolveAccounts(this.db, term);
  }
  languages(): Promise<LanguageCount[]> {
    return readSearch.languages(this.db, this.hiddenFilters ?? []);
  }
  edges(filter?: EdgeFilter): AsyncIterable<EdgeRow[]> {
    return readNetwork.edges(this.db, filter);
  }
  communications(filter?: EdgeFilter): AsyncIterable<CommunicationRow[]> {
    return readNetwork.communications(this.db, filter);
  }
  accounts(): AsyncIterable<AccountView[]> {
    return readNetwork.accounts(this.db);
  }
  accountsByIds(ids: readonly number[]): Promise<Map<number, AccountView>> {
    return readNetwork.accountsByIds(this.db, ids);
  }
  entities(opts: EntityListOptions): Promise<EntityRow[]> {
    return readEntities.entities(this.db, opts);
  }
  lexicon(): Promise<LexiconEntry[]> {
    return readEntities.lexicon(this.db);
  }
  async addLexiconEntry(entry: { term: string; means: string; type?: string }): Promise<{ mentions: number; messages: number }> {
    this.assertWritable();
    return readEntities.addLexiconEntry(this.db, entry);
  }
  async removeLexiconEntry(term: string): Promise<boolean> {
    this.assertWritable();
    return readEntities.removeLexiconEntry(this.db, term);
  }
  activity(q: ActivityQuery): Promise<ActivityCounts> {
    return readActivity(this.db, q);
  }
  dossier(accountIds: number[], opts?: DossierOptions): Promise<DossierData> {
    return readDossier(dossierQueries(this.db), accountIds, opts);
  }
  geo(): GeoReader {
    return new PgGeoReader(this.db);
  }
  exportRecords(opts?: ExportOptions): AsyncIterable<ExportItem[]> {
    return pgExportRecords(this.db, opts);
  }
  identity(): IdentityStore {
    return new PgIdentityStore(this.db, () => this.assertWritable());
  }

  // ---------------------------------------------------------------- machine translations (translations.ts)

  translationsOf(messageIds: readonly number[], target: string): Promise<StoredTranslation[]> {
    return translations.translationsOf(this.db, messageIds, target);
  }
  async saveTranslations(rows: readonly StoredTranslation[]): Promise<void> {
    this.assertWritable();
    return translations.saveTranslations(this.db, rows);
  }

  // ---------------------------------------------------------------- the attachment gallery (gallery.ts)

  gallery(scope: GalleryScope, opts: { limit: number; after?: number; imagesOnly?: boolean }): Promise<GalleryPage> {
    return galleryRead.gallery(this.db, scope, opts);
  }
  galleryItem(id: number): Promise<GalleryItem | null> {
    return galleryRead.galleryItem(this.db, id);
  }

  // ---------------------------------------------------------------- text recognised in images (ocr.ts)

  ocrCandidates(opts: { limit: number; after?: number; again?: boolean }): Promise<OcrCandidate[]> {
    return ocr.ocrCandidates(this.db, opts);
  }
  ocrCounts(): Promise<{ images: number; done: number }> {
    return ocr.ocrCounts(this.db);
  }
  blob(sha256: string): Promise<Uint8Array | null> {
    return ocr.blob(this.db, sha256);
  }
  async saveOcr(rows: readonly { ocr: StoredOcr; messageId: number | null; mentions: readonly Mention[] }[]): Promise<void> {
    this.assertWritable();
    return ocr.saveOcr(this.db, rows);
  }
  ocrOf(attachmentIds: readonly number[]): Promise<StoredOcr[]> {
    return ocr.ocrOf(this.db, attachmentIds);
  }
  ocrOfMessages(messageIds: readonly number[]): Promise<{ messageId: number; filename: string; ocr: StoredOcr }[]> {
    return ocr.ocrOfMessages(this.db, messageIds);
  }

  // ---------------------------------------------------------------- annotations (annotations.ts)

  async annotate(change: AnnotationChange): Promise<AnnotationEvent | null> {
    this.assertWritable();
    return annotations.annotate(this.db, change);
  }
  async undoAnnotation(eventId: number, by: string, at?: number): Promise<AnnotationEvent> {
    this.assertWritable();
    return annotations.undoAnnotation(this.db, eventId, by, at);
  }
  annotationsOf(items: readonly ItemKey[]): Promise<Annotation[]> {
    return annotations.annotationsOf(this.db, items);
  }
  annotationEvents(opts: { limit: number; before?: number; item?: ItemKey }): Promise<AnnotationEvent[]> {
    return annotations.annotationEvents(this.db, opts);
  }
  taggedItems(tag: string, type?: AnnotatedType): Promise<ItemKey[]> {
    return annotations.taggedItems(this.db, tag, type);
  }
  tags(): Promise<{ tag: string; name: string; items: number }[]> {
    return annotations.tags(this.db);
  }

  // ---------------------------------------------------------------- watchlists and saved searches (watch.ts)

  watchMessages(queries: readonly WatchMessageQuery[], opts: { ids: number }): Promise<WatchMessageRow[]> {
    return watch.watchMessages(this.db, queries, opts);
  }
  watchlists(): Promise<WatchlistSummary[]> {
    return watch.watchlists(this.db);
  }
  watchlist(name: string): Promise<{ summary: WatchlistSummary; selectors: StoredSelector[] } | null> {
    return watch.watchlist(this.db, name);
  }
  async putWatchlist(name: string, selectors: readonly StoredSelector[], by: string): Promise<WatchlistSummary> {
    this.assertWritable();
    return watch.putWatchlist(this.db, name, selectors, by);
  }
  async removeWatchlist(name: string): Promise<boolean> {
    this.assertWritable();
    return watch.removeWatchlist(this.db, name);
  }
  savedSearches(): Promise<SavedSearchRow[]> {
    return watch.savedSearches(this.db);
  }
  async putSavedSearch(s: SavedSearchInput): Promise<SavedSearchRow> {
    this.assertWritable();
    return watch.putSavedSearch(this.db, s);
  }
  async removeSavedSearch(name: string): Promise<boolean> {
    this.assertWritable();
    return watch.removeSavedSearch(this.db, name);
  }
  async recordSavedSearchRun(name: string, run: SavedSearchRun): Promise<SavedSearchRow> {
    this.assertWritable();
    return watch.recordSavedSearchRun(this.db, name, run);
  }
  savedSearchHits(name: string, opts: { onlyNew: boolean; limit: number }): Promise<number[]> {
    return watch.savedSearchHits(this.db, name, opts);
  }
}
