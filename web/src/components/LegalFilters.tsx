import { useState, type FormEvent } from 'react';
import { caseChanged, fetchApi, sendApi } from '../lib/api';
import { num, utc } from '../lib/format';
import { useApi } from '../lib/useApi';
import { IsoDateInput } from './IsoDateInput';
import { ErrorNotice, Loading } from './Notice';
import { Untrusted } from './Untrusted';

type Filter = Awaited<ReturnType<typeof fetchApi<'/legal-filters'>>>['filters'][number];
type Kind = Filter['kind'];
type By = 'accounts' | 'threads' | 'window' | 'query';

const KINDS: { id: Kind; title: string }[] = [
  { id: 'privileged', title: 'Privileged (e.g. lawyer–client)' },
  { id: 'outside_period', title: 'Outside the authorised period' },
];
const BY: { id: By; title: string }[] = [
  { id: 'accounts', title: 'Accounts' },
  { id: 'threads', title: 'Conversations (ids)' },
  { id: 'window', title: 'Time window (UTC days)' },
  { id: 'query', title: 'Search (evaluated now, fixed)' },
];
const DAY_MS = 86_400_000;

/** What a filter selects, in words (its references and labels are rendered as text). */
function Selection({ f }: { f: Filter }) {
  const s = f.selection;
  if ('accounts' in s)
    return (
      <>
        accounts{' '}
        {(f.accountRefs ?? s.accounts.map(String)).map((r, i) => (
          <span key={i} className="mono" dir="auto">
            {i > 0 ? ', ' : ''}
            <Untrusted text={r} />
          </span>
        ))}
      </>
    );
  if ('threads' in s) return <>conversations {s.threads.map((t) => `#${t}`).join(', ')}</>;
  if ('window' in s) return <>from {utc(s.window.from)} to {utc(s.window.to)} (UTC, the end excluded)</>;
  return (
    <>
      search{' '}
      <code dir="auto">
        <Untrusted text={s.query} />
      </code>
      {f.evaluatedAt !== null ? `: ${num(f.fixedMessages ?? 0)} messages, fixed ${utc(f.evaluatedAt)}` : ''}
    </>
  );
}

/**
 * Legal filters (team server, owners of the case only; docs/team.md): sets of messages marked
 * privileged or outside the authorised period, hidden from every user of the case who is not
 * granted the filter, the owner included. Lists them with who is granted each; adds, removes,
 * grants and revokes (each change is in the audit log).
 */
export function LegalFilters() {
  const { data, error } = useApi((signal) => fetchApi('/legal-filters', {}, signal), []);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<Kind>('privileged');
  const [by, setBy] = useState<By>('accounts');
  const [label, setLabel] = useState('');
  const [text, setText] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [grantTo, setGrantTo] = useState<Record<number, string>>({});

  const change = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await f();
      // the list, and what the workspace shows this user, may have changed: every view loads again
      caseChanged();
      return true;
    } catch (e) {
      setFailure(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const selection = () => {
    const words = text
      .split(/[\n,]/)
      .map((w) => w.trim())
      .filter(Boolean);
    if (by === 'accounts') return { accounts: words };
    if (by === 'threads') return { threads: words.map(Number) };
    if (by === 'query') return { query: text.trim() };
    return { from: from ? Date.parse(`${from}T00:00:00Z`) : Number.NaN, to: to ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Number.NaN };
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await change(() => sendApi('POST', '/legal-filters', {}, { kind, label: label.trim(), ...selection() }));
    if (ok) {
      setLabel('');
      setText('');
    }
  };

  return (
    <section className="panel legal-filters" data-testid="legal-filters">
      <h2>Legal filters</h2>
      <p className="small muted">
        Messages marked here vanish for every user of the case who is not granted the filter, you included: from every view, count, network measure and report. A filter by
        account also hides the account&apos;s calls, events and locations; a time window, those of its time. Each change is recorded in the audit log.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        data.filters.length === 0 ? (
          <div className="empty-note">No legal filters on this case.</div>
        ) : (
          <table className="grid" data-testid="legal-filter-rows">
            <thead>
              <tr>
                <th>#</th>
                <th>Kind</th>
                <th>Label</th>
                <th>Selects</th>
                <th>Granted to</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.filters.map((f) => (
                <tr key={f.id} data-testid="legal-filter" data-filter={f.id}>
                  <td className="num">{f.id}</td>
                  <td>{f.kind === 'privileged' ? 'privileged' : 'outside period'}</td>
                  <td dir="auto" data-testid="legal-filter-label">
                    <Untrusted text={f.label} />
                  </td>
                  <td className="small">
                    <Selection f={f} />
                  </td>
                  <td className="small">
                    {f.grantees.length === 0 ? <span className="muted">nobody</span> : null}
                    {f.grantees.map((g) => (
                      <span key={g} className="tag" data-testid="legal-grantee">
                        <Untrusted text={g} />{' '}
                        <button type="button" className="btn" disabled={busy} title="Revoke" aria-label={`revoke from ${g}`} onClick={() => void change(() => sendApi('DELETE', '/legal-filters/:id/grants/:user', { id: f.id, user: g }, undefined))}>
                          ×
                        </button>
                      </span>
                    ))}
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const user = (grantTo[f.id] ?? '').trim();
                        if (user) void change(() => sendApi('POST', '/legal-filters/:id/grants', { id: f.id }, { user })).then((ok) => ok && setGrantTo((g) => ({ ...g, [f.id]: '' })));
                      }}
                    >
                      <input
                        placeholder="user name"
                        size={14}
                        maxLength={64}
                        value={grantTo[f.id] ?? ''}
                        onChange={(e) => setGrantTo((g) => ({ ...g, [f.id]: e.target.value }))}
                        aria-label={`grant filter ${f.id} to`}
                        data-testid="legal-grant-user"
                      />{' '}
                      <button type="submit" className="btn" disabled={busy} data-testid="legal-grant">
                        Grant
                      </button>
                    </form>
                  </td>
                  <td>
                    <button type="button" className="btn" disabled={busy} data-testid="legal-remove" onClick={() => void change(() => sendApi('DELETE', '/legal-filters/:id', { id: f.id }, undefined))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}

      <form className="legal-add" onSubmit={(e) => void add(e)} data-testid="legal-add">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="legal-kind">
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.title}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Label <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} size={28} required data-testid="legal-label" />
        </label>{' '}
        <label>
          By{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as By)} data-testid="legal-by">
            {BY.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>{' '}
        {by === 'window' ? (
          <>
            <label>
              from <IsoDateInput value={from} onChange={setFrom} data-testid="legal-from" />
            </label>{' '}
            <label>
              to <IsoDateInput value={to} onChange={setTo} data-testid="legal-to" />
            </label>
          </>
        ) : (
          <input
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
            size={36}
            maxLength={by === 'query' ? 2000 : 20_000}
            required
            placeholder={by === 'accounts' ? 'references or handles, comma-separated' : by === 'threads' ? 'conversation ids, comma-separated' : 'a search query'}
            aria-label="what the filter selects"
            data-testid="legal-select"
          />
        )}{' '}
        <button type="submit" className="btn btn-primary" disabled={busy || label.trim() === ''} data-testid="legal-add-submit">
          Add filter
        </button>
      </form>
      {failure ? <ErrorNotice error={failure} /> : null}
    </section>
  );
}
