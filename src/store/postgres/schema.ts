import { AUDIT_SCHEMA_SQL } from './audit.js';
import { LEGAL_SCHEMA_SQL } from './team/legal.js';
import { DISCOVERY_SCHEMA_SQL } from './discovery.js';
import { TEAM_SCHEMA_SQL, rlsSql, serverGrantsSql } from './team/rls.js';
import { ANNOTATION_TABLES, type Column, type ColumnType, type Index, OCR_TABLES, type Table, TABLES, TRANSLATION_TABLES, WATCH_TABLES, table } from '../schema/tables.js';

/**
 * The PostgreSQL schema, derived from the tables declared once for both backends
 * (schema/tables.ts), plus what only PostgreSQL has (PG_ONLY below: the full-text column, its
 * GIN index, indexes by source, id sequences). One database holds many cases: every case table
 * has `case_id` as its first column and the first column of its primary key, unique constraints
 * and btree indexes, and is `PARTITION BY LIST (case_id)`, so each case lives in its own
 * partitions (`<table>_c<id>`, created with the case and dropped with it: see cases.ts). The
 * tables and columns mirror the SQLite case file (src/store/sqlite/schema.ts) name for name, so
 * the same query reads the same columns on both backends; docs/postgres.md says how this
 * distributes on Citus by the case column.
 *
 * Differences from SQLite, all deliberate:
 * - ids and times are bigint (message ids are ts_ms * 2048 + slot, above 2^31); the pool
 *   parses int8 and numeric as JavaScript numbers (db.ts), every value stays below 2^53.
 * - text is COLLATE "C": byte order, as SQLite's BINARY compares, whatever the server's locale.
 * - ids that SQLite assigns (INTEGER PRIMARY KEY) are assigned by the ingest writer per case,
 *   from 1, under the case's write lock (writer.ts), so a case holds the same ids on both
 *   backends. persons and identity_decisions take theirs from a sequence.
 * - full text: `messages.fts` (tsvector) holds the message's tokens as clew's own normaliser
 *   makes them (indexTokens: the tokens SQLite's FTS5 table indexes), with their positions;
 *   NULL for duplicates (as messages_fts has no row for them). It is written with the message;
 *   search leaves out the sources not complete yet with searchableSql, as SQLite's
 *   messages_fts gets a source's rows only when it completes. No text search configuration
 *   ever parses a body: folded-mode semantics are the same as SQLite's by construction.
 */

/**
 * The schema version of a new database and of a new case in it (clew_meta.schema_version and
 * clew_cases.schema_version); migrations.ts leads an older one here.
 */
export const PG_SCHEMA_VERSION = 13;

export interface PgColumn {
  name: string;
  type: string;
}

export interface PgIndex {
  name: string;
  on: string;
  where?: string;
  using?: string;
  deferred?: boolean;
}

export interface PgTable {
  name: string;
  /** Columns after case_id. */
  columns: PgColumn[];
  /** Primary key columns after case_id. */
  primaryKey?: string[];
  unique?: string[][];
  /**
   * Secondary indexes, made on each case's partition: name suffix, columns after case_id
   * (btree) or with `using` the whole column list. `deferred`: needed for reading, not for
   * writing: a first load into an empty case builds it once at the end (writer.ts).
   */
  indexes?: PgIndex[];
}

const NN = 'NOT NULL';

const PG_BASE_TYPES: Record<ColumnType, string> = { int: 'integer', bigint: 'bigint', real: 'double precision', text: 'text', blob: 'bytea' };
const PG_TYPES: Record<ColumnType, string> = { int: 'integer', bigint: 'bigint', real: 'double precision', text: 'text COLLATE "C"', blob: 'bytea' };

/** Column names PostgreSQL reserves, quoted wherever they are named. */
const RESERVED = new Set(['end']);
const pgName = (name: string) => (RESERVED.has(name) ? `"${name}"` : name);

/** The sequence a table's database-assigned ids come from (Table.autoId). */
const sequenceName = (table: string) => `clew_${table}_id`;

/**
 * What only PostgreSQL has, by table: the full-text column (a tsvector of the message's index
 * tokens: fts.ts) with its GIN index, and indexes by source that its queries and the writer use.
 */
const PG_ONLY: Record<string, { columns?: PgColumn[]; indexes: PgIndex[] }> = {
  messages: {
    columns: [{ name: 'fts', type: 'tsvector' }],
    indexes: [
      { name: 'source', on: 'source_id, id', deferred: true },
      // partition-local, so case_id would add one key holding every row: the GIN indexes fts alone
      { name: 'fts', on: 'fts', using: 'gin', deferred: true },
    ],
  },
  // a translation's index tokens in its target language (translation-rows.ts translationIndexText), NULL when it failed
  translations: { columns: [{ name: 'fts', type: 'tsvector' }], indexes: [{ name: 'fts', on: 'fts', using: 'gin' }] },
  calls: { indexes: [{ name: 'source', on: 'source_id' }] },
  edge_deltas: { indexes: [{ name: 'source', on: 'source_id' }] },
};

function quoteList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}

function pgColumn(t: Table, col: Column): PgColumn {
  let type = PG_TYPES[col.type];
  if (col.notNull) type += ` ${NN}`;
  if (t.autoId && col.name === 'id') type += ` DEFAULT nextval('${sequenceName(t.name)}')`;
  if (col.default !== undefined) type += ` DEFAULT ${col.default}`;
  if (col.oneOf) type += ` CHECK (${pgName(col.name)} IN (${quoteList(col.oneOf)}))`;
  return { name: pgName(col.name), type };
}

function pgIndex(i: Index): PgIndex {
  // SQLite's COLLATE NOCASE folds ASCII only; so does lower() under COLLATE "C"
  const on = i.caseless ? `lower(${pgName(i.columns[0]!)})` : i.columns.map(pgName).join(', ');
  return { name: i.name, on, ...(i.where ? { where: i.where } : {}), ...(i.deferred ? { deferred: true } : {}) };
}

function pgTable(t: Table): PgTable {
  const extra = PG_ONLY[t.name];
  return {
    name: t.name,
    columns: [...t.columns.map((col) => pgColumn(t, col)), ...(extra?.columns ?? [])],
    ...(t.primaryKey ? { primaryKey: t.primaryKey.map(pgName) } : {}),
    ...(t.unique ? { unique: t.unique.map((u) => u.map(pgName)) } : {}),
    ...(t.indexes || extra ? { indexes: [...(t.indexes ?? []).map(pgIndex), ...(extra?.indexes ?? [])] } : {}),
  };
}

/** Every case table, in creation order (schema/tables.ts, with what only PostgreSQL has). */
export const CASE_TABLES: readonly PgTable[] = TABLES.map(pgTable);

/** Watchlists and saved searches (watch.ts): schema 3 (migrations.ts). */
export const WATCH_TABLE_NAMES = WATCH_TABLES;
/** Annotations (annotations.ts): schema 4 (migrations.ts). */
export const ANNOTATION_TABLE_NAMES = ANNOTATION_TABLES;
/** Machine translations (translations.ts): schema 5 (migrations.ts). */
export const TRANSLATION_TABLE_NAMES = TRANSLATION_TABLES;
/** Text recognised in images (ocr.ts): the step `ocr-translation-search` (migrations.ts). */
export const OCR_TABLE_NAMES = OCR_TABLES;

/** The CREATE statements of a case table and of one case's partition of it, each IF NOT EXISTS. */
export function ensureTableSql(t: PgTable, caseId: number): string {
  const part = partitionName(t.name, caseId);
  return [
    tableSql(t).replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS '),
    `CREATE TABLE IF NOT EXISTS ${part} PARTITION OF ${t.name} FOR VALUES IN (${caseId});`,
    ...(t.indexes ?? []).map((i) => indexSql(t, i, caseId)),
    // the parent's row-level security is the database step's (migrations.ts), the partition's the case's
    rlsSql(part, t.name),
  ].join('\n');
}

export function caseTable(name: string): PgTable {
  const t = CASE_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no case table ${name}`);
  return t;
}

/** The column names of a table after case_id (for COPY and INSERT lists). */
export function columnNames(name: string): string[] {
  return caseTable(name).columns.map((c) => c.name);
}

/** The base types of a table's declared columns (without collation or constraints: for unnest casts). */
export function columnTypes(name: string): string[] {
  return table(name).columns.map((c) => PG_BASE_TYPES[c.type]);
}

export function tableSql(t: PgTable): string {
  const lines = [`case_id integer ${NN}`, ...t.columns.map((c) => `${c.name} ${c.type}`)];
  if (t.primaryKey) lines.push(`PRIMARY KEY (case_id, ${t.primaryKey.join(', ')})`);
  for (const u of t.unique ?? []) lines.push(`UNIQUE (case_id, ${u.join(', ')})`);
  return `CREATE TABLE ${t.name} (\n  ${lines.join(',\n  ')}\n) PARTITION BY LIST (case_id);`;
}

/** An index of a case's partition (IF NOT EXISTS: building the deferred ones again is a no-op). */
export function indexSql(t: PgTable, i: PgIndex, caseId: number): string {
  const part = partitionName(t.name, caseId);
  const on = i.using ? `USING ${i.using} (${i.on})` : `(case_id, ${i.on})`;
  return `CREATE INDEX IF NOT EXISTS ${part}_${i.name} ON ${part} ${on}${i.where ? ` WHERE ${i.where}` : ''};`;
}

/** The deferred indexes of a case, as [name, CREATE statement] (dropped for a first load, built at its end). */
export function deferredIndexes(caseId: number): { name: string; sql: string }[] {
  return CASE_TABLES.flatMap((t) =>
    (t.indexes ?? []).filter((i) => i.deferred).map((i) => ({ name: `${partitionName(t.name, caseId)}_${i.name}`, sql: indexSql(t, i, caseId) })),
  );
}

/** The whole database schema (an empty database gets it in one transaction: cases.ts). */
export const SCHEMA_SQL = `
CREATE TABLE clew_meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
CREATE TABLE clew_cases (
  id serial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  schema_version integer NOT NULL
);
${TABLES.filter((t) => t.autoId).map((t) => `CREATE SEQUENCE ${sequenceName(t.name)};`).join('\n')}
${CASE_TABLES.map(tableSql).join('\n')}
${TEAM_SCHEMA_SQL}
${LEGAL_SCHEMA_SQL}
${CASE_TABLES.map((t) => rlsSql(t.name, t.name)).join('\n')}
${AUDIT_SCHEMA_SQL}
${DISCOVERY_SCHEMA_SQL}
INSERT INTO clew_meta (key, value) VALUES ('schema_version', '${PG_SCHEMA_VERSION}');
`;

/** The sequences database-assigned ids come from. */
export const SEQUENCES: readonly string[] = TABLES.filter((t) => t.autoId).map((t) => sequenceName(t.name));

/** The privileges of the team server's role `role` (team/rls.ts), given again harmlessly. */
export function serverGrants(role: string): string {
  return serverGrantsSql(
    role,
    CASE_TABLES.map((t) => t.name),
    SEQUENCES,
  );
}

/** A case partition's name. */
export function partitionName(table: string, caseId: number): string {
  if (!Number.isSafeInteger(caseId) || caseId <= 0) throw new Error(`bad case id ${caseId}`);
  return `${table}_c${caseId}`;
}

/** The statements that create a case's partition of table `t`, its indexes and its row-level security (team/rls.ts). */
export function partitionSql(t: PgTable, caseId: number): string {
  const part = partitionName(t.name, caseId);
  return [`CREATE TABLE ${part} PARTITION OF ${t.name} FOR VALUES IN (${caseId});`, ...(t.indexes ?? []).map((i) => indexSql(t, i, caseId)), rlsSql(part, t.name)].join('\n');
}

/** The statements that create a case's partitions (every case table) and their indexes. */
export function createPartitionsSql(caseId: number): string {
  return CASE_TABLES.map((t) => partitionSql(t, caseId)).join('\n');
}

/** The statements that drop a case's partitions. */
export function dropPartitionsSql(caseId: number): string {
  return CASE_TABLES.map((t) => `DROP TABLE IF EXISTS ${partitionName(t.name, caseId)};`).join('\n');
}

/**
 * The condition search adds so that a partial source is stored but not searchable (SQLite
 * indexes a source's messages when it completes): `m` is the messages alias, `caseParam` the
 * case id's parameter (e.g. '$1'). The partial sources are read once per query (an InitPlan).
 */
export function searchableSql(m: string, caseParam: string): string {
  return `${m}.source_id <> ALL (ARRAY(SELECT id FROM sources WHERE case_id = ${caseParam} AND status = 'partial'))`;
}
