/**
 * Schema versions of a PostgreSQL database and of each case in it, and the migrations between
 * them: the PostgreSQL side of sqlite/migrations.ts. Two things carry a version:
 *
 * - the database-wide objects (the parent tables, sequences, clew_cases): clew_meta.schema_version;
 * - each case (its partitions and rows): clew_cases.schema_version, and meta.clew_schema in the
 *   case for people reading it.
 *
 * Opening a case migrates first the database (once, under the schema lock: cases.ts
 * ensureSchema), then the case (cases.ts migrateCase), each in one transaction, before anything
 * else reads it. A database or case from a newer clew is refused (CASE_VERSION) and never
 * touched; a role that may not make the change is refused with CASE_MIGRATION_NEEDED, naming
 * `clew case migrate --case URI`.
 *
 * A migration is one entry below: the version it leads to, what it changes (said to the user),
 * and its steps: `database` (the shared objects, run once per database) and `case` (one case's
 * partitions and rows, run for each case when it is next opened). PG_SCHEMA_VERSION (schema.ts)
 * is the version of a new database and case; the last entry leads to it (migrations.test.ts).
 */
import type pg from 'pg';
import { ANNOTATION_TABLE_NAMES, CASE_TABLES, ensureTableSql, caseTable, deferredIndexes, indexSql, OCR_TABLE_NAMES, partitionName, tableSql, TRANSLATION_TABLE_NAMES, WATCH_TABLE_NAMES } from './schema.js';
import { LEGAL_CONDITIONS, LEGAL_SCHEMA_SQL } from './team/legal.js';
import { TEAM_SCHEMA_SQL, rlsSql } from './team/rls.js';
import { translationVector } from './translations.js';
import { ftsVector } from './writer.js';
import { createAuditTables } from './audit.js';
import { createDiscoveryTables, refreshCaseSelectors } from './discovery.js';
import { readTakenAts, TAKEN_AT_CANDIDATES } from '../taken-at.js';

export interface PgMigration {
  to: number;
  what: string;
  /** The database-wide objects (parent tables, sequences): once per database. */
  database?(c: pg.PoolClient): Promise<void>;
  /** One case's partitions and rows. */
  case?(c: pg.PoolClient, caseId: number): Promise<void>;
}

/** Messages per round trip when the full-text vectors are derived again. */
const REINDEX_CHUNK = 5000;

/**
 * Every first copy's full-text vector (messages.fts) derived again from its subject, body and
 * language, as the ingest writer makes it now (writer.ts ftsVector). The case's GIN index is
 * dropped first and built once at the end, rather than updated a row at a time.
 */
export async function reindexFts(c: pg.PoolClient, caseId: number): Promise<void> {
  const part = partitionName('messages', caseId);
  const gin = deferredIndexes(caseId).find((i) => i.name === `${part}_fts`)!;
  const had = (await c.query(`SELECT to_regclass($1) IS NOT NULL AS had`, [gin.name])).rows[0]?.had === true;
  await c.query(`DROP INDEX IF EXISTS ${gin.name}`);
  await c.query(`DECLARE clew_reindex NO SCROLL CURSOR FOR SELECT id, subject, body, lang FROM ${part} WHERE dup_of IS NULL`);
  for (;;) {
    const r = await c.query<{ id: number; subject: string | null; body: string; lang: string | null }>(`FETCH ${REINDEX_CHUNK} FROM clew_reindex`);
    if (r.rows.length > 0)
      await c.query(
        `UPDATE ${part} m SET fts = v.fts::tsvector FROM unnest($2::bigint[], $3::text[]) AS v(id, fts) WHERE m.case_id = $1 AND m.id = v.id`,
        [caseId, r.rows.map((x) => x.id), r.rows.map((x) => ftsVector(x.subject, x.body, x.lang))],
      );
    if (r.rows.length < REINDEX_CHUNK) break;
  }
  await c.query('CLOSE clew_reindex');
  if (had) await c.query(gin.sql);
  await c.query(`ANALYZE ${part}`);
}

/**
 * Schema 6: the team directory's tables, and row-level security on every case table's parent
 * and on the partitions of every case the database holds now (team/rls.ts); a partition a later
 * case step makes (addTables: ensureTableSql) gets it there. A migration that adds case tables
 * after this one gives their parents row-level security in its database step too.
 */
async function teamSchema(c: pg.PoolClient): Promise<void> {
  await c.query(TEAM_SCHEMA_SQL);
  // the policies name the legal filters' functions (step 9 makes them again, harmlessly)
  await c.query(LEGAL_SCHEMA_SQL);
  await caseTablesRls(c, CASE_TABLES.map((t) => t.name));
}

/** Row-level security again on the parents of `tables` and on the partitions every case holds now (those that exist). */
async function caseTablesRls(c: pg.PoolClient, tables: readonly string[]): Promise<void> {
  // the case tables a database at schema 5 holds (a later step's tables get theirs when it makes them)
  const ids = (await c.query<{ id: number }>('SELECT id FROM clew_cases ORDER BY id')).rows.map((r) => r.id);
  const rels = CASE_TABLES.filter((t) => tables.includes(t.name)).flatMap((t) => [{ rel: t.name, table: t.name }, ...ids.map((id) => ({ rel: partitionName(t.name, id), table: t.name }))]);
  const existing = new Set(
    (await c.query<{ n: string }>('SELECT n FROM unnest($1::text[]) AS n WHERE to_regclass(n) IS NOT NULL', [rels.map((r) => r.rel)])).rows.map((r) => r.n),
  );
  const sql = rels.filter((r) => existing.has(r.rel)).map((r) => rlsSql(r.rel, r.table));
  if (sql.length) await c.query(sql.join('\n'));
}

/** The steps of a migration that adds tables: their parents once, each case's partitions. */
function addTables(names: readonly string[]): Pick<PgMigration, 'database' | 'case'> {
  return {
    async database(c) {
      for (const name of names) await c.query(tableSql(caseTable(name)).replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS '));
    },
    async case(c, caseId) {
      for (const name of names) await c.query(ensureTableSql(caseTable(name), caseId));
    },
  };
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    to: 2,
    what: 'the full-text vectors are derived again: a message in a language with a stemmer is indexed by the stems of its words, so a search finds their inflected forms (kafa: kafe, kafu, кафа)',
    case: reindexFts,
  },
  {
    to: 3,
    what: 'watchlists and saved searches (the tables watchlists, saved_searches and saved_search_hits) belong to the schema (a database made before them got them when a case first used them)',
    ...addTables(WATCH_TABLE_NAMES),
  },
  {
    to: 4,
    what: 'annotations: tags, notes and stars with their log (the tables annotation_events and annotations)',
    ...addTables(ANNOTATION_TABLE_NAMES),
  },
  {
    to: 5,
    what: 'machine translations of messages, cached with their engine, pair and version (the table translations)',
    ...addTables(TRANSLATION_TABLE_NAMES),
  },
  {
    to: 6,
    what: 'team mode: users, their roles per case and their sessions (clew_users, clew_grants, clew_sessions), and row-level security on every case table, so the team server reads only the cases its user may',
    database: teamSchema,
  },
  {
    to: 7,
    what: 'search through the stored machine translations (translations.fts), the code words a translation kept (translations.lexicon: older translations are made again when next asked for), and text recognised in image attachments (the table ocr_texts)',
    async database(c) {
      await c.query('ALTER TABLE translations ADD COLUMN IF NOT EXISTS lexicon text COLLATE "C"');
      await c.query('ALTER TABLE translations ADD COLUMN IF NOT EXISTS fts tsvector');
      await addTables(OCR_TABLE_NAMES).database!(c);
      // a case table made after schema 6: row-level security on its parent (its partitions get it from ensureTableSql)
      await c.query(OCR_TABLE_NAMES.map((t) => rlsSql(t, t)).join('\n'));
    },
    async case(c, caseId) {
      const t = caseTable('translations');
      await c.query(indexSql(t, t.indexes!.find((i) => i.name === 'fts')!, caseId));
      const part = partitionName('translations', caseId);
      const rows = await c.query<{ message_id: number; target: string; engine: string; pair: string; version: string; text: string; failure: string | null }>(
        `SELECT message_id, target, engine, pair, version, text, failure FROM ${part} WHERE failure IS NULL AND text <> ''`,
      );
      for (let k = 0; k < rows.rows.length; k += REINDEX_CHUNK) {
        const chunk = rows.rows.slice(k, k + REINDEX_CHUNK);
        await c.query(
          `UPDATE ${part} t SET fts = v.fts::tsvector FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS v(message_id, target, engine, pair, version, fts)
           WHERE t.case_id = $1 AND t.message_id = v.message_id AND t.target = v.target AND t.engine = v.engine AND t.pair = v.pair AND t.version = v.version`,
          [caseId, ...(['message_id', 'target', 'engine', 'pair', 'version'] as const).map((key) => chunk.map((r) => r[key])), chunk.map(translationVector)],
        );
      }
      await addTables(OCR_TABLE_NAMES).case!(c, caseId);
    },
  },
  {
    // the step "audit log": database-wide tables, no case partitions (audit.ts)
    to: 8,
    what: 'the audit log: its entries and signed tree heads (the tables audit_entries and audit_heads, append-only: UPDATE, DELETE and TRUNCATE are refused)',
    database: createAuditTables,
  },
  {
    // the step "legal filters": database-wide tables, and the policies of the tables they hide rows of (team/legal.ts)
    to: 9,
    what: 'legal filters: per case, messages an owner marks as privileged or outside the authorised period are hidden from every user not granted the filter (the tables legal_filters, legal_filter_grants and legal_hidden, and row-level security on the messages and what derives from them)',
    async database(c) {
      await c.query(LEGAL_SCHEMA_SQL);
      await caseTablesRls(c, Object.keys(LEGAL_CONDITIONS));
    },
  },
  {
    // the step "cross-case discovery": database-wide tables and function (discovery.ts), each case's selector keys
    to: 10,
    what: 'cross-case discovery: the selector keys each case holds (hashed, clew_case_selectors), the function that tells a user only which other case holds a selector and who owns it (clew_discover), and the owners\' notifications (clew_notifications)',
    database: createDiscoveryTables,
    async case(c, caseId) {
      await refreshCaseSelectors(c, caseId);
    },
  },
  {
    // the step "legal filters on calls and events": the policies of the records that are not messages (team/legal.ts)
    to: 11,
    what: "legal filters hide more than messages: a filter by account hides the account's calls, events and locations, a filter by conversation its events, a filter by time window the calls, events and locations of that time (row-level security on calls, events and locations)",
    async database(c) {
      await c.query(LEGAL_SCHEMA_SQL);
      await caseTablesRls(c, ['calls', 'events', 'locations']);
    },
  },
  {
    // the step "attachment capture time": a column, filled in each case from the photos it holds (store/taken-at.ts)
    to: 12,
    what: "each attachment's EXIF capture time (attachments.taken_at), read again from the photos each case holds when the case is next opened",
    async database(c) {
      await c.query('ALTER TABLE attachments ADD COLUMN IF NOT EXISTS taken_at text COLLATE "C"');
    },
    case: backfillTakenAt,
  },
  {
    // the step "legal filters computed only when there are some": the functions again (team/legal.ts definerRows), the policies unchanged
    to: 13,
    what: 'the functions row-level security calls for the messages and records legal filters hide return at once when no filter hides anything from the user, instead of scanning every case of the database on each query',
    async database(c) {
      await c.query(LEGAL_SCHEMA_SQL);
    },
  },
];

/** Schema 12's case step: the capture times of the case's held photos, each read once (store/taken-at.ts). */
async function backfillTakenAt(c: pg.PoolClient, caseId: number): Promise<void> {
  const shas = (
    await c.query<{ sha256: string }>(
      `SELECT DISTINCT a.sha256 FROM attachments a JOIN blobs b ON b.case_id = a.case_id AND b.sha256 = a.sha256 WHERE a.case_id = $1 AND ${TAKEN_AT_CANDIDATES} ORDER BY a.sha256`,
      [caseId],
    )
  ).rows.map((r) => r.sha256);
  const found = await readTakenAts(shas, async (sha) => (await c.query<{ data: Buffer }>('SELECT data FROM blobs WHERE case_id = $1 AND sha256 = $2', [caseId, sha])).rows[0]?.data ?? null);
  for (let k = 0; k < found.length; k += REINDEX_CHUNK) {
    const chunk = found.slice(k, k + REINDEX_CHUNK);
    await c.query(
      `UPDATE attachments a SET taken_at = v.t FROM unnest($2::text[], $3::text[]) AS v(t, sha) WHERE a.case_id = $1 AND a.sha256 = v.sha AND a.taken_at IS NULL`,
      [caseId, chunk.map((f) => f[0]), chunk.map((f) => f[1])],
    );
  }
}
