import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { withGraph } from './graph.js';
import { timeWindows } from './graph-windows.js';
import { openCase } from './case.js';
import { ingestFile } from './ingest.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const [A, B, C, D] = ['skyecc:A', 'skyecc:B', 'skyecc:C', 'skyecc:D'];

describe('timeWindows', () => {
  it('ranks people per week by distinct contacts and reports who rose and fell', async () => {
    const d = tmp();
    const f = join(d, 'a.jsonl');
    // Monday 2021-03-01, 03-08, 03-15
    writeFileSync(
      f,
      jsonl([
        msg(A!, B!, '2021-03-01T10:00:00Z', 'w1'),
        msg(A!, C!, '2021-03-02T10:00:00Z', 'w1'),
        msg(D!, A!, '2021-03-08T10:00:00Z', 'w2'),
        msg(D!, B!, '2021-03-09T10:00:00Z', 'w2'),
        msg(D!, C!, '2021-03-10T10:00:00Z', 'w2'),
        msg(A!, B!, '2021-03-16T10:00:00Z', 'w3'),
      ]),
    );
    const c = join(d, 'c.clew');
    const store = await openCase(c, { create: true });
    await ingestFile(store, f, { analyse: false });
    await store.close();
    const r = await withGraph({ case: c }, {}, (ctx) => timeWindows(ctx, { unit: 'week', top: 2 }));
    expect(r.windows.map((w) => new Date(w.start).toISOString().slice(0, 10))).toEqual(['2021-03-01', '2021-03-08', '2021-03-15']);
    expect(r.windows.map((w) => w.communications)).toEqual([2, 3, 1]);
    expect(r.windows[0]!.top[0]).toMatchObject({ key: A, contacts: 2 });
    expect(r.windows[1]!.top[0]).toMatchObject({ key: D, contacts: 3 });
    expect(r.windows[1]!.rising[0]).toMatchObject({ key: D });
    expect(r.windows[1]!.rising[0]!.change).toBeGreaterThan(0);
    // filters apply: only the first week
    const first = await withGraph({ case: c, filter: { before: Date.UTC(2021, 2, 8) } }, {}, (ctx) => timeWindows(ctx, { unit: 'week' }));
    expect(first.windows).toHaveLength(1);
  });

  it('refuses networks without dates', async () => {
    const d = tmp();
    writeFileSync(join(d, 'e.csv'), 'a,b\nb,c\n');
    await expect(withGraph({ edges: join(d, 'e.csv') }, {}, (ctx) => timeWindows(ctx, { unit: 'day' }))).rejects.toBeInstanceOf(ClewError);
  });
});
