/**
 * The audit log of a team server (docs/audit.md): what the server calls to record every read and
 * write and to sign the log's tree heads, and what `clew audit` calls to verify the log, print an
 * inclusion proof, check one without the database, and list entries for auditors.
 *
 *   const log = await openAuditLog(pool, { keyFile });  // or a postgres:// URI
 *   log.startSigning();                                  // a signed head at least once a minute while the log grows
 *   await log.append({ user, agency, case, action: 'search', query, filters, records });  // AUDIT_WRITE_FAILED: fail the request
 *   await log.close();                                   // waits for queued entries, signs a last head
 *
 * The signing key is an Ed25519 private key in a PEM file readable by its owner only (0600):
 * the one given, else ~/.local/share/clew/audit-key.pem (under $XDG_DATA_HOME when set), created
 * on first use with its public key beside it (audit-key.pem.pub, base64 of the raw 32 bytes).
 */
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, hostname, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { AuditEntry, AuditEntryInput } from '../audit/entry.js';
import { leafHash, sameHash } from '../audit/hash.js';
import { inclusionProof } from '../audit/inclusion.js';
import { type CheckedProof, type InclusionProofBundle, checkProofBundle, makeProofBundle } from '../audit/proof-bundle.js';
import { type SignedTreeHead, privateKeyFromPem, rawPublicKey, signHead } from '../audit/signed-head.js';
import { MemoryTree } from '../audit/tree.js';
import { TreeHead } from '../audit/tree-head.js';
import { type AuditVerifyReport, LogVerifier } from '../audit/verify-log.js';
import { defaultVerifyThreads, verifyChunks } from '../audit/verify-threads.js';
import { ClewError } from '../model/errors.js';
import type { AuditFilter } from '../store/audit.js';
import { PostgresAuditLog } from '../store/postgres/audit.js';
import { ensureSchema } from '../store/postgres/cases.js';
import { connectError, createPool } from '../store/postgres/db.js';
import { type PostgresLocator, redactUrl } from '../store/postgres/locator.js';

export type { AuditEntry, AuditEntryInput } from '../audit/entry.js';
export type { AuditFilter } from '../store/audit.js';
export type { SignedTreeHead } from '../audit/signed-head.js';
export type { AuditVerifyReport } from '../audit/verify-log.js';
export type { InclusionProofBundle } from '../audit/proof-bundle.js';
export { keyFingerprint } from '../audit/signed-head.js';

/** How often a head is signed while the log grows. */
export const SIGN_INTERVAL_MS = 60_000;

export interface AuditLog {
  /** Record an entry; resolves once it is committed. AUDIT_WRITE_FAILED when it could not be (fail the request closed); INVALID_ARGUMENT for a bad entry. */
  append(entry: AuditEntryInput): Promise<{ index: number }>;
  /** The latest signed tree head; null before the first. */
  head(): Promise<SignedTreeHead | null>;
  /** Sign a head over every committed entry now (null when no entry came since the last head). */
  signNow(): Promise<SignedTreeHead | null>;
  /** Sign now and then every `intervalMs` (default a minute) while the log grows; errors go to onSigningError. */
  startSigning(intervalMs?: number): void;
  stopSigning(): void;
  /** Entries for auditors, by user, case, action and time. */
  query(filter: AuditFilter): Promise<AuditEntry[]>;
  /** An inclusion proof of entry `index` in the latest signed head (auditProof). */
  proof(index: number): Promise<InclusionProofBundle>;
  /** The signer's raw Ed25519 public key (32 bytes). */
  readonly publicKey: Buffer;
  /** Wait for queued entries, sign a last head when the log grew, stop signing, release the connections it opened. */
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** The signing key's PEM file (default: defaultKeyFile()); created when missing. */
  keyFile?: string;
  onSigningError?: (e: unknown) => void;
}

/** ~/.local/share/clew/audit-key.pem, under $XDG_DATA_HOME when set. */
export function defaultKeyFile(): string {
  const xdg = process.env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.local', 'share'), 'clew', 'audit-key.pem');
}

function keyError(file: string, why: string, cause?: unknown): ClewError {
  return new ClewError('AUDIT_KEY', `the audit signing key ${file} ${why}`, { file }, { cause });
}

/** The Ed25519 private key in `file` (PEM, mode 0600), created there (with FILE.pub) when missing. AUDIT_KEY when it cannot be used. */
export function loadOrCreateKey(file: string): KeyObject {
  const path = resolve(file);
  let mode: number | null = null;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(path, `cannot be read (${(e as NodeJS.ErrnoException).code})`, e);
  }
  if (mode === null) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      writeFileSync(`${path}.pub`, `${rawPublicKey(privateKey).toString('base64')}\n`, { mode: 0o644 });
      return privateKey;
    } catch (e) {
      // made meanwhile by another process: use that one
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(path, `cannot be created (${(e as NodeJS.ErrnoException).code})`, e);
      return loadOrCreateKey(path);
    }
  }
  if ((mode & 0o077) !== 0) throw keyError(path, `may be read by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw keyError(path, `cannot be read (${(e as NodeJS.ErrnoException).code})`, e);
  }
  const key = privateKeyFromPem(text);
  if (!key) throw keyError(path, 'is not an Ed25519 private key in PEM (PKCS#8)');
  return key;
}

function dbLocator(uri: string): PostgresLocator {
  let clean: string;
  try {
    const u = new URL(uri);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('scheme');
    u.searchParams.delete('case');
    clean = u.toString();
  } catch {
    throw new ClewError('INVALID_ARGUMENT', `--db must be a postgres://USER[:PASSWORD]@HOST[:PORT]/DB URI, not ${redactUrl(uri)}`, { db: redactUrl(uri) });
  }
  return { kind: 'postgres', url: clean, case: 'audit', printable: redactUrl(clean) };
}

/** A pool on the database, checked, with clew's schema (created or migrated unless readonly). */
async function openStore(db: string | pg.Pool, readonly: boolean): Promise<PostgresAuditLog> {
  if (db instanceof pg.Pool) {
    await ensureSchema(db, readonly, 'the database');
    return new PostgresAuditLog(db, 'the database', false);
  }
  const loc = dbLocator(db);
  const pool = createPool(loc);
  try {
    try {
      (await pool.connect()).release();
    } catch (e) {
      throw connectError(e, loc) ?? e;
    }
    await ensureSchema(pool, readonly, loc.printable);
    return new PostgresAuditLog(pool, loc.printable, true);
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

export async function openAuditLog(db: string | pg.Pool, opts: AuditLogOptions = {}): Promise<AuditLog> {
  const key = loadOrCreateKey(opts.keyFile ?? defaultKeyFile());
  const store = await openStore(db, false);
  const publicKey = rawPublicKey(key);
  const tree = new TreeHead();
  let signing: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  /** Bring the in-memory tree up to every committed entry, checking each leaf and every head it passes. */
  async function catchUp(): Promise<void> {
    await store.snapshot(async (s) => {
      const heads = new Map((await s.heads()).filter((h) => h.size > tree.size).map((h) => [h.size, h.root]));
      for await (const rows of s.rows(tree.size)) {
        for (const r of rows) {
          const h = leafHash(r.leaf);
          if (r.index !== tree.size || !sameHash(h, r.leafHash))
            throw new ClewError('AUDIT_INVALID', `the audit log was tampered with at entry ${tree.size}: no head is signed over it (run clew audit verify)`, { index: tree.size });
          tree.appendHash(h);
          const signed = heads.get(tree.size);
          if (signed && !sameHash(signed, tree.root()))
            throw new ClewError('AUDIT_INVALID', `the audit log no longer matches its head of ${tree.size} entries: no head is signed over it (run clew audit verify)`, { index: tree.size });
        }
      }
    });
  }

  const signNow = (): Promise<SignedTreeHead | null> => {
    const run = signing.then(async () => {
      await catchUp();
      const last = await store.latestHead();
      if (tree.size === 0 || (last && last.size >= tree.size)) return null;
      const head = signHead({ size: tree.size, root: tree.root(), at: Date.now() }, key);
      await store.addHead(head);
      return head;
    });
    signing = run.catch(() => {});
    return run;
  };
  const report = (e: unknown) => (opts.onSigningError ?? (() => {}))(e);

  return {
    publicKey,
    append: async (entry) => ({ index: (await store.append(entry)).index }),
    head: () => store.latestHead(),
    signNow,
    startSigning(intervalMs = SIGN_INTERVAL_MS) {
      if (timer) return;
      signNow().catch(report);
      timer = setInterval(() => signNow().catch(report), intervalMs);
      timer.unref();
    },
    stopSigning() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    query: (f) => store.query(f),
    proof: (index) => proofFrom(store, index),
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      try {
        await store.drained();
        await signNow().catch(report);
      } finally {
        await store.close();
      }
    },
  };
}

export interface VerifyAuditOptions {
  /** Accept only heads signed by this raw Ed25519 public key. */
  publicKey?: Buffer;
  /** Entries newer than this may still be unsigned (default two signing intervals). */
  graceMs?: number;
  now?: number;
  /** Threads checking entries (default one per core; 0: all in this thread). The tree is folded in this one. */
  threads?: number;
  /** Bytes of entries handed to a thread at a time (default 1 MiB; tests make it small to spread a log over many). */
  chunkBytes?: number;
}

/** Check the whole log (docs/audit.md): the report, with `problem` naming the first bad entry when it fails. */
export async function verifyAuditLog(db: string | pg.Pool, opts: VerifyAuditOptions = {}): Promise<AuditVerifyReport & { ms: number }> {
  const t0 = performance.now();
  const store = await openStore(db, true);
  try {
    const report = await store.snapshot(async (s) => {
      const v = new LogVerifier(await s.heads(), { publicKey: opts.publicKey, unsignedSince: (opts.now ?? Date.now()) - (opts.graceMs ?? 2 * SIGN_INTERVAL_MS) });
      await verifyChunks(v, s.packed(0, opts.chunkBytes), opts.threads ?? defaultVerifyThreads());
      return v.finish();
    });
    return { ...report, ms: performance.now() - t0 };
  } finally {
    await store.close();
  }
}

/** An inclusion proof of entry `index` in the latest signed head covering it. NOT_FOUND when there is no such entry; AUDIT_INVALID when no head covers it yet. */
export async function auditProof(db: string | pg.Pool, index: number): Promise<InclusionProofBundle> {
  const store = await openStore(db, true);
  try {
    return await proofFrom(store, index);
  } finally {
    await store.close();
  }
}

function proofFrom(store: PostgresAuditLog, index: number): Promise<InclusionProofBundle> {
  return store.snapshot(async (s) => {
    const heads = await s.heads();
    const head = heads[heads.length - 1];
    const size = await s.size();
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new ClewError('NOT_FOUND', `the audit log holds no entry ${index} (it holds ${size})`, { index });
    if (!head || head.size <= index)
      throw new ClewError('AUDIT_INVALID', `entry ${index} is not covered by a signed head yet (the last covers ${head?.size ?? 0}); the server signs one within a minute`, { index });
    const hashes: Buffer[] = [];
    let leaf: Buffer | null = null;
    outer: for await (const rows of s.rows(0))
      for (const r of rows) {
        if (r.index >= head.size) break outer;
        hashes.push(leafHash(r.leaf));
        if (r.index === index) leaf = r.leaf;
      }
    if (!leaf || hashes.length !== head.size) throw new ClewError('AUDIT_INVALID', `the audit log is missing entries before ${head.size} (run clew audit verify)`, { index });
    const tree = new MemoryTree(hashes);
    if (!sameHash(tree.root(), head.root)) throw new ClewError('AUDIT_INVALID', `the audit log no longer matches its head of ${head.size} entries (run clew audit verify)`, { index });
    return makeProofBundle(leaf, head, inclusionProof(tree, index, head.size));
  });
}

/** Check a proof document's text, without the database. AUDIT_PROOF_INVALID saying what failed. */
export function checkAuditProof(text: string, opts: { publicKey?: Buffer } = {}): CheckedProof {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ClewError('AUDIT_PROOF_INVALID', 'the audit proof does not verify: it is not JSON', { reason: 'not JSON' });
  }
  return checkProofBundle(value, opts);
}

/**
 * Record what an admin did from the command line (`clew grant`, `clew revoke`, `clew users
 * add|disable`) in the database's audit log, as the operating-system user who ran it. The CLI
 * holds no signing key (the server's is its own, in the server's account): the entry goes into
 * the log under the same advisory lock as the server's, and the running server's next signature
 * (within a minute, or at its next start) covers it. AUDIT_WRITE_FAILED when it cannot be written.
 */
export async function recordAdminAction(db: string | pg.Pool, entry: Omit<AuditEntryInput, 'user' | 'agency'> & { user?: string }): Promise<{ index: number }> {
  const store = await openStore(db, false);
  try {
    const { index } = await store.append({ ...entry, user: entry.user ?? cliUser(), agency: null });
    return { index };
  } finally {
    await store.close();
  }
}

/** Who runs the CLI: the operating-system user (and host), as an audit entry's user. */
export function cliUser(): string {
  let name = 'unknown';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry (a container's numeric uid)
    name = `uid ${process.getuid?.() ?? '?'}`;
  }
  return `${name}@${hostname()}`.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

/** Entries for auditors. */
export async function queryAuditLog(db: string | pg.Pool, filter: AuditFilter): Promise<AuditEntry[]> {
  const store = await openStore(db, true);
  try {
    return await store.query(filter);
  } finally {
    await store.close();
  }
}

/** A public key given as base64 of its raw 32 bytes, or a file holding that (FILE.pub). */
export function parsePublicKey(value: string): Buffer {
  let text = value.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) {
    try {
      text = readFileSync(value, 'utf8').trim();
    } catch {
      throw new ClewError('INVALID_ARGUMENT', '--public-key must be the base64 of a raw Ed25519 public key (32 bytes) or a file holding it', { value: value.slice(0, 100) });
    }
  }
  const raw = Buffer.from(text, 'base64');
  if (raw.length !== 32) throw new ClewError('INVALID_ARGUMENT', '--public-key is not 32 bytes of base64', {});
  return raw;
}
