import { useMemo, useState, type FormEvent } from 'react';
import { Chart, plain, type ChartOption } from '../components/Chart';
import { ErrorNotice, Loading } from '../components/Notice';
import { fetchApi, ambiguousTerm, isTermOf, type ActivityHeatResponse, type ActivityResponse, type WireActivityUnit } from '../lib/api';
import { day, num } from '../lib/format';
import { filterTerm, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';
import { IsoDateInput } from '../components/IsoDateInput';
import { CsvButton } from '../components/Download';

const UNITS: { id: WireActivityUnit; title: string }[] = [
  { id: 'day', title: 'Day' },
  { id: 'week', title: 'Week' },
  { id: 'month', title: 'Month' },
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MAX_ACCOUNTS = 12;
const PALETTE = ['#1f5fbf', '#b86b00', '#2f7d4f', '#7a4bb0', '#b42318', '#0f7c8c', '#8a5a00', '#4b5563', '#c2417a', '#3f7d20', '#5b3cc4', '#a14f00'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The view's state, all in the URL. */
interface State {
  unit: WireActivityUnit;
  accounts: string[];
  conversation: string | null;
  community: string | null;
  after: string | null;
  before: string | null;
  tz: string | null;
}

function stateOf(params: URLSearchParams): State {
  const unit = params.get('unit');
  const date = (k: string) => {
    const v = params.get(k);
    return v && DATE.test(v) ? v : null;
  };
  return {
    unit: unit === 'week' || unit === 'month' ? unit : 'day',
    accounts: [...new Set(params.getAll('account').filter((a) => a.trim() !== ''))].slice(0, MAX_ACCOUNTS),
    conversation: /^[0-9]{1,16}$/.test(params.get('conversation') ?? '') ? params.get('conversation') : null,
    community: /^[0-9]{1,8}$/.test(params.get('community') ?? '') ? params.get('community') : null,
    after: date('after'),
    before: date('before'),
    tz: params.get('tz') || null,
  };
}

function hrefOf(s: State): string {
  const q = new URLSearchParams();
  if (s.unit !== 'day') q.set('unit', s.unit);
  for (const a of s.accounts) q.append('account', a);
  if (s.conversation) q.set('conversation', s.conversation);
  if (s.community) q.set('community', s.community);
  if (s.after) q.set('after', s.after);
  if (s.before) q.set('before', s.before);
  if (s.tz) q.set('tz', s.tz);
  return q.size ? `/timeline?${q}` : '/timeline';
}

/** The API query of a state: the scope and range (the activity adds its unit, the heat matrix its time zone). */
function scopeOf(s: State) {
  return {
    account: s.accounts,
    conversation: s.conversation ?? undefined,
    community: s.community ?? undefined,
    after: s.after ?? undefined,
    before: s.before ?? undefined,
  };
}

/**
 * The Search view for one bucket: `after:` (inclusive) and `before:` (exclusive) in UTC, and
 * `from:` for an account (`person:<id>` for a person: what any of its accounts sent).
 */
export function periodSearchHref(start: number, end: number, account?: string): string {
  const terms = [`after:${day(start)}`, `before:${day(end)}`];
  if (account) terms.push(/^person:\d+$/.test(account) ? account : filterTerm('from', account));
  return searchHref(terms.join(' '));
}

function periodLabel(unit: WireActivityUnit, start: number): string {
  const d = day(start);
  return unit === 'month' ? d.slice(0, 7) : unit === 'week' ? `week of ${d}` : d;
}

function activityOption(r: ActivityResponse): ChartOption {
  const cats = r.buckets.map((b) => periodLabel(r.unit, b.start));
  const perAccount = r.series.length > 1 || r.series[0]?.account !== null || r.series[0]?.person !== undefined;
  const series = perAccount
    ? r.series.map((s, i) => ({
        name: plain(s.label, 40),
        type: 'bar',
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        data: s.messages.map((m, j) => m + s.calls[j]!),
      }))
    : [
        { name: 'Messages', type: 'bar', stack: 'all', itemStyle: { color: PALETTE[0] }, data: r.series[0]?.messages ?? [] },
        { name: 'Calls', type: 'bar', stack: 'all', itemStyle: { color: PALETTE[1] }, data: r.series[0]?.calls ?? [] },
      ];
  return {
    animation: false,
    grid: { left: 56, right: 20, top: 36, bottom: r.buckets.length > 60 ? 64 : 36 },
    legend: { top: 4, right: 20, left: 180, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const list = ps as { dataIndex: number; seriesIndex: number }[];
        const i = list[0]?.dataIndex ?? 0;
        const b = r.buckets[i];
        if (!b) return '';
        const lines = [`${periodLabel(r.unit, b.start)} (UTC)`];
        for (const s of r.series) lines.push(`${plain(s.label, 40)}: ${num(s.messages[i] ?? 0)} messages, ${num(s.calls[i] ?? 0)} calls`);
        lines.push(perAccount ? 'click: the messages that account sent, in Search' : 'click: these messages in Search');
        return lines.join('\n');
      },
    },
    xAxis: { type: 'category', data: cats, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, name: perAccount ? 'messages + calls' : 'count', nameTextStyle: { align: 'left' } },
    ...(r.buckets.length > 60 ? { dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] } : {}),
    series,
  };
}

function heatOption(h: ActivityHeatResponse): ChartOption {
  const data: [number, number, number][] = [];
  h.cells.forEach((row, d) => row.forEach((n, hour) => data.push([hour, d, n])));
  return {
    animation: false,
    grid: { left: 56, right: 96, top: 12, bottom: 30 },
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number] }).value;
        return `${DAYS[v[1]]} ${String(v[0]).padStart(2, '0')}:00–${String(v[0]).padStart(2, '0')}:59 (${plain(h.timeZone, 64)})\n${num(v[2])} messages and calls`;
      },
    },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')), splitArea: { show: true } },
    yAxis: { type: 'category', data: DAYS, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, h.max), calculable: true, orient: 'vertical', right: 12, top: 'middle', itemHeight: 140, inRange: { color: ['#f0f2f5', '#9db8e3', '#1f5fbf', '#0c2d63'] } },
    series: [{ name: 'Activity', type: 'heatmap', data, label: { show: false }, emphasis: { itemStyle: { borderColor: '#1c2430', borderWidth: 1 } } }],
  };
}

function AccountPicker({ onAdd }: { onAdd: (ref: string) => void }) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (t) onAdd(t.slice(0, 300));
    setText('');
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input className="text-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="account reference, name or person:<id>" aria-label="Add an account" maxLength={300} />
      <button className="btn" type="submit">
        Add account
      </button>
    </form>
  );
}

function CommunityPicker({ state, set }: { state: State; set: (s: Partial<State>) => void }) {
  const [open, setOpen] = useState(state.community !== null);
  const { data, error } = useApi((signal) => (open ? fetchApi('/activity/groups', {}, signal) : Promise.resolve(null)), [open]);
  if (!open)
    return (
      <button className="btn" type="button" onClick={() => setOpen(true)}>
        Pick a community…
      </button>
    );
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="Finding communities" />;
  return (
    <label className="field">
      Community
      <select value={state.community ?? ''} onChange={(e) => set({ community: e.target.value || null, accounts: [], conversation: null })} aria-label="Community">
        <option value="">none</option>
        {data.communities.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {`#${c.id} · ${c.size} people · ${c.members.map((m) => m.label).join(', ')}`.slice(0, 140)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The conversations an account took part in (from its dossier), to pick one as the scope. */
function ConversationPicker({ account, set }: { account: string; set: (s: Partial<State>) => void }) {
  const { data, error } = useApi((signal) => fetchApi('/dossier/:ref*', { ref: account, contacts: 1, entities: 1 }, signal), [account]);
  if (error || !data || data.conversations.length === 0) return null;
  return (
    <label className="field">
      Conversation
      <select value="" onChange={(e) => e.target.value && set({ conversation: e.target.value, accounts: [], community: null })} aria-label="Conversation">
        <option value="">{`of ${account.slice(0, 40)}…`}</option>
        {data.conversations.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {`${c.title ?? c.ref} · ${c.members} members · ${c.sent} sent`.slice(0, 140)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Activity over time: per day/week/month for the case, accounts, a conversation or a community, and when in the week. */
export default function TimelineView({ params }: ViewProps) {
  const state = stateOf(params);
  const set = (patch: Partial<State>) => navigate(hrefOf({ ...state, ...patch }), { replace: true });
  const activityQuery = { ...scopeOf(state), unit: state.unit };
  const activityKey = JSON.stringify(activityQuery);
  const { data: r, error } = useApi((signal) => fetchApi('/activity', activityQuery, signal), [activityKey]);
  const heatQuery = { ...scopeOf(state), tz: state.tz ?? undefined };
  const heatKey = JSON.stringify(heatQuery);
  const { data: h, error: heatError } = useApi((signal) => fetchApi('/activity/heat', heatQuery, signal), [heatKey]);
  const option = useMemo(() => (r ? activityOption(r) : null), [r]);
  const heat = useMemo(() => (h ? heatOption(h) : null), [h]);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  /** An ambiguous name among the accounts: the candidate chosen takes its place. */
  const chooser = (e: unknown) => {
    const term = ambiguousTerm(e);
    if (term === null || !state.accounts.some((a) => isTermOf(a, term))) return undefined;
    return (ref: string) => set({ accounts: [...new Set(state.accounts.map((a) => (isTermOf(a, term) ? ref : a)))] });
  };

  const openPeriod = (seriesIndex: number, dataIndex: number) => {
    if (!r) return;
    const b = r.buckets[dataIndex];
    if (!b) return;
    const s = r.series.length > 1 ? r.series[seriesIndex] : r.series[0];
    navigate(periodSearchHref(b.start, b.end, s?.account ? s.account.ref : s?.person ? `person:${s.person.id}` : undefined));
  };

  return (
    <div className="view view-timeline">
      <div className="view-head">
        <h1>Timeline</h1>
        <div className="segmented" role="group" aria-label="Unit">
          {UNITS.map((u) => (
            <button key={u.id} type="button" className={`seg${state.unit === u.id ? ' active' : ''}`} aria-pressed={state.unit === u.id} onClick={() => set({ unit: u.id })}>
              {u.title}
            </button>
          ))}
        </div>
        <label className="field">
          From
          <IsoDateInput className="text-input" value={state.after ?? null} onChange={(d) => set({ after: d })} aria-label="After (UTC)" />
        </label>
        <label className="field">
          to
          <IsoDateInput className="text-input" value={state.before ?? null} onChange={(d) => set({ before: d })} aria-label="Before (UTC)" />
        </label>
      </div>
      <div className="timeline-scope">
        <span className="muted">Scope:</span>
        {state.accounts.length === 0 && !state.conversation && !state.community ? <span className="chip">whole case</span> : null}
        {state.accounts.map((a) => (
          <span key={a} className="chip" data-testid="scope-account" title={a}>
            <span dir="auto"><Untrusted text={r?.series.find((s) => s.key === a || s.account?.ref === a)?.person?.name ?? a} /></span>
            <button type="button" className="btn-ghost chip-x" aria-label={`remove ${a}`} onClick={() => set({ accounts: state.accounts.filter((x) => x !== a) })}>
              ×
            </button>
          </span>
        ))}
        {state.conversation ? (
          <span className="chip">
            conversation {state.conversation}
            <button type="button" className="btn-ghost chip-x" aria-label="remove the conversation" onClick={() => set({ conversation: null })}>
              ×
            </button>
          </span>
        ) : null}
        {state.accounts.length < MAX_ACCOUNTS ? <AccountPicker onAdd={(a) => set({ accounts: [...state.accounts.filter((x) => x !== a), a], conversation: null, community: null })} /> : null}
        {state.accounts.length === 1 ? <ConversationPicker account={state.accounts[0]!} set={set} /> : null}
        <CommunityPicker state={state} set={set} />
      </div>

      <div className="view-head">
        <h2>Messages and calls per {state.unit} (UTC)</h2>
        <CsvButton path="/csv/timeline" params={activityQuery} title="These counts as CSV: one row per series and period" testId="csv-timeline" />
      </div>
      {error ? <ErrorNotice error={error} onChoose={chooser(error)} /> : null}
      {!r && !error ? <Loading what="Counting" /> : null}
      {r && option ? (
        <>
          <p className="muted small" data-testid="activity-summary">
            {r.series.map((s) => `${s.label}: ${num(s.totals.messages)} messages, ${num(s.totals.calls)} calls`).join(' · ')}
            {r.buckets.length ? ` · ${day(r.buckets[0]!.start)} to ${day(r.buckets[r.buckets.length - 1]!.end - 1)}` : ''}. Duplicates (the same message seen on two phones) are
            counted once
            {r.series.some((s) => s.account || s.person) ? '; an account (or a person: all its accounts) counts what it sent or received (a click searches what it sent)' : ''}. Click a bar for those messages in Search.
          </p>
          {r.note ? <div className="notice">{r.note}</div> : null}
          {r.buckets.length === 0 ? (
            <div className="empty-note">No messages or calls in this scope.</div>
          ) : (
            <Chart option={option} height={300} label={`Messages and calls per ${r.unit}`} testId="activity-chart" onClick={(e) => openPeriod(e.seriesIndex, e.dataIndex)} />
          )}
        </>
      ) : null}

      <div className="view-head timeline-heat-head">
        <h2>Day of week × hour ({h ? plain(h.timeZone, 64) : state.tz ?? 'UTC'})</h2>
        <label className="field">
          Time zone
          <select value={state.tz ?? ''} onChange={(e) => set({ tz: e.target.value || null })} aria-label="Time zone">
            <option value="">UTC</option>
            {browserZone && browserZone !== 'UTC' ? <option value={browserZone}>{browserZone} (this computer)</option> : null}
            {['Europe/Belgrade', 'Europe/Amsterdam', 'Europe/London', 'America/Guayaquil', 'Asia/Dubai'].filter((z) => z !== browserZone).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
            {state.tz && ![browserZone, 'Europe/Belgrade', 'Europe/Amsterdam', 'Europe/London', 'America/Guayaquil', 'Asia/Dubai'].includes(state.tz) ? <option value={state.tz}>{state.tz}</option> : null}
          </select>
        </label>
      </div>
      {heatError && !error ? <ErrorNotice error={heatError} onChoose={chooser(heatError)} /> : null}
      {!h && !heatError ? <Loading what="Counting per hour" /> : null}
      {h && heat ? (
        <>
          <p className="muted small" data-testid="heat-summary">
            {num(h.total)} messages and calls of <span dir="auto"><Untrusted text={h.label} /></span> by day of week and hour, in {h.timeZone === 'UTC' ? 'UTC (not the phones’ local time)' : h.timeZone}. Busiest
            cell: {num(h.max)}.
          </p>
          <Chart option={heat} height={240} label="Messages and calls by day of week and hour" testId="heat-chart" />
        </>
      ) : null}
    </div>
  );
}
