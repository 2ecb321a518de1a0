/**
 * Runs ForceAtlas2 on a graphology graph in the worker (fa2.worker.ts) and writes the positions
 * back into the graph in one batch per update, so sigma redraws once per update and the page
 * stays interactive while the layout runs.
 */
import type Graph from 'graphology';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type { LayoutRequest, LayoutSettings, LayoutUpdate } from './layout-protocol';

const PPN = 10;
const PPE = 3;

export interface LayoutStatus {
  running: boolean;
  iterations: number;
  ms: number;
}

/** The library's node/edge matrices of `graph` (graph order), as its own worker builds them. */
export function layoutMatrices(graph: Graph): { nodes: Float32Array; edges: Float32Array } {
  const nodes = new Float32Array(graph.order * PPN);
  const edges = new Float32Array(graph.size * PPE);
  const index = new Map<string, number>();
  let j = 0;
  graph.forEachNode((node, a) => {
    index.set(node, j);
    nodes[j] = a.x as number;
    nodes[j + 1] = a.y as number;
    nodes[j + 6] = 1; // mass: 1 + weighted degree, below
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = (a.size as number) || 1;
    j += PPN;
  });
  j = 0;
  graph.forEachEdge((_e, a, s, t) => {
    const sj = index.get(s)!;
    const tj = index.get(t)!;
    const w = (a.weight as number) || 1;
    nodes[sj + 6]! += w;
    nodes[tj + 6]! += w;
    edges[j] = sj;
    edges[j + 1] = tj;
    edges[j + 2] = w;
    j += PPE;
  });
  return { nodes, edges };
}

export function layoutSettings(order: number): LayoutSettings {
  return {
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
    edgeWeightInfluence: 0.5,
    scalingRatio: 10,
    strongGravityMode: true,
    gravity: 0.05,
    slowDown: 1 + Math.log(Math.max(1, order)),
    barnesHutOptimize: order > 2000,
    barnesHutTheta: 0.6,
    ...inferSettings(order),
  } as LayoutSettings;
}

export class Layout {
  private worker: Worker | null = null;
  private graph: Graph | null = null;
  private pending: LayoutUpdate | null = null;
  private frame = 0;

  constructor(private readonly onStatus: (s: LayoutStatus, u: LayoutUpdate | null) => void) {}

  /** A graph drawn instead of `graph` while the layout runs (its people only), whose nodes are the first of `graph`'s. */
  private mirror: Graph | null = null;

  start(graph: Graph, opts: { maxIterations?: number; mirror?: Graph } = {}): void {
    this.graph = graph;
    this.mirror = opts.mirror && opts.mirror.order <= graph.order ? opts.mirror : null;
    this.stopped = false;
    this.worker ??= this.spawn();
    const { nodes, edges } = layoutMatrices(graph);
    const order = graph.order;
    const msg: LayoutRequest = {
      type: 'start',
      run: ++this.run,
      nodes,
      edges,
      settings: { ...layoutSettings(order), edgeWeightInfluence: 0.5 },
      // a position update every ~50 ms of work: fewer, bigger chunks on big graphs
      chunk: order > 10_000 ? 2 : order > 2_000 ? 5 : 20,
      // a time budget more than a convergence test on big graphs (re-run continues from where it stopped)
      maxIterations: opts.maxIterations ?? (order > 10_000 ? 120 : order > 2_000 ? 400 : 1000),
      settleBelow: 0.0002,
    };
    this.worker.postMessage(msg, [nodes.buffer, edges.buffer]);
    this.onStatus({ running: true, iterations: 0, ms: 0 }, null);
  }

  private last: LayoutStatus = { running: false, iterations: 0, ms: 0 };
  private stopped = false;
  private run = 0;

  /** Stop iterating; the positions reached so far stay. */
  stop(): void {
    this.worker?.postMessage({ type: 'stop' } satisfies LayoutRequest);
    this.stopped = true;
    this.last = { ...this.last, running: false };
    this.onStatus(this.last, null);
  }

  kill(): void {
    cancelAnimationFrame(this.frame);
    window.clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    this.graph = null;
  }

  private spawn(): Worker {
    // a same-origin module file: the only kind of worker the CSP (worker-src 'self') and the Trusted Types policy allow
    const w = new Worker(new URL('./fa2.worker.ts', import.meta.url), { type: 'module', name: 'clew-fa2' });
    w.onmessage = (e: MessageEvent<LayoutUpdate>) => {
      const first = this.pending === null;
      this.pending = e.data;
      if (first) this.timer = window.setTimeout(() => (this.frame = requestAnimationFrame(() => this.apply())), Math.max(0, this.nextAt - performance.now()));
    };
    return w;
  }

  private timer = 0;
  /** Not before this time (performance.now()) is the next update applied. */
  private nextAt = 0;

  /**
   * Positions into the graph. Each update makes sigma reprocess every node and edge, which on
   * a big graph takes a good part of a second without a GPU: the next update waits three times
   * as long as this one took to draw, so the page keeps at least three quarters of its time for
   * the analyst (pan, zoom, click) while the layout runs.
   */
  private apply(): void {
    const u = this.pending;
    const graph = this.graph;
    this.pending = null;
    if (!u || !graph || u.run !== this.run || u.xy.length !== graph.order * 2) return;
    const t0 = performance.now();
    let i = 0;
    graph.updateEachNodeAttributes(
      (_n, a) => {
        a.x = u.xy[2 * i]!;
        a.y = u.xy[2 * i + 1]!;
        i++;
        return a;
      },
      { attributes: ['x', 'y'] },
    );
    if (this.mirror) {
      let j = 0;
      this.mirror.updateEachNodeAttributes(
        (_n, a) => {
          a.x = u.xy[2 * j]!;
          a.y = u.xy[2 * j + 1]!;
          j++;
          return a;
        },
        { attributes: ['x', 'y'] },
      );
    }
    // registered after sigma's own frame request, so it runs once sigma has drawn this update
    requestAnimationFrame(() => {
      const cost = performance.now() - t0;
      this.nextAt = performance.now() + (cost > 30 ? 3 * cost : 0);
    });
    this.last = { running: !u.settled && !this.stopped, iterations: u.iterations, ms: u.ms };
    this.onStatus(this.last, u);
  }
}
