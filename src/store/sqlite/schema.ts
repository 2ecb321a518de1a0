/**
 * The SQLite case file schema, derived from the tables declared once for both backends
 * (schema/tables.ts), plus what only SQLite has (the FTS5 table). One case = one file.
 *
 * Message ids are time-ordered: id = ts_ms * 2048 + slot (see ids.ts), so "newest first" over
 * the full-text index is a reverse rowid scan that stops after one page, and time filters are
 * rowid ranges. A record's identity is its source's SHA-256 plus its locator: together they fix
 * its content. Idempotence comes from the sources table: a file (by SHA-256) is ingested once, and a partial
 * one resumes from the position committed with its last batch, so no record is written twice.
 * Exact duplicates (same sender, time, body) are found through the time-ordered id (same
 * millisecond range) and linked: the first copy has dup_of NULL, later copies point at it.
 * messages_fts holds one row per first copy, written for a whole source in the transaction that
 * marks it complete (writer.ts finish): a partial source is stored but not yet searchable.
 */
import { ANNOTATION_TABLES, type ColumnType, type Index, IDENTITY_TABLES, OCR_TABLES, type Table, TABLES, TRANSLATION_TABLES, WATCH_TABLES, columns, table } from '../schema/tables.js';

/** The schema of a new case; older cases are migrated when opened (migrations.ts). */
export const SCHEMA_VERSION = 8;

/** The full-text tokenizer: words are split only; clew's normaliser does all the folding before. */
export const FTS_TOKENIZER = 'unicode61 remove_diacritics 0';

const SQLITE_TYPES: Record<ColumnType, string> = { int: 'INTEGER', bigint: 'INTEGER', real: 'REAL', text: 'TEXT', blob: 'BLOB' };

function quoteList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}

/**
 * A table's CREATE statement from its declaration (schema/tables.ts). A one-column primary key
 * is declared on its column (an integer one is then the rowid), a longer one after the columns.
 */
function tableSql(t: Table, ifNotExists = false): string {
  const pk = t.primaryKey?.length === 1 ? t.primaryKey[0] : null;
  const lines = t.columns.map((col) => {
    let s = `${col.name} ${SQLITE_TYPES[col.type]}`;
    if (col.name === pk) s += ' PRIMARY KEY';
    else if (col.notNull) s += ' NOT NULL';
    if (t.unique?.some((u) => u.length === 1 && u[0] === col.name)) s += ' UNIQUE';
    if (col.default !== undefined) s += ` DEFAULT ${col.default}`;
    if (col.oneOf) s += ` CHECK (${col.name} IN (${quoteList(col.oneOf)}))`;
    return s;
  });
  if (t.primaryKey && !pk) lines.push(`PRIMARY KEY (${t.primaryKey.join(', ')})`);
  for (const u of t.unique ?? []) if (u.length > 1) lines.push(`UNIQUE (${u.join(', ')})`);
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${t.name} (\n  ${lines.join(',\n  ')}\n)${t.clustered ? ' WITHOUT ROWID' : ''};`;
}

function indexSql(t: Table, i: Index, ifNotExists = false): string {
  const cols = i.caseless ? `${i.columns[0]} COLLATE NOCASE` : i.columns.join(', ');
  return `CREATE INDEX ${ifNotExists ? 'IF NOT EXISTS ' : ''}${t.name}_${i.name} ON ${t.name}(${cols})${i.where ? ` WHERE ${i.where}` : ''}`;
}

/** Tables with their indexes (the deferred ones too), each IF NOT EXISTS: what a migration adds. */
function addedSql(names: readonly string[]): string {
  return names
    .map(table)
    .map((t) => [tableSql(t, true), ...(t.indexes ?? []).map((i) => `${indexSql(t, i, true)};`)].join('\n'))
    .join('\n');
}

/**
 * Indexes that reading needs but writing does not. A first bulk load into an empty case drops
 * them and builds each once at the end (a sort is far cheaper than a million random inserts);
 * every finished ingest makes sure they exist, so a crash in between only leaves reads slower
 * until the next ingest finishes.
 */
export const DEFERRED_INDEXES: readonly { name: string; sql: string }[] = TABLES.flatMap((t) =>
  (t.indexes ?? []).filter((i) => i.deferred).map((i) => ({ name: `${t.name}_${i.name}`, sql: indexSql(t, i, true) })),
);

/** Identity resolution: persons, their accounts, rejected pairs and the decision log (sqlite/identity.ts), schema 2. */
export const IDENTITY_SCHEMA_SQL = addedSql(IDENTITY_TABLES);

/**
 * Watchlists and saved searches (sqlite/watch.ts), schema 4: the analyst's selector lists (the
 * parsed selectors as JSON, one row a list) and saved searches with the message ids each has hit
 * and the run that first hit them (so a run after an ingest tells its new hits).
 */
export const WATCH_SCHEMA_SQL = addedSql(WATCH_TABLES);

/**
 * Annotations (sqlite/annotations.ts), schema 5: the analyst's tags, notes and stars, an
 * append-only event log and its fold (schema/tables.ts).
 */
export const ANNOTATION_SCHEMA_SQL = addedSql(ANNOTATION_TABLES);

/**
 * Machine translations of messages (sqlite/translations.ts), schema 6: each with its engine, pair
 * and version (schema/tables.ts).
 */
export const TRANSLATION_SCHEMA_SQL = addedSql(TRANSLATION_TABLES);

/** Text recognised in image attachments (sqlite/ocr.ts), schema 7. */
export const OCR_SCHEMA_SQL = addedSql(OCR_TABLES);

/**
 * The full-text index of the messages' stored machine translations (schema 7, sqlite/translations.ts):
 * one row per message (rowid = message id, so "newest first" is a reverse rowid scan as for
 * messages_fts), holding the index tokens of every translation of it that did not fail, each indexed
 * in its target language (translation-rows.ts translationIndexText). Contentless, derived: rebuilt by
 * a copy, never moved.
 */
export const TRANSLATION_FTS_SQL = `CREATE VIRTUAL TABLE IF NOT EXISTS translations_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = '${FTS_TOKENIZER}'
);`;

/**
 * What the ingest added after schema 1 was first written (schema 2).
 * calls_ts: the duplicate-call lookup, cheap to keep while writing (calls mostly come in time
 * order, so it grows at its end), where the by-caller and by-callee indexes are deferred.
 * edge_deltas: a source's edge increments on their way to the edges table (updating edges in
 * place batch by batch would rewrite most of its pages at every commit). The writer sums them
 * in memory and writes them here only when they grow past a bound or the source completes; the
 * transaction that completes the source folds them into edges (writer.ts).
 */
export const INGEST_SCHEMA_SQL = `${indexSql(table('calls'), table('calls').indexes!.find((i) => i.name === 'ts')!, true)};\n${addedSql(['edge_deltas'])}`;

/**
 * The schema of a new case: every table with the indexes it needs while writing, the full-text
 * table (SQLite's own: FTS5, contentless, holding each first copy's index tokens), then the
 * deferred indexes.
 */
export const SCHEMA_SQL = [
  ...TABLES.map((t) => [tableSql(t), ...(t.indexes ?? []).filter((i) => !i.deferred).map((i) => `${indexSql(t, i)};`)].join('\n')),
  `CREATE VIRTUAL TABLE messages_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = '${FTS_TOKENIZER}'
);`,
  TRANSLATION_FTS_SQL.replace(' IF NOT EXISTS', ''),
  ...DEFERRED_INDEXES.map((i) => `${i.sql};`),
].join('\n');

/**
 * `INSERT INTO table (columns)` with its columns as declared (schema/tables.ts), less `except`
 * (e.g. the id SQLite assigns), and with `values` the VALUES list of one row's placeholders:
 * the writers bind a row's values in the declared order.
 */
export function insertSql(name: string, opts: { except?: readonly string[]; verb?: string; values?: boolean } = {}): string {
  const cols = columns(name, opts.except);
  const head = `${opts.verb ?? 'INSERT'} INTO ${name} (${cols.join(', ')})`;
  return opts.values === false ? head : `${head} VALUES (${cols.map(() => '?').join(', ')})`;
}
