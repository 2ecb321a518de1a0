/**
 * The disruption panel of the Key players view: the analyst's arrests (kept in the URL as
 * `?arrest=REF&arrest=REF`, so the Network view can link here), removed from the contact network
 * all at once or one block per step, against a comparison strategy removing the same number of
 * people in blocks of the same size (betweenness recomputed after each block, as Cavallaro et al.
 * 2020). Shows the largest connected component's share, the number of components and the global
 * efficiency, as a chart and as the table it is drawn from. At person level (`level`) a person's
 * accounts are one node, arrested together (`person:<id>` or any of its accounts names it).
 * With a scope (`scope=SPEC`, components/ScopePicker.tsx) the arrests run within it
 * (GET /api/scoped/disrupt): the largest component and efficiency before and after, who loses
 * every path to the suppliers and port insiders named (`suppliers=`, `port=`), the new brokers.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, type DisruptResponse, fetchApi, type ScopedDisruptResponse, sendApi, type WireJob, type WireKeyPlayer, type WireScopeNode } from '../lib/api';
import { num } from '../lib/format';
import { navigate } from '../lib/router';
import { useApi } from '../lib/useApi';
import { Chart, type ChartOption } from './Chart';
import { JobProgress } from './JobProgress';
import { ErrorNotice, Loading } from './Notice';
import { ScopeError, ScopeNote } from './ScopePicker';
import { Untrusted } from './Untrusted';

export const MAX_ARRESTS = 200;
/** Nodes of the simulated network: accounts, or persons (merged accounts as one). */
export type DisruptLevel = 'account' | 'person';
/** The server's cap on a strategy's steps. */
const MAX_STEPS = 40;
const STRATEGIES = [
  { id: 'betweenness', title: 'Betweenness (recomputed after each block)' },
  { id: 'degree', title: 'Degree (recomputed)' },
  { id: 'pagerank', title: 'PageRank (recomputed)' },
  { id: 'none', title: 'No comparison' },
] as const;
type Compare = (typeof STRATEGIES)[number]['id'];
const BLOCKS = [0, 1, 2, 5, 10];

export function arrestsOf(params: URLSearchParams): string[] {
  return [...new Set(params.getAll('arrest').map((a) => a.trim()).filter((a) => a !== '' && a.length <= 300))].slice(0, MAX_ARRESTS);
}

/** The current URL's path and params with the arrests replaced. */
export function withArrests(params: URLSearchParams, arrests: string[], patch: Record<string, string | null> = {}): string {
  const q = new URLSearchParams(params);
  q.delete('arrest');
  for (const a of arrests) q.append('arrest', a);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return q.size ? `${window.location.pathname}?${q}` : window.location.pathname;
}

interface Result {
  arrests: DisruptResponse;
  compare: DisruptResponse | null;
}

/** Each request may be answered by a job (202) on a big case: `onJob` hears its progress. */
async function simulate(arrests: string[], block: number, compare: Compare, level: DisruptLevel, signal: AbortSignal, onJob: (job: WireJob) => void): Promise<Result> {
  const a = await sendApi('POST', '/disrupt', {}, { remove: arrests, level, ...(block > 0 ? { block } : {}) }, signal, onJob);
  const removed = a.steps[a.steps.length - 1]?.removedTotal ?? 0;
  if (compare === 'none' || removed === 0) return { arrests: a, compare: null };
  const steps = Math.min(MAX_STEPS, Math.ceil(removed / a.block));
  const c = await sendApi('POST', '/disrupt', {}, { strategy: compare, block: a.block, steps, level }, signal, onJob);
  return { arrests: a, compare: c };
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function chartOption(r: Result, compareTitle: string): ChartOption {
  const line = (name: string, d: DisruptResponse, value: (s: DisruptResponse['steps'][number]) => number | null, color: string, dashed: boolean, axis: number) => ({
    name,
    type: 'line',
    yAxisIndex: axis,
    showSymbol: true,
    symbolSize: 7,
    lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: 2 },
    itemStyle: { color },
    data: d.steps.map((s) => [s.removedTotal, value(s)]),
  });
  const series = [
    line('Arrests: largest component', r.arrests, (s) => +(s.lccShare * 100).toFixed(2), '#b42318', false, 0),
    line('Arrests: components', r.arrests, (s) => s.components, '#b42318', true, 1),
  ];
  if (r.arrests.steps.some((s) => s.efficiencyRelative !== null)) series.push(line('Arrests: efficiency', r.arrests, (s) => (s.efficiencyRelative === null ? null : +(s.efficiencyRelative * 100).toFixed(2)), '#e8826f', false, 0));
  if (r.compare) {
    series.push(line(`${compareTitle}: largest component`, r.compare, (s) => +(s.lccShare * 100).toFixed(2), '#1f5fbf', false, 0));
    series.push(line(`${compareTitle}: components`, r.compare, (s) => s.components, '#1f5fbf', true, 1));
    if (r.compare.steps.some((s) => s.efficiencyRelative !== null))
      series.push(line(`${compareTitle}: efficiency`, r.compare, (s) => (s.efficiencyRelative === null ? null : +(s.efficiencyRelative * 100).toFixed(2)), '#8fb0e3', false, 0));
  }
  return {
    animation: false,
    grid: { left: 56, right: 64, top: 56, bottom: 40 },
    legend: { top: 4, left: 8, right: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => {
        const list = ps as { seriesName: string; value: [number, number | null] }[];
        const head = `${list[0]?.value[0] ?? 0} people removed`;
        return [head, ...list.map((p) => `${p.seriesName}: ${p.value[1] === null ? '–' : p.seriesName.endsWith('components') ? p.value[1] : `${p.value[1]}%`}`)].join('\n');
      },
    },
    xAxis: { type: 'value', name: 'people removed', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 0 },
    yAxis: [
      { type: 'value', name: '% of the intact network', min: 0, max: 100, nameTextStyle: { align: 'left' } },
      { type: 'value', name: 'components', minInterval: 1, min: 0, splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ],
    series,
  };
}

function StepRows({ who, d }: { who: string; d: DisruptResponse }) {
  return (
    <>
      {d.steps.map((s) => (
        <tr key={`${who}-${s.step}`} data-testid={`disrupt-${who}`} data-step={s.step} data-lcc={s.lccShare} data-components={s.components}>
          <td>{who === 'arrests' ? 'Arrests' : 'Comparison'}</td>
          <td className="num">{s.step}</td>
          <td className="removed">
            {s.step === 0 ? (
              <span className="muted">intact network</span>
            ) : (
              s.removed.map((n) => (
                <span key={n.key} className="removed-person" title={n.key} dir="auto">
                  <Untrusted text={n.label} />
                </span>
              ))
            )}
          </td>
          <td className="num">{num(s.removedTotal)}</td>
          <td className="num">
            {pct(s.lccShare)} <span className="muted">({num(s.lccSize)})</span>
          </td>
          <td className="num">{num(s.components)}</td>
          <td className="num">{pct(s.efficiencyRelative)}</td>
        </tr>
      ))}
    </>
  );
}

function AddPerson({ onAdd }: { onAdd: (term: string) => void }) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (t) onAdd(t.slice(0, 300));
    setText('');
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input className="text-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="reference, handle, name or person:<id>" aria-label="Add a person to arrest" maxLength={300} />
      <button className="btn" type="submit">
        Add
      </button>
    </form>
  );
}

/** Names in a comma-separated URL parameter (the watched sets of a scoped simulation). */
function listParam(params: URLSearchParams, k: string): string[] {
  return (params.get(k) ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '' && x.length <= 300).slice(0, 200);
}

const names = (ns: WireScopeNode[], max = 12) => (
  <>
    {ns.slice(0, max).map((n, i) => (
      <span key={n.key} title={n.key}>
        {i > 0 ? ', ' : ''}
        <span dir="auto"><Untrusted text={n.label} /></span>
      </span>
    ))}
    {ns.length > max ? <span className="muted"> and {num(ns.length - max)} more</span> : null}
  </>
);

/** A watched set of the scoped simulation (suppliers, port insiders), kept in the URL. */
function WatchField({ label, value, onSet }: { label: string; value: string[]; onSet: (v: string[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSet(text.split(',').map((x) => x.trim()).filter((x) => x !== ''));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field">
        {label}
        <input className="text-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="names or references, comma-separated" aria-label={label} maxLength={2000} />
      </label>
      <button className="btn" type="submit">
        Set
      </button>
    </form>
  );
}

function ScopedResult({ d }: { d: ScopedDisruptResponse }) {
  const pctOf = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = [
    ['Before', d.before],
    ['After', d.after],
  ] as const;
  return (
    <div data-testid="scoped-disrupt">
      <ScopeNote scope={d.scope} />
      {d.outsideScope.length > 0 ? <div className="notice">Outside the scope (not removed from it): {names(d.outsideScope)}</div> : null}
      <p className="disrupt-summary" data-testid="disrupt-summary">
        Within the scope, arresting {names(d.removed)} leaves a largest connected group of {num(d.after.largestComponent)} of {num(d.after.nodes)} (
        {pctOf(d.after.largestComponentShare)}; before: {num(d.before.largestComponent)} of {num(d.before.nodes)}, {pctOf(d.before.largestComponentShare)}) in{' '}
        {num(d.after.components)} components; global efficiency {d.before.globalEfficiency.toFixed(3)} → {d.after.globalEfficiency.toFixed(3)}
        {d.efficiencySamples !== null ? ` (estimated from ${num(d.efficiencySamples)} sampled sources)` : ''}.
      </p>
      <table className="grid disrupt-table" data-testid="scoped-disrupt-table">
        <thead>
          <tr>
            <th />
            <th className="num">People</th>
            <th className="num">Largest component</th>
            <th className="num">Components</th>
            <th className="num">Global efficiency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([t, f]) => (
            <tr key={t}>
              <td>{t}</td>
              <td className="num">{num(f.nodes)}</td>
              <td className="num">
                {num(f.largestComponent)} <span className="muted">({pctOf(f.largestComponentShare)})</span>
              </td>
              <td className="num">{num(f.components)}</td>
              <td className="num">{f.globalEfficiency.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.cutOff.map((c) => (
        <p key={c.name} data-testid="scoped-cutoff">
          <strong>{c.name}</strong> ({names(c.members, 5)}): {num(c.lost.length)} of the {num(c.reachedBefore)} who reached them lose every path to them
          {c.lost.length > 0 ? <>: {names(c.lost)}</> : ''}.
        </p>
      ))}
      {d.brokers.length > 0 ? (
        <>
          <h3>New brokers</h3>
          <table className="grid" data-testid="scoped-brokers">
            <thead>
              <tr>
                <th>Person</th>
                <th className="num">Betweenness rank before → after</th>
                <th className="num">Betweenness before → after</th>
              </tr>
            </thead>
            <tbody>
              {d.brokers.map((b) => (
                <tr key={b.key}>
                  <td title={b.key} dir="auto">
                    <Untrusted text={b.label} />
                  </td>
                  <td className="num">
                    #{num(b.rankBefore)} → #{num(b.rankAfter)}
                  </td>
                  <td className="num">
                    {b.betweennessBefore.toPrecision(3)} → {b.betweennessAfter.toPrecision(3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

/** The arrests within a scope (one answer, no comparison strategy). */
function ScopedDisruption({ params, arrests, level, scope, setScope }: { params: URLSearchParams; arrests: string[]; level: DisruptLevel | null; scope: string; setScope: (s: string | null) => void }) {
  const suppliers = listParam(params, 'suppliers');
  const port = listParam(params, 'port');
  const key = `${arrests.join('\u0000')}|${level ?? ''}|${scope}|${suppliers.join(',')}|${port.join(',')}`;
  const { data, error, loading } = useApi(
    (signal) =>
      arrests.length && level
        ? fetchApi('/scoped/disrupt', { scope, level, remove: arrests.join(','), suppliers: suppliers.join(',') || undefined, port: port.join(',') || undefined }, signal)
        : Promise.resolve(null),
    [key],
  );
  const nav = (k: string, v: string[]) => navigate(withArrests(params, arrests, { [k]: v.length ? v.join(',') : null }), { replace: true });
  return (
    <>
      <div className="arrest-controls">
        <WatchField label="Suppliers" value={suppliers} onSet={(v) => nav('suppliers', v)} />
        <WatchField label="Port insiders" value={port} onSet={(v) => nav('port', v)} />
      </div>
      {arrests.length > 0 && loading ? <Loading what="Simulating within the scope" /> : null}
      {error ? <ScopeError error={error} scope={scope} onChange={setScope} /> : null}
      {data ? <ScopedResult d={data} /> : null}
    </>
  );
}

export function Disruption({
  params,
  arrests,
  setArrests,
  known,
  level,
  scope = null,
  setScope = () => {},
}: {
  params: URLSearchParams;
  arrests: string[];
  setArrests: (a: string[]) => void;
  known: WireKeyPlayer[];
  /** null while the view is still choosing (nothing is simulated until it knows). */
  level: DisruptLevel | null;
  /** The scope SPEC the arrests run within (null: the whole case), and how to change it. */
  scope?: string | null;
  setScope?: (s: string | null) => void;
}) {
  const blockAsked = Number(params.get('block') ?? '0');
  const block = BLOCKS.includes(blockAsked) ? blockAsked : 0;
  const compare: Compare = (STRATEGIES.find((s) => s.id === params.get('compare'))?.id ?? 'betweenness') as Compare;
  const compareTitle = STRATEGIES.find((s) => s.id === compare)!.title.replace(/ \(.*\)$/, '');
  const key = `${arrests.join('\u0000')}|${block}|${compare}|${level ?? ''}`;
  // the job computing the simulation (a 202 answer on a big case): progress and Cancel
  const [job, setJob] = useState<WireJob | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { data: r, error, loading } = useApi((signal) => {
    setJob(null);
    return arrests.length && level && !scope ? simulate(arrests, block, compare, level, signal, (j) => !signal.aborted && setJob(j)) : Promise.resolve(null);
  }, [key, attempt, scope]);
  const cancelled = error instanceof ApiError && error.code === 'INTERRUPTED';
  const option = useMemo(() => (r ? chartOption(r, compareTitle) : null), [r, compareTitle]);
  const label = (term: string) => {
    const row = known.find((p) => p.key === term);
    if (row) return row.label;
    const found = r?.arrests.arrests.find((a) => a.term === term);
    return found && found.nodes.length > 0 && found.nodes.length <= 3 ? found.nodes.map((n) => n.label).join(' + ') : term;
  };
  const nav = (k: string, v: string | null) => navigate(withArrests(params, arrests, { [k]: v }), { replace: true });
  const last = r?.arrests.steps[r.arrests.steps.length - 1];
  const lastCompare = r?.compare?.steps[r.compare.steps.length - 1];
  return (
    <section className="disruption" data-testid="disruption" aria-label="Disruption simulation">
      <h2>Disruption: simulate arrests</h2>
      <div className="arrest-bar">
        {arrests.length === 0 ? <span className="muted">Tick people in the ranking below, or add anyone by reference or name.</span> : null}
        {arrests.map((a) => (
          <span key={a} className="chip arrest-chip" data-testid="arrest-chip" title={a}>
            <span dir="auto"><Untrusted text={label(a)} /></span>
            <button type="button" className="btn-ghost chip-x" aria-label={`release ${a}`} onClick={() => setArrests(arrests.filter((x) => x !== a))}>
              ×
            </button>
          </span>
        ))}
        {arrests.length < MAX_ARRESTS ? <AddPerson onAdd={(t) => setArrests([...arrests.filter((x) => x !== t), t])} /> : null}
        {arrests.length > 0 ? (
          <button type="button" className="btn btn-ghost" onClick={() => setArrests([])}>
            Clear
          </button>
        ) : null}
      </div>
      {scope ? <ScopedDisruption params={params} arrests={arrests} level={level} scope={scope} setScope={setScope} /> : null}
      {scope ? null : (
        <div className="arrest-controls">
          <label className="field">
            Removed
            <select value={String(block)} onChange={(e) => nav('block', e.target.value === '0' ? null : e.target.value)} aria-label="Removed per step">
              {BLOCKS.map((b) => (
                <option key={b} value={String(b)}>
                  {b === 0 ? 'all at once' : b === 1 ? 'one per step' : `${b} per step`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Compare with
            <select value={compare} onChange={(e) => nav('compare', e.target.value === 'betweenness' ? null : e.target.value)} aria-label="Comparison strategy">
              {STRATEGIES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {arrests.length > 0 && loading && !job ? <Loading what="Simulating (loading the network takes a few seconds on a big case)" /> : null}
      {loading && job && job.endedAt === null ? <JobProgress job={job} /> : null}
      {cancelled ? (
        <div className="notice" data-testid="disrupt-cancelled">
          Simulation cancelled.{' '}
          <button type="button" className="btn btn-ghost" onClick={() => setAttempt((n) => n + 1)}>
            Run it again
          </button>
        </div>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      {r && option && last ? (
        <>
          {r.arrests.unresolved.map((u) => (
            <div key={u.term} className="notice" dir="auto">
              Left out “{u.term}”: {u.reason}
            </div>
          ))}
          <ScopeNote scope={null} whole={{ nodes: r.arrests.nodes }} unit={level === 'person' ? 'persons and accounts' : 'accounts'} />
          <p className="disrupt-summary" data-testid="disrupt-summary">
            Removing {num(last.removedTotal)} of {num(r.arrests.nodes)} people leaves a largest connected group of {pct(last.lccShare)} of the network (
            {num(last.components)} components)
            {lastCompare && r.compare
              ? `; ${compareTitle.toLowerCase()} removal of ${num(lastCompare.removedTotal)} leaves ${pct(lastCompare.lccShare)} (${num(lastCompare.components)} components)`
              : ''}
            .
          </p>
          <Chart option={option} height={300} label="Disruption: largest component share and components as people are removed" testId="disrupt-chart" />
          <p className="muted small">
            Largest component: the biggest group still connected, as a share of the intact network&apos;s {num(r.arrests.nodes)} people. Efficiency: mean inverse distance
            between people, relative to the intact network
            {r.arrests.efficiencySamples !== null ? `, estimated from ${num(r.arrests.efficiencySamples)} sampled sources` : ''}.
            {r.compare?.betweenness?.sampled ? ` Comparison betweenness estimated from ${num(r.compare.betweenness.samples)} sampled sources.` : ''}
            {r.compare && lastCompare && lastCompare.removedTotal < last.removedTotal ? ` The comparison stops after ${MAX_STEPS} steps.` : ''}
          </p>
          <table className="grid disrupt-table" data-testid="disrupt-table">
            <thead>
              <tr>
                <th>Who</th>
                <th className="num">Step</th>
                <th>Removed in this step</th>
                <th className="num">Removed</th>
                <th className="num">Largest component</th>
                <th className="num">Components</th>
                <th className="num">Efficiency</th>
              </tr>
            </thead>
            <tbody>
              <StepRows who="arrests" d={r.arrests} />
              {r.compare ? <StepRows who="compare" d={r.compare} /> : null}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
