import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { loadCaseNetwork, loadFileNetwork } from './network.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('loadCaseNetwork', () => {
  it('sums message and call counts per ordered pair, and filters by time window and weight', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    writeFileSync(
      f,
      jsonl([
        { type: 'account', ref: 'skyecc:A', display_name: 'Vuk' },
        msg('skyecc:A', 'skyecc:B', '2021-01-01T10:00:00Z', 'one'),
        msg('skyecc:A', 'skyecc:B', '2021-02-01T10:00:00Z', 'two'),
        msg('skyecc:B', 'skyecc:C', '2021-02-02T10:00:00Z', 'three'),
        { type: 'call', from: 'skyecc:A', to: 'skyecc:B', ts: '2021-02-03T10:00:00Z', duration: 10 },
      ]),
    );
    const store = await openCase(join(d, 'c.clew'), { create: true });
    await ingestFile(store, f, { analyse: false });
    const net = await loadCaseNetwork(store);
    const edge = (n: typeof net) =>
      Array.from(n.edges.src, (s, i) => `${n.keys[s]}>${n.keys[n.edges.dst[i]!]}:${n.edges.weight[i]}`).sort();
    expect(edge(net)).toEqual(['skyecc:A>skyecc:B:3', 'skyecc:B>skyecc:C:1']);
    expect(net.labels[net.keys.indexOf('skyecc:A')]).toBe('Vuk');
    const feb = await loadCaseNetwork(store, { after: Date.UTC(2021, 1, 1), before: Date.UTC(2021, 1, 3) });
    expect(edge(feb)).toEqual(['skyecc:A>skyecc:B:1', 'skyecc:B>skyecc:C:1']);
    expect(edge(await loadCaseNetwork(store, { minWeight: 2 }))).toEqual(['skyecc:A>skyecc:B:3']);
    expect(edge(await loadCaseNetwork(store, { channels: ['call'] }))).toEqual(['skyecc:A>skyecc:B:1']);
    await store.close();
  });

  it('reads edge-list and matrix files', () => {
    const d = tmp();
    writeFileSync(join(d, 'e.csv'), 'source,target,weight\nx,y,2\ny,z,1\n');
    const e = loadFileNetwork(join(d, 'e.csv'), 'edges');
    expect(e.edges.n).toBe(3);
    expect(Array.from(e.edges.weight)).toEqual([2, 1]);
    writeFileSync(join(d, 'm.csv'), ',a,b\na,0,1\nb,1,0\n');
    expect(loadFileNetwork(join(d, 'm.csv'), 'matrix').edges.src.length).toBe(2);
  });
});
