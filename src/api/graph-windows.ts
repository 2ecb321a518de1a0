/**
 * The network over time: measures per day, week or month (tumbling or sliding windows), the
 * people at the top of each window, and who rose or fell most since the window before.
 */
import { distinctDegree, type WindowUnit, windows } from '../graph/index.js';
import { ClewError } from '../model/errors.js';
import { type GraphContext, type NodeRef, nodeRef } from './graph.js';

export { WINDOW_UNITS } from './graph-options.js';

export interface WindowsOptions {
  unit: WindowUnit;
  size?: number;
  step?: number;
  /** People listed at the top and among the movers of each window (default 5). */
  top?: number;
}

export interface WindowMover extends NodeRef {
  rank: number;
  previousRank: number;
  change: number;
}

export interface WindowRow {
  start: number;
  end: number;
  /** Communications (message recipients and calls) in the window. */
  communications: number;
  /** People with at least one contact in the window. */
  active: number;
  top: (NodeRef & { contacts: number })[];
  rising: WindowMover[];
  falling: WindowMover[];
}

export interface WindowsResult {
  unit: WindowUnit;
  size: number;
  step: number;
  /** Ranked by distinct contacts in the window. */
  rankBy: 'contacts';
  windows: WindowRow[];
}

export async function timeWindows(ctx: GraphContext, opts: WindowsOptions): Promise<WindowsResult> {
  const store = ctx.store;
  if (!store) throw new ClewError('INVALID_ARGUMENT', 'time windows need the dates of the contacts: use --case, not an edge or matrix file');
  const size = opts.size ?? 1;
  const step = opts.step ?? size;
  const top = opts.top ?? 5;
  const node = new Map<number, number>();
  ctx.net.accounts.forEach((a, i) => {
    if (a) node.set(a.id, i);
  });
  ctx.net.members?.forEach((ms, i) => ms?.forEach((a) => node.set(a.id, i)));
  const src: number[] = [];
  const dst: number[] = [];
  const ts: number[] = [];
  for await (const chunk of store.communications(ctx.filter))
    for (const c of chunk) {
      const s = node.get(c.src);
      const d = node.get(c.dst);
      if (s === undefined || d === undefined) continue; // left out by the network's filters
      if (s === d && ctx.net.members?.[s]) continue; // person level: between a person's own handles
      src.push(s);
      dst.push(d);
      ts.push(c.ts);
    }
  const results = windows(
    { n: ctx.net.labels.length, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1), ts: Float64Array.from(ts) },
    { unit: opts.unit, size, step, movers: top, keepVectors: false, measures: { contacts: distinctDegree }, rankBy: 'contacts' },
  );
  const mover = (m: { node: number; rank: number; previousRank: number; change: number }): WindowMover => ({
    ...nodeRef(ctx, m.node),
    rank: m.rank,
    previousRank: m.previousRank,
    change: m.change,
  });
  return {
    unit: opts.unit,
    size,
    step,
    rankBy: 'contacts',
    windows: results.map((w) => ({
      start: w.start,
      end: w.end,
      communications: w.edges,
      active: w.active,
      top: w.top.map((t) => ({ ...nodeRef(ctx, t.node), contacts: t.value })),
      rising: w.rising.map(mover),
      falling: w.falling.map(mover),
    })),
  };
}
