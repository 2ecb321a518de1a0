import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { inclusionProof } from './inclusion.js';
import { type InclusionProofBundle, checkProofBundle, makeProofBundle } from './proof-bundle.js';
import { rawPublicKey } from './signed-head.js';
import { memoryLog } from './test-support/log.js';
import { MemoryTree } from './tree.js';

function reason(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof ClewError && e.code === 'AUDIT_PROOF_INVALID') return String(e.details.reason);
    throw e;
  }
}

describe('inclusion proof documents', () => {
  const { rows, heads } = memoryLog(13, [13]);
  const tree = new MemoryTree(rows.map((r) => r.leafHash));
  const bundle = (i: number): InclusionProofBundle => JSON.parse(JSON.stringify(makeProofBundle(rows[i]!.leaf, heads[0]!, inclusionProof(tree, i, 13))));

  it('check for every entry, through JSON, with no database', () => {
    for (let i = 0; i < 13; i++) {
      const c = checkProofBundle(bundle(i), { publicKey: heads[0]!.publicKey });
      expect(c.index).toBe(i);
      expect(c.entry.query).toBe(`q${i}`);
    }
  });

  it('fail when the entry, leaf, path, head, signature or key differ', () => {
    const b = bundle(4);
    expect(reason(() => checkProofBundle({ ...b, entry: { ...b.entry, user: 'mallory' } }))).toContain('differs from its leaf');
    const leaf = Buffer.from(b.leaf, 'base64').toString('utf8').replace('"q4"', '"q5"');
    expect(reason(() => checkProofBundle({ ...b, leaf: Buffer.from(leaf).toString('base64'), entry: { ...b.entry, query: 'q5' } }))).toContain('leaf hash');
    const path = [...b.path];
    path[1] = path[1]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(reason(() => checkProofBundle({ ...b, path }))).toContain('not in the tree');
    expect(reason(() => checkProofBundle({ ...b, path: b.path.slice(1) }))).toContain('not in the tree');
    expect(reason(() => checkProofBundle({ ...b, head: { ...b.head, at: b.head.at + 1 } }))).toContain('signature');
    expect(reason(() => checkProofBundle({ ...b, head: { ...b.head, size: 14 } }))).toContain('signature');
    expect(reason(() => checkProofBundle({ ...b, head: { ...b.head, size: 4 } }))).toContain('not in the tree');
    const other = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
    expect(reason(() => checkProofBundle(b, { publicKey: other }))).toContain('not by the key given');
    expect(reason(() => checkProofBundle({ ...b, format: 'x' }))).toContain('format');
    expect(reason(() => checkProofBundle(null))).toContain('not a JSON object');
  });
});
