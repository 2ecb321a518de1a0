import { describe, expect, it } from 'vitest';
import { decodeLeaf, encodeLeaf } from './entry.js';
import { leafHash } from './hash.js';
import { memoryLog } from './test-support/log.js';
import { chunksOf, packRows } from './test-support/packed.js';
import { type AuditVerifyReport, LogVerifier, type StoredAuditRow } from './verify-log.js';
import { verifyChunks } from './verify-threads.js';
import type { SignedTreeHead } from './signed-head.js';

function oneByOne(rows: readonly StoredAuditRow[], heads: readonly SignedTreeHead[], unsignedSince = 0): AuditVerifyReport {
  const v = new LogVerifier(heads, { unsignedSince });
  for (const r of rows) if (!v.push(r)) break;
  return v.finish();
}

async function packed(rows: readonly StoredAuditRow[], heads: readonly SignedTreeHead[], perChunk: number, unsignedSince = 0): Promise<AuditVerifyReport> {
  const v = new LogVerifier(heads, { unsignedSince });
  // the sources under the test runner: no compiled worker, so every chunk is checked in this thread (the threads: src/api/audit-threads.test.ts)
  await verifyChunks(v, chunksOf(packRows(rows, perChunk)), 2);
  return v.finish();
}

const at = (rows: StoredAuditRow[], i: number, change: (r: StoredAuditRow) => StoredAuditRow): StoredAuditRow[] => rows.map((r) => (r.index === i ? change(r) : r));

describe('verifying packed chunks (the fast path, and the reference for what it does not accept)', () => {
  const { rows, heads } = memoryLog(40, [10, 25, 40]);
  const leafWith = (r: StoredAuditRow, change: object) => encodeLeaf({ ...decodeLeaf(r.leaf), ...change });
  const cases: [string, StoredAuditRow[]][] = [
    ['intact', rows],
    ['a column edited', at(rows, 27, (r) => ({ ...r, user: 'mallory' }))],
    ['a name column made NULL', at(rows, 27, (r) => ({ ...r, agency: null }))],
    ['the time column edited', at(rows, 27, (r) => ({ ...r, at: r.at + 1 }))],
    ['the time column edited by less than a millisecond', at(rows, 27, (r) => ({ ...r, at: r.at + 0.4 }))],
    ['a leaf edited', at(rows, 27, (r) => ({ ...r, leaf: leafWith(r, { query: 'innocent' }) }))],
    ['a leaf hash edited', at(rows, 27, (r) => ({ ...r, leafHash: leafHash(Buffer.from('x')) }))],
    ['garbage for a leaf', at(rows, 27, (r) => ({ ...r, leaf: Buffer.from('garbage') }))],
    ['a leaf in another form', at(rows, 27, (r) => ({ ...r, leaf: Buffer.from(r.leaf.toString().replace('{', '{ ')) }))],
    ['an entry removed', rows.filter((r) => r.index !== 27)],
    ['two entries swapped', rows.map((r) => (r.index === 27 ? { ...rows[31]!, index: 27 } : r.index === 31 ? { ...rows[27]!, index: 31 } : r))],
    [
      'an entry rewritten whole',
      at(rows, 27, (r) => {
        const leaf = leafWith(r, { query: 'innocent' });
        return { ...r, leaf, leafHash: leafHash(leaf) };
      }),
    ],
    ['entries removed from the end', rows.slice(0, 37)],
  ];

  for (const [what, changed] of cases)
    it(`gives the report of the one-by-one pass: ${what}`, async () => {
      const want = oneByOne(changed, heads);
      for (const per of [1, 3, 7, 100]) expect(await packed(changed, heads, per)).toEqual(want);
      if (what !== 'intact' && what !== 'entries removed from the end') expect(want.problem!.index).toBe(what === 'an entry rewritten whole' ? 25 : 27);
    });

  it('folds whole subtrees where no head or kept subtree falls inside, with the report of the one-by-one pass', async () => {
    const big = memoryLog(300, [37, 128, 200, 233, 300]);
    const rewritten = at(big.rows, 150, (r) => {
      const leaf = leafWith(r, { query: 'innocent' });
      return { ...r, leaf, leafHash: leafHash(leaf) };
    });
    for (const changed of [big.rows, rewritten, big.rows.slice(0, 290), at(big.rows, 250, (r) => ({ ...r, user: 'x' }))]) {
      const want = oneByOne(changed, big.heads);
      for (const per of [64, 100, 256]) expect(await packed(changed, big.heads, per)).toEqual(want);
    }
    expect(oneByOne(rewritten, big.heads).problem).toMatchObject({ kind: 'root', index: 128, head: 200 });
  });

  it('fails the first bad entry when a later one is bad too, and reports unsigned entries alike', async () => {
    const two = at(at(rows, 33, (r) => ({ ...r, user: 'x' })), 12, (r) => ({ ...r, case: 'x' }));
    expect((await packed(two, heads, 4)).problem).toMatchObject({ kind: 'columns', index: 12 });
    const unsignedTail = memoryLog(30, [10]);
    expect(await packed(unsignedTail.rows, unsignedTail.heads, 4, 1_000_020)).toEqual(oneByOne(unsignedTail.rows, unsignedTail.heads, 1_000_020));
    expect((await packed(unsignedTail.rows, unsignedTail.heads, 4, 1_000_020)).problem).toMatchObject({ kind: 'unsigned', index: 10 });
  });
});
