import { useEffect, useRef, useState } from 'react';
import { Account } from '../../components/Account';
import { Link } from '../../components/Link';
import { ErrorNotice, Loading } from '../../components/Notice';
import { Untrusted } from '../../components/Untrusted';
import { api, download, type ReportMadeResponse, type ReportRebuiltResponse } from '../../lib/api';
import { num, utc } from '../../lib/format';
import { useApi, useCaseGeneration } from '../../lib/useApi';
import { reportApi } from './data';
import { addItems, type Draft, figureSpec, itemKey, itemType, loadDraft, MEASURES, type Measure, move, parseIdList, saveDraft, takePending } from './state';

/** What the server keeps per commentary and introduction (src/report/manifest.ts). */
const MAX_COMMENTARY = 10_000;
const MAX_INTRODUCTION = 50_000;

/** A call's duration as the list shows it. */
function duration(seconds: number | null): string {
  if (seconds === null) return '';
  if (!(seconds > 0)) return 'unanswered';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/**
 * Report: build an evidence report. Pick the messages and calls to cite (a tag's, by id, or an account's calls), order them,
 * write commentary on each and an introduction, choose network figures; the server makes the
 * report (the same as `clew report`) with its manifest; download the HTML, the PDF and the
 * manifest; check a manifest by rebuilding its report from the case.
 */
export default function ReportView() {
  const { data: stats } = useApi(() => api.statsCached(), []);
  if (!stats) return <Loading />;
  return <Builder caseName={stats.case.name} />;
}

function Builder({ caseName }: { caseName: string }) {
  const [draft, setDraftState] = useState<Draft>(() => loadDraft(caseName));
  const setDraft = (f: (d: Draft) => Draft) =>
    setDraftState((d) => {
      const next = f(d);
      saveDraft(caseName, next);
      return next;
    });
  const [made, setMade] = useState<ReportMadeResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // messages added from Search or a conversation (+ Report) since the view was last open
  useEffect(() => {
    const ids = takePending(caseName);
    if (ids.length === 0) return;
    reportApi.byIds(ids.slice(0, 500)).then(
      (r) => setDraft((d) => ({ ...d, items: addItems(d.items, r.items) })),
      (e: unknown) => setError(e),
    );
    // once per opening of the view (setDraft is stable in what it does)
  }, [caseName]);

  const make = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      setMade(
        await reportApi.make({
          items: draft.items.map((i) => ({ type: itemType(i.item), id: i.item.id, commentary: i.commentary.trim() ? i.commentary : null })),
          introduction: draft.introduction.trim() ? draft.introduction : null,
          figures: draft.figures.map(figureSpec),
          context: draft.context,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="view view-report">
      <div className="view-head">
        <h1>Report</h1>
      </div>
      <p className="muted">
        An evidence report for a prosecutor or an allied agency: the messages and calls you cite, each with its provenance, raw source record, annotations and context, the case’s sources
        with their hashes, and the figures you choose. It comes with a manifest from which the same report is rebuilt byte for byte (<code>clew report --manifest</code>).
      </p>
      <AddItems onAdd={(more) => setDraft((d) => ({ ...d, items: addItems(d.items, more) }))} />

      <section className="report-section">
        <h2>Introduction</h2>
        <textarea
          className="report-text"
          rows={4}
          maxLength={MAX_INTRODUCTION}
          dir="auto"
          placeholder="What this report shows and why"
          aria-label="Introduction"
          data-testid="report-introduction"
          value={draft.introduction}
          onChange={(e) => {
            const v = e.target.value;
            setDraft((d) => ({ ...d, introduction: v }));
          }}
        />
      </section>

      <section className="report-section">
        <h2>
          Items <span className="muted">({num(draft.items.length)})</span>
          {draft.items.length ? (
            <button type="button" className="btn btn-small btn-ghost" data-testid="report-clear" onClick={() => setDraft((d) => ({ ...d, items: [] }))}>
              Remove all
            </button>
          ) : null}
        </h2>
        {draft.items.length === 0 ? <div className="empty-note">No items yet: add the messages and calls of a tag, items by id, or an account’s calls, above.</div> : null}
        <ol className="report-items" data-testid="report-items">
          {draft.items.map((it, i) => (
            <li key={itemKey(it.item)} className="report-item" data-testid="report-item" data-id={it.item.id} data-type={itemType(it.item)}>
              <div className="report-item-head">
                <span className="muted">{utc(it.item.ts)}</span> <Account account={it.item.sender} />
                {itemType(it.item) === 'call' ? (
                  <>
                    {' called '}
                    {it.item.callee ? <Account account={it.item.callee} /> : null} <span className="muted">({duration(it.item.duration)})</span> <span className="muted small">call {it.item.id}</span>
                  </>
                ) : null}
                {it.item.conversationTitle ? (
                  <span className="muted" dir="auto">
                    {' '}
                    in <Untrusted text={it.item.conversationTitle} />
                  </span>
                ) : null}{' '}
                {itemType(it.item) === 'message' ? (
                  <Link to={`/m/${it.item.id}`} className="muted small">
                    message {it.item.id}
                  </Link>
                ) : null}
                <span className="report-item-actions">
                  <button type="button" className="btn btn-small" aria-label={`Move item ${i + 1} up`} data-testid="item-up" disabled={i === 0} onClick={() => setDraft((d) => ({ ...d, items: move(d.items, i, -1) }))}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Move item ${i + 1} down`}
                    data-testid="item-down"
                    disabled={i === draft.items.length - 1}
                    onClick={() => setDraft((d) => ({ ...d, items: move(d.items, i, 1) }))}
                  >
                    ↓
                  </button>
                  <button type="button" className="btn btn-small" aria-label={`Remove item ${i + 1}`} data-testid="item-remove" onClick={() => setDraft((d) => ({ ...d, items: d.items.filter((_, j) => j !== i) }))}>
                    ✕
                  </button>
                </span>
              </div>
              {itemType(it.item) === 'message' ? (
                <div className="report-item-body" dir="auto">
                  <Untrusted text={it.item.body} />
                </div>
              ) : null}
              {it.item.tags.length ? (
                <div className="small">
                  {it.item.tags.map((t) => (
                    <span key={t} className="tag-chip" dir="auto">
                      #<Untrusted text={t} />
                    </span>
                  ))}
                </div>
              ) : null}
              <textarea
                className="report-text"
                rows={2}
                maxLength={MAX_COMMENTARY}
                dir="auto"
                placeholder="Commentary on this item"
                aria-label={`Commentary on item ${i + 1}`}
                data-testid="item-commentary"
                value={it.commentary}
                onChange={(e) => {
                  const v = e.target.value;
                  setDraft((d) => ({ ...d, items: d.items.map((x, j) => (j === i ? { ...x, commentary: v } : x)) }));
                }}
              />
            </li>
          ))}
        </ol>
      </section>

      <Figures draft={draft} setDraft={setDraft} />

      <section className="report-section">
        <label className="field">
          <span className="muted">Context (messages before and after each cited one; calls and messages between its parties around each cited call)</span>
          <input
            type="number"
            min={0}
            max={50}
            value={draft.context}
            data-testid="report-context"
            onChange={(e) => {
              const n = Math.max(0, Math.min(50, Math.trunc(Number(e.target.value) || 0)));
              setDraft((d) => ({ ...d, context: n }));
            }}
          />
        </label>
      </section>

      <div className="report-make">
        <button type="button" className="btn btn-primary" disabled={busy || draft.items.length === 0} data-testid="report-make" onClick={() => void make()}>
          {busy ? 'Making the report…' : 'Make report'}
        </button>
        {error ? <ErrorNotice error={error} /> : null}
      </div>
      {made ? <Made made={made} /> : null}
      <Rebuild />
    </div>
  );
}

function AddItems({ onAdd }: { onAdd: (items: Awaited<ReturnType<typeof reportApi.tagged>>['items']) => void }) {
  const generation = useCaseGeneration();
  const { data: tags } = useApi((signal) => reportApi.tags(signal), [generation]);
  const [tag, setTag] = useState('');
  const [ids, setIds] = useState('');
  const [caller, setCaller] = useState('');
  const [other, setOther] = useState('');
  const [calls, setCalls] = useState<Parameters<typeof onAdd>[0] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chosen = tag || tags?.tags[0]?.name || '';
  const run = async (f: () => Promise<{ items: Parameters<typeof onAdd>[0] }>) => {
    setBusy(true);
    setError(null);
    try {
      onAdd((await f()).items);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const idList = parseIdList(ids).slice(0, 500);
  /** The items typed, messages and calls read apart, in the order typed. */
  const byIds = async () => {
    const ofType = (t: 'message' | 'call') => idList.filter((x) => x.type === t).map((x) => x.id);
    const [m, c] = await Promise.all([
      ofType('message').length ? reportApi.byIds(ofType('message')) : { items: [] },
      ofType('call').length ? reportApi.byCallIds(ofType('call')) : { items: [] },
    ]);
    const found = new Map([...m.items, ...c.items].map((x) => [itemKey(x), x]));
    setIds('');
    return { items: idList.flatMap((x) => found.get(`${x.type}:${x.id}`) ?? []) };
  };
  return (
    <section className="report-section report-add">
      <h2>Add items</h2>
      <div className="report-add-row">
        <label className="field">
          <span className="muted">Tagged</span>
          <select value={chosen} aria-label="Tag" data-testid="report-tag" onChange={(e) => setTag(e.target.value)} disabled={!tags?.tags.length}>
            {tags?.tags.length ? (
              tags.tags.map((t) => (
                <option key={t.tag} value={t.name}>
                  #{t.name} ({num(t.items)})
                </option>
              ))
            ) : (
              <option value="">no tags yet (tag messages in Search or a conversation)</option>
            )}
          </select>
        </label>
        <button type="button" className="btn" disabled={busy || !chosen} data-testid="report-add-tag" onClick={() => void run(() => reportApi.tagged(chosen))}>
          Add the tagged items
        </button>
      </div>
      <div className="report-add-row">
        <label className="field">
          <span className="muted">Message ids (call:ID for a call)</span>
          <input value={ids} placeholder="e.g. 3306686177280328, call:4711" aria-label="Message ids" data-testid="report-ids" onChange={(e) => setIds(e.target.value)} />
        </label>
        <button type="button" className="btn" disabled={busy || idList.length === 0} data-testid="report-add-ids" onClick={() => void run(byIds)}>
          Add
        </button>
      </div>
      <div className="report-add-row">
        <label className="field">
          <span className="muted">Calls of</span>
          <input value={caller} maxLength={500} placeholder="an account or person" aria-label="Calls of" data-testid="report-calls-of" onChange={(e) => setCaller(e.target.value)} />
        </label>
        <label className="field">
          <span className="muted">with</span>
          <input value={other} maxLength={500} placeholder="anyone" aria-label="Calls with" data-testid="report-calls-with" onChange={(e) => setOther(e.target.value)} />
        </label>
        <button
          type="button"
          className="btn"
          disabled={busy || !caller.trim()}
          data-testid="report-list-calls"
          onClick={() => void run(() => reportApi.callsOf(caller.trim(), other.trim()).then((r) => (setCalls(r.items), { items: [] })))}
        >
          List calls
        </button>
      </div>
      {calls ? (
        calls.length === 0 ? (
          <div className="empty-note">No calls.</div>
        ) : (
          <ul className="report-call-list" data-testid="report-call-list">
            {calls.map((c) => (
              <li key={c.id} data-testid="report-call" data-id={c.id}>
                <span className="muted">{utc(c.ts)}</span> <Account account={c.sender} /> called {c.callee ? <Account account={c.callee} /> : null} <span className="muted">({duration(c.duration)}, call {c.id})</span>{' '}
                <button type="button" className="btn btn-small btn-ghost" data-testid="report-add-call" onClick={() => onAdd([c])}>
                  + Report
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

function Figures({ draft, setDraft }: { draft: Draft; setDraft: (f: (d: Draft) => Draft) => void }) {
  const set = (i: number, patch: Partial<Draft['figures'][number]>) => setDraft((d) => ({ ...d, figures: d.figures.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  return (
    <section className="report-section">
      <h2>Figures</h2>
      <p className="muted small">Key players of the contact network, each as a table and a bar chart (an ego scope also as a picture of the ego network), with every parameter that made it. Scope as in Network, e.g. tag:evidence or ego:Kum:2.</p>
      <ul className="report-figures" data-testid="report-figures">
        {draft.figures.map((f, i) => (
          <li key={i} className="report-add-row">
            <select value={f.measure} aria-label={`Figure ${i + 1} measure`} data-testid="figure-measure" onChange={(e) => set(i, { measure: e.target.value as Measure })}>
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <label className="field">
              <span className="muted">top</span>
              <input type="number" min={1} max={200} value={f.top} aria-label={`Figure ${i + 1} top`} onChange={(e) => set(i, { top: Math.max(1, Math.min(200, Math.trunc(Number(e.target.value) || 10))) })} />
            </label>
            <label className="field">
              <span className="muted">scope</span>
              <input value={f.scope} maxLength={1000} placeholder="the whole case" aria-label={`Figure ${i + 1} scope`} data-testid="figure-scope" onChange={(e) => set(i, { scope: e.target.value })} />
            </label>
            <button type="button" className="btn btn-small" aria-label={`Remove figure ${i + 1}`} onClick={() => setDraft((d) => ({ ...d, figures: d.figures.filter((_, j) => j !== i) }))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn"
        disabled={draft.figures.length >= 20}
        data-testid="report-add-figure"
        onClick={() => setDraft((d) => ({ ...d, figures: [...d.figures, { measure: 'pagerank', top: 10, scope: '' }] }))}
      >
        Add a key-players figure
      </button>
    </section>
  );
}

function Made({ made }: { made: ReportMadeResponse }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const get = async (what: 'html' | 'pdf' | 'manifest') => {
    setBusy(what);
    setError(null);
    try {
      const name = await download('/report/:sha/:what', { sha: made.manifestSha256, what });
      setSaved((s) => [...s, name]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="report-section notice" role="status" data-testid="report-made">
      <p>
        Report made: {num(made.items)} item{made.items === 1 ? '' : 's'}, {num(made.figures)} figure{made.figures === 1 ? '' : 's'}, {num(made.htmlBytes)} bytes.
      </p>
      <dl className="report-hashes">
        <dt>Report SHA-256</dt>
        <dd className="hash" data-testid="report-sha">
          {made.htmlSha256}
        </dd>
        <dt>Manifest SHA-256</dt>
        <dd className="hash" data-testid="manifest-sha">
          {made.manifestSha256}
        </dd>
      </dl>
      <div className="report-add-row">
        <button type="button" className="btn" disabled={busy !== null} data-testid="download-html" onClick={() => void get('html')}>
          {busy === 'html' ? 'Preparing…' : 'Download HTML'}
        </button>
        <button type="button" className="btn" disabled={busy !== null} data-testid="download-pdf" onClick={() => void get('pdf')}>
          {busy === 'pdf' ? 'Printing…' : 'Download PDF'}
        </button>
        <button type="button" className="btn" disabled={busy !== null} data-testid="download-manifest" onClick={() => void get('manifest')}>
          {busy === 'manifest' ? 'Preparing…' : 'Download manifest'}
        </button>
      </div>
      {saved.length ? <p className="muted small">saved {saved.join(', ')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

function Rebuild() {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ReportRebuiltResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await reportApi.rebuild(file));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section className="report-section">
      <h2>Check a report</h2>
      <p className="muted small">Give a report’s manifest: the report is rebuilt from this case and its SHA-256 compared with the one the manifest was written with.</p>
      <button type="button" className="btn" disabled={busy} data-testid="rebuild-pick" onClick={() => input.current?.click()}>
        {busy ? 'Rebuilding…' : 'Rebuild from a manifest…'}
      </button>
      <input ref={input} type="file" hidden accept=".json,application/json" data-testid="rebuild-input" onChange={(e) => void onFile(e.target.files)} />
      {error ? <ErrorNotice error={error} /> : null}
      {result ? (
        <div className={result.identical ? 'notice' : 'notice warn'} role="status" data-testid="rebuild-result" data-identical={result.identical ? 'yes' : 'no'}>
          {result.identical ? 'Identical: ' : 'DIFFERS: '}
          rebuilt SHA-256 <span className="hash">{result.htmlSha256}</span>, the manifest says <span className="hash">{result.expectedSha256 ?? 'none'}</span>.
          {result.changes.length ? (
            <ul>
              {result.changes.map((c, i) => (
                <li key={i} dir="auto">
                  <Untrusted text={c} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

