/**
 * The tables of a case, declared once for both backends: their columns (a small set of logical
 * types), nullability, defaults and checks, primary keys, unique keys, and the indexes the two
 * backends share. sqlite/schema.ts derives the case file's DDL from it, postgres/schema.ts the
 * database's (with `case_id` as the first key column and one list partition per case), and the
 * column lists that code repeats (COPY and INSERT lists, the tables a case copy moves) come from
 * here too.
 *
 * What only one backend has stays in its own file: the SQLite FTS5 table, and the PostgreSQL
 * full-text column (messages.fts, tsvector) with its GIN index, the PostgreSQL-only indexes
 * (messages and calls by source, edge_deltas by source) and its id sequences.
 *
 * Logical types: `int` (SQLite INTEGER, PostgreSQL integer: offsets, flags, spans), `bigint`
 * (INTEGER / bigint: ids, times, counts), `real` (REAL / double precision), `text` (TEXT / text
 * COLLATE "C", byte order in both), `blob` (BLOB / bytea). JSON is stored as text.
 *
 * A change here changes the schema of new cases on both backends: it needs a migration in
 * sqlite/migrations.ts and postgres/migrations.ts, and schema.test.ts says what changed.
 */

export type ColumnType = 'int' | 'bigint' | 'real' | 'text' | 'blob';

export interface Column {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  default?: number;
  /** The values the column may hold (a CHECK constraint). */
  oneOf?: readonly string[];
}

export interface Index {
  /** The index's name after its table's (SQLite `<table>_<name>`, PostgreSQL `<table>_c<case>_<name>`). */
  name: string;
  columns: readonly string[];
  /** ASCII case-insensitive (SQLite COLLATE NOCASE, PostgreSQL lower() under COLLATE "C"): one column. */
  caseless?: boolean;
  where?: string;
  /**
   * Needed for reading, not for writing: a first load into an empty case drops it and builds it
   * once at the end (both writers).
   */
  deferred?: boolean;
}

export interface Table {
  name: string;
  columns: readonly Column[];
  primaryKey?: readonly string[];
  unique?: readonly (readonly string[])[];
  indexes?: readonly Index[];
  /** The primary key is the row's storage key (SQLite WITHOUT ROWID). */
  clustered?: boolean;
  /** Ids the database assigns (SQLite's rowid; a PostgreSQL sequence shared by the cases, clew_<table>_id). */
  autoId?: boolean;
}

const c = (name: string, type: ColumnType, more: Omit<Column, 'name' | 'type'> = {}): Column => ({ name, type, ...more });
/** A NOT NULL column. */
const nn = (name: string, type: ColumnType, more: Omit<Column, 'name' | 'type' | 'notNull'> = {}): Column => ({ name, type, notNull: true, ...more });
const id = nn('id', 'bigint');

/** Every case table, in creation order. */
export const TABLES: readonly Table[] = [
  { name: 'meta', columns: [nn('key', 'text'), nn('value', 'text')], primaryKey: ['key'], clustered: true },
  {
    name: 'sources',
    columns: [
      id,
      nn('sha256', 'text'),
      nn('path', 'text'),
      nn('name', 'text'),
      nn('size', 'bigint'),
      nn('format', 'text'),
      nn('options', 'text'),
      nn('started_at', 'bigint'),
      c('finished_at', 'bigint'),
      nn('status', 'text', { oneOf: ['partial', 'complete'] }),
      c('resume_offset', 'bigint'),
      c('resume_line', 'bigint'),
      nn('items_done', 'bigint', { default: 0 }),
      nn('records', 'bigint', { default: 0 }),
      nn('rejected', 'bigint', { default: 0 }),
      nn('duplicates', 'bigint', { default: 0 }),
    ],
    primaryKey: ['id'],
    unique: [['sha256']],
  },
  {
    name: 'accounts',
    columns: [id, nn('ref', 'text'), nn('platform', 'text'), nn('handle', 'text'), c('kind', 'text'), c('display_name', 'text')],
    primaryKey: ['id'],
    unique: [['ref']],
    indexes: [
      { name: 'handle', columns: ['handle'], caseless: true },
      { name: 'display', columns: ['display_name'], caseless: true },
    ],
  },
  {
    name: 'contacts',
    columns: [nn('owner', 'bigint'), nn('contact', 'bigint'), nn('name', 'text'), nn('source_id', 'bigint'), nn('loc', 'text')],
    primaryKey: ['owner', 'contact', 'name'],
    clustered: true,
    indexes: [{ name: 'contact', columns: ['contact'] }],
  },
  {
    name: 'devices',
    columns: [nn('account_id', 'bigint'), nn('key', 'text'), nn('value', 'text'), nn('source_id', 'bigint'), nn('loc', 'text')],
    primaryKey: ['account_id', 'key', 'value'],
    clustered: true,
  },
  {
    name: 'conversations',
    columns: [id, nn('source_id', 'bigint'), nn('ref', 'text'), c('title', 'text')],
    primaryKey: ['id'],
    unique: [['source_id', 'ref']],
  },
  {
    name: 'conversation_members',
    columns: [nn('conversation_id', 'bigint'), nn('account_id', 'bigint')],
    primaryKey: ['conversation_id', 'account_id'],
    clustered: true,
  },
  {
    name: 'messages',
    columns: [
      id,
      nn('source_id', 'bigint'),
      nn('loc', 'text'),
      nn('sender', 'bigint'),
      c('conversation_id', 'bigint'),
      nn('channel', 'text'),
      nn('ts', 'bigint'),
      c('tz_offset', 'int'),
      c('ts_local', 'text'),
      nn('body', 'text'),
      c('subject', 'text'),
      c('native_id', 'text'),
      c('reply_to', 'text'),
      c('forwarded_from', 'text'),
      nn('flags', 'int', { default: 0 }),
      c('dup_of', 'bigint'),
      c('lang', 'text'),
      c('lang_conf', 'real'),
    ],
    primaryKey: ['id'],
    indexes: [
      { name: 'dup_of', columns: ['dup_of'], where: 'dup_of IS NOT NULL' },
      { name: 'sender', columns: ['sender', 'id'], deferred: true },
      // partial: most messages are between two people, outside any conversation, and are never looked up by it
      { name: 'conversation', columns: ['conversation_id', 'id'], where: 'conversation_id IS NOT NULL', deferred: true },
      { name: 'native', columns: ['source_id', 'native_id'], where: 'native_id IS NOT NULL', deferred: true },
    ],
  },
  {
    name: 'message_recipients',
    columns: [nn('message_id', 'bigint'), nn('account_id', 'bigint')],
    primaryKey: ['message_id', 'account_id'],
    clustered: true,
    indexes: [{ name: 'account', columns: ['account_id', 'message_id'], deferred: true }],
  },
  {
    name: 'calls',
    columns: [
      id,
      nn('source_id', 'bigint'),
      nn('loc', 'text'),
      nn('caller', 'bigint'),
      nn('callee', 'bigint'),
      nn('channel', 'text'),
      nn('ts', 'bigint'),
      c('tz_offset', 'int'),
      c('ts_local', 'text'),
      nn('duration', 'real'),
      c('lat', 'real'),
      c('lon', 'real'),
      c('native_id', 'text'),
      c('dup_of', 'bigint'),
    ],
    primaryKey: ['id'],
    indexes: [
      // the duplicate-call lookup: cheap to keep while writing (calls mostly come in time order)
      { name: 'ts', columns: ['ts'] },
      { name: 'caller', columns: ['caller', 'ts'], deferred: true },
      { name: 'callee', columns: ['callee', 'ts'], deferred: true },
    ],
  },
  {
    name: 'attachments',
    columns: [
      id,
      nn('source_id', 'bigint'),
      nn('loc', 'text'),
      nn('native_id', 'text'),
      c('message_native_id', 'text'),
      nn('filename', 'text'),
      c('mime', 'text'),
      c('size', 'bigint'),
      c('sha256', 'text'),
      // the EXIF capture time (text/exif/exif.ts takenAtText), SQLite schema 8 and PostgreSQL schema 12
      c('taken_at', 'text'),
    ],
    primaryKey: ['id'],
    indexes: [{ name: 'message', columns: ['source_id', 'message_native_id'] }],
  },
  { name: 'blobs', columns: [nn('sha256', 'text'), nn('size', 'bigint'), nn('data', 'blob')], primaryKey: ['sha256'], clustered: true },
  {
    name: 'events',
    columns: [
      id,
      nn('source_id', 'bigint'),
      nn('loc', 'text'),
      nn('kind', 'text'),
      nn('ts', 'bigint'),
      c('tz_offset', 'int'),
      c('ts_local', 'text'),
      c('actor', 'bigint'),
      c('subject', 'bigint'),
      c('conversation_id', 'bigint'),
      nn('text', 'text'),
    ],
    primaryKey: ['id'],
    indexes: [{ name: 'ts', columns: ['ts'] }],
  },
  {
    name: 'locations',
    columns: [
      id,
      nn('source_id', 'bigint'),
      nn('loc', 'text'),
      nn('kind', 'text'),
      nn('lat', 'real'),
      nn('lon', 'real'),
      c('ts', 'bigint'),
      c('account_id', 'bigint'),
      c('message_native_id', 'text'),
      c('attachment_native_id', 'text'),
      c('label', 'text'),
    ],
    primaryKey: ['id'],
  },
  {
    name: 'edges',
    columns: [nn('src', 'bigint'), nn('dst', 'bigint'), nn('channel', 'text'), nn('count', 'bigint'), nn('first', 'bigint'), nn('last', 'bigint')],
    primaryKey: ['src', 'dst', 'channel'],
    clustered: true,
    indexes: [{ name: 'dst', columns: ['dst'] }],
  },
  {
    // a source's edge increments on their way to edges (both writers fold them in when the source completes)
    name: 'edge_deltas',
    columns: [nn('source_id', 'bigint'), nn('src', 'bigint'), nn('dst', 'bigint'), nn('channel', 'text'), nn('count', 'bigint'), nn('first', 'bigint'), nn('last', 'bigint')],
  },
  {
    // entity mentions in message text; spans are UTF-16 offsets into the original body
    name: 'mentions',
    columns: [
      nn('message_id', 'bigint'),
      nn('type', 'text'),
      nn('start', 'int'),
      nn('end', 'int'),
      nn('raw', 'text'),
      nn('value', 'text'),
      nn('confidence', 'real'),
      c('attrs', 'text'),
    ],
    indexes: [
      { name: 'message', columns: ['message_id'], deferred: true },
      { name: 'value', columns: ['type', 'value', 'message_id'], deferred: true },
    ],
  },
  {
    // the analyst's code words (clew lexicon)
    name: 'lexicon',
    columns: [nn('term', 'text'), nn('means', 'text'), c('type', 'text'), nn('added_at', 'bigint')],
    primaryKey: ['term'],
  },
  {
    name: 'quarantine',
    columns: [id, nn('source_id', 'bigint'), nn('loc', 'text'), c('line', 'bigint'), nn('code', 'text'), nn('message', 'text'), c('excerpt', 'text')],
    primaryKey: ['id'],
    indexes: [{ name: 'source', columns: ['source_id', 'line'] }],
  },
  // identity resolution: persons, their accounts, the decision log, rejected pairs
  {
    name: 'persons',
    columns: [id, nn('name', 'text'), nn('created_at', 'bigint'), nn('created_by', 'text'), c('merged_into', 'bigint')],
    primaryKey: ['id'],
    autoId: true,
  },
  {
    name: 'person_members',
    columns: [nn('account_id', 'bigint'), nn('person_id', 'bigint'), nn('decision_id', 'bigint')],
    primaryKey: ['account_id'],
    indexes: [{ name: 'person', columns: ['person_id'] }],
  },
  {
    name: 'identity_decisions',
    columns: [
      id,
      nn('action', 'text', { oneOf: ['merge', 'split', 'reject', 'unreject'] }),
      nn('accounts', 'text'),
      c('person_id', 'bigint'),
      nn('by', 'text'),
      nn('at', 'bigint'),
      c('why', 'text'),
      c('score', 'real'),
      c('evidence', 'text'),
    ],
    primaryKey: ['id'],
    autoId: true,
  },
  {
    name: 'identity_rejections',
    columns: [nn('a', 'bigint'), nn('b', 'bigint'), nn('decision_id', 'bigint')],
    primaryKey: ['a', 'b'],
    clustered: true,
  },
  // watchlists (the parsed selectors as JSON, one row a list) and saved searches with the message
  // ids each has hit and the run that first hit them (so a run after an ingest tells its new hits)
  {
    name: 'watchlists',
    columns: [nn('name', 'text'), nn('added_at', 'bigint'), nn('added_by', 'text'), nn('selector_count', 'bigint'), nn('selectors', 'text')],
    primaryKey: ['name'],
  },
  {
    name: 'saved_searches',
    columns: [
      nn('name', 'text'),
      nn('query', 'text'),
      nn('mode', 'text'),
      c('scope', 'text'),
      nn('created_at', 'bigint'),
      nn('created_by', 'text'),
      nn('runs', 'bigint', { default: 0 }),
      c('last_run_at', 'bigint'),
      c('error_code', 'text'),
      c('error', 'text'),
      nn('new_hits', 'bigint', { default: 0 }),
    ],
    primaryKey: ['name'],
  },
  {
    name: 'saved_search_hits',
    columns: [nn('search', 'text'), nn('message_id', 'bigint'), nn('run', 'bigint')],
    primaryKey: ['search', 'message_id'],
    clustered: true,
  },
  // annotations: the analyst's tags, notes and stars on items of the case. annotation_events is the
  // append-only log (add, remove, each with author and time; an undo is a compensating event, and
  // `undoes` names the event it takes back); annotations holds its fold, the annotations in force,
  // so a read or a tag: filter is one index probe. Source records are never touched.
  {
    name: 'annotation_events',
    columns: [
      id,
      nn('item_type', 'text'),
      nn('item_key', 'text'),
      nn('kind', 'text', { oneOf: ['tag', 'note', 'star'] }),
      nn('action', 'text', { oneOf: ['add', 'remove'] }),
      nn('key', 'text'),
      nn('value', 'text'),
      nn('words', 'text'),
      nn('by', 'text'),
      nn('at', 'bigint'),
      c('undoes', 'bigint'),
    ],
    primaryKey: ['id'],
    indexes: [
      { name: 'item', columns: ['item_type', 'item_key', 'id'] },
      { name: 'undoes', columns: ['undoes'], where: 'undoes IS NOT NULL' },
    ],
  },
  {
    name: 'annotations',
    columns: [
      nn('item_type', 'text'),
      nn('item_key', 'text'),
      nn('kind', 'text'),
      nn('key', 'text'),
      nn('value', 'text'),
      nn('words', 'text'),
      nn('by', 'text'),
      nn('at', 'bigint'),
      nn('event_id', 'bigint'),
    ],
    primaryKey: ['item_type', 'item_key', 'kind', 'key'],
    indexes: [{ name: 'key', columns: ['kind', 'key', 'item_type', 'item_key'] }],
    clustered: true,
  },
  // machine translations of messages (src/api/translate.ts), cached with the engine, the pair and
  // its data version so a report cites them reproducibly: one row per message, target language,
  // engine, pair and version. A failure is kept with its code and reason (failure, failed; text '').
  // Source records are never touched.
  {
    name: 'translations',
    columns: [
      nn('message_id', 'bigint'),
      nn('target', 'text'),
      nn('engine', 'text'),
      nn('pair', 'text'),
      nn('version', 'text'),
      nn('engine_version', 'text'),
      nn('source_lang', 'text'),
      nn('text', 'text'),
      c('failure', 'text'),
      c('failed', 'text'),
      nn('at', 'bigint'),
      // schema 7: the lexicon's code words found in the message and kept untranslated, a JSON array
      // sorted (the translation depends on them: part of its cache key); NULL when not recorded
      c('lexicon', 'text'),
    ],
    primaryKey: ['message_id', 'target', 'engine', 'pair', 'version'],
    clustered: true,
  },
  // text recognised in image attachments (src/api/ocr.ts, clew ocr), one row per attachment: the
  // engine, its version, the languages and their data versions (JSON), the text with its mean word
  // confidence, its index tokens (`words`, folded, space-separated: what ocr: filters match) and the
  // EXIF orientation turned upright before recognition. A failure keeps its code and reason (text '').
  // Source records are never touched.
  {
    name: 'ocr_texts',
    columns: [
      nn('attachment_id', 'bigint'),
      nn('engine', 'text'),
      nn('engine_version', 'text'),
      nn('languages', 'text'),
      nn('data_versions', 'text'),
      nn('text', 'text'),
      nn('words', 'text'),
      c('confidence', 'real'),
      c('orientation', 'int'),
      c('failure', 'text'),
      c('failed', 'text'),
      nn('at', 'bigint'),
    ],
    primaryKey: ['attachment_id'],
  },
];

/** The identity tables (SQLite schema 2 made them part of the schema). */
export const IDENTITY_TABLES = ['persons', 'person_members', 'identity_decisions', 'identity_rejections'] as const;
/** Watchlists and saved searches (SQLite schema 4, PostgreSQL schema 3). */
export const WATCH_TABLES = ['watchlists', 'saved_searches', 'saved_search_hits'] as const;
/** Annotations (SQLite schema 5, PostgreSQL schema 4). */
export const ANNOTATION_TABLES = ['annotation_events', 'annotations'] as const;
/** Machine translations (SQLite schema 6, PostgreSQL schema 5). */
export const TRANSLATION_TABLES = ['translations'] as const;
/** Text recognised in images (SQLite schema 7, PostgreSQL step `ocr-translation-search`). */
export const OCR_TABLES = ['ocr_texts'] as const;

export function table(name: string): Table {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no case table ${name}`);
  return t;
}

/** A table's column names, in order, optionally without some (e.g. the id the database assigns). */
export function columns(name: string, except: readonly string[] = []): string[] {
  return table(name)
    .columns.map((x) => x.name)
    .filter((x) => !except.includes(x));
}
