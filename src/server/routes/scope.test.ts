import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { addTag } from '../../api/annotations.js';
import { search } from '../../api/search.js';
import type { ScopedArrestsResult, ScopeInfo } from '../../api/graph-scope.js';
import type { RankResult } from '../../api/graph.js';
import { jsonl, msg } from '../../api/test-support/tmp.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { call } from '../test-support/http.js';

const get = (srv: RunningServer, path: string) => call(srv, 'GET', path);

// A star around the boss (saved as "Tata" by two phones) with a supplier behind S1; a separate pair T1–T2 whose T2 is also "Tata" (once).
const [BOSS, S1, S2, S3, SUP, T1, T2] = ['skyecc:B0551', 'skyecc:S1', 'skyecc:S2', 'skyecc:S3', 'skyecc:SUP', 'skyecc:T1', 'skyecc:T2'];
let srv: RunningServer;
let root: string;

describe('scoped analytics endpoints', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-scope-'));
    const src = join(root, 's.jsonl');
    let t = Date.UTC(2021, 2, 1);
    const at = () => new Date((t += 60_000)).toISOString();
    writeFileSync(
      src,
      jsonl([
        { type: 'contact', owner: S1, contact: BOSS, name: 'Tata' },
        { type: 'contact', owner: S2, contact: BOSS, name: 'Тата' },
        { type: 'contact', owner: T1, contact: T2, name: 'Tata' },
        ...[S1, S2, S3].flatMap((s) => [msg(BOSS, s, at(), 'x'), msg(s, BOSS, at(), 'y')]),
        msg(S1, SUP, at(), 'z'),
        msg(T1, T2, at(), 'w'),
      ]),
    );
    const casePath = join(root, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('ranks on an ego scope and states the scope and its size', async () => {
    const res = await get(srv, `/api/scoped/rank?scope=${encodeURIComponent(`ego:${BOSS}:1`)}`);
    expect(res.status).toBe(200);
    const r = res.json<{ scope: ScopeInfo; result: RankResult }>();
    expect(r.scope).toMatchObject({ kind: 'ego', nodes: 4, contactPairs: 3, of: { nodes: 7, contactPairs: 5 } });
    expect(r.result.rows[0]).toMatchObject({ key: BOSS, label: 'Tata' }); // labelled by the name most phones saved
  });

  it('simulates an arrest on the scope: figures before and after, who is cut off from the suppliers', async () => {
    const res = await get(srv, `/api/scoped/disrupt?scope=${encodeURIComponent(`ego:${BOSS}:2`)}&remove=${encodeURIComponent(BOSS)}&suppliers=${encodeURIComponent(SUP)}`);
    expect(res.status).toBe(200);
    const r = res.json<ScopedArrestsResult>();
    expect(r.scope).toMatchObject({ nodes: 5 });
    expect(r.before).toMatchObject({ nodes: 5, largestComponent: 5, components: 1 });
    expect(r.after).toMatchObject({ nodes: 4, largestComponent: 2, components: 3 });
    expect(r.cutOff[0]!.lost.map((n) => n.key).sort()).toEqual([S2, S3]);
  });

  it('refuses an ambiguous name with 409 and the choices, and a tag no item carries with 400', async () => {
    const amb = await get(srv, `/api/scoped/rank?scope=${encodeURIComponent('ego:Tata')}`);
    expect(amb.status).toBe(409);
    const e = amb.json<{ error: { code: string; choices: { ref: string }[] } }>().error;
    expect(e.code).toBe('AMBIGUOUS_REF');
    expect(e.choices.map((c) => c.ref)).toEqual([BOSS, T2]);
    const tag = await get(srv, `/api/scoped/rank?scope=${encodeURIComponent('tag:suppliers')}`);
    expect(tag.status).toBe(400);
    expect(tag.json<{ error: { message: string } }>().error.message).toMatch(/no account, person, message or call of this case is tagged "suppliers"/);
  });

  it('scopes to the tagged accounts and the accounts of the tagged messages (tag:NAME, any case)', async () => {
    await withCase(join(root, 'case.clew'), { threadedWriter: false }, async (s) => {
      await addTag(s, SUP, 'Port Insiders', 'test');
      const m = (await search(s, { query: 'w' })).hits[0]!;
      await addTag(s, `message:${m.id}`, 'port insiders', 'test');
    });
    const res = await get(srv, `/api/scoped/rank?scope=${encodeURIComponent('tag:PORT INSIDERS')}`);
    expect(res.status).toBe(200);
    const r = res.json<{ scope: ScopeInfo }>();
    expect(r.scope).toMatchObject({ kind: 'tag', nodes: 3 });
    expect(r.scope.description).toContain('the accounts of 1 message');
  });
});
