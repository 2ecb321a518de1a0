/**
 * The SQLite case store: one case = one file.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { SearchQuery } from '../../text/query/ast.js';
import type { Mention } from '../../model/entities.js';
import { compileLexicon } from '../../text/extract/codewords.js';
import { indexTokens } from '../../text/query/parse.js';
import { refold } from '../../text/query/refold.js';
import { lexiconCandidates } from '../../text/query/codewords.js';
import type { ActivityCounts, ActivityQuery, ExportItem, ExportOptions, GalleryItem, GalleryPage, GalleryScope } from '../types.js';
import { sqliteExportRecords } from './export.js';
import type {
  AccountView,
  CallView,
  CaseStats,
  CaseStore,
  CommunicationKey,
  CommunicationRow,
  DossierData,
  DossierOptions,
  EdgeFilter,
  EdgeRow,
  EntityListOptions,
  EntityRow,
  LanguageCount,
  LexiconEntry,
  MessageView,
  QuarantineRow,
  SearchHit,
  SearchOptions,
  SearchPage,
  SourceMeta,
  SourceRow,
  SourceWriter,
  OpenOptions,
  RowSink,
  TableChunk,
  SavedSearchInput,
  SavedSearchRow,
  SavedSearchRun,
  StoredSelector,
  WatchlistSummary,
  WatchMessageQuery,
  WatchMessageRow,
} from '../types.js';
import { SqliteWatch } from './watch.js';
import { SqliteAnnotations } from './annotations.js';
import * as translations from './translations.js';
import * as ocr from './ocr.js';
import * as galleryRead from './gallery.js';
import type { OcrCandidate, StoredOcr, StoredTranslation } from '../types.js';
import { bodyMention, ocrTextCondition } from '../ocr-rows.js';
import type { AnnotatedType, Annotation, AnnotationChange, AnnotationEvent, ItemKey } from '../types.js';
import { FtsVocabulary, matchesTokens, toFts } from './fts.js';
import { SLOTS } from '../../model/ids.js';
import { activityCounts } from './activity.js';
import { type AccountDbRow, type SourceDbRow, parseLoc, readSource, toAccount, toSource } from './rows.js';
import { DEFERRED_INDEXES, SCHEMA_SQL, SCHEMA_VERSION, insertSql } from './schema.js';
import { ensureMigrated } from './migrations.js';
import { SqliteIdentityStore, listPersons } from './identity.js';
import { bumpGeneration, readGeneration } from './generation.js';
import { chunked } from '../chunks.js';
import { configureConnection } from './connection.js';
import { readDossier } from '../dossier.js';
import { dossierQueries } from './dossier.js';
import { InThreadSourceWriter, ThreadedSourceWriter, threadedWriterAvailable } from './source-writers.js';
import { SqliteGeoReader } from './places.js';
import { forgetSmallCaseStatistics } from './statistics.js';
import { acquireWriterLock, lockedWriter, translateStoreError } from './writer-lock.js';
import { SqliteRowSink, dumpRows, transferCounts } from './transfer.js';
import { cachedStatement } from './statements.js';
import * as readMessages from './read-messages.js';
import { CALL_COLS, type CallDbRow, idBound, nearest, toCallView } from '../call-rows.js';

const APP_ID = 0x636c6577; // 'clew'

export type { OpenOptions };

function sqliteCode(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}

export function openSqliteCase(path: string, opts: OpenOptions = {}): SqliteCaseStore {
  let exists = false;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ClewError('CASE_IS_DIRECTORY', `${path} is a directory; a case is one file, e.g. ${path}/case.clew`, { path });
    exists = true;
    if (!opts.readonly && (st.mode & 0o222) === 0)
      throw new ClewError('CASE_READ_ONLY', `${path} is marked read-only; make it writable (chmod u+w) or open it read-only`, { path });
  } catch (e) {
    if (e instanceof ClewError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!exists && !opts.create) throw new ClewError('CASE_NOT_FOUND', `no case file at ${path}`, { path });
  if (exists) {
    try {
      ensureMigrated(path);
    } catch (e) {
      if (sqliteCode(e) === 'SQLITE_NOTADB') throw new ClewError('CASE_INVALID', `${path} is not a clew case file`, { path });
      throw e;
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (e) {
    const code = sqliteCode(e);
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || (e as NodeJS.ErrnoException).code === 'EACCES')
      throw new ClewError(opts.create && !exists ? 'CASE_READ_ONLY' : 'CASE_NOT_FOUND', `cannot open ${path} for writing: ${(e as Error).message}`, { path });
    throw e;
  }
  try {
    return new SqliteCaseStore(db, path, opts.readonly ?? false, opts.threadedWriter ?? threadedWriterAvailable());
  } catch (e) {
    db.close();
    const code = sqliteCode(e);
    if (code === 'SQLITE_NOTADB') throw new ClewError('CASE_INVALID', `${path} is not a clew case file`, { path });
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN')
      throw new ClewError('CASE_READ_ONLY', `${path} cannot be written: ${(e as Error).message}`, { path });
    throw e;
  }
}


export class SqliteCaseStore implements CaseStore {
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly readonly: boolean,
    private readonly threaded: boolean,
  ) {
    configureConnection(db, readonly);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const hasTables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n > 0;
    if (!hasTables) {
      if (readonly) throw new ClewError('CASE_INVALID', `${path} is empty, not a clew case`);
      db.exec('BEGIN');
      db.exec(SCHEMA_SQL);
      db.pragma(`application_id = ${APP_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('created_at', ?), ('clew_schema', ?)`).run(new Date().toISOString(), String(SCHEMA_VERSION));
      db.exec('COMMIT');
    } else if (appId !== APP_ID) {
      throw new ClewError('CASE_INVALID', `${path} is an SQLite file but not a clew case`, { path });
    } else {
      // openSqliteCase migrated it; another process may have written a newer schema since
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v !== SCHEMA_VERSION) throw new ClewError('CASE_VERSION', `${path} has schema ${v}; this clew reads schema ${SCHEMA_VERSION}`, { path });
    }
  }

  readonly backend = 'sqlite' as const;

  /** The case file, as given (a path holds no secret). */
  get locator(): string {
    return this.path;
  }

  async close(): Promise<void> {
    if (this.db.open) {
      if (!this.readonly) {
        this.db.pragma('optimize');
        forgetSmallCaseStatistics(this.db); // what optimize gathers on a small case misleads the next ingest
      }
      this.db.close();
    }
  }

  /** Direct access for read-only analytics loaders and tests inside src/store. */
  get raw(): Database.Database {
    return this.db;
  }

  // ---------------------------------------------------------------- ingest

  async findSource(sha256: string): Promise<SourceRow | null> {
    const r = this.db.prepare('SELECT * FROM sources WHERE sha256 = ?').get(sha256) as SourceDbRow | undefined;
    return r ? toSource(r) : null;
  }

  async beginSource(meta: SourceMeta): Promise<SourceWriter> {
    this.assertWritable();
    const release = acquireWriterLock(this.path);
    try {
      return lockedWriter(this.beginSourceLocked(meta), this.path, release);
    } catch (e) {
      release();
      throw translateStoreError(e, this.path);
    }
  }

  private beginSourceLocked(meta: SourceMeta): SourceWriter {
    // first load into an empty case: build the read-side indexes once at the end (writer.finish)
    if (this.db.prepare('SELECT 1 FROM messages LIMIT 1').get() === undefined)
      for (const i of DEFERRED_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${i.name}`);
    forgetSmallCaseStatistics(this.db);
    const info = this.db
      .prepare(
        `INSERT INTO sources (sha256, path, name, size, format, options, started_at, status, resume_offset, resume_line)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'partial', 0, 1)`,
      )
      .run(meta.sha256, meta.path, meta.name, meta.size, meta.format, JSON.stringify(meta.options), Date.now());
    return this.writerFor(readSource(this.db, Number(info.lastInsertRowid))!);
  }

  async resumeSource(source: SourceRow): Promise<SourceWriter> {
    this.assertWritable();
    const release = acquireWriterLock(this.path);
    try {
      return lockedWriter(this.writerFor(source), this.path, release);
    } catch (e) {
      release();
      throw translateStoreError(e, this.path);
    }
  }

  async generation(): Promise<number> {
    return readGeneration(this.db);
  }

  async forgetEmptySource(id: number): Promise<boolean> {
    this.assertWritable();
    return this.db.prepare(`DELETE FROM sources WHERE id = ? AND status = 'partial' AND items_done = 0`).run(id).changes > 0;
  }

  /** The writer stores what it is given: the ingest pipeline analyses (src/ingest/analyse.ts). */
  private writerFor(source: SourceRow): SourceWriter {
    return this.threaded ? new ThreadedSourceWriter(this.path, source) : new InThreadSourceWriter(this.db, source);
  }

  async sources(): Promise<SourceRow[]> {
    return (this.db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceDbRow[]).map(toSource);
  }

  // ---------------------------------------------------------------- moving a case (clew case copy: transfer.ts)

  async transferCounts(): Promise<Record<string, number>> {
    return transferCounts(this.db);
  }

  dumpRows(opts: { rows?: number } = {}): AsyncIterable<TableChunk> {
    return dumpRows(this.db, opts.rows);
  }

  async restoreRows(): Promise<RowSink> {
    this.assertWritable();
    return SqliteRowSink.open(this.db, this.path);
  }

  // ---------------------------------------------------------------- machine translations (translations.ts)

  async translationsOf(messageIds: readonly number[], target: string): Promise<StoredTranslation[]> {
    return translations.translationsOf(this.db, messageIds, target);
  }
  async saveTranslations(rows: readonly StoredTranslation[]): Promise<void> {
    this.assertWritable();
    translations.saveTranslations(this.db, rows);
  }

  // ---------------------------------------------------------------- the attachment gallery (gallery.ts)

  async gallery(scope: GalleryScope, opts: { limit: number; after?: number; imagesOnly?: boolean }): Promise<GalleryPage> {
    return galleryRead.gallery(this.db, scope, opts, (ids) => this.accountMap(ids));
  }
  async galleryItem(id: number): Promise<GalleryItem | null> {
    return galleryRead.galleryItem(this.db, id, (ids) => this.accountMap(ids));
  }

  // ---------------------------------------------------------------- text recognised in images (ocr.ts)

  async ocrCandidates(opts: { limit: number; after?: number; again?: boolean }): Promise<OcrCandidate[]> {
    return ocr.ocrCandidates(this.db, opts);
  }
  async ocrCounts(): Promise<{ images: number; done: number }> {
    return ocr.ocrCounts(this.db);
  }
  async blob(sha256: string): Promise<Uint8Array | null> {
    return ocr.blob(this.db, sha256);
  }
  async saveOcr(rows: readonly { ocr: StoredOcr; messageId: number | null; mentions: readonly Mention[] }[]): Promise<void> {
    this.assertWritable();
    ocr.saveOcr(this.db, rows);
  }
  async ocrOf(attachmentIds: readonly number[]): Promise<StoredOcr[]> {
    return ocr.ocrOf(this.db, attachmentIds);
  }
  async ocrOfMessages(messageIds: readonly number[]): Promise<{ messageId: number; filename: string; ocr: StoredOcr }[]> {
    return ocr.ocrOfMessages(this.db, messageIds);
  }

  // ---------------------------------------------------------------- annotations (annotations.ts)

  private annotationStore: SqliteAnnotations | null = null;
  private get annotationsRw(): SqliteAnnotations {
    return (this.annotationStore ??= new SqliteAnnotations(this.db, () => this.assertWritable()));
  }
  async annotate(change: AnnotationChange): Promise<AnnotationEvent | null> {
    return this.annotationsRw.annotate(change);
  }
  async undoAnnotation(eventId: number, by: string, at?: number): Promise<AnnotationEvent> {
    return this.annotationsRw.undo(eventId, by, at);
  }
  async annotationsOf(items: readonly ItemKey[]): Promise<Annotation[]> {
    return this.annotationsRw.annotationsOf(items);
  }
  async annotationEvents(opts: { limit: number; before?: number; item?: ItemKey }): Promise<AnnotationEvent[]> {
    return this.annotationsRw.events(opts);
  }
  async taggedItems(tag: string, type?: AnnotatedType): Promise<ItemKey[]> {
    return this.annotationsRw.taggedItems(tag, type);
  }
  async tags(): Promise<{ tag: string; name: string; items: number }[]> {
    return this.annotationsRw.tags();
  }

  // ---------------------------------------------------------------- watchlists and saved searches (watch.ts)

  private watchStore: SqliteWatch | null = null;
  private get watch(): SqliteWatch {
    return (this.watchStore ??= new SqliteWatch(this.db, () => this.assertWritable()));
  }
  async watchMessages(queries: readonly WatchMessageQuery[], opts: { ids: number }): Promise<WatchMessageRow[]> {
    return this.watch.watchMessages(queries, opts);
  }
  async watchlists(): Promise<WatchlistSummary[]> {
    return this.watch.watchlists();
  }
  async watchlist(name: string): Promise<{ summary: WatchlistSummary; selectors: StoredSelector[] } | null> {
    return this.watch.watchlist(name);
  }
  async putWatchlist(name: string, selectors: readonly StoredSelector[], by: string): Promise<WatchlistSummary> {
    return this.watch.putWatchlist(name, selectors, by);
  }
  async removeWatchlist(name: string): Promise<boolean> {
    return this.watch.removeWatchlist(name);
  }
  async savedSearches(): Promise<SavedSearchRow[]> {
    return this.watch.savedSearches();
  }
  async putSavedSearch(s: SavedSearchInput): Promise<SavedSearchRow> {
    return this.watch.putSavedSearch(s);
  }
  async removeSavedSearch(name: string): Promise<boolean> {
    return this.watch.removeSavedSearch(name);
  }
  async recordSavedSearchRun(name: string, run: SavedSearchRun): Promise<SavedSearchRow> {
    return this.watch.recordSavedSearchRun(name, run);
  }
  async savedSearchHits(name: string, opts: { onlyNew: boolean; limit: number }): Promise<number[]> {
    return this.watch.savedSearchHits(name, opts);
  }

  private assertWritable(): void {
    if (this.readonly) throw new ClewError('CASE_READ_ONLY', `${this.path} is open read-only`);
  }

  // ---------------------------------------------------------------- accounts

  async accountsByIds(ids: readonly number[]): Promise<Map<number, AccountView>> {
    return this.accountMap(ids);
  }

  /**
   * The accounts of `ids`, in the order asked (each once), read in one statement (a search page's senders:
   * one look-up per sender cost a stemmed search, whose pages hold more senders, ~12 µs each).
   */
  private accountMap(ids: readonly number[]): Map<number, AccountView> {
    const want = [...new Set(ids)];
    const rows = new Map<number, AccountDbRow>();
    if (want.length > 0) for (const r of this.byIds('accounts', '*', want) as AccountDbRow[]) rows.set(r.id, r);
    const out = new Map<number, AccountView>();
    for (const id of want) {
      const r = rows.get(id);
      if (r) out.set(id, toAccount(r));
    }
    return out;
  }

  private readonly byIdStatements = new Map<string, Database.Statement>();

  /** Rows of `table` (`cols`, with its `id`) whose id is one of `ids` (any order): one statement, prepared once. */
  private byIds(table: 'accounts' | 'conversations', cols: string, ids: readonly number[]): unknown[] {
    const key = `${table}:${cols}`;
    let st = this.byIdStatements.get(key);
    if (!st) {
      st = this.db.prepare(`SELECT ${cols} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`);
      this.byIdStatements.set(key, st);
    }
    return st.all(JSON.stringify(ids));
  }

  /** The member accounts of the persons `person:` terms name: a person id (`12`, `#12`, `person:12`), else a person name (case-insensitive). */
  private personAccountIds(terms: string[], notes: string[]): number[] {
    const persons = listPersons(this.db);
    return terms.flatMap((t) => {
      const m = /^(?:#|person:)?(\d{1,15})$/.exec(t.trim());
      const low = t.trim().toLowerCase();
      const found = persons.filter((p) => (m ? p.id === Number(m[1]) : p.name.toLowerCase() === low));
      if (found.length === 0) notes.push(`person:${t} matches no person`);
      return found.flatMap((p) => p.accounts.map((a) => a.id));
    });
  }

  /** Accounts named by a term: exact reference, else handle, else display name (case-insensitive). */
  async resolveAccounts(term: string): Promise<AccountView[]> {
    return this.accountsNamed(term);
  }

  private accountsNamed(term: string): AccountView[] {
    for (const sql of [
      'SELECT * FROM accounts WHERE ref = ?',
      'SELECT * FROM accounts WHERE handle = ? COLLATE NOCASE',
      'SELECT * FROM accounts WHERE display_name = ? COLLATE NOCASE',
    ]) {
      const rows = this.db.prepare(`${sql} LIMIT 1000`).all(term) as AccountDbRow[];
      if (rows.length > 0) return rows.map(toAccount);
    }
    return [];
  }

  async activity(q: ActivityQuery): Promise<ActivityCounts> {
    return activityCounts(this.db, q);
  }

  accounts(): AsyncIterable<AccountView[]> {
    return chunked(this.accountRows());
  }

  private *accountRows(): Iterable<AccountView> {
    for (const r of this.db.prepare('SELECT * FROM accounts ORDER BY id').iterate() as Iterable<AccountDbRow>) yield toAccount(r);
  }

  /**
   * The chunks are read from an open statement: between chunks only reads may run on this
   * connection (better-sqlite3 refuses writes while an iterator is open), so a consumer finishes or
   * breaks the loop before it writes.
   */
  edges(filter: EdgeFilter = {}): AsyncIterable<EdgeRow[]> {
    return chunked(this.edgeRows(filter));
  }

  private *edgeRows(filter: EdgeFilter): Iterable<EdgeRow> {
    if (filter.after === undefined && filter.before === undefined) {
      // the edge table kept up to date during ingest: no scan of the records
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (filter.channels && filter.channels.length > 0) {
        where.push(`channel IN (${filter.channels.map(() => '?').join(',')})`);
        args.push(...filter.channels);
      }
      if (filter.minCount !== undefined) {
        where.push('count >= ?');
        args.push(filter.minCount);
      }
      const sql = `SELECT src, dst, channel, count, first, last FROM edges ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      yield* this.db.prepare(sql).iterate(...args) as Iterable<EdgeRow>;
      return;
    }
    // a time window: counted from the records themselves
    const c = this.communicationsSql(filter);
    const having = filter.minCount !== undefined ? 'HAVING count(*) >= ?' : '';
    const sql = `SELECT src, dst, channel, count(*) AS count, min(ts) AS first, max(ts) AS last FROM (${c.sql}) GROUP BY src, dst, channel ${having}`;
    yield* this.db.prepare(sql).iterate(...c.args, ...(filter.minCount !== undefined ? [filter.minCount] : [])) as Iterable<EdgeRow>;
  }

  communications(filter: EdgeFilter = {}): AsyncIterable<CommunicationRow[]> {
    return chunked(this.communicationRows(filter));
  }

  private *communicationRows(filter: EdgeFilter): Iterable<CommunicationRow> {
    const c = this.communicationsSql(filter);
    yield* this.db.prepare(`${c.sql} ORDER BY ts`).iterate(...c.args) as Iterable<CommunicationRow>;
  }

  /** One row (src, dst, channel, ts) per message recipient and per call, duplicates left out. */
  private communicationsSql(filter: EdgeFilter): { sql: string; args: string[] } {
    const lo = filter.after ?? 0;
    const hi = filter.before ?? 8.64e15;
    for (const t of [lo, hi]) if (!(Number.isSafeInteger(t) && t >= 0)) throw new ClewError('INVALID_ARGUMENT', 'time bounds must be epoch milliseconds');
    const channels = filter.channels ?? [];
    const inCh = channels.length ? `WHERE channel IN (${channels.map(() => '?').join(',')})` : '';
    const sql = `SELECT * FROM (
        SELECT m.sender AS src, r.account_id AS dst, m.channel AS channel, m.ts AS ts FROM messages m JOIN message_recipients r ON r.message_id = m.id
        WHERE m.dup_of IS NULL AND m.id >= ${lo * SLOTS} AND m.id < ${hi * SLOTS} AND m.sender != r.account_id
        UNION ALL
        SELECT caller, callee, channel, ts FROM calls WHERE dup_of IS NULL AND ts >= ${lo} AND ts < ${hi} AND caller != callee) ${inCh}`;
    return { sql, args: channels };
  }

  // ---------------------------------------------------------------- search

  /**
   * Words from a few senders: the index finds every message with the words, newest first, and
   * keeps those the senders sent, so a common word from a quiet sender reads its whole posting
   * list (about 0.2 µs a message); walking the senders' own messages and checking each against
   * the index costs about 30 µs a message. Take the senders' walk when the words match more than
   * 150 messages per message the senders wrote: counting that far costs a third of the walk.
   */
  private senderDriven(fts: string, senders: number[]): boolean {
    const MAX_WALK = 2000;
    const marks = senders.map(() => '?').join(',');
    const sent = this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM messages WHERE sender IN (${marks}) LIMIT ?)`).pluck().get(...senders, MAX_WALK) as number;
    if (sent >= MAX_WALK) return false;
    const enough = Math.max(1, sent) * 150;
    try {
      const matches = this.db.prepare('SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)').pluck().get(fts, enough) as number;
      return matches >= enough;
    } catch (e) {
      if (sqliteCode(e)?.startsWith('SQLITE_ERROR')) return false; // the search itself reports it
      throw e;
    }
  }

  private vocabulary: FtsVocabulary | null = null;

  private ftsVocabulary(): FtsVocabulary {
    return (this.vocabulary ??= new FtsVocabulary(this.db));
  }

  private languageCache: { stamp: string; rows: LanguageCount[] } | null = null;

  async languages(): Promise<LanguageCount[]> {
    // the messages' languages change only as sources are written: their progress is the cache's key
    const stamp = JSON.stringify(cachedStatement(this.db, 'SELECT count(*), total(records), total(items_done), max(finished_at), group_concat(status) FROM sources', 'raw').get());
    if (this.languageCache?.stamp === stamp) return this.languageCache.rows;
    const rows = this.db
      .prepare('SELECT lang, count(*) AS messages FROM messages WHERE dup_of IS NULL GROUP BY lang ORDER BY lang IS NULL, messages DESC, lang')
      .all() as LanguageCount[];
    this.languageCache = { stamp, rows };
    return rows;
  }

  /**
   * The part of a search with translations (SearchQuery.translated) that reads them: the messages whose
   * translations_fts row holds the words, with the search's other filters (`where`, `args`: taken before
   * the originals' words are added), first copies of complete sources only (as messages_fts holds).
   * `sql` gives a page (cursor and limit bound last), `idSql` the ids (for the count). Null when there is
   * nothing to read there (no words, or exact mode: a machine translation has no exact spelling to match).
   */
  private translationSearch(query: SearchQuery, exact: boolean, where: readonly string[], args: readonly (string | number)[], notes: string[]): { sql: string; idSql: string; args: (string | number)[] } | null {
    if (!query.translated || query.text === null) return null;
    if (exact) {
      notes.push('translations are searched in folded mode only: exact mode searched the originals');
      return null;
    }
    const cond = `translations_fts MATCH ? AND m.dup_of IS NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = m.source_id AND s.status = 'partial') ${where.map((w) => `AND ${w}`).join(' ')}`;
    return {
      sql: `SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang FROM translations_fts f JOIN messages m ON m.id = f.rowid
            WHERE ${cond} AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`,
      idSql: `SELECT f.rowid AS id FROM translations_fts f JOIN messages m ON m.id = f.rowid WHERE ${cond}`,
      args: [toFts(query.text), ...args],
    };
  }

  /**
   * The part of an ordinary search (folded mode, words) that reads the text recognised in images (ocr_texts,
   * issue 23 part 3): the first copies of complete sources' messages with an image whose recognised words
   * match the query's (ocr-rows.ts ocrTextCondition), with the search's other filters (`where`, `args`, as for
   * translationSearch). Null when there is nothing to read there (no words, exact mode, no text read in the case).
   */
  private ocrSearch(query: SearchQuery, exact: boolean, where: readonly string[], args: readonly (string | number)[]): { sql: string; idSql: string; args: (string | number)[] } | null {
    if (query.text === null || exact || !this.hasOcrText()) return null;
    const needles: string[] = [];
    const cond = ocrTextCondition(query.text, (n) => {
      needles.push(n);
      return "instr(' ' || o.words || ' ', ?) > 0";
    });
    const from = `(SELECT DISTINCT mm.id AS rowid FROM ocr_texts o JOIN attachments a ON a.id = o.attachment_id
      JOIN messages mm ON mm.source_id = a.source_id AND mm.native_id = a.message_native_id WHERE o.words <> '' AND ${cond}) f JOIN messages m ON m.id = f.rowid`;
    const filter = `m.dup_of IS NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = m.source_id AND s.status = 'partial') ${where.map((w) => `AND ${w}`).join(' ')}`;
    return {
      sql: `SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang FROM ${from} WHERE ${filter} AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`,
      idSql: `SELECT f.rowid AS id FROM ${from} WHERE ${filter}`,
      args: [...needles, ...args],
    };
  }

  /** Whether any image's recognised text holds a word (one indexed probe: cheap on every search). */
  private hasOcrText(): boolean {
    return this.db.prepare("SELECT 1 FROM ocr_texts WHERE words <> '' LIMIT 1").get() !== undefined;
  }

  async search(query: SearchQuery, opts: SearchOptions): Promise<SearchPage> {
    const notes: string[] = [];
    const where: string[] = [];
    const args: (string | number)[] = [];
    const resolveAll = (terms: string[], kind: string): number[] | null => {
      if (terms.length === 0) return null;
      const ids = terms.flatMap((t) => {
        const found = this.accountsNamed(t);
        if (found.length === 0) notes.push(`${kind}:${t} matches no account`);
        return found.map((a) => a.id);
      });
      return ids;
    };
    const fromTerms = resolveAll(query.from, 'from');
    // person:ID|name (identity resolution) joins the person's accounts to the from: senders
    const personAccounts = query.persons?.length ? this.personAccountIds(query.persons, notes) : null;
    const from = fromTerms || personAccounts ? [...(fromTerms ?? []), ...(personAccounts ?? [])] : null;
    const to = resolveAll(query.to, 'to');
    if ((from && from.length === 0) || (to && to.length === 0)) return { hits: [], nextCursor: null, notes };
    const exact = query.mode === 'exact' && query.text !== null;
    // the word's alternatives (stems, other-script spellings) that the index holds: the same hits, fewer look-ups
    const fts = query.text ? toFts(this.ftsVocabulary().prune(exact ? refold(query.text, query.stemLangs) : query.text), exact) : null;
    const bySender = fts !== null && from !== null && this.senderDriven(fts, from);
    const idCol = fts && !bySender ? 'f.rowid' : 'm.id';
    if (from) {
      where.push(`m.sender IN (${from.map(() => '?').join(',')})`);
      args.push(...from);
    }
    if (to) {
      where.push(`EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.account_id IN (${to.map(() => '?').join(',')}))`);
      args.push(...to);
    }
    if (query.after !== undefined) {
      where.push(`${idCol} >= ?`);
      args.push(query.after * SLOTS);
    }
    if (query.before !== undefined) {
      where.push(`${idCol} < ?`);
      args.push(query.before * SLOTS);
    }
    if (query.langs.length > 0) {
      where.push(`m.lang IN (${query.langs.map(() => '?').join(',')})`);
      args.push(...query.langs);
    }
    for (const e of query.entities) {
      if (e.value === undefined) {
        where.push('EXISTS (SELECT 1 FROM mentions x WHERE x.message_id = m.id AND x.type = ?)');
        args.push(e.type);
      } else if (e.codewords?.length) {
        // also the code words whose meaning is the value (text/query/codewords.ts)
        where.push(
          `EXISTS (SELECT 1 FROM mentions x WHERE x.message_id = m.id AND ((x.type = ? AND (x.value = ? OR x.raw = ?)) OR (x.type = 'codeword' AND x.value IN (${e.codewords.map(() => '?').join(',')}))))`,
        );
        args.push(e.type, e.value, e.value, ...e.codewords);
      } else {
        where.push('EXISTS (SELECT 1 FROM mentions x WHERE x.message_id = m.id AND x.type = ? AND (x.value = ? OR x.raw = ?))');
        args.push(e.type, e.value, e.value);
      }
    }
    if (query.channels.length > 0) {
      where.push(`m.channel IN (${query.channels.map(() => '?').join(',')})`);
      args.push(...query.channels);
    }
    // tag: and note: (annotations.ts): the annotated messages, read through the annotations' key index
    for (const t of query.tags ?? []) {
      where.push(`m.id IN (SELECT CAST(a.item_key AS INTEGER) FROM annotations a WHERE a.kind = 'tag' AND a.key = ? AND a.item_type = 'message')`);
      args.push(t);
    }
    for (const w of query.noteWords ?? []) {
      where.push(`m.id IN (SELECT CAST(a.item_key AS INTEGER) FROM annotations a WHERE a.kind = 'note' AND a.item_type = 'message' AND instr(' ' || a.words || ' ', ?) > 0)`);
      args.push(` ${w} `);
    }
    // ocr: (ocr.ts): the messages with an image attachment whose recognised text holds the word
    for (const w of query.ocrWords ?? []) {
      where.push(`EXISTS (SELECT 1 FROM attachments a JOIN ocr_texts o ON o.attachment_id = a.id
        WHERE a.source_id = m.source_id AND a.message_native_id = m.native_id AND instr(' ' || o.words || ' ', ?) > 0)`);
      args.push(` ${w} `);
    }
    const pageSize = exact ? Math.max(opts.limit * 4, 200) : opts.limit + 1;
    // with translations (folded mode): the same filters on the messages whose translations hold the words
    const tr = this.translationSearch(query, exact, where, args, notes);
    // and the messages whose images' recognised text holds them
    const oc = this.ocrSearch(query, exact, where, args);
    const extras = [tr, oc].filter((x): x is NonNullable<typeof x> => x !== null);
    let sql: string;
    if (fts && bySender) {
      // walk the senders' messages newest first and check each against the index (see senderDriven)
      where.push('EXISTS (SELECT 1 FROM messages_fts f WHERE messages_fts MATCH ? AND f.rowid = m.id)');
      args.push(fts);
      sql = `SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang FROM messages m
             WHERE ${where.join(' AND ')} AND m.id < ? ORDER BY m.id DESC LIMIT ?`;
    } else if (fts) {
      sql = `SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang FROM messages_fts f JOIN messages m ON m.id = f.rowid
             WHERE messages_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')} AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`;
      args.unshift(fts);
    } else {
      where.push('m.dup_of IS NULL');
      sql = `SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject, m.lang FROM messages m
             WHERE ${where.join(' AND ')} AND m.id < ? ORDER BY m.id DESC LIMIT ?`;
    }
    const st = cachedStatement(this.db, sql);
    type Row = { id: number; ts: number; sender: number; conversation_id: number | null; body: string; subject: string | null; lang: string | null };
    const hits: Row[] = [];
    const viaTranslation = new Set<number>();
    let cursor = opts.cursor ?? Number.MAX_SAFE_INTEGER;
    let scanned = 0;
    let more = false;
    try {
      for (;;) {
        const rows = st.all(...args, cursor, pageSize) as Row[];
        for (const r of rows) {
          if (exact && !matchesTokens(query.text!, indexTokens(r.subject ? `${r.subject}\n${r.body}` : r.body, 'exact'))) continue;
          hits.push(r);
        }
        scanned += rows.length;
        if (rows.length > 0) cursor = rows[rows.length - 1]!.id;
        if (!exact) {
          more = hits.length > opts.limit;
          break;
        }
        if (hits.length > opts.limit) {
          more = true;
          break;
        }
        if (rows.length < pageSize) break;
        if (scanned >= 50_000) {
          more = true;
          notes.push('exact mode checked 50,000 candidates for this page; ask for the next page to continue');
          break;
        }
      }
      for (const x of extras) {
        // the translations' (images') page below the same cursor, merged with the originals' newest first (an id in both is the original's)
        const own = new Set(hits.map((h) => h.id));
        const extra = (this.db.prepare(x.sql).all(...x.args, opts.cursor ?? Number.MAX_SAFE_INTEGER, opts.limit + 1) as Row[]).filter((r) => !own.has(r.id));
        if (x === tr) for (const r of extra) viaTranslation.add(r.id);
        hits.push(...extra);
        hits.sort((a, b) => b.id - a.id);
        more = hits.length > opts.limit;
      }
    } catch (e) {
      if (sqliteCode(e)?.startsWith('SQLITE_ERROR')) throw new ClewError('QUERY_SYNTAX', 'the search index could not run this query', {}, { cause: e });
      throw e;
    }
    const page = hits.slice(0, opts.limit);
    const accounts = this.accountMap(page.map((h) => h.sender));
    const convIds = [...new Set(page.flatMap((h) => (h.conversation_id === null ? [] : [h.conversation_id])))];
    const titles = new Map<number, string | null>();
    if (convIds.length > 0) for (const c of this.byIds('conversations', 'id, title', convIds) as { id: number; title: string | null }[]) titles.set(c.id, c.title);
    const out: SearchHit[] = page.map((h) => ({
      id: h.id,
      ts: h.ts,
      sender: accounts.get(h.sender)!,
      conversationId: h.conversation_id,
      conversationTitle: h.conversation_id === null ? null : (titles.get(h.conversation_id) ?? null),
      body: h.body,
      lang: h.lang,
      ...(viaTranslation.has(h.id) ? { viaTranslation: true } : {}),
    }));
    const nextCursor = more ? (exact && hits.length <= opts.limit ? cursor : page[page.length - 1]!.id) : null;
    // the total, counted up to a cap, on the first page only (exact mode checks each hit: no count)
    let total: SearchPage['total'];
    if (opts.count !== undefined && opts.cursor === undefined && !exact) {
      const cap = Math.max(1, Math.floor(opts.count));
      if (nextCursor === null) total = { count: Math.min(page.length, cap), capped: page.length > cap }; // one page holds them all
      else if (extras.length > 0) {
        // the originals' matches, the translations' and the images', each message once
        const own = !fts || bySender
          ? `SELECT m.id AS id FROM messages m WHERE ${where.join(' AND ')}`
          : `SELECT f.rowid AS id FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}`;
        const union = [own, ...extras.map((x) => x.idSql)].join(' UNION ');
        const n = this.db.prepare(`SELECT count(*) FROM (${union} LIMIT ?)`).pluck().get(...args, ...extras.flatMap((x) => x.args), cap + 1) as number;
        total = { count: Math.min(n, cap), capped: n > cap };
      } else {
        // words alone are counted in the full-text index without reading the messages
        const inner = !fts || bySender
          ? `SELECT 1 FROM messages m WHERE ${where.join(' AND ')}`
          : where.length === 0
            ? 'SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?'
            : `SELECT 1 FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}`;
        const n = this.db.prepare(`SELECT count(*) FROM (${inner} LIMIT ?)`).pluck().get(...args, cap + 1) as number;
        total = { count: Math.min(n, cap), capped: n > cap };
      }
    }
    return { hits: out, nextCursor, notes, ...(total ? { total } : {}) };
  }

  // ---------------------------------------------------------------- messages

  async message(id: number): Promise<MessageView> {
    return readMessages.messageViews(this.db, (ids) => this.accountMap(ids), [readMessages.messageRow(this.db, id)])[0]!;
  }

  async thread(id: number, opts: { before: number; after: number }): Promise<MessageView[]> {
    return (await this.threads([id], opts))[0]!;
  }

  async threads(ids: readonly number[], opts: { before: number; after: number }): Promise<MessageView[][]> {
    return readMessages.threads(this.db, (a) => this.accountMap(a), ids, opts);
  }

  // ---------------------------------------------------------------- calls

  async calls(ids: readonly number[]): Promise<CallView[]> {
    const byId = new Map<number, CallDbRow>();
    if (ids.length > 0) for (const r of this.db.prepare(`SELECT ${CALL_COLS} FROM calls WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as CallDbRow[]) byId.set(r.id, r);
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new ClewError('NOT_FOUND', `no call ${missing}`, { id: missing });
    const rows = ids.map((id) => byId.get(id)!);
    const accounts = this.accountMap(rows.flatMap((r) => [r.caller, r.callee]));
    return rows.map((r) => toCallView(r, accounts, readSource(this.db, r.source_id)!));
  }

  async callsOf(accounts: readonly number[], opts: { with?: readonly number[]; limit: number }): Promise<CallView[]> {
    const a = JSON.stringify(accounts);
    const w = opts.with ? JSON.stringify(opts.with) : null;
    const ids = this.db
      .prepare(
        `SELECT id FROM calls WHERE dup_of IS NULL AND (
           (caller IN (SELECT value FROM json_each(@a)) AND (@w IS NULL OR callee IN (SELECT value FROM json_each(@w))))
           OR (callee IN (SELECT value FROM json_each(@a)) AND (@w IS NULL OR caller IN (SELECT value FROM json_each(@w)))))
         ORDER BY ts, id LIMIT @limit`,
      )
      .pluck()
      .all({ a, w, limit: opts.limit }) as number[];
    return this.calls(ids);
  }

  async between(a: number, b: number, at: CommunicationKey, side: 'before' | 'after', limit: number): Promise<CommunicationKey[]> {
    const [cmp, order] = side === 'before' ? ['<', 'DESC'] : ['>', 'ASC'];
    const near = `(ts ${cmp} ? OR (ts = ? AND id ${cmp} ?)) ORDER BY ts ${order}, id ${order} LIMIT ?`;
    const calls = this.db
      .prepare(`SELECT 'call' AS kind, id, ts FROM calls WHERE dup_of IS NULL AND ((caller = ? AND callee = ?) OR (caller = ? AND callee = ?)) AND ${near}`)
      .all(a, b, b, a, at.ts, at.ts, idBound('call', at, side), limit) as CommunicationKey[];
    const sent = 'SELECT id, ts FROM messages m WHERE sender = ? AND dup_of IS NULL AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.account_id = ?)';
    const messages = this.db
      .prepare(`SELECT 'message' AS kind, id, ts FROM (${sent} UNION ${sent}) WHERE ${near}`)
      .all(a, b, b, a, at.ts, at.ts, idBound('message', at, side), limit) as CommunicationKey[];
    return nearest([...calls, ...messages], side, limit);
  }

  // ---------------------------------------------------------------- stats

  async stats(opts: { top?: number } = {}): Promise<CaseStats> {
    const one = (sql: string) => (this.db.prepare(sql).pluck().get() as number | null) ?? 0;
    const src = this.db.prepare(`SELECT count(*) AS total, sum(status = 'complete') AS complete FROM sources`).get() as { total: number; complete: number | null };
    const firstId = this.db.prepare('SELECT min(id) FROM messages').pluck().get() as number | null;
    const lastId = this.db.prepare('SELECT max(id) FROM messages').pluck().get() as number | null;
    const firstCall = this.db.prepare('SELECT min(ts) FROM calls').pluck().get() as number | null;
    const lastCall = this.db.prepare('SELECT max(ts) FROM calls').pluck().get() as number | null;
    const firstMsg = firstId === null ? null : (this.db.prepare('SELECT ts FROM messages WHERE id = ?').pluck().get(firstId) as number);
    const lastMsg = lastId === null ? null : (this.db.prepare('SELECT ts FROM messages WHERE id = ?').pluck().get(lastId) as number);
    const mins = [firstMsg, firstCall].filter((x): x is number => x !== null);
    const maxs = [lastMsg, lastCall].filter((x): x is number => x !== null);
    const top = this.db
      .prepare(
        // contacts: distinct counterpart accounts, both directions, any channel (the one meaning of "contacts")
        `WITH s AS (SELECT src AS a, sum(count) AS sent, 0 AS received FROM edges GROUP BY src
                    UNION ALL SELECT dst, 0, sum(count) FROM edges GROUP BY dst),
              t AS (SELECT a, sum(sent) AS sent, sum(received) AS received FROM s GROUP BY a ORDER BY sum(sent) + sum(received) DESC, a LIMIT ?)
         SELECT a, sent, received,
                (SELECT count(*) FROM (SELECT dst FROM edges WHERE src = t.a AND dst <> t.a UNION SELECT src FROM edges WHERE dst = t.a AND src <> t.a)) AS contacts
         FROM t ORDER BY sent + received DESC, a`,
      )
      .all(opts.top ?? 10) as { a: number; sent: number; received: number; contacts: number }[];
    const accounts = this.accountMap(top.map((t) => t.a));
    return {
      sources: { total: src.total, complete: src.complete ?? 0, partial: src.total - (src.complete ?? 0) },
      messages: one('SELECT count(*) FROM messages'),
      duplicates: one('SELECT count(*) FROM messages WHERE dup_of IS NOT NULL') + one('SELECT count(*) FROM calls WHERE dup_of IS NOT NULL'),
      calls: one('SELECT count(*) FROM calls'),
      accounts: one('SELECT count(*) FROM accounts'),
      conversations: one('SELECT count(*) FROM conversations'),
      attachments: one('SELECT count(*) FROM attachments'),
      events: one('SELECT count(*) FROM events'),
      locations: one('SELECT count(*) FROM locations'),
      edges: one('SELECT count(*) FROM edges'),
      firstTs: mins.length ? Math.min(...mins) : null,
      lastTs: maxs.length ? Math.max(...maxs) : null,
      topTalkers: top.map((t) => ({ account: accounts.get(t.a)!, sent: t.sent, received: t.received, contacts: t.contacts })),
      quarantine: this.db.prepare('SELECT code, count(*) AS count FROM quarantine GROUP BY code ORDER BY count DESC, code').all() as {
        code: string;
        count: number;
      }[],
    };
  }

  // ---------------------------------------------------------------- entities and code words

  async entities(opts: EntityListOptions): Promise<EntityRow[]> {
    const rows = this.db
      .prepare(
        `SELECT x.type, x.value, count(*) AS mentions, count(DISTINCT x.message_id) AS messages, min(m.ts) AS first, max(m.ts) AS last
         FROM mentions x JOIN messages m ON m.id = x.message_id
         ${opts.type ? 'WHERE x.type = ?' : ''}
         GROUP BY x.type, x.value ORDER BY mentions DESC, x.type, x.value LIMIT ? OFFSET ?`,
      )
      .all(...(opts.type ? [opts.type] : []), opts.limit, opts.offset ?? 0) as Omit<EntityRow, 'accounts' | 'raw'>[];
    const rawSt = this.db.prepare('SELECT raw, count(*) n FROM mentions WHERE type = ? AND value = ? GROUP BY raw ORDER BY n DESC, raw LIMIT 5');
    const accSt = this.db.prepare(
      `SELECT m.sender AS id, count(*) AS n FROM mentions x JOIN messages m ON m.id = x.message_id
       WHERE x.type = ? AND x.value = ? GROUP BY m.sender ORDER BY n DESC, m.sender LIMIT ?`,
    );
    return rows.map((r) => {
      const acc = accSt.all(r.type, r.value, opts.accounts ?? 5) as { id: number; n: number }[];
      const views = this.accountMap(acc.map((a) => a.id));
      return {
        ...r,
        raw: (rawSt.all(r.type, r.value) as { raw: string }[]).map((x) => x.raw),
        accounts: acc.map((a) => ({ account: views.get(a.id)!, mentions: a.n })),
      };
    });
  }

  async mentions(messageId: number): Promise<Mention[]> {
    return (
      this.db.prepare(`SELECT type, start, end, raw, value, confidence, attrs FROM mentions x WHERE message_id = ? AND ${bodyMention('x')} ORDER BY start, type`).all(messageId) as (Omit<
        Mention,
        'attrs'
      > & { attrs: string | null })[]
    ).map((m) => ({ ...m, attrs: m.attrs === null ? undefined : (JSON.parse(m.attrs) as Mention['attrs']) }));
  }

  async lexicon(): Promise<LexiconEntry[]> {
    return (cachedStatement(this.db, 'SELECT term, means, type, added_at FROM lexicon ORDER BY term').all() as { term: string; means: string; type: string | null; added_at: number }[]).map(
      (r) => ({ term: r.term, means: r.means, type: r.type, addedAt: r.added_at }),
    );
  }

  /**
   * Add or replace a code word and apply it to every message already in the case: candidates come
   * from the full-text index (the term's folded tokens, as a prefix for inflected forms), then the
   * compiled matcher decides. Returns how many mentions were stored.
   */
  async addLexiconEntry(entry: { term: string; means: string; type?: string }): Promise<{ mentions: number; messages: number }> {
    this.assertWritable();
    const matcher = compileLexicon([{ term: entry.term, means: entry.means, type: entry.type }]);
    const fts = lexiconCandidates(entry.term).map((t) => t.map((p) => (p.prefix ? `"${p.text}"*` : `"${p.text}"`)).join(' OR ')).map((o) => `(${o})`).join(' AND ');
    if (fts === '') throw new ClewError('INVALID_ARGUMENT', 'a code word needs letters or digits');
    const run = this.db.transaction(() => {
      bumpGeneration(this.db);
      this.removeLexiconMentions(entry.term);
      this.db
        .prepare('INSERT INTO lexicon (term, means, type, added_at) VALUES (?, ?, ?, ?) ON CONFLICT(term) DO UPDATE SET means = excluded.means, type = excluded.type')
        .run(entry.term, entry.means, entry.type ?? null, Date.now());
      const ins = this.db.prepare(insertSql('mentions'));
      let mentions = 0;
      let messages = 0;
      const cand = this.db.prepare(
        'SELECT m.id, m.body FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT 5000',
      );
      for (let cursor = Number.MAX_SAFE_INTEGER; ; ) {
        const page = cand.all(fts, cursor) as { id: number; body: string }[];
        for (const row of page) {
          const found = matcher.extract(row.body);
          if (found.length > 0) messages++;
          for (const m of found) {
            ins.run(row.id, m.type, m.start, m.end, m.raw, m.value, m.confidence, m.attrs ? JSON.stringify(m.attrs) : null);
            mentions++;
          }
        }
        if (page.length < 5000) break;
        cursor = page[page.length - 1]!.id;
      }
      return { mentions, messages };
    });
    return run();
  }

  async removeLexiconEntry(term: string): Promise<boolean> {
    this.assertWritable();
    return this.db.transaction(() => {
      bumpGeneration(this.db);
      this.removeLexiconMentions(term);
      return this.db.prepare('DELETE FROM lexicon WHERE term = ?').run(term).changes > 0;
    })();
  }

  private removeLexiconMentions(term: string): void {
    this.db.prepare(`DELETE FROM mentions WHERE type = 'codeword' AND value = ?`).run(term);
  }

  async dossier(accountIds: number[], opts: DossierOptions = {}): Promise<DossierData> {
    return readDossier(dossierQueries(this.db, (ids) => this.accountMap(ids)), accountIds, opts);
  }

  identity(): SqliteIdentityStore {
    return new SqliteIdentityStore(this.db);
  }

  geo(): SqliteGeoReader {
    return new SqliteGeoReader(this.db);
  }

  exportRecords(opts?: ExportOptions): AsyncIterable<ExportItem[]> {
    return sqliteExportRecords(this.db, opts);
  }

  async quarantine(opts: { limit: number; sourceId?: number }): Promise<QuarantineRow[]> {
    const rows = this.db
      .prepare(
        `SELECT s.path, q.loc, q.code, q.message, q.excerpt FROM quarantine q JOIN sources s ON s.id = q.source_id
         ${opts.sourceId !== undefined ? 'WHERE q.source_id = ?' : ''} ORDER BY q.source_id, q.id LIMIT ?`,
      )
      .all(...(opts.sourceId !== undefined ? [opts.sourceId] : []), opts.limit) as {
      path: string;
      loc: string;
      code: string;
      message: string;
      excerpt: string | null;
    }[];
    return rows.map((r) => ({ sourcePath: r.path, locator: parseLoc(r.loc), code: r.code, message: r.message, excerpt: r.excerpt }));
  }
}

