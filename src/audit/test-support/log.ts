/** A small audit log in memory, for the pure tests of verification and proofs. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { encodeLeaf, makeEntry } from '../entry.js';
import { leafHash } from '../hash.js';
import { type SignedTreeHead, signHead } from '../signed-head.js';
import { TreeHead } from '../tree-head.js';
import type { StoredAuditRow } from '../verify-log.js';

export function memoryLog(n: number, headSizes: readonly number[], key: KeyObject = generateKeyPairSync('ed25519').privateKey): { rows: StoredAuditRow[]; heads: SignedTreeHead[]; key: KeyObject } {
  const rows: StoredAuditRow[] = [];
  const heads: SignedTreeHead[] = [];
  const t = new TreeHead();
  for (let i = 0; i < n; i++) {
    const e = makeEntry({ user: `user${i % 3}`, agency: 'NL', case: i % 2 ? 'alpha' : 'beta', action: 'search', query: `q${i}`, records: [i, i + 1], at: 1_000_000 + i }, i);
    const leaf = encodeLeaf(e);
    rows.push({ index: i, at: e.at, user: e.user, agency: e.agency, case: e.case, action: e.action, leaf, leafHash: leafHash(leaf) });
    t.appendLeaf(leaf);
    if (headSizes.includes(t.size)) heads.push(signHead({ size: t.size, root: t.root(), at: 2_000_000 + i }, key));
  }
  return { rows, heads, key };
}
