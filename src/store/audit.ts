/**
 * The port of the audit log's storage (docs/audit.md): an append-only list of entries with a
 * gapless index, and the signed tree heads over them. The tree, the leaf encoding and the
 * checks live in src/audit; this port only keeps and returns bytes. One implementation:
 * PostgreSQL (postgres/audit.ts), where the database itself refuses UPDATE and DELETE.
 */
import type { PackedRows } from '../audit/check-rows.js';
import type { AuditEntry, AuditEntryInput } from '../audit/entry.js';
import type { SignedTreeHead } from '../audit/signed-head.js';
import type { StoredAuditRow } from '../audit/verify-log.js';

export interface AuditFilter {
  user?: string;
  case?: string;
  action?: string;
  /** Milliseconds since the epoch, inclusive. */
  since?: number;
  /** Milliseconds since the epoch, exclusive. */
  until?: number;
  /** Entries after this index (the previous page's last, oldest first). */
  after?: number;
  /** Entries before this index (the previous page's last, newest first). */
  before?: number;
  /** Newest first (default oldest first). */
  newestFirst?: boolean;
  /** At most this many (default 100, at most 10,000). */
  limit?: number;
}

/** One consistent view of the log (a snapshot): what verification and proofs read. */
export interface AuditSnapshot {
  size(): Promise<number>;
  heads(): Promise<SignedTreeHead[]>;
  /** Every entry from `from` on, in index order, in chunks. */
  rows(from?: number): AsyncIterable<StoredAuditRow[]>;
  /** The same entries packed as bytes, in chunks of about `chunkBytes` that can be handed to a thread (src/audit/check-rows.ts). */
  packed(from?: number, chunkBytes?: number): AsyncIterable<PackedRows>;
}

export interface AuditLogStore {
  /**
   * Append entries (validated by src/audit/entry.ts makeEntry) in one transaction: each gets the
   * next index, none is lost or doubled. AUDIT_WRITE_FAILED when they could not be written.
   * Concurrent calls are flushed together (group commit); each resolves when its entry is committed.
   */
  append(input: AuditEntryInput): Promise<{ index: number; entry: AuditEntry }>;
  /** Record a signed head (nothing when one of that size exists). */
  addHead(head: SignedTreeHead): Promise<void>;
  latestHead(): Promise<SignedTreeHead | null>;
  /** Run `fn` on one consistent, read-only view of the log. */
  snapshot<T>(fn: (s: AuditSnapshot) => Promise<T>): Promise<T>;
  /** Entries matching the filter, in index order. */
  query(filter: AuditFilter): Promise<AuditEntry[]>;
  /** The entry at `index`, as its leaf; null when there is none. */
  leaf(index: number): Promise<Buffer | null>;
  /** Wait for queued appends, then release the connections (when the store owns them). */
  close(): Promise<void>;
}
