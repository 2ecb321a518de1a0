import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropCase } from './cases.js';
import { openPostgresStore } from './open.js';
import { cursor } from './read-util.js';
import type { PostgresCaseStore } from './store.js';
import { testCaseLocator } from './test-support/pg-case.js';

describe('server-side cursors', () => {
  let s: PostgresCaseStore;
  let name: string;
  const N = 12_345;
  beforeAll(async () => {
    const loc = testCaseLocator('cursor');
    name = loc.case;
    s = await openPostgresStore(loc, { create: true });
    await s.db.pool.query(
      `INSERT INTO accounts (case_id, id, ref, platform, handle) SELECT $1, g, 'sky:u' || g, 'sky', 'u' || g FROM generate_series(1, $2::int) g`,
      [s.db.caseId, N],
    );
  });
  afterAll(async () => {
    await dropCase(s.db.pool, name);
    await s.close();
  });

  it('streams every row in chunks of a few thousand, in order', async () => {
    const sizes: number[] = [];
    const ids: number[] = [];
    for await (const chunk of s.accounts()) {
      sizes.push(chunk.length);
      for (const a of chunk) ids.push(a.id);
    }
    expect(sizes).toEqual([5000, 5000, 2345]);
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });

  it('gives the connection back when the reader stops early or the query fails, more times than the pool has connections', async () => {
    for (let i = 0; i < 10; i++) {
      for await (const chunk of s.accounts()) {
        expect(chunk).toHaveLength(5000);
        break;
      }
      await expect(
        (async () => {
          for await (const _ of cursor(s.db, 'SELECT 1 / (g - 3) FROM generate_series(1, 5) g', [], (r) => r, 1)) void _;
        })(),
      ).rejects.toThrow(/division by zero/);
    }
    expect(s.db.pool.totalCount).toBeLessThanOrEqual(4);
    expect((await s.stats()).accounts).toBe(N);
  });

  it('lets the mapping query on the same connection between fetches', async () => {
    const seen: number[] = [];
    for await (const chunk of cursor<{ g: number }, number>(s.db, 'SELECT g FROM generate_series(1, 7) g', [], async (rows, c) => {
      const r = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE case_id = $1', [s.db.caseId]);
      return rows.map((x) => x.g * 100_000 + r.rows[0]!.n);
    }, 3))
      seen.push(...chunk);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map((g) => g * 100_000 + N));
  });
});
