import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIdentityCase, KUM_CONTACTS, NEW, OLD } from '../api/test-support/identity-case.js';
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
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['node', 'clew', ...argv]);
  vi.restoreAllMocks();
  return { code, out: out.join('') };
}

describe('clew graph --level person', () => {
  it('ranks persons once accounts are merged; refuses a bad level and --level without --case', async () => {
    const c = await buildIdentityCase(join(tmp(), 'c'));
    expect((await run(['identity', 'merge', OLD, NEW, '--case', c, '--person', 'Kum', '--by', 'tester'])).code).toBe(0);
    const acc = JSON.parse((await run(['--json', 'graph', 'rank', '--case', c, '--by', 'degree', '--top', '50'])).out) as { nodes: number; rows: { key: string; label: string; score: number }[] };
    const per = JSON.parse((await run(['--json', 'graph', 'rank', '--case', c, '--by', 'degree', '--top', '50', '--level', 'person'])).out) as typeof acc;
    expect(per.nodes).toBe(acc.nodes - 1);
    const person = per.rows.find((r) => r.key.startsWith('person:'))!;
    expect(person.label).toBe('Kum');
    expect(person.score).toBe(KUM_CONTACTS.length);
    expect(per.rows.map((r) => r.key)).not.toContain(OLD);
    // a member's reference names the person's node
    const ego = JSON.parse((await run(['--json', 'graph', 'ego', NEW, '--case', c, '--level', 'person', '--hops', '1'])).out) as { center: { key: string } };
    expect(ego.center.key).toBe(person.key);
    expect((await run(['graph', 'rank', '--case', c, '--level', 'people'])).code).toBe(2);
    expect((await run(['graph', 'rank', '--edges', join(tmp(), 'x.csv'), '--level', 'person'])).code).toBe(2);
  });
});

describe('clew dossier person:', () => {
  it("covers all the person's accounts and lists each handle with its dates", async () => {
    const c = await buildIdentityCase(join(tmp(), 'c'));
    expect((await run(['identity', 'merge', OLD, NEW, '--case', c, '--person', 'Kum', '--by', 'tester'])).code).toBe(0);
    const text = (await run(['dossier', 'person:Kum', '--case', c])).out;
    expect(text).toMatch(/^Dossier: person Kum <person:\d+>/);
    expect(text).toMatch(new RegExp(`handle .*${OLD}.*2021-01-01 14:00`));
    expect(text).toContain('2021-01-24 14:00');
    const j = JSON.parse((await run(['--json', 'dossier', 'person:Kum', '--case', c])).out) as { subject: { kind: string }; handles: unknown[] };
    expect(j.subject.kind).toBe('person');
    expect(j.handles).toHaveLength(2);
    expect((await run(['dossier', 'person:Nobody', '--case', c])).code).not.toBe(0);
  });
});
