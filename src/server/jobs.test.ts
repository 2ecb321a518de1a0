import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { type JobContext, JobRegistry, wireJob } from './jobs.js';

const tick = () => new Promise((ok) => setTimeout(ok, 5));

/** Work that counts to `n`, one step per tick, honouring cancellation. */
async function count(ctx: JobContext, n: number): Promise<number> {
  for (let i = 1; i <= n; i++) {
    if (ctx.signal.aborted) throw new ClewError('INTERRUPTED', 'stopped');
    await tick();
    ctx.progress({ phase: 'counting', done: i, total: n });
  }
  return n;
}

describe('JobRegistry', () => {
  it('reports progress with an ETA, then the result', async () => {
    const jobs = new JobRegistry();
    const seen: number[] = [];
    const job = jobs.start({
      kind: 'keyplayers',
      label: 'count',
      run: async (ctx) => {
        const r = await count(ctx, 6);
        return r;
      },
    });
    expect(job.state).toBe('running');
    while (job.endedAt === null) {
      seen.push(job.progress.done);
      await tick();
    }
    expect(job.state).toBe('done');
    expect(job.value).toBe(6);
    expect(job.progress).toMatchObject({ phase: 'counting', done: 6, total: 6, etaSeconds: 0 });
    expect(seen.some((d) => d > 0 && d < 6)).toBe(true);
    expect(jobs.get(job.id)).toBe(job);
    expect(jobs.list()).toEqual([job]);
    const w = wireJob(job);
    expect(w.state).toBe('done');
    expect(typeof w.startedAt).toBe('string');
    expect(JSON.parse(JSON.stringify(w))).toEqual(w);
  });

  it('estimates time left from the pace of the current phase', async () => {
    const jobs = new JobRegistry();
    let mid: number | null = null;
    const job = jobs.start({
      kind: 'keyplayers',
      label: 'eta',
      run: async (ctx) => {
        ctx.progress({ phase: 'p', done: 0, total: 100 });
        await new Promise((ok) => setTimeout(ok, 100));
        ctx.progress({ done: 50 });
        mid = job.progress.etaSeconds;
        return 1;
      },
    });
    await job.finished;
    expect(mid).not.toBeNull();
    expect(mid!).toBeGreaterThan(0);
    expect(mid!).toBeLessThan(10);
  });

  it('cancels: the work sees the signal and the job ends cancelled', async () => {
    const jobs = new JobRegistry();
    const job = jobs.start({ kind: 'ingest', label: 'long', run: (ctx) => count(ctx, 10_000) });
    await tick();
    await tick();
    expect(jobs.cancel(job.id)).toBe(true);
    await job.finished;
    expect(job.state).toBe('cancelled');
    expect(job.error?.code).toBe('INTERRUPTED');
    expect(job.progress.done).toBeLessThan(10_000);
    expect(jobs.cancel(job.id)).toBe(false); // already ended
    expect(jobs.cancel('nope')).toBe(false);
  });

  it('ends failed with the typed error code, or INTERNAL for an untyped one', async () => {
    const jobs = new JobRegistry();
    const typed = jobs.start({
      kind: 'ingest',
      label: 'x',
      run: () => Promise.reject(new ClewError('FORMAT_UNKNOWN', 'not a chat export')),
    });
    const untyped = jobs.start({ kind: 'ingest', label: 'y', run: () => Promise.reject(new TypeError('boom')) });
    await Promise.all([typed.finished, untyped.finished]);
    expect(typed.state).toBe('failed');
    expect(typed.error).toEqual({ code: 'FORMAT_UNKNOWN', message: 'not a chat export' });
    expect(untyped.state).toBe('failed');
    expect(untyped.error?.code).toBe('INTERNAL');
  });

  it('runs jobs of one queue one after another', async () => {
    const jobs = new JobRegistry();
    const order: string[] = [];
    const mk = (name: string) =>
      jobs.start({
        kind: 'ingest',
        label: name,
        queue: 'w',
        run: async (ctx) => {
          order.push(`${name}+`);
          await count(ctx, 3);
          order.push(`${name}-`);
        },
      });
    const a = mk('a');
    const b = mk('b');
    expect(b.state).toBe('queued');
    // a queued job cancelled before it starts never runs
    const c = mk('c');
    jobs.cancel(c.id);
    await Promise.all([a.finished, b.finished, c.finished]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-']);
    expect(c.state).toBe('cancelled');
  });

  it('cancelAll stops every running job', async () => {
    const jobs = new JobRegistry();
    const a = jobs.start({ kind: 'ingest', label: 'a', run: (ctx) => count(ctx, 10_000) });
    const b = jobs.start({ kind: 'ingest', label: 'b', run: (ctx) => count(ctx, 10_000) });
    await tick();
    await jobs.cancelAll();
    expect([a.state, b.state]).toEqual(['cancelled', 'cancelled']);
  });
});
