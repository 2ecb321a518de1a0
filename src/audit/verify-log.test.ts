import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeLeaf, makeEntry, decodeLeaf } from './entry.js';
import { leafHash } from './hash.js';
import { rawPublicKey, signHead } from './signed-head.js';
import { memoryLog } from './test-support/log.js';
import { type AuditVerifyReport, LogVerifier, type StoredAuditRow } from './verify-log.js';
import type { SignedTreeHead } from './signed-head.js';

function run(rows: readonly StoredAuditRow[], heads: readonly SignedTreeHead[], opts: { unsignedSince?: number; publicKey?: Buffer } = {}): AuditVerifyReport {
  const v = new LogVerifier(heads, { unsignedSince: opts.unsignedSince ?? 0, publicKey: opts.publicKey });
  for (const r of rows) if (!v.push(r)) break;
  return v.finish();
}

/** The row rewritten consistently: new leaf, columns and leaf hash. */
function rewrite(r: StoredAuditRow, change: { user?: string; query?: string; index?: number }): StoredAuditRow {
  const e = decodeLeaf(r.leaf);
  const leaf = encodeLeaf({ ...e, user: change.user ?? e.user, query: change.query ?? e.query, index: change.index ?? e.index });
  return { ...r, user: change.user ?? r.user, leaf, leafHash: leafHash(leaf) };
}

describe('verifying an audit log', () => {
  const { rows, heads } = memoryLog(20, [5, 12, 20]);

  it('passes an intact log, with its heads and keys', () => {
    const r = run(rows, heads);
    expect(r).toMatchObject({ ok: true, entries: 20, heads: 3, signed: 20, unsigned: null, problem: null });
    expect(r.keys).toHaveLength(1);
  });

  it('names a removed entry, even when the ones after were renumbered', () => {
    expect(run(rows.filter((r) => r.index !== 7), heads).problem).toMatchObject({ kind: 'missing', index: 7 });
    const renumbered = rows.filter((r) => r.index !== 7).map((r) => (r.index > 7 ? { ...r, index: r.index - 1 } : r));
    expect(run(renumbered, heads).problem).toMatchObject({ kind: 'moved', index: 7 });
  });

  it('names two swapped entries', () => {
    const swapped = rows.map((r) => (r.index === 3 ? { ...rows[9]!, index: 3 } : r.index === 9 ? { ...rows[3]!, index: 9 } : r));
    expect(run(swapped, heads).problem).toMatchObject({ kind: 'moved', index: 3 });
  });

  it('names an entry whose column, leaf or hash was edited alone', () => {
    expect(run(rows.map((r) => (r.index === 8 ? { ...r, user: 'mallory' } : r)), heads).problem).toMatchObject({ kind: 'columns', index: 8 });
    const leaf = (r: StoredAuditRow) => encodeLeaf({ ...decodeLeaf(r.leaf), query: 'innocent' });
    expect(run(rows.map((r) => (r.index === 8 ? { ...r, leaf: leaf(r) } : r)), heads).problem).toMatchObject({ kind: 'hash', index: 8 });
    expect(run(rows.map((r) => (r.index === 8 ? { ...r, leaf: Buffer.from('garbage') } : r)), heads).problem).toMatchObject({ kind: 'leaf', index: 8 });
  });

  it('finds an entry rewritten whole by the head that signed it, naming the range since the head before', () => {
    const p = run(rows.map((r) => (r.index === 8 ? rewrite(r, { query: 'innocent' }) : r)), heads).problem;
    expect(p).toMatchObject({ kind: 'root', index: 5, head: 12 });
    expect(p!.message).toContain('entries 5 to 11');
  });

  it('finds a head forged, signed by another key, or pointing past the end of the log', () => {
    const forged = heads.map((h) => (h.size === 12 ? { ...h, root: leafHash(Buffer.from('x')) } : h));
    expect(run(rows, forged).problem).toMatchObject({ kind: 'signature', head: 12, index: 5 });
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(run(rows, heads, { publicKey: rawPublicKey(other) }).problem).toMatchObject({ kind: 'key', head: 5 });
    expect(run(rows.slice(0, 18), heads).problem).toMatchObject({ kind: 'truncated', head: 20 });
  });

  it('reports entries after the last head as not yet signed, and fails those older than the grace period', () => {
    const extra = makeEntry({ user: 'mallory', action: 'search', at: 5_000_000 }, 20);
    const leaf = encodeLeaf(extra);
    const appended = [...rows, { index: 20, at: extra.at, user: 'mallory', agency: null, case: null, action: 'search', leaf, leafHash: leafHash(leaf) }];
    expect(run(appended, heads, { unsignedSince: 4_000_000 })).toMatchObject({ ok: true, unsigned: { from: 20, to: 20 } });
    expect(run(appended, heads, { unsignedSince: 6_000_000 }).problem).toMatchObject({ kind: 'unsigned', index: 20 });
  });

  it('checks consistency between consecutive heads: a head re-signed over a rewritten past is caught', () => {
    const { rows: r2, heads: h2, key } = memoryLog(12, [5, 12]);
    // the attacker holds the key: rewrites entry 2 and signs a new head of 12; the head of 5 still stands
    const changed = r2.map((r) => (r.index === 2 ? rewrite(r, { query: 'innocent' }) : r));
    const v = run(changed, [h2[0]!, signHead({ size: 12, root: Buffer.alloc(32), at: 1 }, key)]);
    expect(v.problem).toMatchObject({ kind: 'root', head: 5, index: 0 });
  });
});
