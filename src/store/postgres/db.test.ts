import { afterAll, describe, expect, it } from 'vitest';
import { chunks, one, rows } from './db.js';
import { openPostgresStore } from './open.js';
import type { PostgresCaseStore } from './store.js';
import { testCaseLocator } from './test-support/pg-case.js';

let s: PostgresCaseStore;
afterAll(async () => {
  await s?.close();
});

describe('PgCase helpers', () => {
  it('read bigint and numeric as numbers, and stream a query in chunks through a cursor', async () => {
    s = await openPostgresStore(testCaseLocator('db'), { create: true });
    const r = await one<{ a: number; b: number; c: number }>(s.db, `SELECT (2^52)::bigint AS a, sum(x)::numeric AS b, count(*) AS c FROM generate_series(1, 10) x`);
    expect(r).toEqual({ a: 2 ** 52, b: 55, c: 10 });
    const got: number[][] = [];
    for await (const c of chunks<{ x: number }>(s.db, 'SELECT x::bigint FROM generate_series(1, $1::int) x ORDER BY x', [12], 5)) got.push(c.map((y) => y.x));
    expect(got).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    // an iteration left early releases its client (the pool still serves every query)
    for await (const c of chunks(s.db, 'SELECT x FROM generate_series(1, 100) x', [], 10)) {
      expect(c).toHaveLength(10);
      break;
    }
    for (let i = 0; i < 8; i++) expect(await rows(s.db, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
