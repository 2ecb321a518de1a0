/**
 * The PostgreSQL schema, declared once. One database holds many cases: every case table has
 * `case_id` as its first column and the first column of its primary key, unique constraints
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

export const PG_SCHEMA_VERSION = 1;

const T = 'text COLLATE "C"';
const NN = 'NOT NULL';

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

/** Split at the commas outside parentheses. */
function splitTop(spec: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  out.push(spec.slice(start));
  return out;
}

function cols(spec: string): PgColumn[] {
  return splitTop(spec)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .map((s) => {
      const i = s.indexOf(' ');
      return { name: s.slice(0, i), type: s.slice(i + 1).replaceAll('TEXT', T) };
    });
}

/** Every case table, in creation order. Column names are those of the SQLite case file. */
const WATCH_TABLES: PgTable[] = [
  {
    name: 'watchlists',
    columns: cols(`name TEXT ${NN}, added_at bigint ${NN}, added_by TEXT ${NN}, selector_count bigint ${NN}, selectors TEXT ${NN}`),
    primaryKey: ['name'],
  },
  {
    name: 'saved_searches',
    columns: cols(`name TEXT ${NN}, query TEXT ${NN}, mode TEXT ${NN}, scope TEXT, created_at bigint ${NN}, created_by TEXT ${NN},
      runs bigint ${NN} DEFAULT 0, last_run_at bigint, error_code TEXT, error TEXT, new_hits bigint ${NN} DEFAULT 0`),
    primaryKey: ['name'],
  },
  {
    name: 'saved_search_hits',
    columns: cols(`search TEXT ${NN}, message_id bigint ${NN}, run bigint ${NN}`),
    primaryKey: ['search', 'message_id'],
  },
];

/** Annotations (annotations.ts): the event log and its fold, as SQLite's annotation_events and annotations. */
const ANNOTATION_TABLES: PgTable[] = [
  {
    name: 'annotation_events',
    columns: cols(`id bigint ${NN}, item_type TEXT ${NN}, item_key TEXT ${NN}, kind TEXT ${NN} CHECK (kind IN ('tag', 'note', 'star')),
      action TEXT ${NN} CHECK (action IN ('add', 'remove')), key TEXT ${NN}, value TEXT ${NN}, words TEXT ${NN}, by TEXT ${NN}, at bigint ${NN}, undoes bigint`),
    primaryKey: ['id'],
    indexes: [
      { name: 'item', on: 'item_type, item_key, id' },
      { name: 'undoes', on: 'undoes', where: 'undoes IS NOT NULL' },
    ],
  },
  {
    name: 'annotations',
    columns: cols(`item_type TEXT ${NN}, item_key TEXT ${NN}, kind TEXT ${NN}, key TEXT ${NN}, value TEXT ${NN}, words TEXT ${NN}, by TEXT ${NN},
      at bigint ${NN}, event_id bigint ${NN}`),
    primaryKey: ['item_type', 'item_key', 'kind', 'key'],
    indexes: [{ name: 'key', on: 'kind, key, item_type, item_key' }],
  },
];

/**
 * Annotations (annotations.ts). Added after schema 1 without a version change, as the watch tables:
 * a database made before them gets them the first time a case uses them (ensureAnnotationTables).
 */
export const ANNOTATION_TABLE_NAMES = ['annotation_events', 'annotations'] as const;

export const CASE_TABLES: readonly PgTable[] = [
  { name: 'meta', columns: cols(`key TEXT ${NN}, value TEXT ${NN}`), primaryKey: ['key'] },
  {
    name: 'sources',
    columns: cols(`id bigint ${NN}, sha256 TEXT ${NN}, path TEXT ${NN}, name TEXT ${NN}, size bigint ${NN}, format TEXT ${NN},
      options TEXT ${NN}, started_at bigint ${NN}, finished_at bigint,
      status TEXT ${NN} CHECK (status IN ('partial', 'complete')), resume_offset bigint, resume_line bigint,
      items_done bigint ${NN} DEFAULT 0, records bigint ${NN} DEFAULT 0, rejected bigint ${NN} DEFAULT 0, duplicates bigint ${NN} DEFAULT 0`),
    primaryKey: ['id'],
    unique: [['sha256']],
  },
  {
    name: 'accounts',
    columns: cols(`id bigint ${NN}, ref TEXT ${NN}, platform TEXT ${NN}, handle TEXT ${NN}, kind TEXT, display_name TEXT`),
    primaryKey: ['id'],
    unique: [['ref']],
    // SQLite: COLLATE NOCASE (ASCII case folding); lower() under COLLATE "C" folds ASCII only too
    indexes: [
      { name: 'handle', on: 'lower(handle)' },
      { name: 'display', on: 'lower(display_name)' },
    ],
  },
  {
    name: 'contacts',
    columns: cols(`owner bigint ${NN}, contact bigint ${NN}, name TEXT ${NN}, source_id bigint ${NN}, loc TEXT ${NN}`),
    primaryKey: ['owner', 'contact', 'name'],
    indexes: [{ name: 'contact', on: 'contact' }],
  },
  {
    name: 'devices',
    columns: cols(`account_id bigint ${NN}, key TEXT ${NN}, value TEXT ${NN}, source_id bigint ${NN}, loc TEXT ${NN}`),
    primaryKey: ['account_id', 'key', 'value'],
  },
  {
    name: 'conversations',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, ref TEXT ${NN}, title TEXT`),
    primaryKey: ['id'],
    unique: [['source_id', 'ref']],
  },
  {
    name: 'conversation_members',
    columns: cols(`conversation_id bigint ${NN}, account_id bigint ${NN}`),
    primaryKey: ['conversation_id', 'account_id'],
  },
  {
    name: 'messages',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, sender bigint ${NN}, conversation_id bigint,
      channel TEXT ${NN}, ts bigint ${NN}, tz_offset integer, ts_local TEXT, body TEXT ${NN}, subject TEXT, native_id TEXT,
      reply_to TEXT, forwarded_from TEXT, flags integer ${NN} DEFAULT 0, dup_of bigint, lang TEXT, lang_conf double precision,
      fts tsvector`),
    primaryKey: ['id'],
    indexes: [
      { name: 'dup_of', on: 'dup_of', where: 'dup_of IS NOT NULL' },
      { name: 'sender', on: 'sender, id', deferred: true },
      { name: 'conversation', on: 'conversation_id, id', where: 'conversation_id IS NOT NULL', deferred: true },
      { name: 'native', on: 'source_id, native_id', where: 'native_id IS NOT NULL', deferred: true },
      { name: 'source', on: 'source_id, id', deferred: true },
      // partition-local, so case_id would add one key holding every row: the GIN indexes fts alone
      { name: 'fts', on: 'fts', using: 'gin', deferred: true },
    ],
  },
  {
    name: 'message_recipients',
    columns: cols(`message_id bigint ${NN}, account_id bigint ${NN}`),
    primaryKey: ['message_id', 'account_id'],
    indexes: [{ name: 'account', on: 'account_id, message_id', deferred: true }],
  },
  {
    name: 'calls',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, caller bigint ${NN}, callee bigint ${NN}, channel TEXT ${NN},
      ts bigint ${NN}, tz_offset integer, ts_local TEXT, duration double precision ${NN}, lat double precision, lon double precision,
      native_id TEXT, dup_of bigint`),
    primaryKey: ['id'],
    indexes: [
      { name: 'ts', on: 'ts' },
      { name: 'caller', on: 'caller, ts', deferred: true },
      { name: 'callee', on: 'callee, ts', deferred: true },
      { name: 'source', on: 'source_id' },
    ],
  },
  {
    name: 'attachments',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, native_id TEXT ${NN}, message_native_id TEXT,
      filename TEXT ${NN}, mime TEXT, size bigint, sha256 TEXT`),
    primaryKey: ['id'],
    indexes: [{ name: 'message', on: 'source_id, message_native_id' }],
  },
  { name: 'blobs', columns: cols(`sha256 TEXT ${NN}, size bigint ${NN}, data bytea ${NN}`), primaryKey: ['sha256'] },
  {
    name: 'events',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, kind TEXT ${NN}, ts bigint ${NN}, tz_offset integer,
      ts_local TEXT, actor bigint, subject bigint, conversation_id bigint, text TEXT ${NN}`),
    primaryKey: ['id'],
    indexes: [{ name: 'ts', on: 'ts' }],
  },
  {
    name: 'locations',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, kind TEXT ${NN}, lat double precision ${NN},
      lon double precision ${NN}, ts bigint, account_id bigint, message_native_id TEXT, attachment_native_id TEXT, label TEXT`),
    primaryKey: ['id'],
  },
  {
    name: 'edges',
    columns: cols(`src bigint ${NN}, dst bigint ${NN}, channel TEXT ${NN}, count bigint ${NN}, first bigint ${NN}, last bigint ${NN}`),
    primaryKey: ['src', 'dst', 'channel'],
    indexes: [{ name: 'dst', on: 'dst' }],
  },
  {
    name: 'edge_deltas',
    columns: cols(`source_id bigint ${NN}, src bigint ${NN}, dst bigint ${NN}, channel TEXT ${NN}, count bigint ${NN},
      first bigint ${NN}, last bigint ${NN}`),
    indexes: [{ name: 'source', on: 'source_id' }],
  },
  {
    name: 'mentions',
    // spans are UTF-16 offsets into the original body ("end" is quoted: a reserved word here)
    columns: cols(`message_id bigint ${NN}, type TEXT ${NN}, start integer ${NN}, "end" integer ${NN}, raw TEXT ${NN},
      value TEXT ${NN}, confidence double precision ${NN}, attrs TEXT`),
    indexes: [
      { name: 'message', on: 'message_id', deferred: true },
      { name: 'value', on: 'type, value, message_id', deferred: true },
    ],
  },
  {
    name: 'lexicon',
    columns: cols(`term TEXT ${NN}, means TEXT ${NN}, type TEXT, added_at bigint ${NN}`),
    primaryKey: ['term'],
  },
  {
    name: 'quarantine',
    columns: cols(`id bigint ${NN}, source_id bigint ${NN}, loc TEXT ${NN}, line bigint, code TEXT ${NN}, message TEXT ${NN}, excerpt TEXT`),
    primaryKey: ['id'],
    indexes: [{ name: 'source', on: 'source_id, line' }],
  },
  {
    name: 'persons',
    columns: cols(`id bigint ${NN} DEFAULT nextval('clew_persons_id'), name TEXT ${NN}, created_at bigint ${NN}, created_by TEXT ${NN},
      merged_into bigint`),
    primaryKey: ['id'],
  },
  {
    name: 'person_members',
    columns: cols(`account_id bigint ${NN}, person_id bigint ${NN}, decision_id bigint ${NN}`),
    primaryKey: ['account_id'],
    indexes: [{ name: 'person', on: 'person_id' }],
  },
  {
    name: 'identity_decisions',
    columns: cols(`id bigint ${NN} DEFAULT nextval('clew_identity_decisions_id'),
      action TEXT ${NN} CHECK (action IN ('merge', 'split', 'reject', 'unreject')), accounts TEXT ${NN}, person_id bigint,
      by TEXT ${NN}, at bigint ${NN}, why TEXT, score double precision, evidence TEXT`),
    primaryKey: ['id'],
  },
  {
    name: 'identity_rejections',
    columns: cols(`a bigint ${NN}, b bigint ${NN}, decision_id bigint ${NN}`),
    primaryKey: ['a', 'b'],
  },
  ...WATCH_TABLES,
  ...ANNOTATION_TABLES,
];

/**
 * Watchlists and saved searches (watch.ts). Added after schema 1 without a version change: a
 * database made before them gets them the first time a case uses them (watch.ts ensureWatchTables).
 */
export const WATCH_TABLE_NAMES = ['watchlists', 'saved_searches', 'saved_search_hits'] as const;

/** The CREATE statements of a case table and of one case's partition of it, each IF NOT EXISTS. */
export function ensureTableSql(t: PgTable, caseId: number): string {
  const part = partitionName(t.name, caseId);
  return [
    tableSql(t).replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS '),
    `CREATE TABLE IF NOT EXISTS ${part} PARTITION OF ${t.name} FOR VALUES IN (${caseId});`,
    ...(t.indexes ?? []).map((i) => indexSql(t, i, caseId)),
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

function tableSql(t: PgTable): string {
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
CREATE SEQUENCE clew_persons_id;
CREATE SEQUENCE clew_identity_decisions_id;
${CASE_TABLES.map(tableSql).join('\n')}
INSERT INTO clew_meta (key, value) VALUES ('schema_version', '${PG_SCHEMA_VERSION}');
`;

/** A case partition's name. */
export function partitionName(table: string, caseId: number): string {
  if (!Number.isSafeInteger(caseId) || caseId <= 0) throw new Error(`bad case id ${caseId}`);
  return `${table}_c${caseId}`;
}

/** The statements that create a case's partitions (every case table) and their indexes. */
export function createPartitionsSql(caseId: number): string {
  return CASE_TABLES.map((t) =>
    // the watch tables' parents may be missing from a database made before them
    (WATCH_TABLE_NAMES as readonly string[]).includes(t.name) || (ANNOTATION_TABLE_NAMES as readonly string[]).includes(t.name)
      ? ensureTableSql(t, caseId)
      : [`CREATE TABLE ${partitionName(t.name, caseId)} PARTITION OF ${t.name} FOR VALUES IN (${caseId});`, ...(t.indexes ?? []).map((i) => indexSql(t, i, caseId))].join('\n'),
  ).join('\n');
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
