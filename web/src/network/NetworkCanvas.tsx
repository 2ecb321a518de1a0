/**
 * sigma.js over a graphology graph: WebGL nodes and edges, labels drawn on the canvas (never
 * markup). Highlights (focus and its contacts, an ego network, a path) are applied by reducers,
 * so the graph itself is never copied.
 */
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import type { CameraState } from 'sigma/types';
import type { EdgeAttrs, NetGraph, NodeAttrs } from './graph';

export interface Highlight {
  focus: string | null;
  /** Nodes shown at full strength besides the focus (its contacts, an expanded ego network). */
  around: Set<string>;
  /** A path: its nodes in order; edges between consecutive ones are drawn on top. */
  path: string[];
}

const DIM_NODE = '#e3e6ea';
const PATH = '#e8590c';

/** Edges drawn as hairlines above this many. */
export const THIN_EDGES = 20_000;

export const NO_HIGHLIGHT: Highlight = { focus: null, around: new Set(), path: [] };

export interface CanvasEvents {
  onClickNode(key: string): void;
  onClickStage(): void;
}

export function NetworkCanvas({
  graph,
  highlight,
  events,
  onRendered,
}: {
  graph: NetGraph;
  highlight: Highlight;
  events: CanvasEvents;
  onRendered?: (s: Sigma<NodeAttrs, EdgeAttrs>) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma<NodeAttrs, EdgeAttrs> | null>(null);
  const hl = useRef(highlight);
  const ev = useRef(events);
  ev.current = events;
  const rehighlight = useRef<() => void>(() => {});
  /** The view of the graph drawn before (the same people, now with their contacts): kept. */
  const camera = useRef<CameraState | null>(null);

  useEffect(() => {
    const big = graph.order > 5000;
    // above this many edges they are drawn as hairlines (weight shown by shade), cheap enough
    // without a GPU; the edges around a focus or on a path get their thickness back
    const thin = graph.size > THIN_EDGES;
    const pathEdges = () => {
      const h = hl.current;
      const s = new Set<string>();
      for (let i = 0; i + 1 < h.path.length; i++) {
        const e = graph.edge(h.path[i]!, h.path[i + 1]!);
        if (e) s.add(e);
      }
      return s;
    };
    let onPath = pathEdges();
    let onPathNodes = new Set(hl.current.path);
    const s = new Sigma<NodeAttrs, EdgeAttrs>(graph, box.current!, {
      // the box can have no width for a moment (the view being left, a print layout): draw on the next resize instead of throwing
      allowInvalidContainer: true,
      defaultEdgeType: thin ? 'thin' : 'line',
      edgeProgramClasses: { thin: EdgeLineProgram },
      hideEdgesOnMove: big,
      hideLabelsOnMove: big,
      labelRenderedSizeThreshold: big ? 9 : 6,
      labelDensity: 0.7,
      labelFont: 'system-ui, sans-serif',
      zIndex: true,
      minCameraRatio: 0.01,
      maxCameraRatio: 20,
      nodeReducer: (node, data) => {
        const h = hl.current;
        if (onPathNodes.size) {
          if (onPathNodes.has(node)) return { ...data, forceLabel: true, highlighted: true, zIndex: 2, color: PATH };
          if (node === h.focus) return { ...data, forceLabel: true, zIndex: 1 };
          return { ...data, color: DIM_NODE, label: null, zIndex: 0 };
        }
        if (h.focus) {
          if (node === h.focus) return { ...data, forceLabel: true, highlighted: true, zIndex: 2 };
          if (h.around.has(node)) return { ...data, zIndex: 1 };
          return { ...data, color: DIM_NODE, label: null, zIndex: 0 };
        }
        return data;
      },
      edgeReducer: (edge, data) => {
        const h = hl.current;
        if (onPath.size) return onPath.has(edge) ? { ...data, type: 'line', color: PATH, size: Math.max(3, data.size * 2), zIndex: 2 } : { ...data, hidden: true };
        if (h.focus) {
          const [a, b] = graph.extremities(edge);
          const inside = (a === h.focus || h.around.has(a)) && (b === h.focus || h.around.has(b));
          return inside ? { ...data, type: 'line', color: a === h.focus || b === h.focus ? '#7d8a99' : '#c8ced6', zIndex: 1 } : { ...data, hidden: true };
        }
        return data;
      },
    });
    sigma.current = s;
    s.on('clickNode', ({ node }) => ev.current.onClickNode(node));
    s.on('clickStage', () => ev.current.onClickStage());
    s.on('enterNode', () => box.current?.classList.add('net-pointer'));
    s.on('leaveNode', () => box.current?.classList.remove('net-pointer'));
    const refreshHighlight = () => {
      onPath = pathEdges();
      onPathNodes = new Set(hl.current.path);
    };
    rehighlight.current = refreshHighlight;
    if (camera.current) s.getCamera().setState(camera.current);
    onRendered?.(s);
    return () => {
      camera.current = s.getCamera().getState();
      s.kill();
      sigma.current = null;
    };
    // one sigma per graph
  }, [graph]);

  useEffect(() => {
    const was = hl.current;
    hl.current = highlight;
    const s = sigma.current;
    if (!s) return;
    if (was === highlight && highlight === NO_HIGHLIGHT) return; // first draw: nothing to redo
    rehighlight.current();
    s.refresh({ skipIndexation: true });
    // bring the focus, or the whole path, into view
    const keys = highlight.path.length ? highlight.path : highlight.focus && graph.hasNode(highlight.focus) ? [highlight.focus] : [];
    const pts = keys.map((k) => s.getNodeDisplayData(k)).filter((d) => d !== undefined);
    if (pts.length) {
      const xs = pts.map((d) => d.x);
      const ys = pts.map((d) => d.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const ratio = pts.length > 1 ? Math.min(1.2, Math.max(0.05, Math.max(x1 - x0, y1 - y0) * 1.4)) : Math.min(s.getCamera().ratio, 0.35);
      void s.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
    }
  }, [highlight, graph]);

  return <div ref={box} className="net-canvas" data-testid="net-canvas" />;
}
