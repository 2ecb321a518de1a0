import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase, withCase } from '../api/case.js';
import { ingestFile } from '../api/ingest.js';
import { jsonl, msg, useTmp } from '../api/test-support/tmp.js';
import { dossier } from '../api/dossier.js';
import { refIndex } from '../api/resolve.js';
import { caseState, endRequestWith, REF_INDEX_FAMILY } from './case-state.js';
import { Reply } from './jobs.js';
import type { RunningServer } from './server.js';
import { call } from './test-support/http.js';
import { startTestServer } from './test-support/server.js';
import type { GenerationResponse, NetworkResponse, RoutesResponse } from './wire.js';

const tmp = useTmp();
const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');

async function get<T>(srv: RunningServer, path: string): Promise<{ status: number; body: T }> {
  const r = await call(srv, 'GET', path);
  return { status: r.status, body: r.json<T>() };
}

async function smallCase(dir: string): Promise<string> {
  const src = join(dir, 'first.jsonl');
  writeFileSync(src, jsonl([msg('skyecc:A', 'skyecc:B', '2021-03-01T10:00:00Z', 'dobro jutro'), msg('skyecc:B', 'skyecc:A', '2021-03-01T10:01:00Z', 'zdravo')]));
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
  return casePath;
}

describe('CaseState', () => {
  it('keeps answers per family and parameters, the most recently used within each cap, until the case changes', async () => {
    const store = await openCase(await smallCase(tmp()), { readonly: true });
    try {
      const s = caseState(store);
      let calls = 0;
      const compute = () => ({ n: ++calls });
      const a = s.cached('f', { x: 1 }, compute);
      expect(s.cached('f', { x: 1 }, compute)).toBe(a);
      expect(s.cached('f', { x: 2 }, compute)).not.toBe(a);
      expect(s.cached('g', { x: 1 }, compute)).not.toBe(a); // another family
      // a cap of 2: using {x:1} again keeps it, {x:3} pushes {x:2} out
      s.cached('f', { x: 1 }, compute, 2);
      s.cached('f', { x: 3 }, compute, 2);
      expect(s.peek('f', { x: 1 })).toBe(a);
      expect(s.peek('f', { x: 2 })).toBeUndefined();
      expect(s.generation).toBe(0);
      const heard: number[] = [];
      s.onChange((g) => heard.push(g));
      expect(s.invalidate()).toBe(1);
      expect(heard).toEqual([1]);
      expect(s.peek('f', { x: 1 })).toBeUndefined();
      const b = s.cached('f', { x: 1 }, compute);
      expect(b).not.toBe(a);
      // a value computed for an older generation is not kept
      s.put('f', { x: 9 }, 0, 'old');
      expect(s.peek('f', { x: 9 })).toBeUndefined();
      // a failed computation is not kept
      await expect(s.cached('p', 1, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      await new Promise((ok) => setImmediate(ok));
      expect(s.peek('p', 1)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('sees a change another connection commits (the change counter in the case) and drops what it kept', async () => {
    const casePath = await smallCase(tmp());
    const store = await openCase(casePath, { readonly: true });
    try {
      const s = caseState(store);
      expect(await s.sync()).toBe(0);
      s.cached('f', 1, () => 'kept');
      expect(await s.sync()).toBe(0); // nothing changed: kept
      expect(s.peek('f', 1)).toBe('kept');
      await withCase(casePath, {}, (w) => w.addLexiconEntry({ term: 'zdravo', means: 'hello' }));
      expect(await s.sync()).toBe(1);
      expect(s.peek('f', 1)).toBeUndefined();
      expect(await s.sync()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps the name resolver’s index per case and generation, read again after a change', async () => {
    const casePath = await smallCase(tmp());
    const store = await openCase(casePath, { readonly: true });
    try {
      expect(await refIndex(store)).not.toBe(await refIndex(store)); // not served: read each time
      const s = caseState(store);
      await s.sync();
      const first = await refIndex(store);
      expect(await refIndex(store)).toBe(first);
      expect(s.peek(REF_INDEX_FAMILY, null)).toBeDefined();
      await withCase(casePath, {}, (w) => w.addLexiconEntry({ term: 'zdravo', means: 'hello' }));
      await s.sync();
      expect(await refIndex(store)).not.toBe(first);
    } finally {
      await store.close();
    }
  });

  it('computes a heavy answer as one shared job, kept for its generation', async () => {
    const store = await openCase(await smallCase(tmp()), { readonly: true });
    try {
      const s = caseState(store);
      const spec = { kind: 'identity' as const, label: 'suggest', task: (caseLocator: string) => ({ kind: 'identity' as const, caseLocator, threshold: 0.5 }), failure: 'failed' };
      const first = await s.viaJob('suggest', 0.5, spec, 0);
      expect(first).toBeInstanceOf(Reply);
      const id = ((first as Reply).body as { job: { id: string } }).job.id;
      const again = await s.viaJob('suggest', 0.5, spec, 0);
      if (again instanceof Reply) expect((again.body as { job: { id: string } }).job.id).toBe(id); // joined, not a second job
      await s.jobs.get(id)!.finished;
      const done = await s.viaJob('suggest', 0.5, spec, 0);
      expect(done).not.toBeInstanceOf(Reply);
      expect(await s.viaJob('suggest', 0.5, spec, 0)).toBe(done);
      s.invalidate();
      const fresh = await s.viaJob('suggest', 0.5, spec, 0);
      expect(fresh).toBeInstanceOf(Reply);
      expect(((fresh as Reply).body as { job: { id: string } }).job.id).not.toBe(id);
      await s.jobs.cancelAll();
    } finally {
      await store.close();
    }
  });

  it('keeps a dossier per accounts and options until the case changes', async () => {
    const casePath = await smallCase(tmp());
    const store = await openCase(casePath, { readonly: true });
    try {
      expect((await dossier(store, { account: 'skyecc:A' })).activity).not.toBe((await dossier(store, { account: 'skyecc:A' })).activity); // not served: read each time
      const s = caseState(store);
      await s.sync();
      const first = await dossier(store, { account: 'skyecc:A' });
      expect(first.activity.sent).toBe(1);
      expect((await dossier(store, { account: 'skyecc:A' })).activity).toBe(first.activity);
      expect((await dossier(store, { account: 'skyecc:B' })).activity).not.toBe(first.activity);
      expect((await dossier(store, { account: 'skyecc:A' }, { contacts: 1 })).activity).not.toBe(first.activity);
      await withCase(casePath, {}, (w) => w.addLexiconEntry({ term: 'zdravo', means: 'hello' }));
      await s.sync();
      expect((await dossier(store, { account: 'skyecc:A' })).activity).not.toBe(first.activity);
    } finally {
      await store.close();
    }
  });

  it('ends the read transaction of a request before it waits for a job, and only then', async () => {
    const store = await openCase(await smallCase(tmp()), { readonly: true });
    try {
      const s = caseState(store);
      const spec = { kind: 'identity' as const, label: 'suggest', task: (caseLocator: string) => ({ kind: 'identity' as const, caseLocator, threshold: 0.5 }), failure: 'failed' };
      // what each end saw: whether the job was still running when the request gave its connection back
      const running: boolean[] = [];
      endRequestWith(store, async () => {
        running.push(s.jobs.list().some((j) => j.endedAt === null));
      });
      const first = await s.viaJob('suggest', 0.5, spec, 60_000, store);
      expect(first).not.toBeInstanceOf(Reply);
      expect(running).toEqual([true]);
      // kept now: answered without a wait, the transaction left to the server's own end
      expect(await s.viaJob('suggest', 0.5, spec, 60_000, store)).toBe(first);
      expect(running).toEqual([true]);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!existsSync(BIN))('a served case changed by the CLI in another process (issue 17 part 5)', () => {
  it('answers the next request with the new people and new routes, and moves the generation', async () => {
    const root = tmp();
    const casePath = await smallCase(root);
    const srv = await startTestServer(root, casePath);
    try {
      const net0 = await get<NetworkResponse>(srv, '/api/network');
      expect(net0.body.nodes).toBe(2);
      const routes0 = await get<RoutesResponse>(srv, '/api/routes?minEvidence=1');
      expect(routes0.status).toBe(200);
      expect(routes0.body.routes).toHaveLength(0);
      const g0 = (await get<GenerationResponse>(srv, '/api/generation')).body.generation;

      // the CLI, another process, ingests shipments between two new people into the same case file
      const more = join(root, 'more.jsonl');
      writeFileSync(
        more,
        jsonl([
          msg('skyecc:C', 'skyecc:D', '2021-03-02T10:00:00Z', 'kontejner MSCU1234566 ide iz Guayaquila preko Lomea do Antwerpena'),
          msg('skyecc:D', 'skyecc:C', '2021-03-02T11:00:00Z', 'the container goes from Guayaquil via Lomé to Antwerp'),
          msg('skyecc:C', 'skyecc:A', '2021-03-03T10:00:00Z', 'brod iz Guayaquila do Antwerpena, 200 kg'),
        ]),
      );
      await promisify(execFile)(process.execPath, [BIN, 'ingest', '--case', casePath, more], { encoding: 'utf8' });

      const net1 = await get<NetworkResponse>(srv, '/api/network');
      expect(net1.body.nodes).toBe(4); // not the 2 kept from before
      expect([...net1.body.graph.keys].sort()).toEqual(['skyecc:A', 'skyecc:B', 'skyecc:C', 'skyecc:D']);
      const routes1 = await get<RoutesResponse>(srv, '/api/routes?minEvidence=1');
      expect(routes1.body.routes.length).toBeGreaterThan(0); // the route cache did not keep the empty answer
      expect((await get<GenerationResponse>(srv, '/api/generation')).body.generation).toBeGreaterThan(g0);
    } finally {
      await srv.close();
    }
  }, 60_000);
});
