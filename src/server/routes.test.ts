import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from '../api/case.js';
import { useTmp } from '../api/test-support/tmp.js';
import { keyPlayerRanking, MAX_KEY_PLAYERS } from './routes.js';
import { buildTestCase } from './test-support/case.js';

const tmp = useTmp();

describe('key-player ranking for the server', () => {
  it('is computed once per open case and kept', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const [first, again, other] = await withCase(casePath, { readonly: true }, async (store) => {
      const a = await keyPlayerRanking(store);
      const b = await keyPlayerRanking(store);
      const c = await withCase(casePath, { readonly: true }, (s2) => keyPlayerRanking(s2));
      return [a, b, c];
    });
    expect(again).toBe(first);
    expect(other).not.toBe(first); // a different store (another server) ranks its own case
    expect(other.rows).toEqual(first.rows);
    expect(first.result.rows.length).toBeLessThanOrEqual(MAX_KEY_PLAYERS);
    expect(first.rows.map((r) => r.position)).toEqual([1, 2]);
  });
});

describe('key-player ranking of an empty case', () => {
  it('is an empty list, not an error', async () => {
    const casePath = join(tmp(), 'empty.clew');
    await withCase(casePath, { create: true }, () => undefined);
    const r = await withCase(casePath, { readonly: true }, (store) => keyPlayerRanking(store));
    expect(r.rows).toEqual([]);
    expect(r.result.nodes).toBe(0);
  });
});
