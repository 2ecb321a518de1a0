/** The built `clew graph` commands end to end: JSON shapes, exit codes, file input. (npm test builds first.) */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, msg, useTmp } from '../src/api/test-support/tmp.js';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const tmp = useTmp();
const clew = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

/** Two triangles joined through one broker; one hostile display name. */
function twoCells(d: string): string {
  const recs: unknown[] = [
    { type: 'account', ref: 'skyecc:X', display_name: 'Broker' },
    { type: 'account', ref: 'skyecc:A1', display_name: 'Evil\u001b[31mName' },
  ];
  let t = Date.UTC(2021, 0, 1);
  const at = () => new Date((t += 60_000)).toISOString();
  for (const g of [['A1', 'A2', 'A3'], ['B1', 'B2', 'B3']]) {
    for (const u of g) for (const v of g) if (u !== v) recs.push(msg(`skyecc:${u}`, `skyecc:${v}`, at(), 'x'));
  }
  for (const v of ['A1', 'B1']) recs.push(msg('skyecc:X', `skyecc:${v}`, at(), 'y'), msg(`skyecc:${v}`, 'skyecc:X', at(), 'z'));
  const f = join(d, 'r.jsonl');
  writeFileSync(f, jsonl(recs));
  const c = join(d, 'c.clew');
  const r = clew('--json', 'ingest', '--no-analyse', '--case', c, f);
  expect(r.status, r.stderr).toBe(0);
  return c;
}

describe('clew graph', () => {
  it('is built', () => expect(existsSync(BIN), 'run `npm run build` first (npm test does)').toBe(true));

  it('ranks, finds key players, disrupts and exports a case, as JSON and as safe text', () => {
    const d = tmp();
    const c = twoCells(d);

    const rank = clew('--json', 'graph', 'rank', '--case', c, '--by', 'betweenness', '--top', '2');
    expect(rank.status, rank.stderr).toBe(0);
    const r = JSON.parse(rank.stdout);
    expect(r).toMatchObject({ by: 'betweenness', nodes: 7, betweenness: { sampled: false } });
    expect(r.rows[0]).toMatchObject({ position: 1, key: 'skyecc:X', label: 'Broker', score: 9 });
    expect(r.rows[0].contacts).toHaveLength(2);

    const human = clew('graph', 'rank', '--case', c, '--top', '7');
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('Broker <skyecc:X>');
    expect(human.stdout).not.toContain('\u001b');
    expect(human.stdout).toContain('Evil\\x1b[31mName');

    const kp = JSON.parse(clew('--json', 'graph', 'keyplayers', '--case', c, '--k', '1').stdout);
    expect(kp.set).toEqual([{ key: 'skyecc:X', label: 'Broker' }]);
    expect(kp.after.components).toBe(2);

    const cut = JSON.parse(clew('--json', 'graph', 'disrupt', '--case', c, '--remove', 'Broker').stdout);
    expect(cut.steps.map((s: { components: number }) => s.components)).toEqual([1, 2]);

    const cm = JSON.parse(clew('--json', 'graph', 'communities', '--case', c, '--algorithm', 'louvain', '--brokers', '1').stdout);
    expect(cm.count).toBe(2);
    expect(cm.brokers).toHaveLength(1);

    const p = JSON.parse(clew('--json', 'graph', 'path', '--case', c, 'skyecc:A3', 'skyecc:B3').stdout);
    expect(p.nodes.map((n: { key: string }) => n.key)).toEqual(['skyecc:A3', 'skyecc:A1', 'skyecc:X', 'skyecc:B1', 'skyecc:B3']);

    const out = join(d, 'net.graphml');
    const ex = clew('--json', 'graph', 'export', '--case', c, '--format', 'graphml', '--out', out);
    expect(ex.status, ex.stderr).toBe(0);
    expect(JSON.parse(ex.stdout)).toMatchObject({ format: 'graphml', nodes: 7, files: [out] });
    expect(readFileSync(out, 'utf8').match(/<node /g)).toHaveLength(7);
    expect(readFileSync(out, 'utf8')).toMatch(/<data key="description">Contact network of case c\.clew, exported by clew [^<]*Scope: the whole network \(7 nodes\)/);

    // a scoped export states its scope and filters inside the file (the workspace's export is the same code)
    const scoped = join(d, 'scoped.gexf');
    const sx = clew('--json', 'graph', 'export', '--case', c, '--format', 'gexf', '--after', '2021-01-01', '--scope', 'ego:skyecc:X:1', '--out', scoped);
    expect(sx.status, sx.stderr).toBe(0);
    const gexf = readFileSync(scoped, 'utf8');
    expect(gexf.match(/<node /g)).toHaveLength(3);
    expect(gexf).toMatch(/<description>[^<]*from 2021-01-01;[^<]*Scope: ego:skyecc:X:1 \([^<]*\): 3 of 7 nodes/);

    // only sms: nothing matches, the broker is not in that network
    const none = clew('--json', 'graph', 'path', '--case', c, '--channel', 'sms', 'Broker', 'skyecc:B3');
    expect(none.status).toBe(5);
    expect(JSON.parse(none.stdout).error.code).toBe('NOT_FOUND');
  });

  it('exits 2 with INVALID_ARGUMENT for bad options', () => {
    const d = tmp();
    const c = twoCells(d);
    const cases: string[][] = [
      ['graph', 'rank', '--case', c, '--by', 'closeness'],
      ['graph', 'rank'],
      ['graph', 'rank', '--case', c, '--edges', join(d, 'e.csv')],
      ['graph', 'rank', '--case', c, '--after', 'last week'],
      ['graph', 'disrupt', '--case', c, '--strategy', 'random'],
      ['graph', 'path', '--case', c, 'skyecc:A1', 'skyecc:B1', '--min-weight', 'x'],
    ];
    for (const args of cases) {
      const r = clew('--json', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout).error.code, args.join(' ')).toBe('INVALID_ARGUMENT');
    }
  });

  it('reads an edge-list file', () => {
    const d = tmp();
    const f = join(d, 'e.csv');
    writeFileSync(f, 'source,target,weight\nann,bob,3\nbob,cy,1\ncy,dan,2\ndan,ann,1\neve,cy,4\n');
    const r = clew('--json', 'graph', 'rank', '--edges', f, '--by', 'degree', '--top', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rows[0]).toMatchObject({ key: 'cy', score: 3 });
    const p = JSON.parse(clew('--json', 'graph', 'path', '--edges', f, 'eve', 'ann').stdout);
    expect(p.length).toBe(3);
    expect(p.hops[0]).toMatchObject({ from: { key: 'eve' }, to: { key: 'cy' }, messages: 4 });
    const filterOnFile = clew('--json', 'graph', 'rank', '--edges', f, '--after', '2021-01-01');
    expect(filterOnFile.status).toBe(2);
    expect(clew('graph', 'rank', '--edges', join(d, 'missing.csv')).status).toBe(4);
  });
});
