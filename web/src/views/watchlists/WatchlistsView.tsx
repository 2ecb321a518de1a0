import { useRef, useState } from 'react';
import { Account } from '../../components/Account';
import { Link } from '../../components/Link';
import { OtherCasesNotice } from '../../components/OtherCases';
import { ErrorNotice, Loading } from '../../components/Notice';
import { Untrusted } from '../../components/Untrusted';
import type { WatchlistAddResponse, WatchRunResponse, WireSavedSearch } from '../../lib/api';
import { num, utc } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { useApi, useCaseGeneration } from '../../lib/useApi';
import type { ViewProps } from '../../views';
import { download, watchApi } from './data';
import { nameFromFile, readState, stateHref } from './state';

/** Problems listed after an upload (the rest are counted). */
const PROBLEMS_SHOWN = 100;

/**
 * Watchlists: upload a list of selectors (phones, PINs, e-mails, IBANs, wallets, containers,
 * vessels, names), see per selector the accounts and messages that match in this case, download
 * the result as CSV. Below: saved searches, run again after every ingest, with their new hits.
 */
export default function WatchlistsView({ params }: ViewProps) {
  const state = readState(params);
  const generation = useCaseGeneration();
  const [reload, setReload] = useState(0);
  const { data: overview, error } = useApi((signal) => watchApi.overview(signal), [generation, reload]);
  const list = state.list ?? overview?.watchlists[0]?.name ?? null;
  return (
    <div className="view view-watchlists">
      <div className="view-head">
        <h1>
          Watchlists
          {overview && overview.newHits > 0 ? (
            <span className="badge" data-testid="new-hits-badge" title="new hits of saved searches since the last ingest">
              {num(overview.newHits)} new
            </span>
          ) : null}
        </h1>
      </div>
      <p className="muted">
        Check a list of selectors from another case against this one: phone numbers in any spelling, PINs and handles, e-mail addresses, IBANs, wallets, container numbers, vessel
        names or IMO numbers, person names (any script). One selector a line; lines that cannot be used are reported by number. Scope: this case.
      </p>
      <Upload onAdded={(name) => (setReload((n) => n + 1), navigate(stateHref({ ...state, list: name })))} />
      {error ? <ErrorNotice error={error} /> : !overview ? <Loading /> : null}
      {overview && overview.watchlists.length > 0 ? (
        <div className="watchlist-tabs" role="tablist" aria-label="Watchlists">
          {overview.watchlists.map((w) => (
            <button
              key={w.name}
              type="button"
              role="tab"
              aria-selected={w.name === list}
              className={w.name === list ? 'seg active' : 'seg'}
              onClick={() => navigate(stateHref({ ...state, list: w.name }))}
            >
              <Untrusted text={w.name} /> <span className="muted">({num(w.selectors)})</span>
            </button>
          ))}
        </div>
      ) : overview ? (
        <div className="empty-note">No watchlist yet: upload one above.</div>
      ) : null}
      {list ? <Result key={`${list}\u0000${generation}\u0000${reload}`} name={list} all={state.all} onRemoved={() => (setReload((n) => n + 1), navigate(stateHref({ list: null, all: false })))} /> : null}
      {overview ? <SavedSearches rows={overview.savedSearches} onChange={() => setReload((n) => n + 1)} /> : null}
    </div>
  );
}

function Upload({ onAdded }: { onAdded: (name: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<WatchlistAddResponse | null>(null);
  const onFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const r = await watchApi.upload(name.trim() || nameFromFile(file.name), file);
      setAdded(r);
      onAdded(r.summary.name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="watch-upload">
      <label className="field">
        <span className="muted">Name</span>
        <input value={name} maxLength={200} placeholder="from the file name" aria-label="Watchlist name" data-testid="watch-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()} data-testid="watch-upload">
        {busy ? 'Checking…' : 'Upload a list…'}
      </button>
      <input ref={input} type="file" hidden accept=".txt,.csv,.tsv,text/plain" data-testid="watch-input" onChange={(e) => void onFile(e.target.files)} />
      {error ? <ErrorNotice error={error} /> : null}
      {added ? (
        <div className="notice" role="status" data-testid="watch-added">
          <strong>
            <Untrusted text={added.summary.name} />
          </strong>
          : {num(added.summary.selectors)} selectors stored
          {added.legacyLines.length ? `; ${num(added.legacyLines.length)} line(s) were not UTF-8 and were read as Windows-1252` : ''}
          {added.problems.length ? `; ${num(added.problems.length)} line(s) refused:` : '.'}
          {added.problems.length ? (
            <ul className="problems" data-testid="watch-problems">
              {added.problems.slice(0, PROBLEMS_SHOWN).map((p) => (
                <li key={p.line}>
                  line {p.line}: <Untrusted text={p.reason} />
                  {p.excerpt ? (
                    <>
                      {' '}
                      <code dir="auto">
                        <Untrusted text={p.excerpt} />
                      </code>
                    </>
                  ) : null}
                </li>
              ))}
              {added.problems.length > PROBLEMS_SHOWN ? <li>… and {num(added.problems.length - PROBLEMS_SHOWN)} more</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Result({ name, all, onRemoved }: { name: string; all: boolean; onRemoved: () => void }) {
  const { data: r, error } = useApi((signal) => watchApi.run(name, all, signal), [name, all]);
  const [csvError, setCsvError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const csv = async () => {
    setCsvError(null);
    try {
      const c = await watchApi.csv(name);
      download(c.filename, c.csv);
    } catch (e) {
      setCsvError(e);
    }
  };
  const remove = async () => {
    if (!confirming) return setConfirming(true);
    try {
      await watchApi.remove(name);
      onRemoved();
    } catch (e) {
      setCsvError(e);
    }
  };
  if (error) return <ErrorNotice error={error} />;
  if (!r) return <Loading what="Matching" />;
  return (
    <section className="watch-result" data-testid="watch-result">
      <div className="view-head">
        <p data-testid="watch-summary">
          {num(r.matched)} of {num(r.selectors)} selectors match in this case ({num(r.elapsedMs)} ms).
          {r.omitted > 0 ? ` ${num(r.omitted)} ${all ? 'more rows are in the CSV' : 'not shown'}.` : ''}
        </p>
        <label className="field">
          <input type="checkbox" checked={all} onChange={(e) => navigate(stateHref({ list: name, all: e.target.checked }), { replace: true })} /> also selectors with no match
        </label>
        <button type="button" className="btn" onClick={() => void csv()} data-testid="watch-csv">
          Download CSV
        </button>
        <button type="button" className="btn" onClick={() => void remove()} onBlur={() => setConfirming(false)} data-testid="watch-remove">
          {confirming ? 'Click again to remove it from the case' : 'Remove'}
        </button>
      </div>
      {csvError ? <ErrorNotice error={csvError} /> : null}
      <OtherCasesNotice hits={r.otherCases.hits} />
      {r.otherCases.limited ? (
        <div className="small muted" data-testid="other-cases-limited">
          Other cases were not asked about this list: you looked up many selectors across cases in the last hour. Try again later.
        </div>
      ) : r.otherCases.available && r.otherCases.skipped > 0 ? (
        <div className="small muted">Other cases were asked about the first selectors of the list only ({num(r.otherCases.skipped)} not asked about).</div>
      ) : null}
      <ResultTable rows={r.rows} />
    </section>
  );
}

function ResultTable({ rows }: { rows: WatchRunResponse['rows'] }) {
  if (rows.length === 0) return <div className="empty-note">No selector matches anything in this case.</div>;
  return (
    <table className="grid" data-testid="watch-rows">
      <thead>
        <tr>
          <th className="num">Line</th>
          <th>Selector</th>
          <th>Type</th>
          <th>Accounts</th>
          <th className="num">Messages</th>
          <th>First messages</th>
          <th>First</th>
          <th>Last</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.line} data-testid="watch-row">
            <td className="num">{x.line}</td>
            <td dir="auto">
              <Untrusted text={x.raw} />
              {x.raw !== x.value ? (
                <div className="muted small mono" dir="auto">
                  <Untrusted text={x.value} />
                </div>
              ) : null}
              {x.note ? (
                <div className="muted small" dir="auto">
                  <Untrusted text={x.note} />
                </div>
              ) : null}
            </td>
            <td>{x.type}</td>
            <td className="accounts">
              {x.accounts.slice(0, 5).map((a) => (
                <div key={a.id}>
                  <Account account={a} link />
                </div>
              ))}
              {x.accountsTotal > 5 ? <span className="muted">and {num(x.accountsTotal - 5)} more</span> : null}
            </td>
            <td className="num">{num(x.messages)}</td>
            <td className="mono small">
              {x.ids.map((id) => (
                <Link key={id} to={`/m/${id}`} className="msg-link">
                  #{id}{' '}
                </Link>
              ))}
            </td>
            <td className="nowrap">{x.first !== null ? <time dateTime={new Date(x.first).toISOString()}>{utc(x.first)}</time> : null}</td>
            <td className="nowrap">{x.last !== null ? <time dateTime={new Date(x.last).toISOString()}>{utc(x.last)}</time> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SavedSearches({ rows, onChange }: { rows: WireSavedSearch[]; onChange: () => void }) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    try {
      await watchApi.saveSearch({ name: name.trim(), query: query.trim() });
      setName('');
      setQuery('');
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (n: string) => {
    try {
      await watchApi.removeSearch(n);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="saved-searches" data-testid="saved-searches">
      <h2>Saved searches</h2>
      <p className="muted">Run again after every ingest; the hits no earlier run had are flagged as new. Filters go in the query (from:, after:, lang:, entity:, …).</p>
      <form
        className="watch-upload"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input value={name} maxLength={200} placeholder="name" aria-label="Saved search name" data-testid="saved-name" onChange={(e) => setName(e.target.value)} />
        <input value={query} maxLength={2000} placeholder="query, e.g. kontejner from:skyecc:AAA111" aria-label="Saved search query" data-testid="saved-query" onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn" disabled={!name.trim() || !query.trim()} data-testid="saved-save">
          Save search
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
      {rows.length === 0 ? <div className="empty-note">No saved searches.</div> : null}
      {rows.map((s) => (
        <div key={s.name} className="saved-search" data-testid="saved-search">
          <div>
            <strong dir="auto">
              <Untrusted text={s.name} />
            </strong>{' '}
            <Link to={href('/search', { q: s.query, mode: s.mode === 'exact' ? 'exact' : undefined })} className="mono" dir="auto">
              <Untrusted text={s.query} />
            </Link>{' '}
            {s.error ? (
              <span className="notice-error" role="alert" data-testid="saved-error">
                cannot run: <Untrusted text={s.error.message} /> <code>{s.error.code}</code>
              </span>
            ) : (
              <span className="muted">
                {num(s.hits)} hits{s.lastRunAt ? `, last run ${utc(s.lastRunAt)}` : ''}
                {s.newHits > 0 ? (
                  <span className="badge" data-testid="saved-new">
                    {num(s.newHits)} new
                  </span>
                ) : (
                  ', nothing new'
                )}
              </span>
            )}{' '}
            <button type="button" className="btn btn-small" onClick={() => void remove(s.name)}>
              Remove
            </button>
          </div>
          {s.newHitList.length > 0 ? (
            <ul className="new-hits">
              {s.newHitList.map((h) => (
                <li key={h.id}>
                  <Link to={`/m/${h.id}`} className="msg-link">
                    {utc(h.ts)}
                  </Link>{' '}
                  <Account account={h.sender} />:{' '}
                  <span dir="auto">
                    <Untrusted text={h.snippet.text} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}
