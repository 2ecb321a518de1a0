/**
 * Checking a whole audit log, streamed entry by entry in index order, against its signed tree
 * heads. Each entry must be at its place (no gap: a removed entry is named), hold a canonical
 * leaf whose index is its own (a moved entry is named), match its columns (user, case, action
 * and time, which queries filter on) and its recorded leaf hash (check-entry.ts; or checked
 * elsewhere, in threads, and pushed with its hash: verify-threads.ts); every signed head must carry a
 * valid signature (by a pinned key, when one is given), and its root must be the root of the
 * entries recomputed up to its size; consecutive heads must be consistent (an RFC 6962
 * consistency proof from the recomputed tree, checked against both signed roots). An entry
 * changed consistently (leaf, columns and leaf hash rewritten together) is found by the first
 * head covering it, which names the range of entries it signed since the head before.
 * Entries after the last head are reported as not yet signed; those older than the grace
 * period (the server signs at least once a minute while the log grows) are a failure: a
 * signer would have covered them.
 */
import { type AuditProblem, type StoredAuditRow, checkEntry, isProblem } from './check-entry.js';
import { verifyConsistency, consistencyProof } from './consistency.js';
import { sameHash } from './hash.js';
import { type SignedTreeHead, keyFingerprint, verifyHeadSignature } from './signed-head.js';
import { SparseTree } from './tree.js';
import { TreeHead } from './tree-head.js';

export type { AuditProblem, AuditProblemKind, StoredAuditRow } from './check-entry.js';

export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  heads: number;
  /** Entries covered by the last signed head. */
  signed: number;
  /** Entries after the last signed head, within the grace period: not yet signed, not a failure. */
  unsigned: { from: number; to: number } | null;
  /** Fingerprints of the keys that signed the heads, in order of first use. */
  keys: string[];
  problem: AuditProblem | null;
}

export interface VerifyOptions {
  /** Accept only heads signed by this raw Ed25519 public key. */
  publicKey?: Buffer;
  /** Entries newer than this (ms since the epoch) may be unsigned. */
  unsignedSince: number;
  /** Check consistency proofs between consecutive heads (default true). */
  consistency?: boolean;
}

export class LogVerifier {
  private readonly tree: TreeHead;
  /** The subtrees the consistency proofs between consecutive heads need, kept as the entries pass. */
  private readonly sparse = new SparseTree();
  private readonly heads: SignedTreeHead[];
  private nextHead = 0;
  private readonly keys: string[] = [];
  private problem: AuditProblem | null = null;
  private firstUnsignedOld: number | null = null;
  private rows = 0;

  constructor(
    heads: readonly SignedTreeHead[],
    private readonly opts: VerifyOptions,
  ) {
    this.heads = [...heads].sort((a, b) => a.size - b.size);
    const check = opts.consistency !== false;
    if (check)
      for (let k = 1; k < this.heads.length; k++) {
        const [a, b] = [this.heads[k - 1]!, this.heads[k]!];
        if (a.size <= b.size) consistencyProof(this.sparse.wanting(b.size), a.size, b.size);
      }
    this.tree = new TreeHead(check ? (start, size, hash) => this.sparse.keep(start, size, hash) : undefined);
  }

  get failed(): boolean {
    return this.problem !== null;
  }

  private fail(p: AuditProblem): void {
    if (!this.problem) this.problem = p;
  }

  /** The next entry, in index order. Returns false once a problem was found (the rest need not be read). */
  push(row: StoredAuditRow): boolean {
    if (this.problem) return false;
    const r = checkEntry(row, this.tree.size);
    if (isProblem(r)) {
      this.failEntry(r);
      return false;
    }
    return this.pushChecked(r.hash, r.at);
  }

  /** The next entry, already checked (check-entry.ts, or check-rows.ts in a thread): its leaf hash and time. */
  pushChecked(hash: Buffer, at: number): boolean {
    if (this.problem) return false;
    const i = this.tree.size;
    this.rows++;
    this.tree.appendHash(hash);
    if (this.nextHead >= this.heads.length && this.firstUnsignedOld === null && at < this.opts.unsignedSince) this.firstUnsignedOld = i;
    return this.checkHeads();
  }

  /**
   * Whether the next `count` entries, checked elsewhere, may be folded as one subtree
   * (pushSubtree): a power of two at a multiple of it, no head inside them or none after them (an
   * entry after the last head is looked at alone), no subtree a consistency proof needs inside.
   */
  takesSubtree(count: number): boolean {
    const start = this.tree.size;
    const next = this.heads[this.nextHead];
    if (this.problem || count < 2 || (count & (count - 1)) !== 0 || start % count !== 0 || !next || next.size < start + count) return false;
    return !(this.opts.consistency !== false && this.sparse.wantsWithin(start, count));
  }

  /** The next `count` entries, checked elsewhere, by the hash of their subtree (only when takesSubtree says so). */
  pushSubtree(hash: Buffer, count: number): boolean {
    if (!this.takesSubtree(count)) throw new RangeError(`the next ${count} entries cannot be folded whole`);
    this.rows += count;
    this.tree.appendHash(hash, count);
    return this.checkHeads();
  }

  /** The next entry failed its checks (checkEntry's problem): the report names it. */
  failEntry(problem: AuditProblem): void {
    if (this.problem) return;
    this.rows++;
    this.fail(problem);
  }

  /** Entries folded so far: the place the next one must have. */
  get size(): number {
    return this.tree.size;
  }

  private checkHeads(): boolean {
    while (this.nextHead < this.heads.length && this.heads[this.nextHead]!.size === this.tree.size) {
      const h = this.heads[this.nextHead]!;
      const prev = this.nextHead > 0 ? this.heads[this.nextHead - 1]!.size : 0;
      const when = new Date(h.at).toISOString();
      if (!verifyHeadSignature(h)) {
        this.fail({ kind: 'signature', index: prev, head: h.size, message: `the head of ${h.size} entries signed at ${when} has a bad signature (forged or changed)` });
        return false;
      }
      if (this.opts.publicKey && !sameHash(h.publicKey, this.opts.publicKey)) {
        this.fail({ kind: 'key', index: prev, head: h.size, message: `the head of ${h.size} entries signed at ${when} was signed by key ${keyFingerprint(h.publicKey)}, not the given one` });
        return false;
      }
      const fp = keyFingerprint(h.publicKey);
      if (!this.keys.includes(fp)) this.keys.push(fp);
      if (!sameHash(this.tree.root(), h.root)) {
        this.fail({
          kind: 'root',
          index: prev,
          head: h.size,
          message: `entries ${prev} to ${h.size - 1} do not match the head signed at ${when}: one of them was changed, removed or inserted after it was signed`,
        });
        return false;
      }
      this.nextHead++;
    }
    return true;
  }

  /** Every entry was pushed: the report. */
  finish(): AuditVerifyReport {
    const entries = this.tree.size;
    const next = this.heads[this.nextHead];
    if (!this.problem && next) {
      const prev = this.nextHead > 0 ? this.heads[this.nextHead - 1]!.size : 0;
      this.fail({
        kind: 'truncated',
        index: entries,
        head: next.size,
        message: `the head signed at ${new Date(next.at).toISOString()} covers ${next.size} entries but the log holds ${entries}: entries from ${Math.max(prev, entries)} on were removed`,
      });
    }
    if (!this.problem && this.opts.consistency !== false && this.heads.length > 1) {
      for (let k = 1; k < this.heads.length; k++) {
        const [a, b] = [this.heads[k - 1]!, this.heads[k]!];
        if (!verifyConsistency(a.size, b.size, consistencyProof(this.sparse, a.size, b.size), a.root, b.root)) {
          this.fail({ kind: 'consistency', index: a.size, head: b.size, message: `the heads of ${a.size} and ${b.size} entries are not consistent` });
          break;
        }
      }
    }
    const signed = this.heads.length > 0 ? this.heads[this.heads.length - 1]!.size : 0;
    if (!this.problem && this.firstUnsignedOld !== null)
      this.fail({
        kind: 'unsigned',
        index: this.firstUnsignedOld,
        message: `entry ${this.firstUnsignedOld} and those after it are covered by no signed head, though older than the signing interval (appended behind the signer's back, or the server stopped before signing: a server start signs them)`,
      });
    return {
      ok: this.problem === null,
      entries: this.rows,
      heads: this.heads.length,
      signed: Math.min(signed, entries),
      unsigned: entries > signed ? { from: signed, to: entries - 1 } : null,
      keys: this.keys,
      problem: this.problem,
    };
  }
}
