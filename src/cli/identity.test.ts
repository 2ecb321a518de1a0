import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCase } from '../api/case.js';
import { ingestFile } from '../api/ingest.js';
import { useTmp } from '../api/test-support/tmp.js';
import { main } from './main.js';

const tmp = useTmp();
afterEach(() => vi.restoreAllMocks());

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  const code = await main(['node', 'clew', ...argv]);
  vi.restoreAllMocks();
  return { code, out: out.join('') };
}

async function smallCase(): Promise<string> {
  const lines = [
    JSON.stringify({ type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: 'Kum\u001b[31m' }),
    JSON.stringify({ type: 'account', ref: 'skyecc:BBB222', kind: 'pin' }),
    JSON.stringify({ type: 'message', from: 'skyecc:AAA111', to: ['skyecc:BBB222'], ts: '2021-03-01T10:00:00Z', body: 'zdravo' }),
  ];
  const src = join(tmp(), 'a.jsonl');
  writeFileSync(src, lines.join('\n') + '\n');
  const casePath = join(tmp(), 'case.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src));
  return casePath;
}

describe('clew identity', () => {
  it('suggest, merge, list, split and reject with --json; --by defaults to the OS user', async () => {
    const c = await smallCase();
    const s = await run(['identity', 'suggest', '--case', c, '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ suggestions: [], handles: 2 });
    const m = await run(['identity', 'merge', 'skyecc:AAA111', 'BBB222', '--case', c, '--person', 'Kum', '--why', 'test', '--json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.out)).toMatchObject({ action: 'merge', person: { name: 'Kum', accounts: [{ ref: 'skyecc:AAA111' }, { ref: 'skyecc:BBB222' }] } });
    const l = await run(['identity', 'list', '--case', c]);
    expect(l.out).toContain('person 1 "Kum"');
    expect(l.out).not.toContain('\u001b');
    const lj = JSON.parse((await run(['identity', 'list', '--case', c, '--json'])).out);
    expect(lj.decisions[0]).toMatchObject({ action: 'merge', why: 'test' });
    expect(lj.decisions[0].by.length).toBeGreaterThan(0);
    expect((await run(['identity', 'split', 'skyecc:BBB222', '--case', c, '--by', 'me'])).out).toContain('person dissolved');
    expect((await run(['identity', 'reject', 'skyecc:AAA111', 'skyecc:BBB222', '--case', c, '--by', 'me'])).out).toContain('never suggested again');
    expect((await run(['identity', 'merge', 'skyecc:AAA111', 'nobody', '--case', c, '--json'])).code).not.toBe(0);
    expect((await run(['identity', 'suggest', '--case', c, '--threshold', '2'])).code).toBe(2);
  });
});
