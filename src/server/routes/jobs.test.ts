/** Jobs over real HTTP: upload → ingest job → search; caps, hostile names, cancel and resume. */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../api/case.js';
import { caseState } from '../case-state.js';
import { Reply } from '../jobs.js';
import type { KeyPlayerRanking } from '../keyplayers.js';
import { type RunningServer, startServer } from '../server.js';
import { jobsOf, keyPlayersViaJob } from './jobs.js';
import { buildTestCase } from '../test-support/case.js';
import type { JobResponse, JobsResponse, KeyPlayersResponse, SearchResponse, StatsResponse, UploadResponse, WireError } from '../wire.js';
import { call, upload, waitJob } from '../test-support/http.js';

const FIXTURE = readFileSync(new URL('../../../test/fixtures/whatsapp/WhatsApp Chat with Ana Primer.txt', import.meta.url));

/** A WhatsApp export of `n` messages. */
function bigChat(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2021, 0, 1) + i * 60_000);
    const dd = String(d.getUTCDate()).padStart(2, '0');
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mi = String(d.getUTCMinutes()).padStart(2, '0');
    lines.push(`[${dd}.${mm}.21, ${hh}:${mi}:00] ${i % 2 ? 'Ana Primer' : 'Marko Test'}: poruka broj ${i} zebrafish${i}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('jobs over HTTP', () => {
  let root: string;
  let srv: RunningServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-jobs-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    srv = await startServer({ casePath, webRoot: join(root, 'noweb'), log: () => {}, rateLimit: { capacity: 10_000, perSecond: 10_000 }, maxUploadBytes: 2 * 1024 * 1024, ingestBatchSize: 100 });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('uploads a WhatsApp export, ingests it as a job, and search finds its messages', async () => {
    const before = (await call(srv, 'GET', '/api/jobs')).json<JobsResponse>();
    const r = await upload(srv, 'WhatsApp Chat with Ana Primer.txt', FIXTURE);
    expect(r.status, r.text).toBe(200);
    const up = r.json<UploadResponse>();
    expect(up.bytes).toBe(FIXTURE.length);
    expect(up.stored).toMatch(/^[0-9T]+-[0-9a-f]+\/WhatsApp Chat with Ana Primer\.txt$/);
    expect(existsSync(join(root, 'case', 'case.clew.uploads', up.stored))).toBe(true);
    const job = await waitJob(srv, up.job.id);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.kind).toBe('ingest');
    expect(job.result).toMatchObject({ format: 'whatsapp', outcome: 'ingested', source: { status: 'complete' } });
    expect(job.result!.added.records).toBeGreaterThan(0);
    const hits = (await call(srv, 'GET', '/api/search?q=jutro')).json<SearchResponse>().hits;
    expect(hits.some((h) => /Dobro jutro/.test(JSON.stringify(h)))).toBe(true);
    const stats = (await call(srv, 'GET', '/api/stats')).json<StatsResponse>();
    expect(stats.sources.some((s) => s.format === 'whatsapp' && s.status === 'complete')).toBe(true);
    const after = (await call(srv, 'GET', '/api/jobs')).json<JobsResponse>();
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(after.jobs[0]!.id).toBe(job.id);
  });

  it('refuses an upload over the cap with 413 and stores nothing', async () => {
    const dir = join(root, 'case', 'case.clew.uploads');
    const files = readdirSync(dir).length;
    const r = await upload(srv, 'big.txt', Buffer.alloc(2 * 1024 * 1024 + 1, 65));
    expect(r.status).toBe(413);
    expect(r.json<WireError>().error.code).toBe('TOO_LARGE');
    // a body without Content-Length is capped while it streams
    const chunked = await call(srv, 'POST', '/api/uploads?name=big2.txt', Buffer.alloc(2 * 1024 * 1024 + 10, 65), { 'Transfer-Encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(readdirSync(dir).length).toBe(files);
  });

  it('stores a hostile file name safely and shows it as text', async () => {
    const name = '../../<img src=x onerror=alert(1)>\u202E.txt';
    // not the same bytes as the first upload (a file the case has is not stored again)
    const r = await upload(srv, name, Buffer.concat([FIXTURE, Buffer.from('\n')]));
    expect(r.status, r.text).toBe(200);
    const up = r.json<UploadResponse>();
    expect(up.stored.split('/')[1]).not.toMatch(/[/\\<>]/);
    expect(up.stored.split('/')[1]).toBe('_img src_x onerror_alert(1)_.txt');
    expect(existsSync(join(root, 'case', 'case.clew.uploads', up.stored))).toBe(true);
    const job = await waitJob(srv, up.job.id);
    expect(job.state).toBe('done');
    expect(job.result?.outcome).toBe('ingested');
    expect(job.label).not.toContain('/');
  });

  it('refuses a POST without Origin (403) and an upload without a name (400)', async () => {
    const r = await call(srv, 'POST', '/api/uploads?name=x.txt', FIXTURE, { Origin: '' });
    expect(r.status).toBe(403);
    expect((await call(srv, 'POST', '/api/uploads', FIXTURE)).status).toBe(400);
    expect((await call(srv, 'POST', '/api/uploads?name=x.txt&map=%2Fetc%2Fmap.json', FIXTURE)).status).toBe(400);
    expect((await call(srv, 'GET', '/api/jobs/nope')).status).toBe(404);
    expect((await call(srv, 'DELETE', '/api/jobs/%3Cx%3E')).status).toBe(400);
  });

  it('cancels an ingest mid-way; uploading the same file again completes with no duplicates', async () => {
    const n = 30_000;
    const chat = bigChat(n);
    const statsBefore = (await call(srv, 'GET', '/api/stats')).json<StatsResponse>().stats.messages;
    const up = (await upload(srv, 'big chat.txt', chat)).json<UploadResponse>();
    const running = await waitJob(srv, up.job.id, (j) => j.progress.records > 0 || j.endedAt !== null);
    expect(running.state).toBe('running');
    expect(running.progress.phase).toBe('ingesting');
    const del = await call(srv, 'DELETE', `/api/jobs/${up.job.id}`);
    expect(del.status).toBe(200);
    const cancelled = await waitJob(srv, up.job.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.code).toBe('INTERRUPTED');
    const partial = (await call(srv, 'GET', '/api/stats')).json<StatsResponse>();
    expect(partial.stats.messages - statsBefore).toBeLessThan(n);
    expect(partial.sources.some((s) => s.status === 'partial')).toBe(true);

    const again = (await upload(srv, 'big chat.txt', chat)).json<UploadResponse>();
    const done = await waitJob(srv, again.job.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.result?.outcome).toBe('resumed');
    expect(done.result?.source.records).toBeGreaterThanOrEqual(n); // messages + the accounts and chat they imply
    const after = (await call(srv, 'GET', '/api/stats')).json<StatsResponse>();
    expect(after.stats.messages - statsBefore).toBe(n);
    const hits = (await call(srv, 'GET', '/api/search?q=zebrafish29999')).json<SearchResponse>().hits;
    expect(hits.length).toBe(1);
  }, 60_000);

  it('answers key players after an ingest with the new generation (no stale ranking)', async () => {
    const r = await call(srv, 'GET', '/api/keyplayers?top=50');
    expect(r.status).toBe(200);
    const kp = r.json<KeyPlayersResponse>();
    // the uploaded chats add Ana Primer and Marko Test to the two accounts of the test case
    expect(kp.rows.length).toBeGreaterThan(2);
    const jobs = (await call(srv, 'GET', '/api/jobs')).json<JobsResponse>().jobs;
    expect(jobs.some((j) => j.kind === 'keyplayers' && j.state === 'done')).toBe(true);
  });
});

describe('key players as a job', () => {
  it('answers 202 with the job while it computes, then the ranking, recomputed after the case changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clew-kp-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    const store = await openCase(casePath, { readonly: true });
    try {
      const first = await keyPlayersViaJob(store, 0);
      expect(first).toBeInstanceOf(Reply);
      const { job } = (first as Reply).body as JobResponse;
      expect(job.kind).toBe('keyplayers');
      expect(['running', 'done']).toContain(job.state);
      // the same generation joins the running job instead of starting another
      const again = await keyPlayersViaJob(store, 0);
      if (again instanceof Reply) expect((again.body as JobResponse).job.id).toBe(job.id);
      await jobsOf(store).jobs.get(job.id)!.finished;
      expect(jobsOf(store).jobs.get(job.id)!.state).toBe('done');
      const ranking = await keyPlayersViaJob(store, 0);
      expect(ranking).not.toBeInstanceOf(Reply);
      expect((ranking as KeyPlayerRanking).rows.map((r) => r.position)).toEqual([1, 2]);
      expect(await keyPlayersViaJob(store, 0)).toBe(ranking); // cached
      caseState(store).invalidate();
      const stale = await keyPlayersViaJob(store, 0);
      expect(stale).toBeInstanceOf(Reply); // a new generation: computed again
      expect(((stale as Reply).body as JobResponse).job.id).not.toBe(job.id);
      await jobsOf(store).jobs.cancelAll();
    } finally {
      await store.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
