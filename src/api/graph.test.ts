import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkXml, type El } from '../graph/export/test-support/xml-check.js';
import { ClewError } from '../model/errors.js';
import { openCase } from './case.js';
import {
  communities,
  disrupt,
  ego,
  exportNetwork,
  graphContext,
  keyPlayers,
  parseChannels,
  parseTimeBound,
  path,
  rank,
  resolveNode,
  withGraph,
  writeExport,
  type GraphContext,
} from './graph.js';
import { ingestFile } from './ingest.js';
import { loadCaseNetwork } from './network.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();

const HOSTILE = 'Tony "<Knife>" & \'Co\'\u0007\u001b[2J';
const A = ['a1', 'a2', 'a3', 'a4', 'a5'].map((x) => `skyecc:${x}`);
const B = ['b1', 'b2', 'b3', 'b4', 'b5'].map((x) => `skyecc:${x}`);
const X = 'skyecc:broker';

/**
 * Two cliques of five (A, B; everyone writes to everyone, twice) and a broker X in contact with
 * a1, a2, b1 and b2 only. Plus a call a1 → a2 and SMS between a3 and a4 in 2022.
 */
function records(): unknown[] {
  const out: unknown[] = [
    { type: 'account', ref: X, display_name: 'Broker' },
    { type: 'account', ref: A[0], display_name: HOSTILE },
    { type: 'account', ref: A[1], display_name: 'Twin' },
    { type: 'account', ref: B[1], display_name: 'twin' },
  ];
  let t = Date.UTC(2021, 0, 1);
  const at = () => new Date((t += 60_000)).toISOString();
  for (const group of [A, B]) {
    for (const u of group) for (const v of group) if (u !== v) out.push(msg(u, v, at(), 'hi'), msg(u, v, at(), 'again'));
  }
  for (const v of [A[0]!, A[1]!, B[0]!, B[1]!]) out.push(msg(X, v, at(), 'deal'), msg(v, X, at(), 'ok'));
  out.push({ type: 'call', from: A[0], to: A[1], ts: at(), duration: 30 });
  out.push(msg(A[2]!, A[3]!, '2022-06-01T10:00:00Z', 'sms', { channel: 'sms' }));
  return out;
}

async function caseFile(): Promise<string> {
  const d = tmp();
  const f = join(d, 'a.jsonl');
  writeFileSync(f, jsonl(records()));
  const c = join(d, 'c.clew');
  const store = await openCase(c, { create: true });
  await ingestFile(store, f, { analyse: false });
  await store.close();
  return c;
}

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ClewError) return e.code;
    throw e;
  }
  return 'no error';
};

/** code() of an async call. */
const acode = async (fn: () => Promise<unknown>): Promise<string> => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ClewError) return e.code;
    throw e;
  }
  return 'no error';
};

function all(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

describe('clew graph API on a case', () => {
  it('finds the broker: betweenness, communities, KPP-Neg, disruption, paths, ego', async () => {
    const c = await caseFile();
    await withGraph({ case: c }, {}, async (ctx) => {
      expect(ctx.net.edges.n).toBe(11);

      const bc = rank(ctx, { by: 'betweenness', top: 3 });
      expect(bc.rows[0]!.key).toBe(X);
      expect(bc.rows[0]!.label).toBe('Broker');
      // exactly the 25 A–B pairs pass through the broker
      expect(bc.rows[0]!.score).toBe(25);
      expect(bc.betweenness).toMatchObject({ sampled: false });
      expect(bc.rows[0]!.contacts.map((x) => x.messages)).toEqual([2, 2, 2]);

      const comp = rank(ctx, { by: 'composite', top: 11 });
      const broker = comp.rows.find((r) => r.key === X)!;
      expect(Object.keys(broker.measures!).sort()).toEqual(['betweenness', 'degree', 'eigenvector', 'pagerank']);
      const sum = Object.values(broker.measures!).reduce((s, m) => s + m.contribution, 0);
      expect(sum).toBeCloseTo(broker.score, 12);
      expect(broker.measures!.betweenness!.rank).toBe(1);
      expect(comp.rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

      for (const by of ['pagerank', 'degree', 'eigenvector', 'harmonic'] as const) {
        const r = rank(ctx, { by, top: 2 });
        expect(r.rows).toHaveLength(2);
        expect(r.rows[0]!.score).toBeGreaterThanOrEqual(r.rows[1]!.score);
      }

      for (const algorithm of ['leiden', 'louvain'] as const) {
        const cm = communities(ctx, { algorithm, brokers: 3 });
        expect(cm.count).toBe(2);
        expect(cm.modularity).toBeGreaterThan(0.3);
        expect(cm.communities.map((x) => x.size).sort()).toEqual([5, 6]);
        expect(cm.brokers![0]!.key).toBe(X);
        expect(cm.brokers![0]!.between).toBeGreaterThan(0);
      }

      const kp = keyPlayers(ctx, { k: 1 });
      expect(kp.set.map((x) => x.key)).toEqual([X]);
      expect(kp.before).toMatchObject({ fragmentation: 0, components: 1, lccShare: 1 });
      expect(kp.after.components).toBe(2);
      expect(kp.after.fragmentation).toBeCloseTo(1 - 40 / 90, 12);

      const cut = await disrupt(ctx, { remove: ['Broker'] });
      expect(cut.steps).toHaveLength(2);
      expect(cut.steps[1]).toMatchObject({ removedTotal: 1, components: 2, lccSize: 5 });
      expect(cut.steps[1]!.lccShare).toBeCloseTo(5 / 11, 12);
      expect(cut.steps[1]!.removed[0]!.key).toBe(X);
      expect(cut.steps[1]!.efficiencyRelative!).toBeLessThan(1);

      const byBc = await disrupt(ctx, { strategy: 'betweenness', block: 1, steps: 2 });
      expect(byBc.steps[1]!.removed[0]!.key).toBe(X);
      expect(byBc.steps).toHaveLength(3);
      const ticks: [number, number][] = [];
      const withProgress = await disrupt(ctx, { strategy: 'betweenness', block: 1, steps: 2, onProgress: (d, t) => ticks.push([d, t]) });
      expect(ticks).toEqual([[0, 2], [1, 2], [2, 2]]);
      expect(withProgress).toEqual(byBc); // the callback changes nothing
      const cav = await disrupt(ctx, { strategy: 'cavallaro', steps: 1 });
      expect(cav.block).toBe(5);
      expect(cav.steps[1]!.removed).toHaveLength(5);
      expect(cav.steps[1]!.removed.map((r) => r.key)).toContain(X);
      for (const strategy of ['degree', 'pagerank'] as const) {
        expect((await disrupt(ctx, { strategy, block: 2, steps: 2, recompute: false })).steps[2]!.removedTotal).toBe(4);
      }

      const p = await path(ctx, 'skyecc:a5', 'skyecc:b5');
      expect(p.length).toBe(4);
      expect(p.nodes.map((x) => x.key)).toContain(X);
      expect(p.hops).toHaveLength(4);
      for (const h of p.hops) expect(h.messages).toBe(h.sent + h.received);
      expect(p.hops.find((h) => h.to.key === X)!.messages).toBe(2);

      const e = await ego(ctx, 'Broker', { hops: 1 });
      expect(e.nodes.map((x) => x.key).sort()).toEqual([A[0], A[1], B[0], B[1], X].sort());
      expect(e.nodes[0]).toMatchObject({ key: X, hops: 0 });
      // a1 ↔ a2 both ways and b1 ↔ b2 both ways, plus the broker's 8 arcs
      expect(e.edges).toHaveLength(12);
      const capped = await ego(ctx, 'Broker', { hops: 2, maxNodes: 3 });
      expect(capped.truncated).toBe(true);
      expect(capped.nodes).toHaveLength(3);
    });
  });

  it('resolves names to nodes with stable error codes', async () => {
    const c = await caseFile();
    await withGraph({ case: c }, {}, async (ctx) => {
      expect(ctx.net.keys[await resolveNode(ctx, 'Broker')]).toBe(X);
      expect(ctx.net.keys[await resolveNode(ctx, 'broker')]).toBe(X); // handle or name, ignoring case
      expect(await acode(() => resolveNode(ctx, 'nobody'))).toBe('NOT_FOUND');
      expect(await acode(() => resolveNode(ctx, 'twin'))).toBe('AMBIGUOUS_REF'); // two accounts: never picked

      expect(await acode(() => disrupt(ctx, { remove: ['nobody'] }))).toBe('NOT_FOUND');
      expect(await acode(() => disrupt(ctx, { remove: ['twin'] }))).toBe('AMBIGUOUS_REF'); // never summed
      expect(code(() => keyPlayers(ctx, { k: 0 }))).toBe('INVALID_ARGUMENT');
      expect(code(() => keyPlayers(ctx, { k: 11 }))).toBe('INVALID_ARGUMENT');
      expect(code(() => rank(ctx, { by: 'closeness' as 'degree', top: 3 }))).toBe('INVALID_ARGUMENT');
      expect(code(() => rank(ctx, { by: 'degree', top: 0 }))).toBe('INVALID_ARGUMENT');
      expect(await acode(() => disrupt(ctx, { strategy: 'random' as 'degree' }))).toBe('INVALID_ARGUMENT');
      expect(await acode(() => disrupt(ctx, { strategy: 'degree', block: 0 }))).toBe('INVALID_ARGUMENT');
      expect(code(() => communities(ctx, { resolution: -1 }))).toBe('INVALID_ARGUMENT');
      expect(code(() => exportNetwork(ctx, 'pdf' as 'csv'))).toBe('INVALID_ARGUMENT');
    });
    // an account of the case outside the selected window
    await withGraph({ case: c, filter: { channels: ['sms'] } }, {}, async (ctx) => {
      expect(ctx.net.edges.n).toBe(2);
      expect(await acode(() => resolveNode(ctx, 'Broker'))).toBe('NOT_FOUND');
    });
  });

  it('samples betweenness above the node threshold and reports the error bound', async () => {
    const c = await caseFile();
    await withGraph({ case: c }, { exactMaxNodes: 5, samples: 6, seed: 3 }, async (ctx) => {
      const r = rank(ctx, { by: 'betweenness', top: 1 });
      expect(r.betweenness).toMatchObject({ sampled: true, samples: 6, confidence: 0.95 });
      expect(r.betweenness!.errorBound).toBeGreaterThan(0);
      expect(r.betweenness!.errorBoundRaw).toBeCloseTo((r.betweenness!.errorBound * 10 * 9) / 2, 9);
      expect(rank(ctx, { by: 'composite', top: 1 }).betweenness!.sampled).toBe(true);
      expect((await disrupt(ctx, { strategy: 'cavallaro', steps: 1 })).betweenness!.sampled).toBe(true);
      expect(code(() => rank(ctx, { by: 'harmonic', top: 1 }))).toBe('TOO_LARGE');
    });
  });

  it('exports well-formed GEXF and GraphML with every node, measures and escaped hostile names', async () => {
    const c = await caseFile();
    const d = tmp();
    await withGraph({ case: c }, {}, (ctx: GraphContext) => {
      const gexf = exportNetwork(ctx, 'gexf');
      expect(gexf.files).toHaveLength(1);
      const gx = gexf.files[0]!.content;
      const root = checkXml(gx);
      const nodes = all(root, 'node');
      expect(nodes).toHaveLength(11);
      expect(all(root, 'edge')).toHaveLength(ctx.net.edges.src.length);
      expect(nodes.map((n) => n.attrs.label)).toContain('Tony "<Knife>" & \'Co\'[2J');
      expect(gx).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      const titles = all(root, 'attribute').map((a) => a.attrs.title);
      expect(titles).toEqual(expect.arrayContaining(['key', 'pagerank', 'degree', 'betweenness', 'community', 'first_contact', 'last_contact']));

      const gml = exportNetwork(ctx, 'graphml').files[0]!.content;
      const groot = checkXml(gml);
      expect(all(groot, 'node')).toHaveLength(11);
      expect(gml).toContain('&lt;Knife&gt;');

      const csv = exportNetwork(ctx, 'csv');
      const paths = writeExport(csv, join(d, 'net.csv'));
      expect(paths).toEqual([join(d, 'net.nodes.csv'), join(d, 'net.edges.csv')]);
      expect(readFileSync(paths[0]!, 'utf8').trim().split('\r\n')).toHaveLength(12);

      const i2 = exportNetwork(ctx, 'i2').files[0]!.content;
      expect(i2.trim().split('\r\n')).toHaveLength(1 + ctx.net.edges.src.length);
      expect(i2).toContain('skyecc:broker,Broker,Account');
      expect(i2).toMatch(/2021-01-01,\d\d:\d\d:\d\d/);

      const ftm = exportNetwork(ctx, 'ftm').files[0]!.content.trim().split('\n').map((l) => JSON.parse(l));
      expect(ftm).toHaveLength(11);
      expect(ftm.every((e) => e.schema === 'UserAccount')).toBe(true);
    });
  });

  it('states the case, filters, scope and how the measures were computed inside GEXF and GraphML', async () => {
    const c = await caseFile();
    await withGraph({ case: c, filter: { channels: ['chat'], after: Date.UTC(2020, 0, 1), minWeight: 1 } }, { exactMaxNodes: 5, samples: 6, seed: 3 }, (ctx: GraphContext) => {
      const scope = { spec: 'ego:Broker:1', description: '1-hop ego network of Broker', nodes: 4, contactPairs: 3, of: { nodes: 11, contactPairs: 12 } };
      const gexf = checkXml(exportNetwork(ctx, 'gexf', { caseName: 'Op <Nightfall>', scope }).files[0]!.content);
      const text = all(gexf, 'description')[0]!.text;
      expect(text).toContain('case Op <Nightfall>');
      expect(text).toContain('channels chat');
      expect(text).toContain('from 2020-01-01');
      expect(text).toContain('Scope: ego:Broker:1 (1-hop ego network of Broker): 4 of 11 nodes');
      expect(text).toMatch(/betweenness estimated from 6 sampled sources/);
      expect(text).toContain('seed 3');
      const gml = checkXml(exportNetwork(ctx, 'graphml', { caseName: 'Op' }).files[0]!.content);
      const desc = all(gml, 'data').find((x) => x.attrs.key === 'description')!.text;
      expect(desc).toContain('Scope: the whole network (');
      expect(desc).toContain('Nodes: accounts.');
    });
  });
});

describe('clew graph API on files and options', () => {
  it('cuts the pivots of sampled betweenness to the work budget and says how many it used', async () => {
    const d = tmp();
    const f = join(d, 'ring.csv');
    // A ring of 60 with chords: 60 nodes, 90 contact pairs (180 arcs).
    const rows = ['source,target,weight'];
    for (let i = 0; i < 60; i++) rows.push(`p${i},p${(i + 1) % 60},1`);
    for (let i = 0; i < 60; i += 2) rows.push(`p${i},p${(i + 17) % 60},2`);
    writeFileSync(f, rows.join('\n') + '\n');
    const run = (opts: Parameters<typeof withGraph>[1]) => withGraph({ edges: f }, { exactMaxNodes: 5, seed: 4, ...opts }, (ctx) => rank(ctx, { by: 'composite', top: 5 }));
    // 40 pivots × (60 + 180) arc reads fit in 9 700, 41 do not.
    const budgeted = await run({ samples: 50, pivotWork: 9_700 });
    expect(budgeted.betweenness).toMatchObject({ sampled: true, samples: 40, confidence: 0.95 });
    expect(budgeted.betweenness!.errorBound).toBeCloseTo((60 / 59) * Math.sqrt(Math.log((2 * 60) / 0.05) / 80), 12);
    // The same 40 pivots when asked for directly: the figure can be recomputed from what the result says.
    expect(await run({ samples: 40, pivotWork: Infinity })).toEqual(budgeted);
    expect((await run({ samples: 50 })).betweenness!.samples).toBe(50);
    expect((await run({ samples: 50, pivotWork: 1 })).betweenness!.samples).toBe(32);
    await expect(run({ pivotWork: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('works on an edge list, resolving nodes by name', async () => {
    const d = tmp();
    const f = join(d, 'e.csv');
    writeFileSync(f, 'source,target,weight\nann,bob,3\nbob,cy,1\ncy,dan,2\n');
    await withGraph({ edges: f }, {}, async (ctx) => {
      expect(rank(ctx, { by: 'betweenness', top: 1 }).rows[0]!.key).toMatch(/^(bob|cy)$/);
      const p = await path(ctx, 'ANN', 'dan');
      expect(p.nodes.map((x) => x.key)).toEqual(['ann', 'bob', 'cy', 'dan']);
      expect(p.hops.map((h) => h.messages)).toEqual([3, 1, 2]);
      expect(await acode(() => path(ctx, 'ann', 'eve'))).toBe('NOT_FOUND');
      const gexf = checkXml(exportNetwork(ctx, 'gexf').files[0]!.content);
      expect(all(gexf, 'node')).toHaveLength(4);
    });
    const m = join(d, 'm.csv');
    writeFileSync(m, ',x,y,z\nx,0,1,0\ny,1,0,0\nz,0,0,0\n');
    await withGraph({ matrix: m }, {}, async (ctx) => {
      const p = await path(ctx, 'x', 'z');
      expect(p.length).toBeNull();
    });
    await expect(withGraph({ edges: join(d, 'missing.csv') }, {}, () => 0)).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });

  it('parses channels and time bounds strictly', async () => {
    expect(parseChannels('chat, SMS,chat')).toEqual(['chat', 'sms']);
    expect(code(() => parseChannels('pigeon'))).toBe('INVALID_ARGUMENT');
    expect(code(() => parseChannels(','))).toBe('INVALID_ARGUMENT');
    expect(parseTimeBound('2021-02-03')).toBe(Date.UTC(2021, 1, 3));
    expect(parseTimeBound('2021-02-03T10:00')).toBe(Date.UTC(2021, 1, 3, 10));
    expect(parseTimeBound('2021-02-03T10:00:00+01:00')).toBe(Date.UTC(2021, 1, 3, 9));
    for (const bad of ['2021-02-30', 'yesterday', '2021-2-3', '1e12', '']) expect(code(() => parseTimeBound(bad))).toBe('INVALID_ARGUMENT');
    // every calendar day round-trips; any other string is a value or INVALID_ARGUMENT, never another error
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (d) => {
        const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        expect(parseTimeBound(new Date(day).toISOString().slice(0, 10))).toBe(day);
        expect(parseTimeBound(d.toISOString())).toBe(d.getTime());
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const c = code(() => parseTimeBound(s));
        expect(['no error', 'INVALID_ARGUMENT']).toContain(c);
        const ch = code(() => parseChannels(s));
        expect(['no error', 'INVALID_ARGUMENT']).toContain(ch);
      }),
    );
  });

  it('builds from a loaded network with a store for names', async () => {
    const c = await caseFile();
    const store = await openCase(c, { readonly: true });
    try {
      const ctx = graphContext(await loadCaseNetwork(store, { after: Date.UTC(2022, 0, 1) }), store);
      expect(ctx.net.edges.n).toBe(2);
      expect(code(() => graphContext(ctx.net, store, { samples: 0 }))).toBe('INVALID_ARGUMENT');
    } finally {
      await store.close();
    }
  });
});
