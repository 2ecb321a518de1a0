/**
 * An inclusion proof a third party checks without the database: one JSON document holding the
 * entry, its leaf (base64), the signed tree head that covers it, the audit path (hex) and the
 * signer's public key. Checking it recomputes the leaf from the entry (it must be the same
 * bytes), its hash, the root the path leads to (RFC 6962 / RFC 9162 inclusion verification),
 * and the head's Ed25519 signature over that root.
 */
import { ClewError } from '../model/errors.js';
import { type AuditEntry, canonicalJson, decodeLeaf } from './entry.js';
import { HASH_SIZE, leafHash, sameHash } from './hash.js';
import { verifyInclusion } from './inclusion.js';
import { type SignedTreeHead, keyFingerprint, verifyHeadSignature } from './signed-head.js';

export const PROOF_FORMAT = 'clew-audit-inclusion-proof/1';

export interface InclusionProofBundle {
  format: typeof PROOF_FORMAT;
  entry: AuditEntry;
  /** The leaf bytes, base64. */
  leaf: string;
  /** SHA-256(0x00 || leaf), hex. */
  leafHash: string;
  head: { size: number; root: string; at: number; signature: string; publicKey: string };
  /** The audit path, hex, from the leaf's sibling up. */
  path: string[];
}

export function makeProofBundle(leaf: Buffer, head: SignedTreeHead, path: readonly Buffer[]): InclusionProofBundle {
  return {
    format: PROOF_FORMAT,
    entry: decodeLeaf(leaf),
    leaf: leaf.toString('base64'),
    leafHash: leafHash(leaf).toString('hex'),
    head: { size: head.size, root: head.root.toString('hex'), at: head.at, signature: head.signature.toString('base64'), publicKey: head.publicKey.toString('base64') },
    path: path.map((p) => p.toString('hex')),
  };
}

function invalid(why: string): ClewError {
  return new ClewError('AUDIT_PROOF_INVALID', `the audit proof does not verify: ${why}`, { reason: why });
}

const HEX = /^[0-9a-f]{64}$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function hex(v: unknown, what: string): Buffer {
  if (typeof v !== 'string' || !HEX.test(v)) throw invalid(`${what} is not ${HASH_SIZE} bytes of hex`);
  return Buffer.from(v, 'hex');
}

function b64(v: unknown, what: string): Buffer {
  if (typeof v !== 'string' || !B64.test(v)) throw invalid(`${what} is not base64`);
  return Buffer.from(v, 'base64');
}

function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalid(`${what} is not a whole number`);
  return v;
}

export interface CheckedProof {
  entry: AuditEntry;
  index: number;
  head: SignedTreeHead;
  keyFingerprint: string;
}

/**
 * Check a proof document (parsed JSON). AUDIT_PROOF_INVALID saying what failed; with
 * `publicKey`, the head must also be signed by that key (else anyone could sign a forged log).
 */
export function checkProofBundle(value: unknown, opts: { publicKey?: Buffer } = {}): CheckedProof {
  if (value === null || typeof value !== 'object') throw invalid('not a JSON object');
  const b = value as Record<string, unknown>;
  if (b.format !== PROOF_FORMAT) throw invalid(`its format is not ${PROOF_FORMAT}`);
  const leaf = b64(b.leaf, 'leaf');
  let entry: AuditEntry;
  try {
    entry = decodeLeaf(leaf);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  // the entry shown must be the one the leaf holds
  const shown = canonicalJson(b.entry);
  if (shown === undefined || !Buffer.from(shown, 'utf8').equals(leaf)) throw invalid('its entry differs from its leaf');
  const h = leafHash(leaf);
  if (!sameHash(h, hex(b.leafHash, 'leafHash'))) throw invalid('its leaf does not have its leaf hash');
  const rawHead = b.head as Record<string, unknown> | null;
  if (rawHead === null || typeof rawHead !== 'object') throw invalid('it has no signed head');
  const head: SignedTreeHead = {
    size: count(rawHead.size, 'head.size'),
    root: hex(rawHead.root, 'head.root'),
    at: count(rawHead.at, 'head.at'),
    signature: b64(rawHead.signature, 'head.signature'),
    publicKey: b64(rawHead.publicKey, 'head.publicKey'),
  };
  if (!Array.isArray(b.path) || b.path.length > 64) throw invalid('its path is not a list of hashes');
  const path = b.path.map((p, i) => hex(p, `path[${i}]`));
  if (!verifyInclusion(entry.index, head.size, h, path, head.root)) throw invalid(`entry ${entry.index} is not in the tree of ${head.size} entries with root ${head.root.toString('hex')}`);
  if (!verifyHeadSignature(head)) throw invalid('the tree head signature is not valid');
  if (opts.publicKey && !sameHash(opts.publicKey, head.publicKey)) throw invalid(`the head is signed by key ${keyFingerprint(head.publicKey)}, not by the key given`);
  return { entry, index: entry.index, head, keyFingerprint: keyFingerprint(head.publicKey) };
}
