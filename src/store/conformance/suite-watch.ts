/**
 * Conformance: watchlists (the message match behind them, the stored lists) and saved searches
 * (runs, new hits, errors), the same on every backend.
 */
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { type CaseFactory, HOUR, codeOf, ingest, msg } from './support.js';

const T0 = Date.UTC(2022, 5, 1, 8);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:wana';
const B = 'sky:wboban';
const C = 'sky:wceca';
const IBAN = 'RS35260005601001611379';

const RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  { type: 'account', ref: C, kind: 'pin', displayName: 'Ceca' },
  msg(A, [B], at(1), `plati na ${IBAN} danas`),
  msg(B, [A], at(2), 'zovi me na +381 64 123 4567'),
  msg(A, [B], at(3), `opet ${IBAN}, i +381641234567`),
  msg(A, [B], at(3), `opet ${IBAN}, i +381641234567`), // a duplicate: counted once
  msg(C, [B], at(4), 'nista'),
];

export function describeWatch(factory: CaseFactory): void {
  describe('watchlists and saved searches', () => {
    it('count the messages that mention a value or involve an account, oldest ids first, duplicates once', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const ids = new Map((await s.resolveAccounts(A)).map((x) => [x.ref, x.id]));
        const c = (await s.resolveAccounts(C))[0]!.id;
        const all = (await s.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded' }, { limit: 10 })).hits.map((h) => h.id).sort((x, y) => x - y);
        expect(all).toHaveLength(4);
        const r = await s.watchMessages(
          [
            { mentions: [{ type: 'iban', value: IBAN }], accounts: [] },
            { mentions: [{ type: 'phone', value: '+381641234567' }], accounts: [] },
            { mentions: [{ type: 'iban', value: IBAN }, { type: 'phone', value: '+381641234567' }], accounts: [] },
            { mentions: [], accounts: [c] },
            { mentions: [{ type: 'iban', value: 'NL91ABNA0417164300' }], accounts: [] },
            { mentions: [], accounts: [] },
            { mentions: [{ type: 'phone', value: '+381641234567' }], accounts: [ids.get(A)!] },
          ],
          { ids: 2 },
        );
        expect(r[0]).toEqual({ messages: 2, ids: [all[0], all[2]], first: at(1), last: at(3) });
        expect(r[1]).toEqual({ messages: 2, ids: [all[1], all[2]], first: at(2), last: at(3) });
        expect(r[2]).toEqual({ messages: 3, ids: [all[0], all[1]], first: at(1), last: at(3) });
        expect(r[3]).toEqual({ messages: 1, ids: [all[3]], first: at(4), last: at(4) });
        expect(r[4]).toEqual({ messages: 0, ids: [], first: null, last: null });
        expect(r[5]).toEqual({ messages: 0, ids: [], first: null, last: null });
        // Ana sent 1 and 3 and received 2
        expect(r[6]).toMatchObject({ messages: 3, first: at(1), last: at(3) });
        expect((await s.watchMessages([{ mentions: [{ type: 'iban', value: IBAN }], accounts: [] }], { ids: 0 }))[0]).toEqual({ messages: 2, ids: [], first: at(1), last: at(3) });
      } finally {
        await tc.cleanup();
      }
    });

    it('store watchlists by name, replace and remove them', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        expect(await s.watchlists()).toEqual([]);
        expect(await s.watchlist('x')).toBeNull();
        const sel = [
          { line: 1, raw: '+381 64 123 4567', type: 'phone', value: '+381641234567', note: 'Marko' },
          { line: 3, raw: IBAN, type: 'iban', value: IBAN },
        ];
        const w = await s.putWatchlist('case 12', sel, 'ana');
        expect(w).toMatchObject({ name: 'case 12', selectors: 2, addedBy: 'ana' });
        expect(await s.watchlist('case 12')).toEqual({ summary: w, selectors: sel });
        await s.putWatchlist('case 12', sel.slice(1), 'bob');
        await s.putWatchlist('Ćevap <b>', [], 'bob');
        expect((await s.watchlists()).map((x) => [x.name, x.selectors, x.addedBy])).toEqual([['case 12', 1, 'bob'], ['Ćevap <b>', 0, 'bob']]);
        expect(await s.removeWatchlist('case 12')).toBe(true);
        expect(await s.removeWatchlist('case 12')).toBe(false);
        expect((await s.watchlists()).map((x) => x.name)).toEqual(['Ćevap <b>']);
      } finally {
        await tc.cleanup();
      }
    });

    it('record saved-search runs: the first is the baseline, later ones flag what no run had, errors keep the hits', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        const made = await s.putSavedSearch({ name: 'kafa', query: 'kafa from:ana', mode: 'folded', scope: null, by: 'ana', at: 1000 });
        expect(made).toEqual({ name: 'kafa', query: 'kafa from:ana', mode: 'folded', scope: null, createdAt: 1000, createdBy: 'ana', runs: 0, lastRunAt: null, error: null, newHits: 0, hits: 0 });
        let r = await s.recordSavedSearchRun('kafa', { at: 2000, hits: [10, 20, 30] });
        expect(r).toMatchObject({ runs: 1, lastRunAt: 2000, newHits: 0, hits: 3 });
        expect(await s.savedSearchHits('kafa', { onlyNew: true, limit: 10 })).toEqual([]);
        r = await s.recordSavedSearchRun('kafa', { at: 3000, hits: [5, 10, 20, 30, 40] });
        expect(r).toMatchObject({ runs: 2, newHits: 2, hits: 5 });
        expect(await s.savedSearchHits('kafa', { onlyNew: true, limit: 10 })).toEqual([40, 5]);
        expect(await s.savedSearchHits('kafa', { onlyNew: false, limit: 3 })).toEqual([40, 30, 20]);
        r = await s.recordSavedSearchRun('kafa', { at: 4000, error: { code: 'QUERY_SYNTAX', message: 'unbalanced (' } });
        expect(r).toMatchObject({ runs: 2, lastRunAt: 4000, newHits: 2, hits: 5, error: { code: 'QUERY_SYNTAX', message: 'unbalanced (' } });
        r = await s.recordSavedSearchRun('kafa', { at: 5000, hits: [5, 10] });
        expect(r).toMatchObject({ runs: 3, newHits: 0, error: null });
        expect(await s.savedSearchHits('kafa', { onlyNew: true, limit: 10 })).toEqual([]);
        // the same query again keeps the runs; another query starts afresh
        expect((await s.putSavedSearch({ name: 'kafa', query: 'kafa from:ana', mode: 'folded', scope: null, by: 'bob' })).runs).toBe(3);
        expect(await s.putSavedSearch({ name: 'kafa', query: 'kafa', mode: 'exact', scope: 'case', by: 'bob', at: 6000 })).toMatchObject({ runs: 0, hits: 0, mode: 'exact', scope: 'case', createdBy: 'bob' });
        await s.putSavedSearch({ name: 'aaa', query: 'x', mode: 'folded', scope: null, by: 'bob' });
        expect((await s.savedSearches()).map((x) => x.name)).toEqual(['aaa', 'kafa']);
        expect(await codeOf(s.recordSavedSearchRun('none', { at: 1, hits: [] }))).toBe('NOT_FOUND');
        expect(await s.removeSavedSearch('kafa')).toBe(true);
        expect(await s.removeSavedSearch('kafa')).toBe(false);
        expect((await s.savedSearches()).map((x) => x.name)).toEqual(['aaa']);
      } finally {
        await tc.cleanup();
      }
    });
  });
}
