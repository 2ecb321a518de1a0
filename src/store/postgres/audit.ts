/**
 * The audit log in PostgreSQL (the port: ../audit.ts): the tables audit_entries (one row per
 * entry: its gapless index, the columns auditors filter on, the leaf and its hash) and
 * audit_heads (the signed tree heads). Both are append-only in the database itself: a trigger
 * refuses UPDATE, DELETE and TRUNCATE, firing even under session_replication_role = replica
 * (ENABLE ALWAYS), and the privileges to do them are revoked from PUBLIC and from the owner, so
 * the server's role cannot change the past; only someone who may disable the trigger (the owner
 * or a superuser) can, and `clew audit verify` finds what they did.
 *
 * Appends are grouped: entries queued while a transaction is writing go into the next one, each
 * caller resolving when its own entry is committed (group commit). The index is taken under an
 * advisory transaction lock (max + 1), so several server processes append without gaps.
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type PackedRows, ROW_FIELDS, int8 } from '../../audit/check-rows.js';
import { type AuditEntry, type AuditEntryInput, decodeLeaf, encodeLeaf, makeEntry } from '../../audit/entry.js';
import { leafHash } from '../../audit/hash.js';
import type { SignedTreeHead } from '../../audit/signed-head.js';
import type { StoredAuditRow } from '../../audit/verify-log.js';
import { ClewError } from '../../model/errors.js';
import type { AuditFilter, AuditLogStore, AuditSnapshot } from '../audit.js';
import { TupleChunker } from './copy-tuples.js';
import { transaction } from './db.js';

/** The audit tables, their trigger and their privileges (migrations.ts: the step "audit log"). */
export const AUDIT_SCHEMA_SQL = `
CREATE TABLE audit_entries (
  idx bigint PRIMARY KEY CHECK (idx >= 0),
  at timestamptz NOT NULL,
  user_name text COLLATE "C" NOT NULL,
  agency text COLLATE "C",
  case_name text COLLATE "C",
  action text COLLATE "C" NOT NULL,
  leaf bytea NOT NULL,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX audit_entries_user ON audit_entries (user_name, idx);
CREATE INDEX audit_entries_case ON audit_entries (case_name, idx);
CREATE INDEX audit_entries_at ON audit_entries (at);
CREATE TABLE audit_heads (
  size bigint PRIMARY KEY CHECK (size > 0),
  root bytea NOT NULL CHECK (length(root) = 32),
  signed_at bigint NOT NULL,
  signature bytea NOT NULL,
  public_key bytea NOT NULL
);
CREATE FUNCTION clew_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the clew audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION clew_audit_refuse();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads FOR EACH STATEMENT EXECUTE FUNCTION clew_audit_refuse();
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_no_truncate;
ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_append_only;
ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_no_truncate;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_heads FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_heads FROM CURRENT_USER;
`;

export async function createAuditTables(c: pg.PoolClient): Promise<void> {
  if ((await c.query(`SELECT to_regclass('audit_entries') IS NOT NULL AS had`)).rows[0]?.had === true) return;
  await c.query(AUDIT_SCHEMA_SQL);
}

/** Advisory lock key (first half) serialising appends; the second half is 0. */
const AUDIT_LOCK = 0x636c6175; // 'clau'
/** Entries per transaction at most. */
const MAX_BATCH = 2000;
/** Rows per round trip when streaming the log. */
const CHUNK = 20_000;
/** Rows per COPY statement when streaming the log packed (a reader that stops early waits for the rest of one). */
const COPY_RANGE = 100_000;
/** Bytes per packed chunk by default. */
const PACKED_BYTES = 1 << 20;

interface Pending {
  entry: AuditEntry;
  resolve(v: { index: number; entry: AuditEntry }): void;
  reject(e: unknown): void;
}

/** int8 columns: numbers from clew's pools (db.ts), strings from a pool without its type parsers. */
interface EntryRow {
  idx: number | string;
  at_ms: number | string;
  user_name: string;
  agency: string | null;
  case_name: string | null;
  action: string;
  leaf: Buffer;
  leaf_hash: Buffer;
}

interface HeadRow {
  size: number | string;
  root: Buffer;
  signed_at: number | string;
  signature: Buffer;
  public_key: Buffer;
}

const ROW_COLUMNS = `idx, (extract(epoch from at) * 1000)::bigint AS at_ms, user_name, agency, case_name, action, leaf, leaf_hash`;

/**
 * ROW_COLUMNS for binary COPY, in the order and types of check-rows.ts ROW_FIELDS (cast, so a column whose type was altered is
 * still read as these). The time goes as PostgreSQL holds it (µs since 2000, converted by the reader): computing ms here
 * (extract, numeric) cost the server about a third of its work for the statement.
 */
const PACKED_COLUMNS = `idx::int8, at::timestamptz, user_name::text, agency::text, case_name::text, action::text, leaf::bytea, leaf_hash::bytea`;

function toRow(r: EntryRow): StoredAuditRow {
  return { index: Number(r.idx), at: Number(r.at_ms), user: r.user_name, agency: r.agency, case: r.case_name, action: r.action, leaf: r.leaf, leafHash: r.leaf_hash };
}

function toHead(r: HeadRow): SignedTreeHead {
  return { size: Number(r.size), root: r.root, at: Number(r.signed_at), signature: r.signature, publicKey: r.public_key };
}

export class PostgresAuditLog implements AuditLogStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  /** `where` names the database in errors (its printable URI); `ownsPool`: close() ends the pool. */
  constructor(
    readonly pool: pg.Pool,
    private readonly where: string,
    private readonly ownsPool: boolean,
  ) {}

  append(input: AuditEntryInput): Promise<{ index: number; entry: AuditEntry }> {
    if (this.closed) return Promise.reject(new ClewError('AUDIT_WRITE_FAILED', `the audit log of ${this.where} is closed`, { locator: this.where }));
    // validated now (INVALID_ARGUMENT names the field), with its time; the index comes with the write
    const entry = makeEntry(input, 0);
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const first = await this.write(batch.map((p) => p.entry));
          batch.forEach((p, i) => p.resolve({ index: first + i, entry: { ...p.entry, index: first + i } }));
        } catch (e) {
          const err =
            e instanceof ClewError && e.code === 'INVALID_ARGUMENT'
              ? e
              : new ClewError('AUDIT_WRITE_FAILED', `the audit entry could not be written to ${this.where}: ${(e as Error).message}`, { locator: this.where }, { cause: e });
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Write the entries in one transaction; the index of the first. */
  private async write(entries: AuditEntry[]): Promise<number> {
    return transaction(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, 0)', [AUDIT_LOCK]);
      const next = Number((await c.query<{ n: string | number }>('SELECT coalesce(max(idx) + 1, 0) AS n FROM audit_entries')).rows[0]!.n);
      const leaves = entries.map((e, i) => encodeLeaf({ ...e, index: next + i }));
      await c.query(
        `INSERT INTO audit_entries (idx, at, user_name, agency, case_name, action, leaf, leaf_hash)
         SELECT i, timestamptz 'epoch' + t * interval '1 millisecond', u, a, k, x, l, h
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[], $8::bytea[]) AS v(i, t, u, a, k, x, l, h)`,
        [
          entries.map((_, i) => next + i),
          entries.map((e) => e.at),
          entries.map((e) => e.user),
          entries.map((e) => e.agency),
          entries.map((e) => e.case),
          entries.map((e) => e.action),
          leaves,
          leaves.map(leafHash),
        ],
      );
      return next;
    });
  }

  async addHead(h: SignedTreeHead): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit_heads (size, root, signed_at, signature, public_key) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (size) DO NOTHING',
      [h.size, h.root, h.at, h.signature, h.publicKey],
    );
  }

  async latestHead(): Promise<SignedTreeHead | null> {
    const r = await this.pool.query<HeadRow>('SELECT size, root, signed_at, signature, public_key FROM audit_heads ORDER BY size DESC LIMIT 1');
    return r.rows[0] ? toHead(r.rows[0]) : null;
  }

  async snapshot<T>(fn: (s: AuditSnapshot) => Promise<T>): Promise<T> {
    return transaction(
      this.pool,
      (c) =>
        fn({
          size: async () => Number((await c.query<{ n: number }>('SELECT coalesce(max(idx) + 1, 0) AS n FROM audit_entries')).rows[0]!.n),
          heads: async () => (await c.query<HeadRow>('SELECT size, root, signed_at, signature, public_key FROM audit_heads ORDER BY size')).rows.map(toHead),
          rows: (from = 0) => streamRows(c, from),
          packed: (from = 0, chunkBytes = PACKED_BYTES) => streamPacked(c, from, chunkBytes),
        }),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async query(f: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.user !== undefined) add('user_name = ?', f.user);
    if (f.case !== undefined) add('case_name = ?', f.case);
    if (f.action !== undefined) add('action = ?', f.action);
    if (f.since !== undefined) add(`at >= timestamptz 'epoch' + ?::bigint * interval '1 millisecond'`, f.since);
    if (f.until !== undefined) add(`at < timestamptz 'epoch' + ?::bigint * interval '1 millisecond'`, f.until);
    if (f.after !== undefined) add('idx > ?', f.after);
    if (f.before !== undefined) add('idx < ?', f.before);
    const limit = Math.min(Math.max(1, f.limit ?? 100), 10_000);
    const r = await this.pool.query<{ leaf: Buffer }>(
      `SELECT leaf FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY idx ${f.newestFirst ? 'DESC' : ''} LIMIT ${limit}`,
      params,
    );
    return r.rows.map((x) => decodeLeaf(x.leaf));
  }

  async leaf(index: number): Promise<Buffer | null> {
    const r = await this.pool.query<{ leaf: Buffer }>('SELECT leaf FROM audit_entries WHERE idx = $1', [index]);
    return r.rows[0]?.leaf ?? null;
  }

  /** Resolves once every entry queued so far is written (or refused). */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    if (this.ownsPool) await this.pool.end();
  }
}

/** Rows from `from` on, in index order; the next chunk is asked for before this one is handed on, so the server reads while the caller checks. */
async function* streamRows(c: pg.PoolClient, from: number): AsyncIterable<StoredAuditRow[]> {
  const ask = (next: number) => c.query<EntryRow>(`SELECT ${ROW_COLUMNS} FROM audit_entries WHERE idx >= $1 ORDER BY idx LIMIT ${CHUNK}`, [next]);
  let pending = ask(from);
  for (;;) {
    const r = await pending;
    const full = r.rows.length === CHUNK;
    if (full) pending = ask(Number(r.rows[r.rows.length - 1]!.idx) + 1);
    try {
      if (r.rows.length > 0) yield r.rows.map(toRow);
    } finally {
      // the caller stopped early: the query asked for ahead still completes on this client before it is released
      if (full) await pending.catch(() => {});
    }
    if (!full) return;
  }
}

/**
 * Rows from `from` on, in index order, packed: binary COPY (bytea as bytes, not hex text; no row
 * objects), one statement per COPY_RANGE rows. A caller that stops early leaves the statement
 * under way to finish (read and dropped) so the connection can go on.
 */
async function* streamPacked(c: pg.PoolClient, from: number, chunkBytes: number): AsyncIterable<PackedRows> {
  for (let next = from; ; ) {
    if (!Number.isSafeInteger(next) || next < 0) throw new RangeError(`no entry ${next}`);
    const stream = c.query(copyTo(`COPY (SELECT ${PACKED_COLUMNS} FROM audit_entries WHERE idx >= ${next} ORDER BY idx LIMIT ${COPY_RANGE}) TO STDOUT (FORMAT binary)`));
    // its iterator, not for await: returning that would destroy the stream in the middle of the statement
    const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const chunker = new TupleChunker(ROW_FIELDS, chunkBytes);
    let rows = 0;
    let last = -1;
    let done = false;
    try {
      for (;;) {
        const r = await it.next();
        const chunks = r.done ? [chunker.end()].filter((x): x is PackedRows => x !== null) : chunker.push(r.value);
        for (const chunk of chunks) {
          rows += chunk.count;
          // read before it is handed on: a thread takes its buffers
          const f = chunk.fields[2 * ROW_FIELDS * (chunk.count - 1)]!;
          last = int8(Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength), f);
          yield chunk;
        }
        if (r.done) break;
      }
      done = true;
    } finally {
      // stopped early: the rest is read and dropped, the statement must end before the connection takes another (after an error, nothing is left)
      if (!done)
        try {
          for (let r = await it.next(); !r.done; r = await it.next());
        } catch {
          // the error already thrown is the one that counts
        }
    }
    if (rows < COPY_RANGE) return;
    next = last + 1;
  }
}
