/**
 * A case over two PostgreSQL servers (`clew case place`): the older messages of a case live on
 * a second server (the *node*), the rest stays on the case's own server, and every query of the
 * store runs unchanged on the case's server, which reaches the node through PostgreSQL's own
 * declarative partitioning and postgres_fdw. What is split, and why, is in docs/scale.md.
 *
 * Before (one server):            messages ─ LIST (case_id) ─ messages_c7 (a table)
 * After `place --before T`:       messages ─ LIST (case_id) ─ messages_c7 ─ RANGE (id) ┬ messages_c7_hot  [T.., local]
 *                                                                                       └ messages_c7_n<tag> [..T, foreign: the node's table]
 *
 * Message ids are time-ordered (ts_ms × 2048 + slot: model/ids.ts), so a range of ids is a range
 * of time. The node holds the old rows in a plain table of its own (`clew_<db>_messages_c7`: the
 * same columns, primary key, btree indexes and the full-text GIN index, which a foreign table
 * cannot hold locally); it needs no clew schema. The case's server keeps a foreign server for
 * the node (`clew_node_<hash>`, commented with the node's printable URI: that is how errors
 * name it) and a user mapping (holding the node's password, readable by superusers only).
 *
 * PostgreSQL refuses a foreign partition under a partitioned table with a unique index, so the
 * first placement in a database moves the primary key of `messages` from the parent table to each
 * case's partition (where it is the same constraint: a partition holds one case); cases created
 * afterwards get theirs on their partition (ensurePartitionKeys, from createCase).
 *
 * A node that does not answer while a query runs fails the whole query (PostgreSQL aborts it:
 * nothing partial is returned) and the store reports DB_UNREACHABLE naming the node
 * (guardNodes).
 */
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ClewError } from '../../model/errors.js';
import { SLOTS } from '../../model/ids.js';
import { CASE_LOCK, findCase } from './cases.js';
import { connectError, connectPool, createPool, one, pgCode, rows, type Queryable } from './db.js';
import { type PostgresLocator, redactUrl } from './locator.js';
import { caseTable, partitionName, type PgTable } from './schema.js';

/** The tables a placement splits (see docs/scale.md: the messages hold the bodies and the full-text index). */
export const SPLIT_TABLES = ['messages'] as const;

/** A node of a case: the foreign partition on the case's server, and the node it reads. */
export interface CaseNode {
  /** The case table it holds part of. */
  table: string;
  /** The foreign table on the case's server. */
  foreignTable: string;
  /** The foreign server's name on the case's server. */
  server: string;
  /** The node's URI with its password replaced by ***. */
  printable: string;
  /** Message ids below this are on the node (ts_ms × 2048). */
  before: number;
}

export interface PlaceResult {
  case: string;
  node: string;
  table: string;
  /** Rows moved to the node. */
  moved: number;
  /** Rows that stay on the case's server. */
  kept: number;
  before: string;
  seconds: number;
}

/** The node's URI as given (any `case` parameter is not part of it). */
export interface NodeLocator {
  url: string;
  printable: string;
}

export function nodeLocator(uri: string): NodeLocator {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new ClewError('INVALID_ARGUMENT', 'the node is a postgres://USER[:PASSWORD]@HOST:PORT/DB URI (percent-encode special characters)');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new ClewError('INVALID_ARGUMENT', `the node is a postgres:// URI, not ${u.protocol.slice(0, 20)}`);
  if (u.hostname === '' || u.pathname.replace(/^\//, '') === '') throw new ClewError('INVALID_ARGUMENT', 'the node URI names a host and a database: postgres://USER[:PASSWORD]@HOST:PORT/DB');
  u.searchParams.delete('case');
  return { url: u.toString(), printable: redactUrl(u.toString()) };
}

function hash(s: string, n = 10): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

function quoteLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

interface NodeParts {
  host: string;
  port: string;
  dbname: string;
  user: string;
  password: string;
}

function parts(node: NodeLocator): NodeParts {
  const u = new URL(node.url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port || '5432',
    dbname: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password),
  };
}

/** The foreign server of a node on the case's server: one per node host, port and database. */
export function serverName(node: NodeLocator): string {
  const p = parts(node);
  return `clew_node_${hash(`${p.host}:${p.port}/${p.dbname}`)}`;
}

/** The nodes a case's partitions reach (none for a case on one server). */
export async function caseNodes(q: Queryable, caseId: number): Promise<CaseNode[]> {
  const parents = SPLIT_TABLES.map((t) => partitionName(t, caseId));
  const r = await rows<{ parent: string; foreign_table: string; server: string; printable: string | null; bound: string }>(
    q,
    `SELECT p.relname AS parent, c.relname AS foreign_table, s.srvname AS server,
            obj_description(s.oid, 'pg_foreign_server') AS printable, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i
       JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
       JOIN pg_foreign_server s ON s.oid = ft.ftserver
      WHERE p.relname = ANY($1) AND p.relnamespace = current_schema()::regnamespace
      ORDER BY 1, 2`,
    [parents],
  );
  return r.map((x) => ({
    table: x.parent.replace(/_c\d+$/, ''),
    foreignTable: x.foreign_table,
    server: x.server,
    printable: x.printable ?? x.server,
    // FOR VALUES FROM (MINVALUE) TO ('123')
    before: Number(/TO \('?(-?\d+)'?\)/.exec(x.bound)?.[1] ?? NaN),
  }));
}

/** The columns of a case table on the node: case_id first, as on the case's server. */
function remoteTableSql(t: PgTable, name: string): string {
  const cols = [`case_id integer NOT NULL`, ...t.columns.map((c) => `${c.name} ${c.type}`)];
  return `CREATE TABLE ${name} (\n  ${cols.join(',\n  ')}\n)`;
}

/** The node's indexes of its table: the primary key and every index the case partition has. */
function remoteIndexSql(t: PgTable, name: string): string[] {
  return [
    ...(t.primaryKey ? [`ALTER TABLE ${name} ADD PRIMARY KEY (case_id, ${t.primaryKey.join(', ')})`] : []),
    ...(t.indexes ?? []).map((i) => {
      const on = i.using ? `USING ${i.using} (${i.on})` : `(case_id, ${i.on})`;
      return `CREATE INDEX ${name}_${i.name} ON ${name} ${on}${i.where ? ` WHERE ${i.where}` : ''}`;
    }),
  ];
}

async function hasPrimaryKey(q: Queryable, table: string): Promise<boolean> {
  return (await one(q, `SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'`, [table])) !== null;
}

/**
 * Move the primary key of a split table from its parent to each case's partition (once per
 * database: PostgreSQL allows no foreign partition under a unique index). Each partition is
 * detached (keeping its key's index as its own), the parent's key dropped, and the partitions
 * attached again (each scanned once to check it holds only its case).
 */
async function movePrimaryKeys(c: pg.PoolClient): Promise<void> {
  for (const name of SPLIT_TABLES) {
    if (!(await hasPrimaryKey(c, name))) continue;
    const parts = await rows<{ part: string; bound: string }>(
      c,
      `SELECT c.relname AS part, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`,
      [name],
    );
    for (const p of parts) await c.query(`ALTER TABLE ${name} DETACH PARTITION ${p.part}`);
    const con = await one<{ conname: string }>(c, `SELECT conname FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'`, [name]);
    await c.query(`ALTER TABLE ${name} DROP CONSTRAINT ${con!.conname}`);
    for (const p of parts) await c.query(`ALTER TABLE ${name} ATTACH PARTITION ${p.part} ${p.bound}`);
  }
}

/**
 * A new case's partitions of the split tables get the primary key their parent no longer has
 * (a database where a case was placed on a node): called by createCase.
 */
export async function ensurePartitionKeys(c: Queryable, caseId: number): Promise<void> {
  for (const name of SPLIT_TABLES) {
    if (await hasPrimaryKey(c, name)) continue;
    const part = partitionName(name, caseId);
    if (await hasPrimaryKey(c, part)) continue;
    await c.query(`ALTER TABLE ${part} ADD PRIMARY KEY (case_id, ${caseTable(name).primaryKey!.join(', ')})`);
  }
}

async function connectNode(node: NodeLocator): Promise<pg.Pool> {
  const loc: PostgresLocator = { kind: 'postgres', url: node.url, case: '', printable: node.printable };
  return connectPool(loc, 2);
}

export interface PlaceOptions {
  /** Messages before this time (ms since the epoch, UTC) go to the node. */
  before: number;
}

/**
 * Place the messages of case `loc` older than `opts.before` on `node`: copy them into a table of
 * the node's, then, in one transaction on the case's server, make the case's partition of
 * messages a range-partitioned table of its remaining rows and a foreign partition reading the
 * node's. Holds the case's write lock throughout (CASE_BUSY when an ingest writes to it). A
 * placement stopped midway leaves the case as it was (the node's table is made again by the next
 * attempt). A case placed already is refused.
 */
export async function placeCase(loc: PostgresLocator, node: NodeLocator, opts: PlaceOptions): Promise<PlaceResult> {
  const t0 = performance.now();
  if (!Number.isFinite(opts.before)) throw new ClewError('INVALID_ARGUMENT', '--before must be a date and time (e.g. 2024-01-01 or 2024-01-01T00:00:00Z)');
  const bound = opts.before * SLOTS;
  if (!Number.isSafeInteger(bound)) throw new ClewError('INVALID_ARGUMENT', '--before is out of range');
  const home = createPool(loc, 2);
  let remote: pg.Pool | null = null;
  let c: pg.PoolClient | null = null;
  try {
    try {
      c = await home.connect();
    } catch (e) {
      throw connectError(e, loc) ?? e;
    }
    const row = await findCase(c, loc.case);
    if (!row) throw new ClewError('CASE_NOT_FOUND', `no case "${loc.case}" in ${loc.printable}`, { locator: loc.printable, case: loc.case });
    const caseId = row.id;
    if ((await caseNodes(c, caseId)).length > 0)
      throw new ClewError('INVALID_ARGUMENT', `case ${loc.printable} is placed on a node already; one node per case`, { locator: loc.printable });
    const locked = await one<{ ok: boolean }>(c, 'SELECT pg_try_advisory_lock($1, $2) AS ok', [CASE_LOCK, caseId]);
    if (!locked?.ok) throw new ClewError('CASE_BUSY', `case ${loc.printable} is being written by an ingest; place it once that ends`, { locator: loc.printable });
    remote = await connectNode(node);

    // the node's table: named for this database and case, so that several databases may share a node
    const sys = await one<{ id: string; db: string }>(c, 'SELECT system_identifier::text AS id, current_database() AS db FROM pg_control_system()');
    const tag = hash(`${sys!.id}/${sys!.db}`, 8);
    const server = serverName(node);
    const moved: Record<string, number> = {};
    let kept = 0;
    for (const name of SPLIT_TABLES) {
      const t = caseTable(name);
      const part = partitionName(name, caseId);
      const remoteName = `clew_${tag}_${part}`;
      // 1. the old rows, copied to the node (committed there; the case is unchanged until step 2)
      const r = await remote.connect();
      try {
        await r.query('BEGIN');
        await r.query(`DROP TABLE IF EXISTS ${remoteName}`);
        await r.query(remoteTableSql(t, remoteName));
        const cols = ['case_id', ...t.columns.map((x) => x.name)].join(', ');
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await pipeline(
          c.query(copyTo(`COPY (SELECT ${cols} FROM ${part} WHERE id < ${bound}) TO STDOUT (FORMAT binary)`)),
          r.query(copyFrom(`COPY ${remoteName} (${cols}) FROM STDIN (FORMAT binary)`)),
        );
        await c.query('COMMIT');
        for (const sql of remoteIndexSql(t, remoteName)) await r.query(sql);
        moved[name] = (await one<{ n: number }>(r, `SELECT count(*) AS n FROM ${remoteName}`))!.n;
        await r.query('COMMIT');
        await r.query(`ANALYZE ${remoteName}`);
      } catch (e) {
        await r.query('ROLLBACK').catch(() => {});
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        r.release();
      }

      // 2. on the case's server, in one transaction: the partition split by time, the old part foreign
      const p = parts(node);
      await c.query('BEGIN');
      try {
        await c.query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
        if ((await one(c, 'SELECT 1 FROM pg_foreign_server WHERE srvname = $1', [server])) === null)
          await c.query(
            `CREATE SERVER ${server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ${quoteLiteral(p.host)}, port ${quoteLiteral(p.port)}, dbname ${quoteLiteral(p.dbname)}, fetch_size '2000', batch_size '1000', application_name 'clew')`,
          );
        await c.query(`COMMENT ON SERVER ${server} IS ${quoteLiteral(node.printable)}`);
        await c.query(`DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER ${server}`);
        await c.query(
          `CREATE USER MAPPING FOR CURRENT_USER SERVER ${server} OPTIONS (user ${quoteLiteral(p.user)}${p.password ? `, password ${quoteLiteral(p.password)}` : ''})`,
        );
        await movePrimaryKeys(c);
        const hot = `${part}_hot`;
        await c.query(`ALTER TABLE ${name} DETACH PARTITION ${part}`);
        await c.query(`ALTER TABLE ${part} RENAME TO ${hot}`);
        const del = await c.query(`DELETE FROM ${hot} WHERE id < ${bound}`);
        if ((del.rowCount ?? 0) !== moved[name])
          throw new ClewError('INTERNAL', `placing ${part}: ${moved[name]} rows copied to ${node.printable} but ${del.rowCount} to remove here; nothing changed`);
        await c.query(`CREATE TABLE ${part} (LIKE ${hot} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (id)`);
        await c.query(`ALTER TABLE ${part} ATTACH PARTITION ${hot} FOR VALUES FROM (${bound}) TO (MAXVALUE)`);
        await c.query(
          `CREATE FOREIGN TABLE ${part}_n${tag} PARTITION OF ${part} FOR VALUES FROM (MINVALUE) TO (${bound}) SERVER ${server} OPTIONS (table_name ${quoteLiteral(remoteName)}, use_remote_estimate 'true')`,
        );
        await c.query(`ALTER TABLE ${name} ATTACH PARTITION ${part} FOR VALUES IN (${caseId})`);
        kept += (await one<{ n: number }>(c, `SELECT count(*) AS n FROM ${hot}`))!.n;
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
      await c.query(`VACUUM ANALYZE ${part}_hot`);
      await c.query(`ANALYZE ${part}`);
    }
    return {
      case: loc.printable,
      node: node.printable,
      table: SPLIT_TABLES.join(', '),
      moved: Object.values(moved).reduce((a, b) => a + b, 0),
      kept,
      before: new Date(opts.before).toISOString(),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    if (c) {
      // the session's advisory lock goes with it
      c.release(true);
    }
    await remote?.end().catch(() => {});
    await home.end().catch(() => {});
  }
}

/** SQLSTATE class 08 (connection exception) returned by the case's server: postgres_fdw lost or could not reach a node. */
function isNodeFailure(e: unknown): boolean {
  const code = pgCode(e);
  return code !== undefined && /^08[0-9A-Z]{3}$/.test(code);
}

/**
 * The nodes that do not answer now, each probed through its foreign table on a connection of
 * its own (not the pool's: every client of a busy pool may be waiting on the same failure).
 */
async function silentNodes(pool: pg.Pool, nodes: readonly CaseNode[]): Promise<CaseNode[]> {
  const out: CaseNode[] = [];
  const probe = new pg.Client({ ...(pool.options as pg.ClientConfig), connectionTimeoutMillis: 5000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    for (const n of nodes) {
      try {
        await probe.query(`SELECT 1 FROM ${n.foreignTable} LIMIT 1`);
      } catch {
        out.push(n);
      }
    }
  } catch {
    // the case's server itself is gone: say nothing more precise than every node
  } finally {
    await probe.end().catch(() => {});
  }
  return out;
}

function nodeError(e: unknown, silent: readonly CaseNode[], all: readonly CaseNode[], where: string): ClewError {
  const named = silent.length > 0 ? silent : all;
  const list = [...new Set(named.map((n) => n.printable))];
  return new ClewError(
    'DB_UNREACHABLE',
    `node ${list.join(' or ')} of case ${where} does not answer (it holds part of the case's ${[...new Set(named.map((n) => n.table))].join(', ')}): the query was abandoned and nothing of it is shown; start the node again, or run the query once it answers`,
    { locator: where, node: list.join(' '), sqlstate: pgCode(e) ?? null },
    { cause: e },
  );
}

type QueryFn = (...args: unknown[]) => unknown;
const guarded = new WeakSet<object>();

/**
 * Report a node that does not answer as DB_UNREACHABLE naming it (its printable URI), for every
 * query of the pool: each client checked out of it has its query wrapped once. PostgreSQL
 * aborts a query whose foreign partition fails, so nothing partial reaches the caller.
 */
export function guardNodes(pool: pg.Pool, nodes: readonly CaseNode[], where: string): void {
  if (nodes.length === 0) return;
  const map = async (e: unknown): Promise<unknown> => (isNodeFailure(e) ? nodeError(e, await silentNodes(pool, nodes), nodes, where) : e);
  pool.on('acquire', (client: pg.PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        const cb = last as (err: unknown, res: unknown) => void;
        args[args.length - 1] = (err: unknown, res: unknown) => {
          if (!err) return cb(err, res);
          // the probe runs on another client of the pool: this one is released by pg first
          void map(err).then((m) => cb(m, res));
        };
        return query(...args);
      }
      const r = query(...args);
      if (r && typeof (r as Promise<unknown>).then === 'function')
        return (r as Promise<unknown>).catch(async (e: unknown) => {
          throw await map(e);
        });
      return r;
    };
  });
}
