/**
 * The Network view: who is in contact with whom. sigma.js draws the contact network (WebGL),
 * ForceAtlas2 lays it out in a worker; node size and colour follow a measure or the community,
 * edge thickness the messages between the two. Click a person for their measures and links,
 * expand their contacts (capped), show the shortest chain of contacts to someone else, and
 * restrict the network to a time window. View state lives in the URL:
 * /network?focus=<ref>&to=<ref>&measure=<size>&color=<colour>&after=<iso>&before=<iso>&level=person&scope=<SPEC>
 * (`scope`: only a part of the network, components/ScopePicker.tsx, its measures computed within it).
 * Find resolves a name through the server's resolver; an ambiguous one offers its candidates.
 */
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type Sigma from 'sigma';
import { LoadedAnnotations } from '../components/Annotations';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { ScopeError, ScopeNote, ScopePicker, scopeOf } from '../components/ScopePicker';
import { NetworkExportMenu } from '../components/Download';
import { ApiError, type NetworkEgoResponse, type NetworkPathResponse, type NetworkResponse, type WireViewMeasure } from '../lib/api';
import { num } from '../lib/format';
import { chosenLevel, levelParam } from '../lib/level';
import { filterTerm, href, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import { isoMinute, netApi, type NetFilter } from '../network/api';
import { addEdges, addToGraph, buildGraph, type ColourBy, type EdgeAttrs, isMeasure, MEASURES, type NetGraph, type NodeAttrs, styleGraph } from '../network/graph';
import { Layout, type LayoutStatus } from '../network/layout';
import { type Highlight, NetworkCanvas, NO_HIGHLIGHT } from '../network/NetworkCanvas';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';

/** Above this many edges, people are drawn before their contacts. */
const STAGED_EDGES = 20_000;
const EDGE_SLICE = 10_000;
/** Contacts one "expand" adds at most. */
const EGO_CAP = 100;
const PARAMS = ['focus', 'to', 'measure', 'color', 'after', 'before', 'level', 'scope'] as const;
type Param = (typeof PARAMS)[number];

function go(params: URLSearchParams, patch: Partial<Record<Param, string | null>>, replace = false): void {
  const next: Record<string, string | null | undefined> = {};
  for (const k of PARAMS) next[k] = k in patch ? patch[k] : params.get(k);
  navigate(href('/network', next), { replace });
}

const fmtMeasure = (m: WireViewMeasure, v: number) => Number.isNaN(v) ? '–' : (m === 'pagerank' ? v.toFixed(4) : m === 'betweenness' ? (v >= 100 ? num(Math.round(v)) : v.toFixed(1)) : num(v));
const fmtTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export default function NetworkView({ params }: ViewProps) {
  const focus = params.get('focus') || null;
  const to = params.get('to') || null;
  const sizeBy: WireViewMeasure = isMeasure(params.get('measure')) ? (params.get('measure') as WireViewMeasure) : 'pagerank';
  const colourParam = params.get('color');
  const colourBy: ColourBy = colourParam === 'community' || isMeasure(colourParam) ? (colourParam as ColourBy) : 'community';
  const after = params.get('after') ?? '';
  const before = params.get('before') ?? '';
  const askedLevel = levelParam(params.get('level'));
  const scope = scopeOf(params);
  const filter: NetFilter = useMemo(() => ({ after: after || undefined, before: before || undefined, scope: scope ?? undefined }), [after, before, scope]);
  const setScope = (next: string | null) => go(params, { scope: next, focus: null, to: null }, true);

  // without ?level= the network is drawn at person level once the case has persons (lib/level.ts)
  const { data, error } = useApi(
    async (signal) => {
      const level = await chosenLevel(askedLevel, signal);
      return netApi.network({ ...filter, level: level === 'person' ? 'person' : undefined }, signal);
    },
    [filter, askedLevel],
  );
  const level = data?.filter.level === 'person' ? 'person' : undefined;
  /** The filter as the drawn network was loaded, so ego and path answer at the same level. */
  const netFilter: NetFilter = useMemo(() => ({ ...filter, level }), [filter, level]);
  const [graph, setGraph] = useState<NetGraph | null>(null);
  /** What sigma draws: the graph, or on a big network its people only while the layout moves. */
  const [drawn, setDrawn] = useState<NetGraph | null>(null);
  const [version, setVersion] = useState(0);
  const [layout, setLayout] = useState<LayoutStatus>({ running: false, iterations: 0, ms: 0 });
  const [ego, setEgo] = useState<{ center: string; res: NetworkEgoResponse } | null>(null);
  const [egoError, setEgoError] = useState<unknown>(null);
  const [pathRes, setPathRes] = useState<{ a: string; b: string; res: NetworkPathResponse | null; error: unknown } | null>(null);
  const layoutRef = useRef<Layout | null>(null);
  const graphRef = useRef<NetGraph | null>(null);
  const loadedAt = useRef(performance.now());
  const styled = useRef('');

  // the layout worker lives as long as the view
  useEffect(() => {
    const l = new Layout((s) => {
      setLayout(s);
      if (!s.running && s.iterations > 0) {
        performance.mark('clew-network-settled', { detail: { iterations: s.iterations, ms: s.ms } });
      }
    });
    layoutRef.current = l;
    return () => l.kill();
  }, []);

  // a new network (first load or another time window): keep the places of people already drawn
  useEffect(() => {
    if (!data) return;
    performance.mark('clew-network-data');
    const known = new Map<string, { x: number; y: number }>();
    graphRef.current?.forEachNode((n, a) => known.set(n, { x: a.x, y: a.y }));
    const relayout = known.size ? { maxIterations: 150 } : {};
    setEgo(null);
    const show = (g: NetGraph, draw: NetGraph = g) => {
      styleGraph(g, sizeBy, colourBy);
      styled.current = `${sizeBy} ${colourBy} ${version}`;
      graphRef.current = g;
      setGraph(g);
      setDrawn(draw);
    };
    const n = data.graph.src.length;
    if (n <= STAGED_EDGES) {
      const g = buildGraph(data.graph, known);
      performance.mark('clew-network-graph');
      show(g);
      layoutRef.current?.start(g, relayout);
      return;
    }
    // a big network: the people first (drawn at once), their contacts built in the background in
    // slices, so the page never stops answering for long. While the layout moves, sigma draws the
    // people only (redrawing 100k edges at every step would take the page from the analyst);
    // the contacts are drawn once it rests.
    const nodesOnly = buildGraph(data.graph, known, false);
    performance.mark('clew-network-graph');
    show(nodesOnly);
    const full = nodesOnly.copy();
    let next = 0;
    let timer = window.setTimeout(function slice() {
      const end = Math.min(n, next + EDGE_SLICE);
      addEdges(full, data.graph, next, end, true);
      next = end;
      if (next < n) timer = window.setTimeout(slice, 0);
      else {
        styleGraph(full, sizeBy, colourBy);
        graphRef.current = full;
        setGraph(full);
        performance.mark('clew-network-edges');
        layoutRef.current?.start(full, { ...relayout, mirror: nodesOnly });
      }
    }, 0);
    return () => window.clearTimeout(timer);
    // sizeBy/colourBy are applied by the effect below
  }, [data]);

  // the layout rests (or was stopped): draw the contacts
  useEffect(() => {
    if (graph && drawn !== graph && graph.size > 0 && !layout.running) setDrawn(graph);
  }, [graph, drawn, layout.running]);

  // restyle when the measures change or people were added (not again right after the build)
  useEffect(() => {
    const style = `${sizeBy} ${colourBy} ${version}`;
    if (graph && styled.current !== style) {
      styleGraph(graph, sizeBy, colourBy);
      if (drawn && drawn !== graph) styleGraph(drawn, sizeBy, colourBy);
    }
    styled.current = style;
  }, [graph, sizeBy, colourBy, version]);

  const onRendered = useCallback((s: Sigma<NodeAttrs, EdgeAttrs>) => {
    // sigma drew the whole graph in its constructor; the frame is on screen by the next one
    const detail = { nodes: s.getGraph().order, edges: s.getGraph().size, sinceView: performance.now() - loadedAt.current };
    if (performance.getEntriesByName('clew-network-rendered').length === 0) requestAnimationFrame(() => performance.mark('clew-network-rendered', { detail }));
  }, []);

  /** Add nodes and edges from an ego or path answer; re-run the layout a little when something was added. */
  const merge = useCallback((g: NetworkEgoResponse['graph'], near?: string) => {
    const graph = graphRef.current;
    if (!graph) return;
    const before = graph.order + graph.size;
    addToGraph(graph, g, new Map(), near);
    if (graph.order + graph.size !== before) {
      setDrawn(graph);
      setVersion((v) => v + 1);
      layoutRef.current?.start(graph, { maxIterations: 120 });
    }
  }, []);

  // a focused person not drawn (the network was capped): bring in their contacts
  useEffect(() => {
    if (!graph || !focus || graph.hasNode(focus)) return;
    const ac = new AbortController();
    netApi.ego(netFilter, focus, 30, ac.signal).then(
      (r) => merge(r.graph, undefined),
      (e: unknown) => {
        if (!ac.signal.aborted) setEgoError(e);
      },
    );
    return () => ac.abort();
  }, [graph, focus, netFilter, merge]);

  // the path between the focus and `to`
  useEffect(() => {
    setPathRes(null);
    if (!graph || !focus || !to) return;
    const ac = new AbortController();
    netApi.path(netFilter, focus, to, ac.signal).then(
      (res) => {
        if (res.length !== null) {
          const keys = res.nodes.map((n) => n.key);
          // chain nodes not drawn yet come in with the contacts along the chain
          merge(
            {
              keys,
              labels: res.nodes.map((n) => n.label),
              community: keys.map((k) => (graph.hasNode(k) ? graph.getNodeAttribute(k, 'community') : -1)),
              // measures of people brought in by the path are not known here: shown as –, never as 0
              measures: { degree: keys.map(() => NaN), strength: keys.map(() => NaN), pagerank: keys.map(() => NaN), betweenness: keys.map(() => NaN) },
              src: res.hops.map((_, i) => i),
              dst: res.hops.map((_, i) => i + 1),
              weight: res.hops.map((h) => h.messages),
            },
            focus,
          );
        }
        setPathRes({ a: focus, b: to, res, error: null });
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setPathRes({ a: focus, b: to, res: null, error: e });
      },
    );
    return () => ac.abort();
  }, [graph, focus, to, netFilter, merge]);

  useEffect(() => {
    setEgoError(null);
    if (ego && ego.center !== focus) setEgo(null);
  }, [focus]);

  const expand = useCallback(() => {
    if (!focus) return;
    setEgoError(null);
    netApi.ego(netFilter, focus, EGO_CAP).then(
      (res) => {
        merge(res.graph, focus);
        setEgo({ center: focus, res });
      },
      (e: unknown) => setEgoError(e),
    );
  }, [focus, netFilter, merge]);

  const highlight: Highlight = useMemo(() => {
    if (!graph || !focus || !graph.hasNode(focus)) return NO_HIGHLIGHT;
    const around = new Set<string>(graph.neighbors(focus));
    if (ego?.center === focus) for (const k of ego.res.graph.keys) if (graph.hasNode(k)) around.add(k);
    const path = pathRes?.res?.length != null && pathRes.a === focus ? pathRes.res.nodes.map((n) => n.key).filter((k) => graph.hasNode(k)) : [];
    return { focus, around, path };
  }, [graph, focus, ego, pathRes, version]);

  const events = useMemo(
    () => ({
      onClickNode: (key: string) => go(params, { focus: key, to: null }),
      onClickStage: () => go(params, { focus: null, to: null }),
    }),
    [params],
  );

  const edgesHidden = graph !== null && drawn !== graph;

  if (error)
    return (
      <div className="view view-network">
        <ScopePicker scope={scope} onChange={setScope} />
        <ScopeError error={error} scope={scope} onChange={setScope} />
      </div>
    );
  if (!data || !graph || !drawn) return <Loading what="Loading the network (the first time takes a few seconds on a big case)" />;

  return (
    <div className="view view-network" data-testid="network" data-nodes={graph.order} data-edges={graph.size} data-drawn-edges={drawn.size} data-layout={layout.running ? 'running' : 'settled'}>
      <NetworkBar
        data={data}
        graph={graph}
        layout={layout}
        edgesHidden={edgesHidden}
        sizeBy={sizeBy}
        colourBy={colourBy}
        params={params}
        netFilter={netFilter}
        onRelayout={() => layoutRef.current?.start(graph)}
        onStop={() => layoutRef.current?.stop()}
      />
      <div className="net-scope">
        <ScopePicker scope={scope} onChange={setScope} />
        <ScopeNote scope={data.scope} whole={{ nodes: data.nodes, contactPairs: data.edges }} unit={data.filter.level === 'person' ? 'persons and accounts' : 'accounts'} />
        <NetworkExportMenu filter={netFilter} />
      </div>
      <div className="net-body">
        <NetworkCanvas graph={drawn} highlight={highlight} events={events} onRendered={onRendered} />
        {focus ? (
          <SidePanel
            graph={graph}
            focus={focus}
            to={to}
            params={params}
            ego={ego?.center === focus ? ego.res : null}
            egoError={egoError}
            onExpand={expand}
            path={pathRes && pathRes.a === focus && pathRes.b === to ? pathRes : null}
            version={version}
          />
        ) : null}
      </div>
      {data.span.first !== null && data.span.last !== null ? <TimeSlider first={data.span.first} last={data.span.last} data={data} params={params} /> : null}
    </div>
  );
}

function NetworkBar({
  data,
  graph,
  layout,
  edgesHidden,
  sizeBy,
  colourBy,
  params,
  netFilter,
  onRelayout,
  onStop,
}: {
  netFilter: NetFilter;
  data: NetworkResponse;
  graph: NetGraph;
  layout: LayoutStatus;
  edgesHidden: boolean;
  sizeBy: WireViewMeasure;
  colourBy: ColourBy;
  params: URLSearchParams;
  onRelayout: () => void;
  onStop: () => void;
}) {
  const [find, setFind] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [findError, setFindError] = useState<unknown>(null);
  /** The node drawn whose label or key holds the text, the highest PageRank first (null: none). */
  const drawnMatch = (t: string): string | null => {
    let best: string | null = null;
    let bestScore = -1;
    graph.forEachNode((k, a) => {
      if ((a.label.toLowerCase().includes(t) || k.toLowerCase().includes(t)) && a.pagerank > bestScore) {
        best = k;
        bestScore = a.pagerank;
      }
    });
    return best;
  };
  const onFind = (e: FormEvent) => {
    e.preventDefault();
    const term = find.trim();
    if (!term) return;
    setNotFound(false);
    setFindError(null);
    if (graph.hasNode(term)) return go(params, { focus: term, to: null });
    // the one name resolver (display names, saved names, numbers, persons); an ambiguous name offers its candidates
    netApi.ego(netFilter, term, 1).then(
      (r) => go(params, { focus: r.center, to: null }),
      (err: unknown) => {
        if (err instanceof ApiError && err.code === 'AMBIGUOUS_REF') return setFindError(err);
        const best = drawnMatch(term.toLowerCase());
        setNotFound(best === null);
        if (best) go(params, { focus: best, to: null });
      },
    );
  };
  const choose = (ref: string) => {
    setFindError(null);
    go(params, { focus: ref, to: null });
  };
  const rankedBy = MEASURES.find((m) => m.id === data.rankedBy)?.title ?? data.rankedBy;
  return (
    <div className="net-bar">
      <span className="net-count" data-testid="net-count">
        {num(graph.order)} {data.filter.level === 'person' ? 'persons and accounts' : graph.order === 1 ? 'account' : 'accounts'} · {num(graph.size)} contact pairs
        {data.truncated ? (
          <span className="muted">
            {' '}
            (top {num(data.graph.keys.length)} of {num(data.nodes)} by {rankedBy}; {num(data.edges)} pairs in all)
          </span>
        ) : null}
      </span>
      <label className="field">
        Size
        <select value={sizeBy} onChange={(e) => go(params, { measure: e.target.value }, true)} aria-label="Node size">
          {MEASURES.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Colour
        <select value={colourBy} onChange={(e) => go(params, { color: e.target.value }, true)} aria-label="Node colour">
          <option value="community">Community ({num(data.communities)})</option>
          {MEASURES.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Nodes
        <select value={data.filter.level} onChange={(e) => go(params, { level: e.target.value === 'person' ? 'person' : 'account', focus: null, to: null }, true)} aria-label="Node level" data-testid="net-level">
          <option value="account">Accounts</option>
          <option value="person">Persons (merged accounts)</option>
        </select>
      </label>
      <form className="net-find" onSubmit={onFind} role="search">
        <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Find a person" aria-label="Find a person" maxLength={300} />
        {notFound ? <span className="muted"> not in the drawing</span> : null}
      </form>
      {findError ? (
        <div className="net-find-choices" data-testid="net-find-choices">
          <ErrorNotice error={findError} onChoose={choose} />
        </div>
      ) : null}
      <span className="net-layout muted" data-testid="net-layout">
        {layout.running ? `Layout running (${num(layout.iterations)} iterations)` : `Layout settled (${num(layout.iterations)} iterations, ${(layout.ms / 1000).toFixed(1)} s)`}
        {edgesHidden ? '; contacts are drawn when it rests' : ''}{' '}
        {layout.running ? (
          <button type="button" className="net-btn-link" onClick={onStop}>
            stop
          </button>
        ) : (
          <button type="button" className="net-btn-link" onClick={onRelayout}>
            re-run
          </button>
        )}
      </span>
      {data.betweenness.sampled ? (
        <span className="muted net-note">
          Betweenness estimated from {num(data.betweenness.samples)} sampled sources (error ≤ {data.betweenness.errorBound.toPrecision(2)}).
        </span>
      ) : null}
    </div>
  );
}

function SidePanel({
  graph,
  focus,
  to,
  params,
  ego,
  egoError,
  onExpand,
  path,
  version,
}: {
  graph: NetGraph;
  focus: string;
  to: string | null;
  params: URLSearchParams;
  ego: NetworkEgoResponse | null;
  egoError: unknown;
  onExpand: () => void;
  path: { res: NetworkPathResponse | null; error: unknown } | null;
  version: number;
}) {
  const [target, setTarget] = useState(to ?? '');
  useEffect(() => setTarget(to ?? ''), [to]);
  const a = graph.hasNode(focus) ? graph.getNodeAttributes(focus) : null;
  const ranks = useMemo(() => {
    if (!a) return null;
    const out: Record<string, number> = {};
    for (const m of MEASURES) {
      let above = 0;
      graph.forEachNode((_k, b) => {
        if (b[m.id] > a[m.id]) above++;
      });
      out[m.id] = above + 1;
    }
    return out;
  }, [graph, focus, version, a]);
  const onPath = (e: FormEvent) => {
    e.preventDefault();
    const t = target.trim();
    if (t) go(params, { to: t });
  };
  return (
    <aside className="net-panel" data-testid="net-panel" aria-label="Selected person">
      <button type="button" className="net-close net-btn-link" onClick={() => go(params, { focus: null, to: null })} aria-label="Close">
        ×
      </button>
      <h2 className="account-name" dir="auto" data-testid="net-panel-name">
        {a?.label ?? focus}
      </h2>
      <div className="account-ref" dir="ltr">
        {focus}
      </div>
      <LoadedAnnotations item={focus.startsWith('person:') ? focus : `account:${focus}`} />
      {a && ranks ? (
        <table className="grid net-measures">
          <tbody>
            {MEASURES.map((m) => (
              <tr key={m.id}>
                <th>{m.title}</th>
                <td className="num">{fmtMeasure(m.id, a[m.id])}</td>
                <td className="num muted">
                  {Number.isNaN(a[m.id]) ? '' : `#${num(ranks[m.id]!)} of ${num(graph.order)}`}
                </td>
              </tr>
            ))}
            <tr>
              <th>Community</th>
              <td className="num">{a.community >= 0 ? a.community : '–'}</td>
              <td />
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted">Not in the drawn network (loading their contacts…).</p>
      )}
      <nav className="net-links" aria-label="Open in other views">
        <Link to={searchHref(filterTerm('from', focus))}>messages</Link>
        <Link to={`/dossier/${encodeURIComponent(focus)}`}>dossier</Link>
        <Link to="/key-players">key players</Link>
        <Link to={href('/key-players', { arrest: focus })}>arrest</Link>
      </nav>
      <div className="net-actions">
        <button type="button" className="btn" onClick={onExpand} data-testid="net-expand">
          Expand contacts (up to {EGO_CAP})
        </button>
        {ego ? (
          <p className="muted" data-testid="net-ego">
            {num(ego.graph.keys.length - 1)} direct contacts{ego.truncated ? ` (capped at ${EGO_CAP}, nearest first)` : ''}.
          </p>
        ) : null}
        {egoError ? <ErrorNotice error={egoError} /> : null}
      </div>
      <form className="net-path-form" onSubmit={onPath}>
        <label>
          Shortest path to
          <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="account reference or name" aria-label="Path to" maxLength={300} />
        </label>
        <button type="submit" className="btn">
          Show path
        </button>
      </form>
      {path?.error ? <ErrorNotice error={path.error} onChoose={(r) => setTarget(r)} /> : null}
      {path?.res ? (
        path.res.length === null ? (
          <p className="muted" data-testid="net-path">
            No chain of contacts links them in this network.
          </p>
        ) : (
          <ol className="net-path" data-testid="net-path">
            {path.res.nodes.map((n, i) => (
              <li key={n.key}>
                <Link to={href('/network', { ...Object.fromEntries(params), focus: n.key, to: null })} dir="auto">
                  <Untrusted text={n.label} />
                </Link>
                {i < path.res!.hops.length ? <span className="muted"> · {num(path.res!.hops[i]!.messages)} {path.res!.hops[i]!.messages === 1 ? 'message' : 'messages'} ↓</span> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </aside>
  );
}

const STEPS = 1000;

/** Two handles over the case's time span; the network is reloaded for the window once the handles rest. */
function TimeSlider({ first, last, data, params }: { first: number; last: number; data: NetworkResponse; params: URLSearchParams }) {
  const end = last + 60_000; // `before` is exclusive: one minute past the last communication
  const width = Math.max(1, end - first);
  const toStep = (t: number | null, dflt: number) => (t === null ? dflt : Math.round(((Math.min(Math.max(t, first), end) - first) / width) * STEPS));
  const [lo, setLo] = useState(toStep(data.filter.after, 0));
  const [hi, setHi] = useState(toStep(data.filter.before, STEPS));
  useEffect(() => {
    setLo(toStep(data.filter.after, 0));
    setHi(toStep(data.filter.before, STEPS));
  }, [data]);
  const at = (s: number) => first + (s / STEPS) * width;
  const timer = useRef(0);
  const commit = (l: number, h: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const whole = l <= 0 && h >= STEPS;
      go(params, { after: whole || l <= 0 ? null : isoMinute(Math.floor(at(l) / 60_000) * 60_000), before: whole || h >= STEPS ? null : isoMinute(Math.ceil(at(h) / 60_000) * 60_000) }, true);
    }, 350);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <div className="net-time" data-testid="net-time">
      <span className="muted">Time window</span>
      <input
        type="range"
        min={0}
        max={STEPS}
        value={lo}
        aria-label="Window start"
        onChange={(e) => {
          const v = Math.min(Number(e.target.value), hi - 1);
          setLo(v);
          commit(v, hi);
        }}
      />
      <input
        type="range"
        min={0}
        max={STEPS}
        value={hi}
        aria-label="Window end"
        onChange={(e) => {
          const v = Math.max(Number(e.target.value), lo + 1);
          setHi(v);
          commit(lo, v);
        }}
      />
      <span className="net-window" data-testid="net-window">
        {fmtTime(at(lo))} – {fmtTime(at(hi))} UTC
      </span>
      {data.filter.after !== null || data.filter.before !== null ? (
        <button type="button" className="net-btn-link" onClick={() => go(params, { after: null, before: null }, true)}>
          whole case
        </button>
      ) : null}
    </div>
  );
}
