import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCase } from '../api/case.js';
import { ingestFile } from '../api/ingest.js';
import { search } from '../api/search.js';
import { jsonl, msg, useTmp } from '../api/test-support/tmp.js';
import { runCli } from './test-support/run.js';

const tmp = useTmp();

const run = runCli;

afterEach(() => vi.restoreAllMocks());

/** A small case; returns its path and its messages' ids, oldest first. */
async function smallCase(dir: string): Promise<{ casePath: string; ids: number[] }> {
  const src = join(dir, 'src.jsonl');
  writeFileSync(
    src,
    jsonl([
      { type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: 'Kum' },
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:00:00Z', 'kafa stiže u Antwerpen'),
      msg('skyecc:BBB222', 'skyecc:AAA111', '2021-03-01T11:00:00Z', 'primljeno'),
      msg('skyecc:AAA111', 'skyecc:CCC333', '2021-03-02T09:00:00Z', 'novi broj'),
      { type: 'call', from: 'skyecc:AAA111', to: 'skyecc:CCC333', ts: '2021-03-02T10:00:00Z', duration: 12 },
    ]),
  );
  const casePath = join(dir, 'c.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src, { analyse: false }));
  const hits = await withCase(casePath, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 10 }));
  return { casePath, ids: hits.hits.map((h) => h.id).sort((a, b) => a - b) };
}

describe('clew export', () => {
  it('writes the bundle to stdout (the summary to stderr), the same bytes for the same --at', async () => {
    const { casePath } = await smallCase(tmp());
    const a = await run(['export', '--case', casePath, '--format', 'case-uco', '--at', '2026-12-01T00:00:00Z']);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.out) as { '@graph': Record<string, unknown>[] };
    expect(doc['@graph'].filter((n) => n['@type'] === 'uco-observable:Message')).toHaveLength(3);
    expect(doc['@graph'].filter((n) => n['@type'] === 'uco-observable:Call')).toHaveLength(1);
    expect(a.err).toMatch(/^exported 7 records \(\d+ graph nodes\) from 1 source file as case-uco\n$/);
    const b = await run(['export', '--case', casePath, '--format', 'case-uco', '--at', '1796083200']);
    expect(b.out).toBe(a.out);
    // SOURCE_DATE_EPOCH stands in for --at
    vi.stubEnv('SOURCE_DATE_EPOCH', '1796083200');
    try {
      expect((await run(['export', '--case', casePath, '--format', 'case-uco'])).out).toBe(a.out);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('--items FILE exports those messages to --out; bad lines are named by number and nothing is written', async () => {
    const dir = tmp();
    const { casePath, ids } = await smallCase(dir);
    const items = join(dir, 'items.txt');
    writeFileSync(items, `# chosen\n${ids[0]}\n\n${ids[2]}\n`);
    const out = join(dir, 'out.jsonld');
    const r = await run(['export', '--case', casePath, '--format', 'case-uco', '--items', items, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ exported: { messages: 2, sources: 1 } });
    const g = (JSON.parse(readFileSync(out, 'utf8')) as { '@graph': Record<string, unknown>[] })['@graph'];
    expect(g.filter((n) => n['@type'] === 'uco-observable:Message')).toHaveLength(2);
    expect(g.filter((n) => n['@type'] === 'uco-observable:Call')).toHaveLength(0);

    writeFileSync(items, `${ids[0]}\nabc\n${ids[1]}\n-4\n1.5\n`);
    const bad = await run(['export', '--case', casePath, '--format', 'case-uco', '--items', items, '--out', join(dir, 'bad.jsonld')]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('3 lines are not a message id');
    expect(bad.err).toContain('line 2: "abc"');
    expect(bad.err).toContain('line 4: "-4"');
    expect(bad.err).toContain('line 5: "1.5"');
    expect(existsSync(join(dir, 'bad.jsonld'))).toBe(false);

    writeFileSync(items, `${ids[0]}\n987654321\n`);
    const missing = await run(['export', '--case', casePath, '--format', 'case-uco', '--items', items, '--out', join(dir, 'missing.jsonld')]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('the case holds no message 987654321');
    // no file, not even a partial one
    expect(readdirSync(dir).filter((f) => f.startsWith('missing'))).toEqual([]);

    const none = await run(['export', '--case', casePath, '--format', 'case-uco', '--items', join(dir, 'nope.txt')]);
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('nope.txt');
  });

  it('exports the messages of a tag (--tag), refuses a tag no message has and unknown formats, with a clear error', async () => {
    const { casePath, ids } = await smallCase(tmp());
    const t = await run(['export', '--case', casePath, '--format', 'case-uco', '--tag', 'hot']);
    expect(t.code).not.toBe(0);
    expect(t.err).toContain('no message of this case is tagged "hot"');
    expect(t.out).toBe('');
    expect((await run(['tag', 'add', '--case', casePath, `message:${ids[1]}`, 'Hot'])).code).toBe(0);
    const h = await run(['export', '--case', casePath, '--format', 'case-uco', '--tag', 'HOT', '--at', '2026-12-01T00:00:00Z']);
    expect(h.code, h.err).toBe(0);
    expect(h.out).toContain('primljeno');
    expect(h.out).not.toContain('novi broj');
    const f = await run(['export', '--case', casePath, '--format', 'stix', '--json']);
    expect(f.code).not.toBe(0);
    expect(JSON.parse(f.out)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(f.out).toContain('unknown export format');
  });
});
