import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { buildTestCase } from '../server/test-support/case.js';
import { runCli } from './test-support/run.js';

const tmp = useTmp();

const run = runCli;

afterEach(() => vi.restoreAllMocks());

describe('clew dossier', () => {
  it('renders the dossier as text, hostile names escaped of control characters', async () => {
    const { casePath } = await buildTestCase(tmp());
    const r = await run(['dossier', 'skyecc:AAA111', '--case', casePath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Dossier: ');
    expect(r.out).toContain('122 messages sent, 2 received');
    expect(r.out).toContain('Contacts (1 of 1');
    expect(r.out).toContain('+381641234567');
    expect(r.out).toContain('Messages: clew search --case C from:skyecc:AAA111');
    expect(r.out).not.toMatch(/\u001b/);
  });

  it('lists an IMEI spelled several ways in two sources once, with its sources and spellings', async () => {
    const dir = tmp();
    const casePath = join(dir, 'case.clew');
    const line = (imei: string) => JSON.stringify({ type: 'device', account: 'skyecc:P1', identifiers: { imei } }) + '\n';
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify({ type: 'account', ref: 'skyecc:P1', display_name: 'Pero' }) + '\n' + line('356938035643809') + line('IMEI: 35-693803-564380-9'));
    writeFileSync(join(dir, 'b.jsonl'), line('35693803564380'));
    for (const f of ['a.jsonl', 'b.jsonl']) expect((await run(['ingest', '--case', casePath, join(dir, f)])).code).toBe(0);
    const r = await run(['dossier', 'skyecc:P1', '--case', casePath]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.includes('imei'))).toEqual(['  imei 356938035643809  (seen in 2 sources; written 35693803564380, IMEI: 35-693803-564380-9)']);
  });

  it('prints the same API as JSON, and exits non-zero for an unknown account', async () => {
    const { casePath } = await buildTestCase(tmp());
    const r = await run(['dossier', 'skyecc:BBB222', '--case', casePath, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { subject: { ref: string }; activity: { sent: number } };
    expect(d.subject.ref).toBe('skyecc:BBB222');
    expect(d.activity.sent).toBe(2);
    const missing = await run(['dossier', 'skyecc:NOPE', '--case', casePath, '--json']);
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.out)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const list = await run(['dossier', '--case', casePath]);
    expect(list.out).toContain('skyecc:AAA111');
  });
});
