import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { buildTestCase } from '../server/test-support/case.js';
import { runCli } from './test-support/run.js';

const tmp = useTmp();

const run = runCli;

afterEach(() => vi.restoreAllMocks());

describe('clew watch', () => {
  it('adds a list (bad lines reported by number), runs it to a table and CSV, saves a search and lists its new hits after an ingest', async () => {
    const d = tmp();
    const { casePath } = await buildTestCase(d);
    const list = join(d, 'case12.txt');
    writeFileSync(list, '\ufeff# case 12\n0038164 123 4567\n+3\nAAA111\nأبو خالد\n');
    let r = await run(['watch', 'add', '--case', casePath, list]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('watchlist "case12": 3 selectors stored');
    expect(r.out).toContain('line 3: too broad');
    r = await run(['watch', 'save', '--case', casePath, '--name', 'shipment', 'kontejner OR brod']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 hits now');
    const csv = join(d, 'out.csv');
    r = await run(['watch', 'run', '--case', casePath, '--csv', csv]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 of 3 selectors match');
    expect(r.out).toContain('+381641234567');
    expect(r.out).toMatch(/124 messages/);
    expect(r.out).toContain('saved search "shipment"');
    expect(r.out).toContain('nothing new');
    expect(r.out).not.toMatch(/\u001b/);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeffline,selector,')).toBe(true);
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^2,0038164 123 4567,phone,'\+381641234567,/);

    const more = join(d, 'more.jsonl');
    writeFileSync(more, `${JSON.stringify({ type: 'message', from: 'skyecc:BBB222', to: ['skyecc:AAA111'], ts: '2021-03-05T10:00:00Z', body: 'brod stiže u Bar' })}\n`);
    r = await run(['ingest', '--case', casePath, more]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('saved search "shipment": 1 new hit');
    r = await run(['--json', 'watch', 'run', '--case', casePath, 'case12']);
    const j = JSON.parse(r.out) as { watchlists: { rows: unknown[] }[]; savedSearches: { name: string; newHits: number; newHitList: { snippet: { text: string } }[] }[] };
    expect(j.watchlists[0]!.rows).toHaveLength(3);
    expect(j.savedSearches[0]).toMatchObject({ name: 'shipment', newHits: 1 });
    expect(j.savedSearches[0]!.newHitList[0]!.snippet.text).toBe('brod stiže u Bar');

    r = await run(['watch', 'save', '--case', casePath, '--name', 'bad', 'kafa AND (']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('QUERY_SYNTAX');
    r = await run(['watch', 'run', '--case', casePath, 'nosuch']);
    expect(r.err).toContain('NOT_FOUND');
    r = await run(['watch', 'list', '--case', casePath]);
    expect(r.out).toContain('watchlist "case12": 3 selectors');
    expect((await run(['watch', 'remove', '--case', casePath, 'case12'])).code).toBe(0);
    expect((await run(['watch', 'unsave', '--case', casePath, 'shipment'])).code).toBe(0);
    expect((await run(['watch', 'list', '--case', casePath])).out).toContain('no watchlists\nno saved searches');
  });
});
