import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../api/case.js';
import { caseState } from '../case-state.js';
import { Reply } from '../jobs.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { jobsOf } from './jobs.js';
import { suggestionsViaJob } from './identity.js';
import { buildIdentityCase, KUM_CONTACTS, NEW, OLD, SAILOR1, SAILOR2, XSS } from '../../api/test-support/identity-case.js';
import { call as http } from '../test-support/http.js';
import type {
  DossierResponse,
  IdentityDecideResponse,
  IdentityPersonsResponse,
  IdentityReviewResponse,
  IdentitySuggestionsResponse,
  NetworkResponse,
  WireError,
} from '../wire.js';

let srv: RunningServer;
let root: string;

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => http(srv, method, path, body, headers);
const get = (path: string) => call('GET', path);
const post = (body: unknown, headers?: Record<string, string>) => call('POST', '/api/identity/decide', body, headers);
const pairs = (r: IdentitySuggestionsResponse) => r.suggestions.map((s) => [s.a.ref, s.b.ref].sort().join('+')).sort();

describe('identity routes', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-identity-route-'));
    const casePath = await buildIdentityCase(join(root, 'case'));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('ranks suggestions with their evidence, pages them, and refuses bad input with 400', async () => {
    const r = await get('/api/identity/suggestions');
    expect(r.status).toBe(200);
    const s = r.body as IdentitySuggestionsResponse;
    expect(pairs(s)).toEqual([`${OLD}+${NEW}`, `${SAILOR1}+${SAILOR2}`].sort());
    expect(s.total).toBe(2);
    expect(s.pairsScored).toBeLessThan(s.allPairs);
    const ev = s.suggestions[0]!.evidence;
    expect(ev.map((e) => e.signal)).toContain('identifiers');
    for (const e of ev) expect(typeof e.weight === 'number' && typeof e.contribution === 'number').toBe(true);
    const page = (await get('/api/identity/suggestions?limit=1&offset=1')).body as IdentitySuggestionsResponse;
    expect(page.suggestions).toHaveLength(1);
    expect(page.suggestions[0]!.a.ref).toBe(s.suggestions[1]!.a.ref);
    expect(((await get('/api/identity/suggestions?minScore=0.9999999')).body as WireError).error.code).toBe('INVALID_ARGUMENT');
    for (const bad of ['minScore=2', 'limit=0', 'limit=501', 'offset=-1', 'nope=1', 'minScore=abc']) {
      const b = await get(`/api/identity/suggestions?${bad}`);
      expect(b.status, bad).toBe(400);
      expect((b.body as WireError).error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('shows a pair side by side (names, shared contacts, hours), 404 for an unknown account', async () => {
    const r = await get(`/api/identity/review?a=${encodeURIComponent(OLD)}&b=${encodeURIComponent(NEW)}`);
    expect(r.status).toBe(200);
    const v = r.body as IdentityReviewResponse;
    expect(v.a.names.map((n) => n.name)).toContain('Kum Đorđević');
    expect(v.b.names.map((n) => n.name)).toContain('Кум Ђорђевић');
    expect(v.shared).toHaveLength(KUM_CONTACTS.length);
    expect(v.a.hours[14]).toBeGreaterThan(0);
    const x = (await get(`/api/identity/review?a=${encodeURIComponent(SAILOR1)}&b=${encodeURIComponent(SAILOR2)}`)).body as IdentityReviewResponse;
    expect(x.a.names.map((n) => n.name)).toContain(`Mornar ${XSS}`);
    expect((await get(`/api/identity/review?a=${encodeURIComponent(OLD)}&b=skyecc:NOPE`)).status).toBe(404);
    expect((await get(`/api/identity/review?a=${encodeURIComponent(OLD)}`)).status).toBe(400);
  });

  it('refuses a decision without Origin (403) and a malformed one (400)', async () => {
    expect((await post({ action: 'merge', a: OLD, b: NEW }, { Origin: '' })).status).toBe(403);
    expect((await post({ action: 'merge', a: OLD, b: NEW }, { Origin: 'http://evil.example' })).status).toBe(403);
    for (const bad of [{ action: 'fuse', a: OLD, b: NEW }, { action: 'merge', a: OLD }, { action: 'merge', a: OLD, b: OLD }, { action: 'merge', a: OLD, b: NEW, extra: 1 }, { action: 'merge', a: '', b: NEW }, { action: 'merge', a: OLD, b: NEW, person: 'x'.repeat(201) }]) {
      const r = await post(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await post({ action: 'merge', a: OLD, b: 'skyecc:NOPE' })).status).toBe(404);
    expect(((await get('/api/identity/persons')).body as IdentityPersonsResponse).persons).toEqual([]);
  });

  it('merges, rejects and undoes: persons, suggestions and the person-level network follow', async () => {
    const before = (await get('/api/network?level=person')).body as NetworkResponse;
    expect(before.filter.level).toBe('person');
    const m = await post({ action: 'merge', a: OLD, b: NEW, person: 'Kum', why: 'same IMEI' });
    expect(m.status).toBe(200);
    const md = m.body as IdentityDecideResponse;
    if (md.result.action !== 'merge') throw new Error('not a merge');
    const pk = `person:${md.result.person.id}`;
    expect(md.result.person.accounts.map((a) => a.ref)).toEqual([OLD, NEW]);
    const persons = (await get('/api/identity/persons')).body as IdentityPersonsResponse;
    expect(persons.persons.map((p) => p.name)).toEqual(['Kum']);
    expect(persons.decisions[0]).toMatchObject({ action: 'merge', why: 'same IMEI' });
    expect(persons.decisions[0]!.by).toMatch(/\(workspace\)$/);
    // the suggestion is gone at once (the generation moved on)
    expect(pairs((await get('/api/identity/suggestions')).body as IdentitySuggestionsResponse)).toEqual([`${SAILOR1}+${SAILOR2}`]);
    const net = (await get('/api/network?level=person')).body as NetworkResponse;
    expect(net.nodes).toBe(before.nodes - 1);
    expect(net.graph.keys).toContain(pk);
    expect(net.graph.keys).not.toContain(OLD);
    const acc = (await get('/api/network')).body as NetworkResponse;
    expect(acc.graph.keys).toContain(OLD);
    expect(acc.nodes).toBe(before.nodes);

    // the person's dossier: all its accounts, each handle with its own dates
    for (const ref of [pk, 'person:Kum', `person:${md.result.person.id}`]) {
      const dr = await get(`/api/dossier/${encodeURIComponent(ref)}`);
      expect(dr.status, ref).toBe(200);
      const d = dr.body as DossierResponse;
      expect(d.subject).toMatchObject({ kind: 'person', ref: pk, label: 'Kum' });
      expect(d.accounts.map((a) => a.ref)).toEqual([OLD, NEW]);
      expect(d.handles?.map((h) => [h.account.ref, h.first, h.last])).toEqual([
        [OLD, Date.UTC(2021, 0, 1, 14), Date.UTC(2021, 0, 20, 14)],
        [NEW, Date.UTC(2021, 0, 24, 14), Date.UTC(2021, 0, 31, 14)],
      ]);
      expect(d.activity.sent).toBe(d.handles!.reduce((x, h) => x + h.sent, 0));
    }
    expect((await get(`/api/dossier/${encodeURIComponent('person:999')}`)).status).toBe(404);
    expect((await get(`/api/dossier/${encodeURIComponent('person:')}`)).status).toBe(400);

    expect((await post({ action: 'reject', a: SAILOR1, b: SAILOR2, why: 'two brothers' })).status).toBe(200);
    const afterReject = (await get('/api/identity/suggestions')).body as IdentitySuggestionsResponse;
    expect(afterReject.total).toBe(0);
    // undo the rejection: the pair is back; undo the merge: the person is gone
    expect(((await post({ action: 'undo', a: SAILOR1, b: SAILOR2 })).body as IdentityDecideResponse).result.action).toBe('unreject');
    expect(((await get('/api/identity/suggestions')).body as IdentitySuggestionsResponse).total).toBe(1);
    expect(((await post({ action: 'undo', a: OLD, b: NEW })).body as IdentityDecideResponse).result.action).toBe('split');
    expect(((await get('/api/identity/persons')).body as IdentityPersonsResponse).persons).toEqual([]);
    expect(((await get('/api/network?level=person')).body as NetworkResponse).graph.keys).toContain(OLD);
    expect((await post({ action: 'undo', a: OLD, b: NEW })).status).toBe(404);
    // split by account
    await post({ action: 'merge', a: OLD, b: NEW });
    expect(((await post({ action: 'split', a: NEW })).body as IdentityDecideResponse).result.action).toBe('split');
    expect((await post({ action: 'split', a: NEW })).status).toBe(404);
  });
});

describe('identity suggestions as a job', () => {
  it('answers 202 with the job while it computes, then the suggestions kept for the generation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clew-identity-job-'));
    try {
      const store = await openCase(await buildIdentityCase(join(dir, 'case')), { readonly: true });
      const first = await suggestionsViaJob(store, 0.5, 0);
      expect(first).toBeInstanceOf(Reply);
      const body = (first as Reply).body as { job: { id: string; kind: string } };
      expect(body.job.kind).toBe('identity');
      // a second request joins the same job
      const again = await suggestionsViaJob(store, 0.5, 0);
      expect(again instanceof Reply ? (again.body as { job: { id: string } }).job.id : 'done').toMatch(new RegExp(`^(${body.job.id}|done)$`));
      await jobsOf(store).jobs.get(body.job.id)!.finished;
      const r = await suggestionsViaJob(store, 0.5, 0);
      expect(r).not.toBeInstanceOf(Reply);
      expect((r as { suggestions: unknown[] }).suggestions).toHaveLength(2);
      expect(await suggestionsViaJob(store, 0.5, 0)).toBe(r);
      expect(caseState(store).generation).toBe(0);
      // a decision (new generation) while a job runs: a new job starts; the stale one's answer is not kept
      caseState(store).invalidate();
      const stale = (await suggestionsViaJob(store, 0.5, 0)) as Reply;
      const staleJob = jobsOf(store).jobs.get((stale.body as { job: { id: string } }).job.id)!;
      caseState(store).invalidate();
      const fresh = (await suggestionsViaJob(store, 0.5, 0)) as Reply;
      expect((fresh.body as { job: { id: string } }).job.id).not.toBe(staleJob.id);
      await staleJob.finished;
      expect(caseState(store).peek('identity:suggest', 0.5)).toBeUndefined();
      await jobsOf(store).jobs.get((fresh.body as { job: { id: string } }).job.id)!.finished;
      expect(await suggestionsViaJob(store, 0.5, 0)).not.toBeInstanceOf(Reply);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
