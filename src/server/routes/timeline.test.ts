import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { jsonl, msg } from '../../api/test-support/tmp.js';
import { caseState } from '../case-state.js';
import { Reply } from '../jobs.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { DISRUPT_BUDGET, disruptViaJob, jobsOf } from './jobs.js';
import { XSS } from '../test-support/case.js';
import type { ActivityGroupsResponse, ActivityHeatResponse, ActivityResponse, DisruptResponse, JobResponse, WireError } from '../wire.js';
import { call } from '../test-support/http.js';

// Two cliques of four (a*, b*) joined only through the broker X (X–a1, X–b1): removing X splits the network.
const A = ['sky:a1', 'sky:a2', 'sky:a3', 'sky:a4'];
const B = ['sky:b1', 'sky:b2', 'sky:b3', 'sky:b4'];
const X = 'sky:broker';
let srv: RunningServer;
let root: string;
let casePath: string;

describe('timeline and disruption endpoints', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-timeline-'));
    const lines: unknown[] = [{ type: 'account', ref: X, display_name: `Broker ${XSS}` }];
    let t = Date.UTC(2021, 2, 1, 8);
    for (const g of [A, B]) for (const u of g) for (const v of g) if (u !== v) lines.push(msg(u, v, new Date((t += 3_600_000)).toISOString(), 'x'));
    for (const v of [A[0]!, B[0]!]) lines.push(msg(X, v, new Date((t += 3_600_000)).toISOString(), 'deal'), msg(v, X, new Date((t += 86_400_000)).toISOString(), 'ok'));
    lines.push({ type: 'call', from: X, to: A[1], ts: '2021-03-02T09:00:00Z', duration: 5 });
    const src = join(root, 't.jsonl');
    writeFileSync(src, jsonl(lines));
    casePath = join(root, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, src, { analyse: false }));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives activity per day for the whole case, an account, a range', async () => {
    const r = (await call(srv, 'GET', '/api/activity?unit=day')).json<ActivityResponse>();
    expect(r.series.map((s) => s.key)).toEqual(['case']);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(r.series[0]!.messages)).toBe(12 + 12 + 4);
    expect(total(r.series[0]!.calls)).toBe(1);
    expect(r.series[0]!.messages.length).toBe(r.buckets.length);
    expect(r.buckets[0]!.start).toBe(Date.UTC(2021, 2, 1));
    const two = (await call(srv, 'GET', `/api/activity?unit=month&account=${encodeURIComponent(X)}&account=sky:a1`)).json<ActivityResponse>();
    expect(two.series.map((s) => [s.key, s.label, s.totals])).toEqual([
      [X, `Broker ${XSS}`, { messages: 4, calls: 1 }],
      ['sky:a1', 'a1', { messages: 6 + 2, calls: 0 }],
    ]);
    expect(two.buckets).toEqual([{ start: Date.UTC(2021, 2, 1), end: Date.UTC(2021, 3, 1) }]);
    const w = (await call(srv, 'GET', '/api/activity?unit=week&after=2021-03-01&before=2021-03-02')).json<ActivityResponse>();
    expect(w.series[0]!.totals.messages).toBe(15); // 08:00 + 1h … the 15 hours to midnight
  });

  it('gives the heat matrix, communities, and community activity', async () => {
    const h = (await call(srv, 'GET', '/api/activity/heat?tz=Europe/Belgrade')).json<ActivityHeatResponse>();
    expect(h.timeZone).toBe('Europe/Belgrade');
    expect(h.total).toBe(29);
    expect(h.cells[0]![10]).toBe(1); // Monday 2021-03-01 09:00 UTC = 10:00 in Belgrade
    const g = (await call(srv, 'GET', '/api/activity/groups')).json<ActivityGroupsResponse>();
    expect(g.communities.length).toBeGreaterThanOrEqual(2);
    const sizes = g.communities.reduce((a, c) => a + c.size, 0);
    expect(sizes).toBe(9);
    const c = (await call(srv, 'GET', `/api/activity?community=${g.communities[0]!.id}`)).json<ActivityResponse>();
    expect(c.series[0]!.key).toBe(`community:${g.communities[0]!.id}`);
    expect(c.series[0]!.totals.messages).toBeGreaterThanOrEqual(12);
  });

  it('simulates the arrests step by step and a comparison strategy', async () => {
    const res = await call(srv, 'POST', '/api/disrupt', { remove: [X, 'a1', 'nobody here'], block: 1 });
    expect(res.status).toBe(200);
    const r = res.json<DisruptResponse>();
    expect(r.strategy).toBe('list');
    expect(r.nodes).toBe(9);
    expect(r.unresolved.map((u) => u.term)).toEqual(['nobody here']);
    expect(r.arrests.map((a) => a.nodes.map((n) => n.key))).toEqual([[X], ['sky:a1']]);
    expect(r.steps.map((s) => [s.step, s.removedTotal, s.components, +s.lccShare.toFixed(4)])).toEqual([
      [0, 0, 1, 1],
      [1, 1, 2, +(4 / 9).toFixed(4)],
      [2, 2, 2, +(4 / 9).toFixed(4)],
    ]);
    expect(r.steps[0]!.efficiency).toBeGreaterThan(r.steps[1]!.efficiency!);
    const all = (await call(srv, 'POST', '/api/disrupt', { remove: [X, 'sky:a1'] })).json<DisruptResponse>();
    expect(all.steps.map((s) => s.lccSize)).toEqual([9, 4]);
    const s = (await call(srv, 'POST', '/api/disrupt', { strategy: 'betweenness', block: 1, steps: 2 })).json<DisruptResponse>();
    expect(s.strategy).toBe('betweenness');
    expect(s.steps[1]!.removed.map((n) => n.key)).toEqual([X]);
    expect(s.steps.length).toBe(3);
  });

  it('refuses bad input with 400 and unknown names with 404', async () => {
    const bad: [string, string, unknown][] = [
      ['GET', '/api/activity?unit=year', undefined],
      ['GET', '/api/activity?after=yesterday', undefined],
      ['GET', '/api/activity?after=2021-03-02&before=2021-03-01', undefined],
      ['GET', '/api/activity?unit=day&unit=week', undefined],
      ['GET', '/api/activity?conversation=1&account=sky:a1', undefined],
      ['GET', '/api/activity?bogus=1', undefined],
      ['GET', `/api/activity?${Array.from({ length: 13 }, (_, i) => `account=sky:a${i}`).join('&')}`, undefined],
      ['GET', '/api/activity/heat?tz=Mars/Olympus', undefined],
      ['POST', '/api/disrupt', { remove: [] }],
      ['POST', '/api/disrupt', { remove: Array.from({ length: 201 }, (_, i) => `sky:${i}`) }],
      ['POST', '/api/disrupt', { remove: ['sky:a1'], block: 0 }],
      ['POST', '/api/disrupt', { strategy: 'random' }],
      ['POST', '/api/disrupt', { strategy: 'degree', steps: 41 }],
      ['POST', '/api/disrupt', { strategy: 'degree', extra: 1 }],
      ['POST', '/api/disrupt', [1, 2]],
    ];
    for (const [m, p, b] of bad) {
      const res = await call(srv, m as 'GET', p, b);
      expect(res.status, `${m} ${p} ${JSON.stringify(b)}`).toBe(400);
      expect(res.json<WireError>().error.code).toBe('INVALID_ARGUMENT');
    }
    expect((await call(srv, 'POST', '/api/disrupt', { remove: ['nobody'] })).status).toBe(404);
    expect((await call(srv, 'GET', '/api/activity?account=nobody')).status).toBe(404);
    expect((await call(srv, 'GET', '/api/activity?community=999999')).status).toBe(404);
  });

  it('runs the simulation as a job: 202 with the job, its progress per block, then the same answer', async () => {
    const body = { strategy: 'betweenness', block: 1, steps: 4 };
    const direct = await call(srv, 'POST', '/api/disrupt', body);
    expect(direct.status).toBe(200);
    DISRUPT_BUDGET.ms = 0;
    try {
      // another body: not cached, so it is computed by a job the answer points to
      const first = await call(srv, 'POST', '/api/disrupt', { ...body, steps: 3 });
      expect(first.status).toBe(202);
      const { job } = first.json<JobResponse>();
      expect(job.kind).toBe('disrupt');
      let j = job;
      for (let i = 0; i < 500 && j.endedAt === null; i++) {
        await new Promise((ok) => setTimeout(ok, 10));
        j = (await call(srv, 'GET', `/api/jobs/${job.id}`)).json<JobResponse>().job;
      }
      expect(j.state).toBe('done');
      expect(j.progress).toMatchObject({ phase: 'removing blocks and measuring', done: 3, total: 3 });
      // asked again, the answer is the job's (cached for this body), as a direct answer would be
      const again = await call(srv, 'POST', '/api/disrupt', { ...body, steps: 3 });
      expect(again.status).toBe(200);
      const r = again.json<DisruptResponse>();
      expect(r.steps).toEqual(direct.json<DisruptResponse>().steps.slice(0, 4));
      expect(r).toMatchObject({ strategy: 'betweenness', block: 1, nodes: 9 });
      // errors still answer as errors: the job fails, the client following it sees why
      const missing = await call(srv, 'POST', '/api/disrupt', { remove: ['nobody at all'] });
      expect(missing.status).toBe(202);
      const failed = missing.json<JobResponse>().job;
      let f = failed;
      for (let i = 0; i < 500 && f.endedAt === null; i++) {
        await new Promise((ok) => setTimeout(ok, 10));
        f = (await call(srv, 'GET', `/api/jobs/${failed.id}`)).json<JobResponse>().job;
      }
      expect(f).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    } finally {
      DISRUPT_BUDGET.ms = 1500;
    }
  });

  it('cancels a simulation job; the next request computes it again', async () => {
    const store = await openCase(casePath, { readonly: true });
    try {
      const body = { remove: [X], block: 1 };
      const first = await disruptViaJob(store, body, 0);
      expect(first).toBeInstanceOf(Reply);
      const id = ((first as Reply).body as JobResponse).job.id;
      // a second request for the same body joins the running job
      const joined = await disruptViaJob(store, body, 0);
      expect(((joined as Reply).body as JobResponse).job.id).toBe(id);
      expect(jobsOf(store).jobs.cancel(id)).toBe(true);
      const job = jobsOf(store).jobs.get(id)!;
      await job.finished;
      expect(job.state).toBe('cancelled');
      const retry = await disruptViaJob(store, body, 0);
      const retryId = ((retry as Reply).body as JobResponse).job.id;
      expect(retryId).not.toBe(id);
      await jobsOf(store).jobs.get(retryId)!.finished;
      const r = (await disruptViaJob(store, body, 0)) as DisruptResponse;
      expect(r.steps.map((s) => s.lccSize)).toEqual([9, 4]);
      expect(await disruptViaJob(store, body, 0)).toBe(r); // cached for this generation
      caseState(store).invalidate();
      expect(await disruptViaJob(store, body, 0)).toBeInstanceOf(Reply); // the case changed: computed again
      await jobsOf(store).jobs.cancelAll();
    } finally {
      await store.close();
    }
  });
});
