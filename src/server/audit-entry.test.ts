import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditAction, auditEntryFor, recordIdsOf } from './audit-entry.js';

describe('the audit entry of a request', () => {
  it('names the records an answer holds: ids and account keys, nested, each once, in order', () => {
    const answer = { hits: [{ id: 5, sender: { key: 'sky:ab', label: 'Tata' } }, { id: 7, sender: { key: 'sky:ab' } }], nextCursor: 7, total: { count: 2 } };
    expect(recordIdsOf(answer)).toEqual([5, 'sky:ab', 7]);
    expect(recordIdsOf({ rows: [{ id: 1.5 }, { id: '3' }] })).toEqual([]);
    // what an audit entry cannot hold as a record id is left out, not a reason to fail the request
    expect(recordIdsOf({ rows: [{ id: -1 }, { key: '' }, { id: 2 }] })).toEqual([2]);
    expect(recordIdsOf({ rows: Array.from({ length: 10 }, (_, i) => ({ id: i })) }, 4)).toEqual([0, 1, 2, 3]);
  });

  it('keeps every id of any answer shape (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 50 }), (ids) => {
        const nested = { a: ids.map((id) => ({ x: { id } })) };
        expect(recordIdsOf(nested)).toEqual([...new Set(ids)]);
      }),
    );
  });

  it('words the route as an action the log accepts', () => {
    expect(auditAction('GET', '/api/cases/:case/search')).toBe('get:search');
    expect(auditAction('GET', '/api/cases/:case/messages/:p0/thread')).toBe('get:messages._.thread');
    expect(auditAction('POST', '/api/annotations')).toBe('post:annotations');
    expect(auditAction('GET', '/api/cases/:case/network/export')).toMatch(/^[a-z][a-z0-9_.:-]{0,63}$/);
  });

  it('keeps the query text, the other parameters as filters and a small body as detail', () => {
    const e = auditEntryFor({
      user: 'anouk',
      agency: 'NL',
      caseName: 'op',
      method: 'GET',
      template: '/api/cases/:case/search',
      path: '/search',
      query: new URLSearchParams('q=kafa&mode=exact&limit=5'),
      body: undefined,
      value: { hits: [{ id: 9 }] },
    });
    expect(e).toMatchObject({ user: 'anouk', agency: 'NL', case: 'op', action: 'get:search', query: 'kafa', filters: { mode: 'exact', limit: '5' }, records: [9], detail: { path: '/search' } });
    const big = auditEntryFor({ user: 'a', agency: null, caseName: 'op', method: 'POST', template: '/api/cases/:case/annotations', path: '/annotations', query: new URLSearchParams(), body: { note: 'x'.repeat(20_000) }, value: null, download: undefined });
    expect(String(big.detail!.body)).toMatch(/… \(\d+ characters\)$/);
  });

  it("is the route's own entry when it makes one (a legal filter's change), in place of the generic one", () => {
    const as = { action: 'legal-filter-grant', records: [3], detail: { label: 'lawyer', user: 'ana' } };
    const e = auditEntryFor({ user: 'owner', agency: 'NL', caseName: 'op', method: 'POST', template: '/api/cases/:case/legal-filters/:p0/grants', path: '/legal-filters/3/grants', query: new URLSearchParams(), body: { user: 'ana' }, value: { filter: { id: 3 } }, as });
    expect(e).toEqual({ user: 'owner', agency: 'NL', case: 'op', ...as });
  });
});
