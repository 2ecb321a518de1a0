import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Account } from '../components/Account';
import { Annotations, useAnnotationsOf } from '../components/Annotations';
import { PendingJobs } from '../components/JobProgress';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { fetchApi, caseChanged, sendApi, type IdentityDecideRequest, type IdentityDecideResponse, type IdentityPersonsResponse, type IdentityReviewResponse, type IdentitySuggestionsResponse, type WireHandleReview, type WireSuggestion } from '../lib/api';
import { num, utc } from '../lib/format';
import { isTyping } from '../lib/keys';
import type { ViewProps } from '../views';
import './identity.css';
import { Untrusted } from '../components/Untrusted';

const PAGE = 200;
const idRef = (id: number) => `#${id}`;

/**
 * People: review identity-resolution suggestions side by side and decide with one key
 * (a accept → merge, r reject, j/k next/previous, u undo the last decision); confirmed persons
 * with their accounts and a split button. Names come from seized phones: text only.
 */
export default function IdentityView(_props: ViewProps) {
  const [list, setList] = useState<IdentitySuggestionsResponse | null>(null);
  const [persons, setPersons] = useState<IdentityPersonsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [index, setIndex] = useState(0);
  const [naming, setNaming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<{ a: number; b: number; what: string }[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    Promise.all([fetchApi('/identity/suggestions', { limit: PAGE }, ac.signal), fetchApi('/identity/persons', {}, ac.signal)]).then(
      ([s, p]) => {
        setList(s);
        setPersons(p);
        setError(null);
        setIndex((i) => Math.max(0, Math.min(i, s.suggestions.length - 1)));
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setError(e);
      },
    );
    return () => ac.abort();
  }, [reload]);

  const current: WireSuggestion | null = list?.suggestions[index] ?? null;

  /** The next page of suggestions, appended (pairs already listed are not repeated). */
  const more = async () => {
    if (!list) return;
    try {
      const next = await fetchApi('/identity/suggestions', { limit: PAGE, offset: list.suggestions.length });
      setList((l) => {
        if (!l) return next;
        const seen = new Set(l.suggestions.map((x) => `${x.a.id}-${x.b.id}`));
        return { ...next, suggestions: [...l.suggestions, ...next.suggestions.filter((x) => !seen.has(`${x.a.id}-${x.b.id}`))] };
      });
    } catch (e) {
      setError(e);
    }
  };

  const decide = useCallback(async (req: IdentityDecideRequest, remember?: { a: number; b: number; what: string }) => {
    setBusy(true);
    try {
      const r = await sendApi('POST', '/identity/decide', {}, req);
      if (remember) {
        setUndo((u) => [...u, remember]);
        // the decided pair leaves the list at once; the recomputed suggestions follow (seconds on a big case)
        setList((l) => (l ? { ...l, total: l.total - 1, suggestions: l.suggestions.filter((x) => !(x.a.id === remember.a && x.b.id === remember.b)) } : l));
      }
      setNote(describe(r));
      caseChanged();
      setReload((x) => x + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);

  const accept = (name: string) => {
    if (!current) return;
    setNaming(null);
    void decide({ action: 'merge', a: idRef(current.a.id), b: idRef(current.b.id), person: name.trim() || undefined }, { a: current.a.id, b: current.b.id, what: 'merge' });
  };
  const reject = () => {
    if (current) void decide({ action: 'reject', a: idRef(current.a.id), b: idRef(current.b.id) }, { a: current.a.id, b: current.b.id, what: 'reject' });
  };
  const undoLast = () => {
    const last = undo.at(-1);
    if (!last) return;
    setUndo((u) => u.slice(0, -1));
    void decide({ action: 'undo', a: idRef(last.a), b: idRef(last.b) });
  };

  // keyboard-first: a r j k u (not while typing, not while a decision is on its way)
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || busy || naming !== null || isTyping(e)) return;
    const n = list?.suggestions.length ?? 0;
    if (e.key === 'j') setIndex((i) => Math.min(i + 1, Math.max(0, n - 1)));
    else if (e.key === 'k') setIndex((i) => Math.max(i - 1, 0));
    else if (e.key === 'a' && current) setNaming('');
    else if (e.key === 'r') reject();
    else if (e.key === 'u') undoLast();
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  if (error && !list) return <div className="view view-identity"><ErrorNotice error={error} /></div>;
  if (!list || !persons)
    return (
      <div className="view view-identity">
        <Loading />
        <PendingJobs kind="identity" />
      </div>
    );
  return (
    <div className="view view-identity" data-testid="identity">
      <header className="identity-head">
        <h1>People</h1>
        <p className="muted small" data-testid="identity-summary">
          {num(list.total)} suggestions at score ≥ {list.threshold} · {num(list.pairsScored)} candidate pairs scored of {num(list.allPairs)} · {num(list.handles)} handles
        </p>
        <p className="small keys-help">
          <kbd>a</kbd> accept (merge) · <kbd>r</kbd> reject · <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>u</kbd> undo last
        </p>
        {note ? <p className="small identity-note" data-testid="identity-note" dir="auto"><Untrusted text={note} /></p> : null}
        {error ? <ErrorNotice error={error} /> : null}
      </header>
      <div className="identity-body">
        <ol className="identity-list panel" data-testid="suggestion-list">
          {list.suggestions.map((s, i) => (
            <li key={`${s.a.id}-${s.b.id}`} className={i === index ? 'current' : undefined}>
              <button type="button" className="btn-ghost suggestion-pick" onClick={() => setIndex(i)} data-testid="suggestion">
                <span className="score">{s.score.toFixed(3)}</span> <Account account={s.a} showRef={false} /> ⇄ <Account account={s.b} showRef={false} />
              </button>
            </li>
          ))}
          {list.suggestions.length === 0 ? <li className="muted">No suggestions left.</li> : null}
          {list.total > list.suggestions.length ? (
            <li>
              <button type="button" className="btn btn-more" onClick={() => void more()} data-testid="more">
                Show more ({num(list.total - list.suggestions.length)} left)
              </button>
            </li>
          ) : null}
        </ol>
        <div className="identity-main">
          {current ? (
            <Review
              key={`${current.a.id}-${current.b.id}`}
              s={current}
              position={`${index + 1} of ${num(list.total)}`}
              busy={busy}
              naming={naming}
              onAsk={() => setNaming('')}
              onAccept={accept}
              onCancel={() => setNaming(null)}
              onReject={reject}
            />
          ) : (
            <p className="panel muted">Nothing to review.</p>
          )}
          <div className="identity-actions">
            <button type="button" className="btn" onClick={() => setIndex((i) => Math.max(i - 1, 0))} disabled={index === 0}>
              ← previous (k)
            </button>
            <button type="button" className="btn" onClick={() => setIndex((i) => Math.min(i + 1, list.suggestions.length - 1))} disabled={index >= list.suggestions.length - 1}>
              next (j) →
            </button>
            <button type="button" className="btn" onClick={undoLast} disabled={undo.length === 0 || busy} data-testid="undo">
              undo last (u)
            </button>
          </div>
          <Persons persons={persons} busy={busy} onSplit={(id) => void decide({ action: 'split', a: idRef(id) })} />
        </div>
      </div>
    </div>
  );
}

function describe(r: IdentityDecideResponse): string {
  const x = r.result;
  switch (x.action) {
    case 'merge':
      return `Merged into person "${x.person.name}" (${x.person.accounts.length} accounts).`;
    case 'reject':
      return `Rejected: ${x.a.ref} and ${x.b.ref} are different people; the pair is not suggested again.`;
    case 'split':
      return `${x.account.ref} taken out of its person.`;
    case 'unreject':
      return x.removed ? `Rejection lifted: ${x.a.ref} / ${x.b.ref}.` : 'No rejection to lift.';
  }
}

function Review(props: {
  s: WireSuggestion;
  position: string;
  busy: boolean;
  naming: string | null;
  onAsk(): void;
  onAccept(name: string): void;
  onCancel(): void;
  onReject(): void;
}) {
  const { s } = props;
  const [r, setR] = useState<IdentityReviewResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetchApi('/identity/review', { a: idRef(s.a.id), b: idRef(s.b.id) }, ac.signal).then(setR, (e: unknown) => {
      if (!ac.signal.aborted) setError(e);
    });
    return () => ac.abort();
  }, [s.a.id, s.b.id]);
  const shared = new Set(r?.shared ?? []);
  const dflt = r ? defaultName(r) : (s.a.displayName ?? s.b.displayName ?? s.a.handle);
  return (
    <section className="panel identity-review" data-testid="review">
      <div className="review-head">
        <h2>
          Score {s.score.toFixed(3)} <span className="muted small">({props.position})</span>
        </h2>
        <div>
          <button type="button" className="btn btn-primary" onClick={props.onAsk} disabled={props.busy} data-testid="accept">
            Accept (a)
          </button>{' '}
          <button type="button" className="btn" onClick={props.onReject} disabled={props.busy} data-testid="reject">
            Reject (r)
          </button>
        </div>
      </div>
      {props.naming !== null ? <NameForm initial={dflt} onAccept={props.onAccept} onCancel={props.onCancel} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="review-sides">
        {r ? (
          <>
            <Side h={r.a} shared={shared} testId="side-a" />
            <Side h={r.b} shared={shared} testId="side-b" />
          </>
        ) : (
          <Loading />
        )}
      </div>
      <h3>Evidence</h3>
      <table className="evidence" data-testid="evidence">
        <thead>
          <tr>
            <th>signal</th>
            <th className="num">weight</th>
            <th className="num">value</th>
            <th className="num">contribution</th>
            <th>what</th>
          </tr>
        </thead>
        <tbody>
          {s.evidence.map((e, i) => (
            <tr key={i} className={e.contribution >= 0 ? 'for' : 'against'}>
              <td>{e.signal}</td>
              <td className="num">{e.weight.toFixed(2)}</td>
              <td className="num">{Number.isInteger(e.value) ? e.value : e.value.toFixed(3)}</td>
              <td className="num">
                {e.contribution >= 0 ? '+' : ''}
                {e.contribution.toFixed(2)}
              </td>
              <td dir="auto">
                {e.summary}
                {e.messages?.length ? (
                  <span className="small">
                    {' '}
                    {e.messages.slice(0, 5).map((m) => (
                      <Link key={m} to={`/m/${m}`} className="msg-link">
                        #{m}
                      </Link>
                    ))}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function defaultName(r: IdentityReviewResponse): string {
  if (r.a.person) return r.a.person.name;
  if (r.b.person) return r.b.person.name;
  const counts = new Map<string, number>();
  for (const n of [...r.a.names, ...r.b.names]) counts.set(n.name, (counts.get(n.name) ?? 0) + n.count);
  const best = [...counts.entries()].sort((x, y) => y[1] - x[1])[0];
  return best?.[0] ?? r.a.account.displayName ?? r.a.account.handle;
}

function NameForm({ initial, onAccept, onCancel }: { initial: string; onAccept(name: string): void; onCancel(): void }) {
  const [name, setName] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAccept(name);
  };
  return (
    <form className="name-form" onSubmit={submit} data-testid="name-form">
      <label>
        Person name{' '}
        <input
          ref={input}
          value={name}
          maxLength={200}
          dir="auto"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
          aria-label="Person name"
        />
      </label>{' '}
      <button type="submit" className="btn btn-primary">
        Merge (Enter)
      </button>{' '}
      <button type="button" className="btn" onClick={onCancel}>
        Cancel (Esc)
      </button>
    </form>
  );
}

function Side({ h, shared, testId }: { h: WireHandleReview; shared: Set<number>; testId: string }) {
  const max = Math.max(1, ...h.hours);
  const facts: [string, ReactNode][] = [
    ['first activity', h.first === null ? '—' : utc(h.first)],
    ['last activity', h.last === null ? '—' : utc(h.last)],
    ['messages sent', num(h.messages)],
  ];
  return (
    <div className="review-side" data-testid={testId}>
      <h3>
        <Account account={h.account} link />
      </h3>
      {h.person ? (
        <p className="small" dir="auto">
          already in person “<Untrusted text={h.person.name} />”
        </p>
      ) : null}
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h4>Names</h4>
      <ul className="names" data-testid="names">
        {h.names.map((n) => (
          <li key={n.name} dir="auto">
            <Untrusted text={n.name} /> <span className="muted small">×{n.count}</span>
          </li>
        ))}
        {h.names.length === 0 ? <li className="muted">none saved</li> : null}
      </ul>
      <h4>Active hours (UTC)</h4>
      <div className="hours" role="img" aria-label={`messages per hour of day: ${h.hours.join(', ')}`} data-testid="hours">
        {h.hours.map((c, i) => (
          <div key={i} className="hour" title={`${String(i).padStart(2, '0')}:00 ${c}`}>
            <div className="hour-bar" style={{ height: `${Math.round((100 * c) / max)}%` }} />
          </div>
        ))}
      </div>
      <div className="hours-axis small muted">
        <span>0</span>
        <span>6</span>
        <span>12</span>
        <span>18</span>
        <span>23</span>
      </div>
      <h4>Contacts</h4>
      <ul className="contacts" data-testid="contacts">
        {h.contacts.map((c) => (
          <li key={c.account.id} className={shared.has(c.account.id) ? 'shared' : undefined} data-shared={shared.has(c.account.id) ? 'yes' : 'no'}>
            <Account account={c.account} /> <span className="muted small">{num(c.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ANNOTATED_PERSONS = 1000;

function Persons({ persons, busy, onSplit }: { persons: IdentityPersonsResponse; busy: boolean; onSplit(id: number): void }) {
  // the first thousand persons carry their tags and notes (the list itself is not paged)
  const annotations = useAnnotationsOf(persons.persons.slice(0, ANNOTATED_PERSONS).map((p) => `person:${p.id}`));
  return (
    <section className="panel identity-persons" data-testid="persons">
      <h2>Confirmed persons</h2>
      {persons.persons.length === 0 ? <p className="muted">None yet: accept a suggestion to make one.</p> : null}
      <ul>
        {persons.persons.map((p, i) => (
          <li key={p.id} data-testid="person">
            <Link to={`/dossier/${encodeURIComponent(`person:${p.id}`)}`} className="person-name">
              <span dir="auto"><Untrusted text={p.name} /></span>
            </Link>{' '}
            <span className="muted small">person {p.id}</span>
            {annotations && i < ANNOTATED_PERSONS ? <Annotations item={`person:${p.id}`} initial={annotations[`person:${p.id}`]} compact /> : null}
            <ul>
              {p.accounts.map((a) => (
                <li key={a.id}>
                  <Account account={a} />{' '}
                  <button type="button" className="btn btn-ghost small" disabled={busy} onClick={() => onSplit(a.id)} data-testid="split">
                    split
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
